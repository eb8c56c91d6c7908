// `fix --stale`: the stale-ignores joint update (module1 and module2 together) as fix-stale.patch,
// verified by compat on the patched file, hashed in hash mode; --write never applies it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProjects } from '../support/distributions.js';
import type { BuiltFile } from '../support/distributions.js';
import { startIndexServer } from '../support/index-server.js';
import type { IndexServer } from '../support/index-server.js';
import { runCli, workspace } from './harness.js';

let server: IndexServer;
let index: BuiltFile[];
before(async () => {
  index = await buildProjects([
    { name: 'module1', releases: [{ version: '1.5.0', requiresDist: ['module2<3.0,>=2.0'] }, { version: '2.0.0', requiresDist: ['module2>=3.0'] }] },
    { name: 'module2', releases: ['2.0.1', '3.0.0', '3.1.0'].map((version) => ({ version })) },
  ]);
  server = await startIndexServer({ projects: index });
});
after(async () => server.close());

const sha = (filename: string): string => index.find((f) => f.filename === filename)?.sha256 ?? 'missing';
const PLAIN = '# python_version: 36\nmodule1==1.5.0\nmodule2==2.0.1  # pyup: ignore\n';
const HASHED = (): string => `# python_version: 36\nmodule1==1.5.0 \\\n    --hash=sha256:${sha('module1-1.5.0-py2.py3-none-any.whl')}\nmodule2==2.0.1 \\\n    --hash=sha256:${sha('module2-2.0.1-py2.py3-none-any.whl')}  # pyup: ignore\n`;

describe('fix --stale', () => {
  test('the joint update is a second verified patch, with hashes in hash mode; --write leaves it unapplied', async () => {
    const ws = workspace({ 'modules/p/files/requirements.txt': PLAIN, 'modules/h/files/requirements.txt': HASHED() });
    const run = await runCli(['fix', '--stale', '--write', '--repo', ws.repo, '--artifacts', ws.artifacts, '--cache-dir', ws.cache, '--index-url', server.indexUrl], ws.root);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(readFileSync(join(ws.artifacts, 'fix.patch'), 'utf8'), '', 'compat is clean: no fix patch');
    const patch = readFileSync(join(ws.artifacts, 'fix-stale.patch'), 'utf8');
    assert.ok(patch.includes('-module1==1.5.0\n-module2==2.0.1  # pyup: ignore\n+module1==2.0.0\n+module2==3.1.0  # pyup: ignore\n'), patch);
    assert.ok(patch.includes(`+module1==2.0.0 \\\n+    --hash=sha256:${sha('module1-2.0.0-py2.py3-none-any.whl')}\n`), patch);
    assert.ok(patch.includes(`+module2==3.1.0 \\\n+    --hash=sha256:${sha('module2-3.1.0-py2.py3-none-any.whl')}  # pyup: ignore\n`), patch);
    const plan = JSON.parse(readFileSync(join(ws.artifacts, 'fix-stale.json'), 'utf8')) as { files: Array<{ file: string; changes: Array<{ package: string; to: string }> }>; verification: { clean: boolean; cells: number } };
    assert.equal(plan.files.length, 2);
    for (const f of plan.files) assert.deepEqual(f.changes.map((c) => `${c.package}==${c.to}`), ['module1==2.0.0', 'module2==3.1.0'], f.file);
    assert.deepEqual([plan.verification.clean, plan.verification.cells], [true, 2]);
    assert.equal(readFileSync(join(ws.repo, 'modules/p/files/requirements.txt'), 'utf8'), PLAIN, '--write does not apply the stale patch');
    assert.match(run.stdout, /stale-ignores joint updates \(fix-stale\.patch/);
  });
});
