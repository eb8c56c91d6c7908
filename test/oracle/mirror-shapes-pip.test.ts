// Differential test of the wheels check against real pip (python 3.11's pip 23.2.1) on mirrors shaped
// as real servers shape them: the same files listed by nginx's autoindex, Apache's mod_autoindex
// (FancyIndexing table and `<pre>`, plain list: sort links, icons, a Parent Directory link, `+` left as
// is), Python's http.server (`+` as %2B), a simple project page given as the find-links URL (PEP 691
// JSON to pip's Accept and ours), and listings labelled as static hosts label them (an S3 bucket's
// XML, text/plain, no type), which pip skips. Names as old mirrors hold them: upper case, a local
// version, build tags, a legacy egg (pip skips it: our finding names it, as pip -vv does). And listings in the charset their Content-Type names (Latin-1,
// windows-1252, UTF-8 by default), where a file name that is not ASCII is the one pip requests, and
// those pip 22+ cannot decode (a charset Python does not know, bytes that are not the charset's, a
// `<meta charset>` pip does not read), where pip stops. `pip download --no-deps --no-index
// --find-links <url> NAME==V` downloads the file our choice names, exactly when our cell passes; a
// listing pip skips or cannot decode is our cell `error` (an index-error in pip's words), never a
// pass. All pip runs happen in ONE python process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { CHECKS, runChecks } from '../../src/checks/index.js';
import { selectFile } from '../../src/checks/wheels/index.js';
import { createIndexClient, emptySnapshot } from '../../src/index/index.js';
import { buildInventory } from '../../src/inventory/index.js';
import { normalizeName } from '../../src/names/index.js';
import { makeTarget } from '../../src/targets/index.js';
import { buildProjects, type BuiltFile } from '../support/distributions.js';
import type { AutoindexStyle } from '../support/index-pages.js';
import { startIndexServer, type IndexServer, type IndexServerOptions } from '../support/index-server.js';
import { PIP_ENV } from '../support/pip-run.js';
import { requirePython } from '../support/pythons.js';

const PINS = ['six==1.16.0', 'Foo_Bar==1.0', 'localpkg==1.0+mozilla.1', 'buildtag==2.0', 'eggpkg==1.0'];

async function mirrorFiles(): Promise<BuiltFile[]> {
  const built = await buildProjects([
    { name: 'six', releases: [{ version: '1.16.0' }] },
    { name: 'Foo_Bar', releases: [{ version: '1.0' }] },
    { name: 'localpkg', releases: [{ version: '1.0+mozilla.1' }] },
    { name: 'buildtag', releases: [{ version: '2.0', files: [{ kind: 'wheel', build: '1' }, { kind: 'wheel', build: '2' }] }] },
    { name: 'eggpkg', releases: [{ version: '1.0' }] },
  ]);
  // bdist_wheel before 0.41 kept the name's case; eggpkg is on the mirror as an egg only.
  return built.flatMap((f) => {
    if (f.filename === 'foo_bar-1.0-py2.py3-none-any.whl') return [{ ...f, filename: 'Foo_Bar-1.0-py2.py3-none-any.whl' }];
    if (f.project === 'eggpkg') return [{ ...f, filename: 'eggpkg-1.0-py3.6.egg' }];
    return [f];
  });
}

// Wheels whose build tags are not ASCII (pip reads any build tag that starts with a digit): on a
// listing they are written in the page's charset, and requested by the name decoded from it.
const ACCENTED = ['accent-1.0-1\u00e9-py3-none-any.whl', 'accent-1.0-1\u20ac-py3-none-any.whl'] as const;

async function accentedFiles(): Promise<BuiltFile[]> {
  const [wheel] = await buildProjects([{ name: 'accent', releases: [{ version: '1.0' }] }]);
  if (!wheel) throw new Error('unreachable');
  return ACCENTED.map((filename) => ({ ...wheel, filename }));
}

interface Shape {
  name: string;
  server: Partial<IndexServerOptions>;
  /** The find-links URL on that server. */
  url: (s: IndexServer) => string;
  /** pip reads no file from this listing: our cell must be an error, of index-errors only. */
  unread?: true;
  /** Serves the accented wheels and asks for `accent==1.0` (else the mirror's files and PINS). */
  accented?: true;
}

