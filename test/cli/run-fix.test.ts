// End to end: `fix` on the example repo's signing_scriptworker conflict and on a file no change can fix.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE_INDEX } from '../../examples/index.js';
import { startIndexServer } from '../support/index-server.js';
import type { IndexServer } from '../support/index-server.js';
import { listing, runCli, workspace } from './harness.js';

let server: IndexServer;
before(async () => {
  server = await startIndexServer({
    projects: [
      ...EXAMPLE_INDEX,
      // Two dependents that want disjoint ranges of one package: no set of pin changes fixes it.
      { name: 'left', releases: ['1.0', '1.1', '1.2'].map((version) => ({ version, requiresDist: ['middle<2'] })) },
      { name: 'right', releases: ['1.0', '1.1', '1.2'].map((version) => ({ version, requiresDist: ['middle>=2'] })) },
      { name: 'middle', releases: ['1.0', '2.0'].map((version) => ({ version })) },
    ],
  });
});
after(async () => server.close());

const SIGNING = 'modules/signing_scriptworker/files/requirements.txt';

describe('fix', () => {
  test('signing_scriptworker: one patch, verified, and compat is green on its target once written', async () => {
    const ws = workspace(null);
    const common = ['--repo', ws.repo, '--artifacts', ws.artifacts, '--cache-dir', ws.cache, '--index-url', server.indexUrl, '--module', 'signing_scriptworker'];
    const red = await runCli(['compat', ...common], ws.root);
    assert.equal(red.code, 1, red.stdout);
    const before = readFileSync(join(ws.repo, SIGNING), 'utf8');
    const others = listing(ws.repo).filter((l) => !l.startsWith(SIGNING));

    const run = await runCli(['fix', '--write', ...common], ws.root);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const patch = readFileSync(join(ws.artifacts, 'fix.patch'), 'utf8');
    assert.match(patch, /^--- a\/modules\/signing_scriptworker\/files\/requirements\.txt\n\+\+\+ b\/modules\/signing_scriptworker\/files\/requirements\.txt\n/);
    assert.ok(run.stdout.includes(patch), 'the patch is shown in the terminal');
    const plan = JSON.parse(readFileSync(join(ws.artifacts, 'fix.json'), 'utf8')) as { files: Array<{ file: string; status: string; changes: Array<{ package: string; to: string; kind: string; why: string }> }>; verification: { clean: boolean; cells: number }; written: boolean };
    const file = plan.files.find((f) => f.file === SIGNING);
    assert.equal(file?.status, 'fixed');
    assert.equal(file?.changes.length, 2, JSON.stringify(file));
    assert.deepEqual(file?.changes.find((c) => c.kind === 'add'), { ...file?.changes.find((c) => c.kind === 'add'), package: 'slugid', to: '2.0.0' });
    assert.ok(file?.changes.every((c) => c.why.length > 0));
    assert.deepEqual([plan.verification.clean, plan.verification.cells, plan.written], [true, 1, true]);

    const after = readFileSync(join(ws.repo, SIGNING), 'utf8');
    // Only version text changed in place, plus the added line; comments and directives kept.
    const removed = before.split('\n').filter((l) => !after.split('\n').includes(l));
    assert.equal(removed.length, 1, removed.join('\n'));
    assert.ok(after.includes('signtool==2.0.3  # puppet: nodownload'));
    assert.ok(after.endsWith('slugid==2.0.0\n'));
    assert.deepEqual(listing(ws.repo).filter((l) => !l.startsWith(SIGNING)), others, 'no other file of the repo was written');
    const green = await runCli(['compat', ...common], ws.root);
    assert.equal(green.code, 0, green.stdout);
  });

  test('a file no change can fix says so within seconds, naming the conflict; nothing is written', async () => {
    const text = '# python_version: 36\nleft==1.0\nright==1.0\nmiddle==1.0\n';
    const ws = workspace({ 'modules/m/files/requirements.txt': text });
    const started = Date.now();
    const run = await runCli(['fix', '--write', '--repo', ws.repo, '--artifacts', ws.artifacts, '--cache-dir', ws.cache, '--index-url', server.indexUrl], ws.root);
    const seconds = (Date.now() - started) / 1000;
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stdout, /no fix within the bounds .*right 1\.0 has requirement middle>=2, but you'll have middle 1\.0/);
    assert.ok(seconds < 10, `took ${seconds}s`);
    assert.equal(readFileSync(join(ws.repo, 'modules/m/files/requirements.txt'), 'utf8'), text);
    assert.equal(readFileSync(join(ws.artifacts, 'fix.patch'), 'utf8'), '');
  });

  test('all --fix: fix.patch joins the artifacts and leads the check-run text', async () => {
    const ws = workspace(null);
    const run = await runCli(['all', '--fix', '--repo', ws.repo, '--artifacts', ws.artifacts, '--cache-dir', ws.cache, '--index-url', server.indexUrl, '--module', 'signing_scriptworker'], ws.root);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const text = readFileSync(join(ws.artifacts, 'github/customCheckRunText.md'), 'utf8');
    assert.match(text, /^### pyup-checks fix\n/);
    assert.match(text, /```diff\n--- a\/modules\/signing_scriptworker/);
    assert.ok(readFileSync(join(ws.artifacts, 'fix.patch'), 'utf8').includes('+slugid==2.0.0'));
  });

  test('all --fix --json: stdout is the report alone (the patch stays in fix.patch)', async () => {
    const ws = workspace(null);
    const run = await runCli(['all', '--fix', '--json', '--repo', ws.repo, '--artifacts', ws.artifacts, '--cache-dir', ws.cache, '--index-url', server.indexUrl, '--module', 'signing_scriptworker'], ws.root);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { tool: { name: string }; findings: unknown[] };
    assert.equal(report.tool.name, 'pyup-checks');
    assert.ok(report.findings.length > 0);
    assert.ok(readFileSync(join(ws.artifacts, 'fix.patch'), 'utf8').includes('+slugid==2.0.0'));
  });
});
