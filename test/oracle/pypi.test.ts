// Differential test of src/pypi against pip 24.2 (python 3.13) and the stdlib: core metadata of every
// installed distribution (email.parser), egg-info requires.txt (importlib.metadata), Requires-Python
// (pip's check_requires_python) and simple pages (pip's parse_links / Link.from_json). One python process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { normalizeName } from '../../src/names/index.js';
import { fileRequiresPythonOk, parseCoreMetadata, parseRequiresTxt, parseSimpleHtml, parseSimpleJson, safeFilename, type ProjectFile } from '../../src/pypi/index.js';
import { findPython, requirePython, sitePackages } from '../support/pythons.js';
import { buildProjects } from '../support/distributions.js';
import { projectHtml, projectJson } from '../support/index-pages.js';

const ORACLE = fileURLToPath(new URL('./pypi_oracle.py', import.meta.url));

/** Every METADATA / PKG-INFO installed in the oracle pythons' site-packages (real-world metadata). */
function installedMetadata(): string[] {
  const texts = new Set<string>();
  for (const minor of ['2.7', '3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13']) {
    const python = findPython(minor);
    if (!python) continue;
    for (const sp of sitePackages(python)) {
      for (const d of readdirSync(sp)) {
        const file = d.endsWith('.dist-info') ? join(sp, d, 'METADATA') : d.endsWith('.egg-info') ? join(sp, d, 'PKG-INFO') : null;
        if (file && existsSync(file)) texts.add(readFileSync(file, 'utf8'));
      }
    }
  }
  return [...texts];
}

const REQUIRES = [
  'six>=1.9\nrequests\n',
  'six\n\n[rsa]\npyasn1\n\n[cryptography]\ncryptography>=3.4.0\n',
  '[:python_version < "3"]\nfutures\n\n[ec:python_version < "3"]\necdsa\n',
  '[:sys_platform == "win32"]\npywin32 @ https://h.example/p.whl\n',
  '[docs]\n\n[test]\npytest\n',
  'a\n[Extra-Name]\nb\n[:python_version >= "3.6" and platform_system != "Windows"]\nc\n',
];

const REQUIRES_PYTHON: Array<[string, string]> = [];
for (const spec of ['>=3.6', '>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*', '~=3.7', '<3.11', '==3.6.*', '>3.6', 'not a spec', '>=3.6.*', '>= 3.6', '', '==2.7', '!=3.11.7', '>=3.8,<4', '>=3', '===3.6.15'])
  for (const py of ['2.7.18', '3.3.7', '3.6.15', '3.7.16', '3.11.7', '3.13.0']) REQUIRES_PYTHON.push([spec, py]);

const H = 'e'.repeat(64);
const HTML_PAGES: Array<[string, string]> = [
  [
    `<html><body><a href="../../f/a-1.0-py3-none-any.whl#sha256=${H}" data-requires-python="&gt;=3.6" data-yanked="" data-core-metadata="sha256=${H}">a</a>` +
      `<a href="/f/a-1.1.tar.gz#md5=abcd" data-yanked="bad &lt;reason&gt;" data-dist-info-metadata="true">b</a>` +
      `<a href="https://other.example/x/a-1.2.zip?x=1#egg=a&sha256=${H}">c</a></body></html>`,
    'https://idx.example/simple/a/',
  ],
  ['<base href="https://mirror.example/dl/"><A HREF="a-2.0.tar.gz">x</A><a href="sub/a-2.1.zip">y</a>', 'https://idx.example/simple/a/'],
  ['<a href="a%2B1-1.0.tar.gz">x</a><a href="a-1.0%2Blocal-py3-none-any.whl">y</a>', 'https://idx.example/simple/a/'],
];

function comparable(f: ProjectFile): Record<string, unknown> {
  return {
    url: f.url,
    filename: f.filename,
    sha256: f.hashes['sha256'] ?? null,
    requiresPython: f.requiresPython,
    yanked: f.yanked,
    coreMetadata: f.coreMetadata === false ? null : (f.coreMetadata.hashes['sha256'] ?? null),
  };
}

interface PipLink {
  url: string;
  filename: string;
  hashes: Record<string, string>;
  requiresPython: string | null;
  yanked: string | null;
  coreMetadata: Record<string, string> | null;
}

function comparablePip(l: PipLink): Record<string, unknown> {
  return { url: l.url, filename: l.filename, sha256: l.hashes['sha256'] ?? null, requiresPython: l.requiresPython, yanked: l.yanked, coreMetadata: l.coreMetadata === null ? null : (l.coreMetadata['sha256'] ?? null) };
}

