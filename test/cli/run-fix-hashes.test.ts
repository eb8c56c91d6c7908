// End to end: `fix` in pip's hash-checking mode writes the new release's --hash lines (index listing
// hashes, and the digest of a mirror-only wheel read from a flat mirror folder), in pip-compile's layout,
// for a moved pin and an added one; a file without hashes gets none. Then compat on the patch is clean.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProjects, writeFindLinksDir } from '../support/distributions.js';
import type { BuiltFile } from '../support/distributions.js';
import { startIndexServer } from '../support/index-server.js';
import type { IndexServer } from '../support/index-server.js';
import { pip, PIP_ENV } from '../support/pip-run.js';
import { requirePython } from '../support/pythons.js';
import { runCli, workspace } from './harness.js';

let server: IndexServer;
let index: BuiltFile[];
let mirrorOnly: BuiltFile[];
let mirrorDir: string;
before(async () => {
  index = await buildProjects([
    // app needs dep>=2 (so dep==1.0 must move) and helper (not in the file: it must be added).
    { name: 'app', releases: [{ version: '1.0', requiresDist: ['dep>=2', 'helper'] }] },
    { name: 'dep', releases: [{ version: '1.0' }, { version: '2.0', files: [{ kind: 'wheel' }, { kind: 'sdist' }] }] },
    { name: 'helper', releases: [{ version: '0.9' }, { version: '1.1' }] },
  ]);
  // A build only the mirror has (no listing hash: a flat folder): its digest is read from the bytes.
  mirrorOnly = await buildProjects([{ name: 'dep', releases: [{ version: '2.0', summary: 'mirror build', files: [{ kind: 'wheel', tags: 'cp36-cp36m-manylinux1_x86_64' }] }] }]);
  mirrorDir = mkdtempSync(join(tmpdir(), 'pyup-fix-mirror-'));
  await writeFindLinksDir([...index, ...mirrorOnly], mirrorDir);
  server = await startIndexServer({ projects: index });
});
after(async () => server.close());

const sha = (filename: string): string => {
  const f = [...index, ...mirrorOnly].find((b) => b.filename === filename);
  if (!f) throw new Error(`no fixture file ${filename}`);
  return f.sha256;
};
const HASHED = (): string => `# python_version: 36
app==1.0 \\
    --hash=sha256:${sha('app-1.0-py2.py3-none-any.whl')}
    # via -r requirements.in
dep==1.0 \\
    --hash=sha256:${sha('dep-1.0-py2.py3-none-any.whl')}
    # via app
`;

