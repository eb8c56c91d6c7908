// `results` and `reproduce` on tasks the decision did not make (issue 11), against the loopback
// queue: a project's own tasks run `pyup-checks <check>` from their command line, with no
// `extra.pyupChecks`. Their real report.json (made here by the CLI on a real git repository and a
// loopback index) makes them results; a task without a report, or with another tool's, is listed
// as not ours; a corrupt report is a problem on its task (exit 3), never a crash or a drop.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Io } from '../../src/cli/index.js';
import { main } from '../../src/cli/index.js';
import type { Report } from '../../src/findings/index.js';
import type { GroupResults } from '../../src/taskcluster/index.js';
import { newTaskId, readReportArtifact, reproductionFromCommand, resultsExitCode } from '../../src/taskcluster/index.js';
import { startIndexServer, type IndexServer } from '../support/index-server.js';
import { startQueueServer, type QueueServer } from './queue-server.js';

const IMAGE = `ghcr.io/example/pyup-checks@sha256:${'cd'.repeat(32)}`;

function captureIo(env: Record<string, string | undefined>, cwd: string): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, cwd, isTty: false };
}

function write(root: string, rel: string, text: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}

/** A task as a project's own `.taskcluster.yml` would define it: no extra.pyupChecks. */
function ownTask(group: string, name: string, command: string[], env: Record<string, string> = {}): Record<string, unknown> {
  const now = Date.now();
  return {
    taskGroupId: group, taskQueueId: 'proj-puppet/ci', schedulerId: 'taskcluster-github', created: new Date(now).toISOString(),
    deadline: new Date(now + 86400e3).toISOString(), expires: new Date(now + 30 * 86400e3).toISOString(),
    payload: { image: IMAGE, command, env, maxRunTime: 600 },
    metadata: { name, description: 'a project task', owner: 'ops@example.com', source: 'https://github.com/example/puppet' },
  };
}

