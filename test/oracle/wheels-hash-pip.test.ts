// Differential test of hash-checking mode against real pip (python 3.11's pip 23.2.1): hashed
// requirements files × targets (linux and macOS, CPython 3.9 and 3.11) × listings (the index's files
// with and without `#sha256=` fragments, a mirror with a mirror-only macOS wheel without and with
// them). `pip download --no-deps --only-binary=:all: --platform … --python-version … --no-index
// --find-links <page> -r <file>` succeeds exactly where our wheels cell passes, and fails with
// HashMismatch / HashMissing / HashUnpinned exactly where we report hash-mismatch / hash-missing /
// hash-unpinned. Mirror digests without fragments come from the real index client reading the files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { CHECKS, runChecks } from '../../src/checks/index.js';
import { createIndexClient, emptySnapshot } from '../../src/index/index.js';
import { buildInventory } from '../../src/inventory/index.js';
import { makeTarget, targetTags } from '../../src/targets/index.js';
import type { Target } from '../../src/targets/index.js';
import { buildProjects, writeFindLinksDir } from '../support/distributions.js';
import type { BuiltFile } from '../support/distributions.js';
import { PIP_ENV } from '../support/pip-run.js';
import { requirePython } from '../support/pythons.js';

const TARGETS: Array<[string, string]> = [['3.9', 'linux'], ['3.11', 'linux'], ['3.9', 'macos-x86_64'], ['3.11', 'macos-x86_64']];
const CODES: Record<string, string> = { 'hash-mismatch': 'HashMismatch', 'hash-missing': 'HashMissing', 'hash-unpinned': 'HashUnpinned' };

function pipTargetArgs(target: Target): string[] {
  const tags = targetTags(target);
  const abis = [...new Set(tags.filter((t) => t.interpreter.startsWith('cp') && t.abi !== 'abi3' && t.abi !== 'none').map((t) => t.abi))];
  const platforms = [...new Set(tags.map((t) => t.platform).filter((p) => p !== 'any'))];
  return ['--python-version', target.pythonFull, '--implementation', 'cp', ...abis.flatMap((a) => ['--abi', a]), ...platforms.flatMap((p) => ['--platform', p])];
}