describe('fix in hash-checking mode', () => {
  test('a moved pin and an added one get the new release\'s hashes (index files and the mirror-only wheel), in pip-compile\'s layout', async () => {
    const ws = workspace({ 'modules/h/files/requirements.txt': HASHED(), 'modules/p/files/requirements.txt': '# python_version: 36\napp==1.0\ndep==1.0\n' });
    const run = await runCli(['fix', '--write', '--repo', ws.repo, '--artifacts', ws.artifacts, '--cache-dir', ws.cache, '--index-url', server.indexUrl, '--find-links', mirrorDir], ws.root);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const dep2 = [sha('dep-2.0-py2.py3-none-any.whl'), sha('dep-2.0.tar.gz'), sha('dep-2.0-cp36-cp36m-manylinux1_x86_64.whl')].sort();
    const helper = sha('helper-1.1-py2.py3-none-any.whl');
    const expected = `# python_version: 36
app==1.0 \\
    --hash=sha256:${sha('app-1.0-py2.py3-none-any.whl')}
    # via -r requirements.in
dep==2.0 \\
    --hash=sha256:${dep2[0]} \\
    --hash=sha256:${dep2[1]} \\
    --hash=sha256:${dep2[2]}
    # via app
helper==1.1 \\
    --hash=sha256:${helper}
`;
    assert.equal(readFileSync(join(ws.repo, 'modules/h/files/requirements.txt'), 'utf8'), expected);
    // Not in hash-checking mode: version text only, no --hash lines.
    assert.equal(readFileSync(join(ws.repo, 'modules/p/files/requirements.txt'), 'utf8'), '# python_version: 36\napp==1.0\ndep==2.0\nhelper==1.1\n');
    const plan = JSON.parse(readFileSync(join(ws.artifacts, 'fix.json'), 'utf8')) as {
      verification: { clean: boolean; cells: number };
      hashes: Array<{ file: string; hashMode: boolean; changes: Array<{ package: string; hashes: string[]; mirrorOnly: string[]; errors: string[] }> }>;
    };
    assert.deepEqual([plan.verification.clean, plan.verification.cells], [true, 2]);
    assert.equal(plan.hashes.length, 2, JSON.stringify(plan.hashes));
    const hashed = plan.hashes.find((h) => h.file === 'modules/h/files/requirements.txt');
    assert.deepEqual(hashed?.changes.map((c) => [c.package, c.hashes.length, c.mirrorOnly, c.errors]), [['dep', 3, ['dep-2.0-cp36-cp36m-manylinux1_x86_64.whl'], []], ['helper', 1, [], []]]);
    assert.deepEqual(plan.hashes.find((h) => h.file === 'modules/p/files/requirements.txt'), { file: 'modules/p/files/requirements.txt', hashMode: false, pending: false, changes: [] });
    assert.match(run.stdout, /includes the digest of mirror-only file\(s\) dep-2\.0-cp36-cp36m-manylinux1_x86_64\.whl/);
    // compat on the written files: no hash-missing (nor anything else) left.
    const compat = await runCli(['compat', '--repo', ws.repo, '--artifacts', join(ws.root, 'a2'), '--cache-dir', ws.cache, '--index-url', server.indexUrl, '--find-links', mirrorDir], ws.root);
    assert.equal(compat.code, 0, compat.stdout);
  });

  test('pip 23 downloads the patched hashed file with --require-hashes: the index wheel, and the mirror-only wheel for cp36 linux', { timeout: 180_000 }, async (t) => {
    const python = requirePython('3.11', t);
    if (!python) return;
    const ws = workspace({ 'modules/h/files/requirements.txt': HASHED() });
    const run = await runCli(['fix', '--write', '--repo', ws.repo, '--artifacts', ws.artifacts, '--cache-dir', ws.cache, '--index-url', server.indexUrl, '--find-links', mirrorDir], ws.root);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const patched = join(ws.repo, 'modules/h/files/requirements.txt');
    const common = ['download', '--no-deps', '--require-hashes', '-r', patched];
    // With the index, pip ranks a file whose listed hash is allowed first (its sort key's has_allowed_hash),
    // so it takes the index's pure wheel; from the flat mirror alone no file has a listed hash and the
    // cp36 wheel wins on tags: its digest must be one we wrote.
    const runs: Array<[string, string[], string]> = [
      ['index + mirror, host python (the index\'s pure wheel)', ['--index-url', server.indexUrl, '--find-links', mirrorDir], 'dep-2.0-py2.py3-none-any.whl'],
      ['mirror only, cp36 manylinux1 (the mirror-only wheel)', ['--no-index', '--find-links', mirrorDir, '--only-binary=:all:', '--python-version', '3.6', '--implementation', 'cp', '--abi', 'cp36m', '--platform', 'manylinux1_x86_64'], 'dep-2.0-cp36-cp36m-manylinux1_x86_64.whl'],
    ];
    let compared = 0;
    for (const [name, extra, want] of runs) {
      const dest = join(ws.root, `dl-${compared}`);
      const r = await pip(python, [...common, ...extra, '-d', dest], { ...PIP_ENV, PIP_CACHE_DIR: join(ws.root, 'pip-cache') });
      assert.equal(r.exitCode, 0, `${name}: ${r.stderr.slice(-1500)}`);
      assert.match(r.stdout + r.stderr, new RegExp(want.replace(/[.+]/g, '\\$&')), name);
      compared++;
    }
    assert.equal(compared, 2);
  });
});