describe('results and reproduce beyond the decision', () => {
  let queue: QueueServer;
  let index: IndexServer;
  let work: string;
  let repo: string;
  const reports = new Map<string, { report: Report; body: string; code: number }>();

  before(async () => {
    queue = await startQueueServer({ pageSize: 3 });
    index = await startIndexServer({
      projects: [
        { name: 'taskcluster', releases: [{ version: '5.0.0', requiresDist: ['taskcluster-urls<11,>=10.1.0'] }] },
        { name: 'taskcluster-urls', releases: ['10.1.2', '11.0.0'].map((version) => ({ version })) },
        { name: 'six', releases: [{ version: '1.12.0' }] },
      ],
      findLinks: true,
    });
    work = mkdtempSync(join(tmpdir(), 'pyup-results-'));
    repo = join(work, 'puppet');
    write(repo, '.pyup-checks.yml', `index-url: ${index.indexUrl}\nmirrors:\n  - url: ${index.findLinksUrl}\n`);
    write(repo, 'modules/alpha/files/requirements.txt', '# python_version: 36\ntaskcluster==5.0.0\ntaskcluster-urls==11.0.0\n');
    write(repo, 'modules/beta/files/requirements.txt', '# python_version: 36\nsix==1.12.0\n');
    // The real reports the project's tasks publish.
    for (const check of ['compat', 'wheels']) {
      const dir = join(work, 'run', check);
      const io = captureIo({}, work);
      const code = await main([check, '--python', '3.6', '--repo', repo, '--artifacts', dir, '--cache-dir', join(work, 'cache')], io);
      assert.ok(code === 0 || code === 1, `${check}: ${io.err.join('')}`);
      const body = readFileSync(join(dir, 'report.json'), 'utf8');
      reports.set(check, { report: JSON.parse(body) as Report, body, code });
    }
  });
  after(async () => {
    await queue.close();
    await index.close();
    rmSync(work, { recursive: true, force: true });
  });

  const results = async (group: string, env: Record<string, string> = {}): Promise<{ code: number; data: GroupResults; text: string }> => {
    const io = captureIo(env, work);
    const code = await main(['results', group, '--root-url', queue.url, '--json'], io);
    const text = captureIo(env, work);
    assert.equal(await main(['results', group, '--root-url', queue.url], text), code, 'the same exit with and without --json');
    return { code, data: JSON.parse(io.out.join('')) as GroupResults, text: text.out.join('') };
  };

  test('a group whose tasks have no extra.pyupChecks: results from the reports themselves', async () => {
    const group = newTaskId();
    const ids = { compat: newTaskId(), wheels: newTaskId(), lint: newTaskId(), other: newTaskId() };
    // compat as a shell line, wheels as an argv through a wrapper; lint publishes nothing; another tool's report.json.
    queue.put(ids.compat, ownTask(group, 'puppet: requirements compat', ['bash', '-c', 'cd /src && pyup-checks compat --python "$PY" --repo /src --artifacts /art'], { PY: '3.6' }));
    queue.put(ids.wheels, ownTask(group, 'puppet: wheels', ['/usr/local/bin/pyup-run-task', '--', 'pyup-checks', 'wheels', '--python', '3.6', '--repo=/src', '--artifacts', '/art']));
    queue.put(ids.lint, ownTask(group, 'puppet: lint', ['make', 'lint']));
    queue.put(ids.other, ownTask(group, 'puppet: other tool', ['other-tool']));
    queue.finish(ids.compat, reports.get('compat')!.code === 0 ? 'completed' : 'failed', { 'public/report.json': reports.get('compat')!.body });
    queue.finish(ids.wheels, 'completed', { 'public/report.json': reports.get('wheels')!.body });
    queue.finish(ids.lint, 'completed', {});
    queue.finish(ids.other, 'completed', { 'public/report.json': JSON.stringify({ version: 1, tool: { name: 'other-tool', version: '2' }, results: [] }) });

    const { code, data, text } = await results(group);
    assert.equal(data.tasks.length, 4);
    const byId = new Map(data.tasks.map((t) => [t.taskId, t]));
    for (const check of ['compat', 'wheels'] as const) {
      const t = byId.get(ids[check])!;
      assert.equal(t.role, 'result', `${check}: ${t.problem}`);
      assert.equal(t.claimed, false);
      assert.equal(t.check, check);
      assert.equal(t.python, '3.6');
      assert.deepEqual(t.targets, reports.get(check)!.report.targets.map((x) => x.id));
      assert.deepEqual(t.summary, { errors: reports.get(check)!.report.summary.errors, warnings: reports.get(check)!.report.summary.warnings });
    }
    assert.equal(byId.get(ids.lint)!.role, 'not-ours');
    assert.match(byId.get(ids.other)!.notOurs ?? '', /tool\.name "other-tool"/);
    assert.equal(byId.get(ids.other)!.role, 'not-ours');
    // Every row of both reports is a cell, and nothing else.
    const expected = [...reports.values()].flatMap((r) => r.report.results.map((x) => `${x.check}|${x.module}|${x.target}|${x.status}`)).sort();
    assert.ok(expected.length >= 4, `${expected.length} rows`);
    assert.deepEqual(data.cells.map((c) => `${c.check}|${c.module}|${c.target}|${c.status}`).sort(), expected);
    assert.ok(data.cells.some((c) => c.check === 'compat' && c.module === 'alpha' && c.status === 'fail'));
    assert.equal(code, 1, 'compat failed: exit 1');
    assert.match(text, /compat:\n {2}module \(file\) +py3\.6-linux-x86_64\n {2}alpha \(modules\/alpha\/files\/requirements\.txt\) +FAIL/);
    assert.match(text, /puppet: lint .*\n +not a pyup-checks task: no public\/report\.json/);
    assert.deepEqual(queue.problems, []);

    // reproduce falls back to each command line; the local run gives the same results.
    for (const check of ['compat', 'wheels'] as const) {
      const dir = join(work, 'repro', check);
      const io = captureIo({}, work);
      const rc = await main(['reproduce', ids[check], '--root-url', queue.url, '--repo', repo, '--artifacts', dir, '--cache-dir', join(work, 'cache')], io);
      assert.equal(rc, reports.get(check)!.code, io.err.join(''));
      assert.match(io.err.join(''), new RegExp(`reproduce: puppet: .*: pyup-checks ${check} --python 3\\.6\\n`));
      const again = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
      assert.deepEqual(again.results, reports.get(check)!.report.results);
    }
    const lint = captureIo({}, work);
    assert.equal(await main(['reproduce', ids.lint, '--root-url', queue.url, '--repo', repo, '--artifacts', join(work, 'repro', 'lint')], lint), 2);
    assert.match(lint.err.join(''), /is not a pyup-checks task \(no extra\.pyupChecks, and its payload\.command runs no `pyup-checks <check>`\)/);
  });

  test('a corrupt report is a problem on its task, the others still read; exit 3', async () => {
    const group = newTaskId();
    const good = newTaskId();
    const notJson = newTaskId();
    const badShape = newTaskId();
    const claimedNoReport = newTaskId();
    queue.put(good, ownTask(group, 'wheels', ['pyup-checks', 'wheels']));
    queue.put(notJson, { ...ownTask(group, 'compat (decision-made)', ['pyup-checks', 'compat']), extra: { pyupChecks: { check: 'compat', python: '3.6', modules: [], files: [], args: [] } } });
    queue.put(badShape, ownTask(group, 'compat (old version)', ['pyup-checks', 'compat']));
    queue.put(claimedNoReport, { ...ownTask(group, 'stale-ignores', ['pyup-checks', 'stale-ignores']), extra: { pyupChecks: { check: 'stale-ignores', python: '3.6', modules: [], files: [], args: [] } } });
    queue.finish(good, 'completed', { 'public/report.json': reports.get('wheels')!.body });
    queue.finish(notJson, 'completed', { 'public/report.json': '{"version": 1, "tool": {"name": "pyup-ch' });
    const wrong = JSON.parse(reports.get('compat')!.body) as { results: Array<{ status: string }> };
    wrong.results[0]!.status = 'green';
    queue.finish(badShape, 'completed', { 'public/report.json': JSON.stringify(wrong) });
    queue.finish(claimedNoReport, 'completed', {});

    const { code, data, text } = await results(group);
    assert.equal(code, 3);
    const byId = new Map(data.tasks.map((t) => [t.taskId, t]));
    assert.equal(byId.size, 4, 'no task dropped');
    assert.equal(byId.get(good)!.role, 'result');
    assert.equal(byId.get(notJson)!.role, 'problem');
    assert.match(byId.get(notJson)!.problem ?? '', /^public\/report\.json is not JSON: /);
    assert.equal(byId.get(badShape)!.role, 'problem');
    assert.match(byId.get(badShape)!.problem ?? '', /does not match the pyup-checks report format: results\.0\.status: /);
    assert.equal(byId.get(claimedNoReport)!.role, 'problem');
    assert.match(byId.get(claimedNoReport)!.problem ?? '', /^no public\/report\.json \(the task completed\)/);
    // The readable one still fills the matrix; the corrupt ones add no cell.
    assert.deepEqual(new Set(data.cells.map((c) => c.taskId)), new Set([good]));
    assert.equal(data.cells.length, reports.get('wheels')!.report.results.length);
    assert.match(text, /compat \(old version\) .*\n +public\/report\.json does not match/);
    assert.deepEqual(queue.problems, []);
  });

  test('an unfinished task keeps the group open (exit 3), except the task running results', async () => {
    const group = newTaskId();
    const done = newTaskId();
    const running = newTaskId();
    queue.put(done, ownTask(group, 'wheels', ['pyup-checks', 'wheels']));
    queue.finish(done, 'completed', { 'public/report.json': reports.get('wheels')!.body });
    queue.put(running, ownTask(group, 'results summary', ['pyup-checks', 'results', group]));
    const open = await results(group);
    assert.equal(open.code, 3);
    assert.equal(open.data.tasks.find((t) => t.taskId === running)!.role, 'unfinished');
    assert.equal((await results(group, { TASK_ID: running })).code, reports.get('wheels')!.code);
  });
});