/** A listing of one accented wheel, its bytes in `charset`, labelled `contentType`. */
function charsetShape(name: string, contentType: string, filename: string, charset: 'latin1' | 'cp1252' | 'utf8', unread?: true, head = ''): Shape {
  const bytes = charset === 'cp1252' ? Buffer.from(filename.replace('\u20ac', '\u0080'), 'latin1') : Buffer.from(filename, charset);
  const body = Buffer.concat([Buffer.from(`<html><head>${head}</head><body><a href="`), bytes, Buffer.from('">x</a></body></html>')]);
  return { name: `charset: ${name}`, server: { findLinks: true, faults: [{ path: '/links/', kind: 'body', body, contentType }] }, url: (s) => s.findLinksUrl, accented: true, ...(unread ? { unread } : {}) };
}

const STYLES: AutoindexStyle[] = ['nginx', 'apache-table', 'apache-pre', 'apache-list', 'http.server'];
const [LATIN1, EURO] = ACCENTED;
const CHARSETS: Shape[] = [
  charsetShape('Latin-1', 'text/html; charset=ISO-8859-1', LATIN1, 'latin1'),
  charsetShape('windows-1252', 'text/html; charset=windows-1252', EURO, 'cp1252'),
  charsetShape('UTF-8 by default', 'text/html', LATIN1, 'utf8'),
  charsetShape('a charset Python does not know', 'text/html; charset=x-nope', LATIN1, 'latin1', true),
  charsetShape('Latin-1 bytes labelled UTF-8', 'text/html; charset=utf-8', LATIN1, 'latin1', true),
  charsetShape('a <meta charset> pip does not read', 'text/html', LATIN1, 'latin1', true, '<meta charset="iso-8859-1">'),
];
const SHAPES: Shape[] = [
  ...STYLES.map((style) => ({ name: style, server: { findLinks: true, autoindex: style }, url: (s: IndexServer) => s.findLinksUrl })),
  { name: 'project page (JSON)', server: {}, url: (s) => `${s.indexUrl}buildtag/` },
  ...(['application/xml', 'text/plain', null] as const).map((type): Shape => ({ name: `listing as ${type ?? 'no type'}`, server: { findLinks: true, pageContentType: type }, url: (s) => s.findLinksUrl, unread: true })),
  ...CHARSETS,
];