function page(files: BuiltFile[], fragments: boolean): string {
  const anchors = files.map((f) => `<a href="${encodeURIComponent(f.filename)}${fragments ? `#sha256=${f.sha256}` : ''}">${f.filename}</a><br>`);
  return `<!DOCTYPE html><html><body>\n${anchors.join('\n')}\n</body></html>\n`;
}

test('hash-checking mode agrees with pip download: same pass/fail, same Hash error', { timeout: 600_000 }, async (t) => {
  const python = requirePython('3.11', t);
  if (!python) return;
  const work = mkdtempSync(join(tmpdir(), 'pyup-hash-oracle-'));
  try {
    const index = await buildProjects([
      { name: 'alpha', releases: [{ version: '1.0', files: [{ kind: 'wheel', tags: 'py3-none-any' }, { kind: 'wheel', tags: 'cp311-cp311-macosx_10_9_x86_64' }] }] },
      { name: 'beta', releases: [{ version: '1.0', files: [{ kind: 'wheel', tags: 'py3-none-any' }] }] },
    ]);
    // Built for the mirror only (a macOS wheel PyPI never had): hashin and pip-compile never hash it.
    const mirrorOnly = await buildProjects([{ name: 'beta', releases: [{ version: '1.0', summary: 'mirror build', files: [{ kind: 'wheel', tags: 'cp39-cp39-macosx_10_9_x86_64' }] }] }]);
    const dir = join(work, 'files');
    await writeFindLinksDir([...index, ...mirrorOnly], dir);
    const listings = {
      'index-fragments': page(index, true),
      'index-plain': page(index, false),
      'mirror-plain': page([...index, ...mirrorOnly], false),
      'mirror-fragments': page([...index, ...mirrorOnly], true),
    };
    const emptyIndex = join(work, 'empty-index');
    await writeFindLinksDir([], emptyIndex);
    const sha = (filename: string): string => [...index, ...mirrorOnly].find((f) => f.filename === filename)?.sha256 ?? '';
    const h = (filename: string): string => `--hash=sha256:${sha(filename)}`;
    const wrong = `--hash=sha256:${'e'.repeat(64)}`;
    const variants: Record<string, (p: 'alpha' | 'beta') => string> = {
      'all-index-hashes': (p) => `${p}==1.0 ${index.filter((f) => f.project === p).map((f) => h(f.filename)).join(' ')}\n`,
      'pure-wheel-only': (p) => `${p}==1.0 ${h(`${p}-1.0-py3-none-any.whl`)}\n`,
      'wrong-hash': (p) => `${p}==1.0 ${wrong}\n`,
      'wildcard-pinned': (p) => `${p}==1.* ${h(`${p}-1.0-py3-none-any.whl`)}\n`,
      'unpinned': (p) => `${p}>=1.0 ${h(`${p}-1.0-py3-none-any.whl`)}\n`,
      'require-hashes-no-hash': (p) => `--require-hashes\n${p}==1.0\n`,
      'comment-swallows': (p) => `--require-hashes\n${p}==1.0  # pyup: ignore \\\n    ${h(`${p}-1.0-py3-none-any.whl`)}\n`,
      'marker-false-everywhere': (p) => `${p}==1.0 ; python_version < "3" ${wrong}\n`,
    };
    const files: Array<{ path: string; text: string }> = [];
    for (const [variant, make] of Object.entries(variants)) for (const p of ['alpha', 'beta'] as const) files.push({ path: `modules/${variant}-${p}/files/requirements.txt`, text: make(p) });

    const disagreements: string[] = [];
    const tally = { cells: 0, pass: 0, HashMismatch: 0, HashMissing: 0, HashUnpinned: 0, downloads: 0 };
    const runs: Array<{ args: string[]; dest: string; key: string; ours: { status: string; codes: string[] } }> = [];
    for (const [listing, html] of Object.entries(listings)) {
      const pagePath = join(dir, `${listing}.html`);
      writeFileSync(pagePath, html);
      const inventory = buildInventory(files, { configFor: () => ({ pythons: ['3.9', '3.11'], platforms: ['linux', 'macos-x86_64'] }) });
      const client = createIndexClient({ indexUrl: emptyIndex, findLinks: [pagePath], cacheDir: null });
      const out = await runChecks(CHECKS.filter((c) => c.id === 'wheels'), inventory, emptySnapshot(), (needs, into) => {
        tally.downloads += needs.fileDigests?.length ?? 0;
        return client.fetchNeeds(needs, into);
      }, undefined, { mirrors: [{ url: pagePath, pythons: null }] });
      for (const file of files) {
        const reqPath = join(work, `${listing}-${file.path.split('/')[1]}.txt`);
        writeFileSync(reqPath, file.text);
        for (const [python, platform] of TARGETS) {
          const target = makeTarget(python, platform);
          const row = out.results.find((r) => r.file === file.path && r.target === target.id);
          const codes = [...new Set(out.findings.filter((f) => f.file === file.path && f.target === target.id && f.severity === 'error').map((f) => CODES[f.code] ?? f.code))].sort();
          const dest = join(work, 'dl', `${listing}-${file.path.split('/')[1]}-${target.id}`);
          runs.push({
            key: `${listing} ${file.path.split('/')[1]} ${target.id}`,
            dest,
            ours: { status: row?.status ?? 'missing', codes },
            args: ['download', '--no-deps', '--only-binary=:all:', ...pipTargetArgs(target), '--no-index', '--find-links', pagePath, '-d', dest, '-r', reqPath],
          });
        }
      }
    }
    const resultFile = join(work, 'results.json');
    const script = new URL('./wheels_hash_pip_oracle.py', import.meta.url).pathname;
    const proc = await execa(python, [script, resultFile], { input: JSON.stringify(runs.map((r) => ({ args: r.args, dest: r.dest }))), env: { ...PIP_ENV, PIP_CACHE_DIR: join(work, 'pip-cache') }, reject: false, timeout: 540_000 });
    assert.equal(proc.exitCode, 0, proc.stderr.slice(-2000));
    const pip = JSON.parse(readFileSync(resultFile, 'utf8')) as Array<{ code: number; files: string[]; errors: string[]; stderr: string }>;
    runs.forEach((r, i) => {
      const p = pip[i];
      if (!p) throw new Error(`no pip result for ${r.key}`);
      tally.cells++;
      if (p.code === 0) tally.pass++;
      for (const e of p.errors) tally[e as 'HashMismatch' | 'HashMissing' | 'HashUnpinned']++;
      const ourPass = r.ours.status === 'pass';
      if (ourPass !== (p.code === 0)) disagreements.push(`${r.key}: pip ${p.code === 0 ? `downloads ${p.files.join(',')}` : `fails ${p.errors.join(',') || p.stderr}`}, our cell ${r.ours.status} (${r.ours.codes.join(',')})`);
      else if (!ourPass && JSON.stringify(r.ours.codes) !== JSON.stringify(p.errors)) disagreements.push(`${r.key}: pip ${p.errors.join(',') || p.stderr}, ours ${r.ours.codes.join(',')}`);
    });
    t.diagnostic(`${tally.cells} pip runs (files × targets × listings): ${tally.pass} pass, ${tally.HashMismatch} HashMismatch, ${tally.HashMissing} HashMissing, ${tally.HashUnpinned} HashUnpinned; ${tally.downloads} digests downloaded by us`);
    assert.deepEqual(disagreements, []);
    assert.ok(tally.cells === 4 * files.length * TARGETS.length && tally.pass >= 20 && tally.HashMismatch >= 10 && tally.HashMissing >= 8 && tally.HashUnpinned >= 8, JSON.stringify(tally));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