describe('report.json and command lines, one by one', () => {
  const report = { version: 1, tool: { name: 'pyup-checks', version: '0.1.0' }, checks: ['compat'], targets: [{ id: 'py3.6-linux-x86_64', python: '3.6', platform: 'linux' }], files: [], results: [{ check: 'compat', module: 'a', file: 'modules/a/files/requirements.txt', target: 'py3.6-linux-x86_64', status: 'pass' }], findings: [], summary: { errors: 0, warnings: 0, infos: 0 } };
  const cases: Array<[what: string, body: string, claimed: boolean, kind: string, detail: RegExp]> = [
    ['a pyup-checks report', JSON.stringify(report), false, 'report', /.*/],
    ['another tool', JSON.stringify({ tool: { name: 'eslint' } }), false, 'not-ours', /tool\.name "eslint"/],
    ['another tool, claimed', JSON.stringify({ tool: { name: 'eslint' } }), true, 'problem', /not a pyup-checks report/],
    ['no tool at all', '[]', false, 'not-ours', /no tool\.name/],
    ['truncated', JSON.stringify(report).slice(0, 40), false, 'problem', /not JSON/],
    ['version 2', JSON.stringify({ ...report, version: 2 }), false, 'problem', /version/],
    ['a negative summary', JSON.stringify({ ...report, summary: { errors: -1, warnings: 0 } }), false, 'problem', /summary\.errors/],
    ['no results', JSON.stringify({ ...report, results: undefined }), false, 'problem', /results/],
  ];
  for (const [what, body, claimed, kind, detail] of cases) {
    test(`report.json: ${what} → ${kind}`, () => {
      const v = readReportArtifact(body, claimed);
      assert.equal(v.kind, kind);
      const text = v.kind === 'problem' ? v.problem : v.kind === 'not-ours' ? v.why : JSON.stringify(v.report);
      assert.match(text, detail);
    });
  }

  test('command lines: argv, generic-worker lists, sh -c with $VARS; environment arguments dropped', () => {
    const task = (command: unknown, env?: Record<string, string>): unknown => ({ metadata: { name: 'n' }, payload: { command, ...(env ? { env } : {}) } });
    const cases: Array<[unknown, { check: string; args: string[] } | null]> = [
      [task(['pyup-checks', 'wheels', '--python', '3.7', '--module', 'm', '--repo', '/src']), { check: 'wheels', args: ['--python', '3.7', '--module', 'm'] }],
      [task([['git', 'clone', 'x'], ['npx', 'pyup-checks', 'compat', '--artifacts=/a', '--files', 'modules/m/files/requirements.txt']]), { check: 'compat', args: ['--files', 'modules/m/files/requirements.txt'] }],
      [task(['/bin/bash', '-lc', 'set -e; ./bin/pyup-checks.js stale-ignores --python $P --cache-dir /c # done'], { P: '2.7' }), { check: 'stale-ignores', args: ['--python', '2.7'] }],
      [task(['make', 'lint']), null],
      [task(['pyup-checks', '--help']), null],
      [{ metadata: { name: 'n' }, payload: {} }, null],
    ];
    for (const [t, want] of cases) {
      const got = reproductionFromCommand(t, 'T');
      assert.deepEqual(got && { check: got.check, args: got.args }, want);
    }
    const viaShell = reproductionFromCommand(task(['sh', '-c', 'pyup-checks wheels --python 3.6 --module a --module b --files f.txt']), 'T')!;
    assert.deepEqual([viaShell.python, viaShell.modules, viaShell.files], ['3.6', ['a', 'b'], ['f.txt']]);
    assert.throws(() => reproductionFromCommand(task(['sh', '-c', 'pyup-checks wheels --python $UNSET']), 'T'), /uses \$UNSET, which the task's env does not set/);
    assert.equal(cases.length, 6);
  });

  test('exit status: problems and exceptions 3, failures 1, else 0', () => {
    const t = (over: Partial<GroupResults['tasks'][number]>): GroupResults['tasks'][number] => ({ taskId: 'a', name: 'n', state: 'completed', role: 'result', claimed: false, check: 'compat', python: '3.6', targets: [], link: '', problem: null, notOurs: null, summary: null, ...over });
    const r = (tasks: GroupResults['tasks'], status: 'pass' | 'fail' = 'pass'): GroupResults => ({ taskGroupId: 'g', tasks, cells: [{ check: 'compat', module: 'm', file: 'f', target: 't', status, taskId: 'a' }] });
    assert.equal(resultsExitCode(r([t({})])), 0);
    assert.equal(resultsExitCode(r([t({})], 'fail')), 1);
    assert.equal(resultsExitCode(r([t({}), t({ taskId: 'b', role: 'not-ours' })])), 0);
    assert.equal(resultsExitCode(r([t({}), t({ taskId: 'b', role: 'problem', problem: 'x' })])), 3);
    assert.equal(resultsExitCode(r([t({}), t({ taskId: 'b', role: 'not-ours', state: 'exception' })])), 3);
    assert.equal(resultsExitCode(r([t({}), t({ taskId: 'b', role: 'unfinished', state: 'running' })])), 3);
    assert.equal(resultsExitCode(r([t({}), t({ taskId: 'b', role: 'unfinished', state: 'running' })]), 'b'), 0);
  });
});