test('wheels agrees with pip download on mirrors shaped as nginx, Apache, http.server, a JSON project page and static hosts list them, in their charsets', { timeout: 300_000 }, async (t) => {
  const python = requirePython('3.11', t);
  if (!python) return;
  const work = mkdtempSync(join(tmpdir(), 'pyup-shapes-oracle-'));
  const servers: IndexServer[] = [];
  try {
    const [files, accented] = await Promise.all([mirrorFiles(), accentedFiles()]);
    const target = makeTarget('3.11', 'linux');
    const inventoryOf = (pins: readonly string[]) => buildInventory([{ path: 'modules/m/files/requirements.txt', text: `${pins.join('\n')}\n` }], { configFor: () => ({ pythons: ['3.11'], platforms: ['linux'] }) });
    const runs: Array<{ key: string; shape: Shape; args: string[]; dest: string; ours: { pick: string | null; status: string; codes: string[]; eggs: string[]; messages: string } }> = [];
    for (const shape of SHAPES) {
      const pins = shape.accented ? ['accent==1.0'] : PINS;
      const inventory = inventoryOf(pins);
      const s = await startIndexServer({ projects: shape.accented ? accented : files, ...shape.server });
      servers.push(s);
      const url = shape.url(s);
      // The index is the same server: a pin the mirror lacks is then missing-on-mirror, a fail.
      const client = createIndexClient({ indexUrl: s.indexUrl, findLinks: [url], cacheDir: null, retryBaseMs: 1 });
      const out = await runChecks(CHECKS.filter((c) => c.id === 'wheels'), inventory, emptySnapshot(), (needs, into) => client.fetchNeeds(needs, into), undefined, { mirrors: [{ url, pythons: null }] });
      const status = out.results[0]?.status ?? 'missing';
      for (const pin of pins) {
        const [project = '', version = ''] = pin.split('==');
        const name = normalizeName(project);
        const state = out.snapshot.mirror.get(name);
        const selection = selectFile(state?.status === 'ok' ? state.page.files : [], name, { specifier: `==${version}`, allowSdist: true }, target);
        const pick = selection.chosen?.file.filename ?? null;
        const errors = out.findings.filter((f) => f.package === name && f.severity === 'error');
        const codes = errors.map((f) => f.code);
        // Eggs our choice names: pip, asked with -vv, must say it skipped each (its debug line names the URL).
        const eggs = selection.rejected.filter((r) => r.reason === 'egg').map((r) => r.file.url);
        const dest = join(work, `${runs.length}`);
        const messages = errors.map((f) => `${f.message}\n${f.suggestion?.text ?? ''}`).join('\n');
        runs.push({ key: `${shape.name} ${pin}`, shape, dest, ours: { pick, status, codes, eggs, messages }, args: ['download', '--no-deps', '--no-index', '--find-links', url, '-d', dest, ...(eggs.length > 0 ? ['-vv'] : []), pin] });
      }
    }
    const resultFile = join(work, 'results.json');
    const script = new URL('./wheels_pip_oracle.py', import.meta.url).pathname;
    const proc = await execa(python, [script, resultFile], { input: JSON.stringify(runs.map((r) => ({ args: r.args, dest: r.dest }))), env: { ...PIP_ENV, PIP_CACHE_DIR: join(work, 'pip-cache') }, reject: false, timeout: 240_000 });
    assert.equal(proc.exitCode, 0, proc.stderr.slice(-2000));
    const pip = JSON.parse(readFileSync(resultFile, 'utf8')) as Array<{ code: number; files: string[] }>;
    const disagreements: string[] = [];
    const tally = { installed: 0, none: 0, unreadListing: 0, accentedInstalled: 0, eggsNamed: 0 };
    runs.forEach((r, i) => {
      const p = pip[i];
      if (!p) throw new Error(`no pip result for ${r.key}`);
      const pipPick = p.code === 0 ? (p.files[0] ?? '?') : null;
      if (pipPick !== r.ours.pick) disagreements.push(`${r.key}: pip ${pipPick ?? 'finds nothing'}, ours ${r.ours.pick ?? 'nothing'}`);
      // The verdict: an error finding exactly where pip fails; a listing pip skips or cannot decode is an index-error.
      if ((pipPick === null) !== (r.ours.codes.length > 0)) disagreements.push(`${r.key}: pip ${pipPick ?? 'fails'}, our findings ${r.ours.codes.join(',') || 'none'}`);
      if (r.shape.unread && (r.ours.status !== 'error' || !r.ours.codes.every((c) => c === 'index-error'))) disagreements.push(`${r.key}: an unread listing must be an error cell, got ${r.ours.status} ${r.ours.codes.join(',')}`);
      if (pipPick !== null) tally.installed++;
      else tally.none++;
      if (r.shape.unread) tally.unreadListing++;
      if (r.shape.accented && pipPick !== null) tally.accentedInstalled++;
      // A release of eggs only: pip skips each ("unsupported archive format: .egg"), and our finding names it and why.
      for (const egg of r.ours.eggs) {
        const filename = egg.slice(egg.lastIndexOf('/') + 1);
        if (!proc.stdout.includes(`Skipping link: unsupported archive format: .egg: ${egg}`)) disagreements.push(`${r.key}: pip did not say it skipped ${egg}`);
        if (!r.ours.messages.includes(`${filename} (unsupported archive format: .egg; pip does not install eggs)`) || !r.ours.messages.includes(`pip does not install eggs (${filename}`)) disagreements.push(`${r.key}: our findings do not name ${filename} and why: ${r.ours.messages}`);
        tally.eggsNamed++;
      }
    });
    t.diagnostic(`${runs.length} pip runs over ${SHAPES.length} shapes: ${tally.installed} installed (${tally.accentedInstalled} by a name that is not ASCII), ${tally.none} found nothing (${tally.unreadListing} on listings pip skips or cannot decode; ${tally.eggsNamed} eggs named, each skipped by pip)`);
    assert.deepEqual(disagreements, []);
    // Every listing style must serve the four installable pins, and every decodable charset its wheel, or agreement means little.
    assert.equal(tally.installed, STYLES.length * 4 + 1 + 3, JSON.stringify(tally));
    assert.equal(tally.accentedInstalled, 3, JSON.stringify(tally));
    // The egg-only pin on every listing style.
    assert.equal(tally.eggsNamed, STYLES.length, JSON.stringify(tally));
  } finally {
    await Promise.all(servers.map((s) => s.close()));
    rmSync(work, { recursive: true, force: true });
  }
});