test('src/pypi agrees with pip 24.2 and the stdlib', async (t) => {
  const python = requirePython('3.13', t);
  if (!python) return;
  // one hand-written 2.2 METADATA so that Dynamic is compared whatever is installed
  const metadata = [...installedMetadata(), 'Metadata-Version: 2.2\nName: dyn\nVersion: 1.0\nDynamic: Requires-Dist\nDynamic: License\n\nbody\n'];
  const built = await buildProjects([
    { name: 'Python_Jose', releases: [{ version: '3.0.0', requiresPython: '>=2.7, <4', yanked: 'x "y" <z>' }, { version: '3.1.0', yanked: true, files: [{ kind: 'wheel' }, { kind: 'sdist' }] }] },
  ]);
  const pageUrl = 'http://127.0.0.1:1/simple/python-jose/';
  const ctx = { filesHref: '../../files/', pep658: true };
  const htmlPages = [...HTML_PAGES, [projectHtml('Python_Jose', built, ctx), pageUrl] as [string, string]];
  const jsonPages: Array<[unknown, string]> = [[JSON.parse(projectJson('Python_Jose', built, ['3.0.0', '3.1.0'], ctx)), pageUrl]];
  const input = { metadata, requires: REQUIRES, requiresPython: REQUIRES_PYTHON, html: htmlPages, json: jsonPages };
  const r = await execa(python, [ORACLE], { input: JSON.stringify(input), reject: false, maxBuffer: 200_000_000 });
  assert.equal(r.exitCode, 0, String(r.stderr));
  const out = JSON.parse(String(r.stdout)) as {
    metadata: Array<Record<string, unknown>>;
    requires: string[][];
    requiresPython: boolean[];
    html: PipLink[][];
    json: PipLink[][];
  };

  assert.ok(metadata.length > 50, `only ${metadata.length} installed METADATA files found`);
  for (const key of ['metadata', 'requires', 'requiresPython', 'html', 'json'] as const) {
    assert.equal(out[key].length, input[key].length, `the oracle answered every ${key} input`);
  }
  const nullish = (v: unknown): unknown => (v === 'UNKNOWN' || v === '' ? null : v);
  let compared = 0;
  let withDynamic = 0;
  metadata.forEach((text, i) => {
    const want = out.metadata[i] ?? {};
    const got = parseCoreMetadata(text);
    const urls = (want['projectUrls'] as string[]).map((u) => {
      const c = u.indexOf(',');
      return c < 0 ? { label: '', url: u.trim() } : { label: u.slice(0, c).trim(), url: u.slice(c + 1).trim() };
    });
    assert.deepEqual(
      { ...got, dynamic: got.dynamic ?? [] },
      {
        metadataVersion: want['metadataVersion'],
        name: want['name'],
        version: want['version'],
        requiresDist: want['requiresDist'],
        requiresPython: nullish(want['requiresPython']),
        providesExtra: want['providesExtra'],
        summary: nullish(want['summary']),
        homePage: nullish(want['homePage']),
        projectUrls: urls,
        dynamic: want['dynamic'],
      },
      `${String(want['name'])} ${String(want['version'])}`,
    );
    compared++;
    if ((got.dynamic ?? []).length > 0) withDynamic++;
  });
  assert.ok(withDynamic > 0, 'Dynamic was compared');
  t.diagnostic(`core metadata: ${compared} distributions (${withDynamic} with Dynamic) agree with email.parser`);

  REQUIRES.forEach((text, i) => assert.deepEqual(parseRequiresTxt(text), out.requires[i], text));
  t.diagnostic(`requires.txt: ${REQUIRES.length} agree with importlib.metadata`);

  // both verdicts occur, so a rule that always admits (or never does) cannot pass
  assert.deepEqual([...new Set(out.requiresPython)].sort(), [false, true]);
  REQUIRES_PYTHON.forEach(([spec, py], i) => {
    const file: ProjectFile = { filename: 'a-1.zip', url: 'https://h/a-1.zip', hashes: {}, requiresPython: spec, yanked: null, coreMetadata: false, size: null, source: '' };
    assert.equal(fileRequiresPythonOk(file, py), out.requiresPython[i], `${JSON.stringify(spec)} on ${py}`);
  });
  t.diagnostic(`Requires-Python: ${REQUIRES_PYTHON.length} agree with pip's check_requires_python`);

  const name = normalizeName('a');
  let links = 0;
  htmlPages.forEach(([html, url], i) => {
    const ours = parseSimpleHtml(html, url, name).files.map(comparable);
    // we drop what pip keeps but must not be used (non-http(s) schemes, unsafe names); compare the rest
    const pip = (out.html[i] ?? []).filter((l) => /^https?:/.test(l.url) && safeFilename(l.url) !== null).map(comparablePip);
    assert.ok(pip.length > 0, `html page ${i}: pip found links to compare`);
    assert.deepEqual(ours, pip, `html page ${i}`);
    links += pip.length;
  });
  jsonPages.forEach(([body, url], i) => {
    const pip = (out.json[i] ?? []).map(comparablePip);
    assert.ok(pip.length > 0, `json page ${i}: pip found links to compare`);
    assert.deepEqual(parseSimpleJson(body, url).files.map(comparable), pip, `json page ${i}`);
    links += pip.length;
  });
  t.diagnostic(`pages: ${htmlPages.length} HTML and ${jsonPages.length} JSON (${links} links) agree with pip's parse_links / Link.from_json`);
});
