// The run's CI output: GitHub Actions workflow commands and job summary (through @actions/core,
// which writes to the real process stdout, so the CLI runs as a child process here), and the
// Treeherder failure lines (--treeherder, or TASK_ID set as in a task; absent otherwise).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { main } from '../../src/cli/index.js';
import type { Io } from '../../src/cli/index.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

describe('CI output of a failing run', () => {
  let dir: string;
  let repo: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pyup-ci-'));
    repo = join(dir, 'repo');
    mkdirSync(join(repo, 'modules/x/files'), { recursive: true });
    // Line 2 is an invalid requirement (pip rejects it): an error finding with no network needed.
    writeFileSync(join(repo, 'modules/x/files/requirements.txt'), '# python_version: 36\nsix=1.0\nattrs==18.2.0\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const io = (env: Record<string, string>): Io & { out: string[] } => {
    const out: string[] = [];
    return { out, stdout: (t) => out.push(t), stderr: () => {}, env, cwd: dir, isTty: false };
  };

  const cases: Array<[string, string[], Record<string, string>, number]> = [
    ['outside a task: no Treeherder lines', [], {}, 0],
    ['--treeherder', ['--treeherder'], {}, 1],
    ['inside a task (TASK_ID)', [], { TASK_ID: 'H6DkCBeaRYKd-bfouJixsw' }, 1],
  ];
  for (const [name, flags, env, lines] of cases) {
    test(`Treeherder: ${name}`, async () => {
      const o = io(env);
      const code = await main(['inventory', '--repo', repo, '--artifacts', join(dir, 'a'), ...flags], o);
      assert.equal(code, 1);
      const th = o.out.join('').split('\n').filter((l) => l.startsWith('TEST-UNEXPECTED-FAIL | '));
      assert.equal(th.length, lines);
      if (lines) assert.match(th[0]!, /^TEST-UNEXPECTED-FAIL \| modules\/x\/files\/requirements\.txt:2 \| /);
    });
  }

  test('--json keeps stdout parseable: the Treeherder lines go to stderr', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['inventory', '--repo', repo, '--artifacts', join(dir, 'b'), '--json', '--treeherder'], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: dir, isTty: false });
    assert.equal(code, 1);
    assert.equal(JSON.parse(out.join('')).version, 1);
    assert.match(err.join(''), /TEST-UNEXPECTED-FAIL \| modules\/x\/files\/requirements\.txt:2 \| /);
  });

  test('GitHub Actions: an error annotation at the line and the check text as job summary', async () => {
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    const run = await execa(process.execPath, ['--import', 'tsx', MAIN, 'inventory', '--repo', repo, '--artifacts', join(dir, 'c')], {
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, TASK_ID: '' }, extendEnv: true, reject: false,
    });
    assert.equal(run.exitCode, 1, run.stderr);
    const commands = run.stdout.split('\n').filter((l) => l.startsWith('::'));
    assert.equal(commands.filter((l) => l.startsWith('::error ')).length, 1, run.stdout);
    assert.match(commands[0]!, /^::error title=inventory invalid-line[^,]*,file=modules\/x\/files\/requirements\.txt,line=2,endLine=2::/);
    const md = readFileSync(summary, 'utf8');
    const artifact = readFileSync(join(dir, 'c', 'github', 'customCheckRunText.md'), 'utf8');
    assert.ok(md.startsWith(artifact.trimEnd()), 'the job summary is the check-run text');
  });
});
