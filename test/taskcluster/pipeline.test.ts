// The decision, reproduce and results end to end against the loopback queue (which validates
// every request against the real schemas) and a loopback package index: a real git repository
// whose second commit touches two of three modules, as a pull request.
// - decision: the graph (tasks, dependencies, routes, artifacts) covers exactly the two modules;
//   --dry-run creates nothing; a change to the suite's config selects every file.
// - reproduce: each created task re-runs locally from its definition; the artifacts of the
//   failing compat run are checked (JUnit counts vs report.json, annotations per error,
//   Treeherder lines and errorsummary).
// - results: one matrix across the group from the report.json artifacts, via 303 redirects.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { CHECKS } from '../../src/checks/index.js';
import type { Io } from '../../src/cli/index.js';
import { main } from '../../src/cli/index.js';
import { parseReport } from '../../src/findings/index.js';
import type { Report } from '../../src/findings/index.js';
import { newTaskId } from '../../src/taskcluster/index.js';
import type { GraphNode, TaskGraph } from '../../src/taskcluster/index.js';
import { startIndexServer, type IndexServer } from '../support/index-server.js';
import { parseXml, type XmlElement } from '../report/xml.js';
import { startQueueServer, type QueueServer } from './queue-server.js';

const IMAGE = `ghcr.io/example/pyup-checks@sha256:${'ab'.repeat(32)}`;

function captureIo(env: Record<string, string | undefined>, cwd: string): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, cwd, isTty: false };
}

async function git(repo: string, ...args: string[]): Promise<string> {
  return (await execa('git', args, { cwd: repo, env: { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } })).stdout.trim();
}

function write(repo: string, rel: string, text: string): void {
  mkdirSync(dirname(join(repo, rel)), { recursive: true });
  writeFileSync(join(repo, rel), text);
}

const collect = (el: XmlElement, name: string): XmlElement[] => [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => collect(c, name))];

describe('decision → reproduce → results', () => {
  let queue: QueueServer;
  let index: IndexServer;
  let repo: string;
  let work: string;
  let base: string;
  let head: string;
  const decisionId = newTaskId();

  before(async () => {
    queue = await startQueueServer({ pageSize: 2 });
    index = await startIndexServer({
      projects: [
        { name: 'taskcluster', releases: [{ version: '5.0.0', requiresDist: ['taskcluster-urls<11,>=10.1.0'] }] },
        { name: 'taskcluster-urls', releases: ['10.1.2', '11.0.0'].map((version) => ({ version })) },
        { name: 'six', releases: [{ version: '1.11.0' }, { version: '1.12.0' }] },
      ],
      findLinks: true,
    });
    work = mkdtempSync(join(tmpdir(), 'pyup-tc-'));
    repo = join(work, 'puppet');
    mkdirSync(repo);
    await git(repo, 'init', '-q', '-b', 'master');
    write(repo, '.pyup-checks.yml', `index-url: ${index.indexUrl}\nmirrors:\n  - url: ${index.findLinksUrl}\n`);
    for (const m of ['alpha', 'beta', 'gamma']) write(repo, `modules/${m}/files/requirements.txt`, '# python_version: 36\nsix==1.11.0\n');
    await git(repo, 'add', '-A');
    await git(repo, 'commit', '-q', '-m', 'base');
    base = await git(repo, 'rev-parse', 'HEAD');
    await git(repo, 'checkout', '-q', '-b', 'pyup-update');
    // The PR: alpha gets a conflict (taskcluster 5.0.0 needs taskcluster-urls<11), beta a clean bump.
    write(repo, 'modules/alpha/files/requirements.txt', '# python_version: 36\ntaskcluster==5.0.0\ntaskcluster-urls==11.0.0\n');
    write(repo, 'modules/beta/files/requirements.txt', '# python_version: 36\nsix==1.12.0\n');
    await git(repo, 'commit', '-q', '-am', 'pyup: bumps');
    head = await git(repo, 'rev-parse', 'HEAD');
    // The decision task itself, as Taskcluster-GitHub would have created it.
    queue.put(decisionId, { taskGroupId: decisionId, taskQueueId: 'proj-releng/pyup-checks', schedulerId: 'taskcluster-github', created: new Date().toISOString(),
      deadline: new Date(Date.now() + 86400e3).toISOString(), expires: new Date(Date.now() + 30 * 86400e3).toISOString(),
      payload: { image: IMAGE, maxRunTime: 600 }, metadata: { name: 'pyup-checks decision', description: 'd', owner: 'o@example.com', source: 'https://github.com/example/puppet' } });
  });
  after(async () => {
    await queue.close();
    await index.close();
    rmSync(work, { recursive: true, force: true });
  });

  const prEnv = (): Record<string, string> => ({
    PYUP_TASKS_FOR: 'github-pull-request', PYUP_PROJECT: 'puppet', PYUP_OWNER: 'dev@example.com',
    PYUP_BASE_REPOSITORY: 'https://github.com/example/puppet', PYUP_BASE_REF: 'master', PYUP_BASE_REV: base,
    PYUP_HEAD_REPOSITORY: 'https://github.com/dev/puppet', PYUP_HEAD_REF: 'pyup-update', PYUP_HEAD_REV: head,
    PYUP_DEFAULT_BRANCH: 'master', PYUP_PULL_REQUEST: '7', TASK_ID: decisionId, PYUP_TASK_GROUP_ID: decisionId,
    PYUP_CHECKS_IMAGE: IMAGE, PYUP_TASK_QUEUE_ID: 'proj-releng/pyup-checks', TASKCLUSTER_ROOT_URL: queue.url,
  });

  test('--dry-run prints the graph and creates nothing', async () => {
    const io = captureIo(prEnv(), work);
    const before = queue.requests.length;
    const code = await main(['decision', '--dry-run', '--repo', repo, '--artifacts', join(work, 'dry')], io);
    assert.equal(code, 0, io.err.join(''));
    const graph = JSON.parse(io.out.join('')) as TaskGraph;
    assert.equal(Object.keys(graph).length, CHECKS.length);
    assert.equal(queue.requests.length, before, 'no queue request');
  });

  test('validation is always on (the package\'s own schemas); --no-validate turns it off; a missing --schemas folder stops the decision', async () => {
    const selection = (dir: string): { validated: boolean } => JSON.parse(readFileSync(join(work, dir, 'selection.json'), 'utf8')) as { validated: boolean };
    // No PYUP_CHECKS_SCHEMAS, no --schemas: the schemas come from the repository's schemas/.
    const on = captureIo(prEnv(), work);
    assert.equal(await main(['decision', '--dry-run', '--repo', repo, '--artifacts', join(work, 'v-on')], on), 0, on.err.join(''));
    assert.equal(selection('v-on').validated, true);
    const off = captureIo(prEnv(), work);
    assert.equal(await main(['decision', '--dry-run', '--no-validate', '--repo', repo, '--artifacts', join(work, 'v-off')], off), 0, off.err.join(''));
    assert.equal(selection('v-off').validated, false);
    assert.match(off.err.join(''), /--no-validate: the task graph is not checked/);
    for (const [args, env] of [[['--schemas', join(work, 'no-such-dir')], prEnv()], [[], { ...prEnv(), PYUP_CHECKS_SCHEMAS: join(work, 'no-such-dir') }]] as const) {
      const io = captureIo(env, work);
      assert.equal(await main(['decision', '--dry-run', ...args, '--repo', repo, '--artifacts', join(work, 'v-missing')], io), 2);
      assert.match(io.err.join(''), /Taskcluster schemas not found in .*no-such-dir.*--no-validate/);
      assert.deepEqual(io.out, [], 'no graph printed');
    }
  });

  test('a change to the suite config selects every module', async () => {
    await git(repo, 'checkout', '-q', '-b', 'config-change');
    write(repo, '.pyup-checks.yml', `${readFileSync(join(repo, '.pyup-checks.yml'), 'utf8')}default-python: "3.6"\n`);
    await git(repo, 'commit', '-q', '-am', 'config');
    const io = captureIo({ ...prEnv(), PYUP_HEAD_REV: await git(repo, 'rev-parse', 'HEAD') }, work);
    const code = await main(['decision', '--dry-run', '--repo', repo, '--artifacts', join(work, 'dry2')], io);
    assert.equal(code, 0, io.err.join(''));
    const graph = JSON.parse(io.out.join('')) as TaskGraph;
    for (const node of Object.values(graph)) assert.deepEqual(node.attributes.modules, ['alpha', 'beta', 'gamma']);
    await git(repo, 'checkout', '-q', 'pyup-update');
  });

  let graph: TaskGraph;

  test('decision: one task per check × python for the two changed modules, created in the group', async () => {
    const io = captureIo(prEnv(), work);
    const artifacts = join(work, 'decision');
    const code = await main(['decision', '--repo', repo, '--artifacts', artifacts], io);
    assert.equal(code, 0, io.err.join(''));
    assert.deepEqual(queue.problems, []);
    graph = JSON.parse(readFileSync(join(artifacts, 'task-graph.json'), 'utf8')) as TaskGraph;
    const params = JSON.parse(readFileSync(join(artifacts, 'parameters.json'), 'utf8')) as Record<string, unknown>;
    assert.equal((JSON.parse(readFileSync(join(artifacts, 'selection.json'), 'utf8')) as { briefBase: unknown }).briefBase, base);
    assert.equal(params.headRev, head);
    assert.equal(params.baseRev, base);
    const nodes = Object.values(graph);
    assert.deepEqual(nodes.map((n) => n.label).sort(), CHECKS.map((c) => `${c.id}-py3.6`).sort());
    for (const node of nodes) {
      const t = node.task;
      const created = queue.tasks.get(node.task_id);
      assert.ok(created, `${node.label} created`);
      assert.deepEqual(created.task, JSON.parse(JSON.stringify(t)));
      assert.equal(t.taskGroupId, decisionId);
      assert.equal(t.schedulerId, 'taskcluster-github');
      assert.deepEqual(t.dependencies, [decisionId]);
      assert.deepEqual(t.routes, [`tc-treeherder.v2.puppet.${head}`, 'checks']);
      assert.deepEqual(node.attributes.modules, ['alpha', 'beta']);
      assert.deepEqual(t.extra.pyupChecks.files, ['modules/alpha/files/requirements.txt', 'modules/beta/files/requirements.txt']);
      assert.equal(t.extra.treeherder.symbol, 'py3.6');
      assert.equal(t.payload.image, IMAGE);
      assert.equal(t.payload.env.PYUP_CHECKS_CACHE, Object.values(t.payload.cache)[0]);
      const check = node.attributes.check;
      for (const name of ['public/results/junit.xml', 'public/report.json', 'public/github/customCheckRunText.md', 'public/github/customCheckRunAnnotations.json', `public/test_info/${check}_errorsummary.log`]) {
        assert.ok(name in t.payload.artifacts, `${node.label} publishes ${name}`);
      }
      if (check === 'wheels') assert.ok('public/download-plan.json' in t.payload.artifacts);
      assert.deepEqual(t.payload.command.slice(0, 4), ['/usr/local/bin/pyup-run-task', '--', 'pyup-checks', check]);
      // The PR's base is known: the check's text leads with the landing brief (merge base → head), and reproduce replays it.
      assert.deepEqual(t.extra.pyupChecks.args.slice(-2), ['--brief-base', base]);
      assert.deepEqual(t.payload.command.slice(-6), ['--brief-base', base, '--repo', '/builds/worker/checkouts/src', '--artifacts', '/builds/worker/artifacts']);
      assert.equal(t.payload.env.PYUP_BASE_REPOSITORY, 'https://github.com/example/puppet');
      assert.ok('public/brief.md' in t.payload.artifacts && 'public/brief.json' in t.payload.artifacts, `${node.label} publishes the brief`);
      assert.ok(!JSON.stringify(t).match(/accessToken|TASKCLUSTER_ACCESS_TOKEN/));
    }
  });

  const reports = new Map<string, Report>();

  test('reproduce: every task re-runs locally with its arguments; the failing run writes consistent artifacts', async () => {
    for (const node of Object.values(graph) as GraphNode[]) {
      const dir = join(work, 'repro', node.label);
      const io = captureIo({ TASK_ID: node.task_id }, work);
      const code = await main(['reproduce', node.task_id, '--root-url', queue.url, '--repo', repo, '--artifacts', dir, '--cache-dir', join(work, 'cache')], io);
      assert.ok(code === 0 || code === 1, `${node.label} exit ${code}: ${io.err.join('')}`);
      const report = parseReport(readFileSync(join(dir, 'report.json'), 'utf8'));
      reports.set(node.label, report);
      assert.deepEqual([...new Set(report.files.map((f) => f.module))].sort(), ['alpha', 'beta']);
      const files: Record<string, string> = {};
      const check = node.attributes.check;
      for (const [name, rel] of [['public/report.json', 'report.json'], ['public/results/junit.xml', 'junit.xml'], [`public/test_info/${check}_errorsummary.log`, `test_info/${check}_errorsummary.log`]] as const) {
        files[name] = readFileSync(join(dir, rel), 'utf8');
      }
      queue.finish(node.task_id, code === 0 ? 'completed' : 'failed', files);
      // --brief-base came back with the task's arguments: the brief is written and leads the check-run text.
      const brief = readFileSync(join(dir, 'brief.md'), 'utf8');
      const text = readFileSync(join(dir, 'github/customCheckRunText.md'), 'utf8');
      assert.ok(text.startsWith(brief) && /^## Landing brief: /.test(brief), `${node.label}: the check-run text leads with the brief`);
      assert.match(brief, /taskcluster 5\.0\.0 \(added\)/);
      assert.match(text.slice(brief.length), /^\n---\n\n## pyup-checks\n/);

      const errors = report.findings.filter((f) => f.severity === 'error');
      const thLines = io.out.join('').split('\n').filter((l) => l.startsWith('TEST-UNEXPECTED-FAIL | '));
      assert.equal(thLines.length, errors.length, 'one Treeherder line per error finding');
      const junit = parseXml(readFileSync(join(dir, 'junit.xml'), 'utf8'));
      assert.equal(collect(junit, 'failure').length, report.summary.errors, 'JUnit failures = report errors');
      const suites = collect(junit, 'testsuite');
      assert.equal(suites.reduce((n, s) => n + Number(s.attrs.failures ?? 0), 0), report.summary.errors);
      const annotations = JSON.parse(readFileSync(join(dir, 'github/customCheckRunAnnotations.json'), 'utf8')) as Array<Record<string, unknown>>;
      for (const a of annotations) {
        assert.ok(typeof a.path === 'string' && typeof a.start_line === 'number' && typeof a.end_line === 'number' && typeof a.message === 'string');
        assert.ok(['failure', 'warning', 'notice'].includes(String(a.annotation_level)));
      }
      for (const e of errors) {
        assert.ok(annotations.some((a) => a.annotation_level === 'failure' && a.path === e.file && a.start_line === (e.line ?? 1)), `annotation for ${e.code} at ${e.file}:${e.line}`);
      }
      const summary = readFileSync(join(dir, `test_info/${check}_errorsummary.log`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { action: string });
      assert.equal(summary.filter((l) => l.action === 'test_result').length, errors.filter((e) => e.check === check).length);
      if (check === 'compat') {
        assert.equal(code, 1);
        assert.ok(errors.some((e) => e.code === 'conflict' && e.file === 'modules/alpha/files/requirements.txt' && e.line === 3));
        assert.ok(report.summary.errors > 0);
      }
    }
    // Every check's task was replayed (an empty graph would have passed the loop above).
    assert.deepEqual([...reports.keys()].sort(), CHECKS.map((c) => `${c.id}-py3.6`).sort());
    assert.deepEqual(queue.problems, []);
  });

  test('results: one matrix across checks and targets, with links', async () => {
    // The decision finished (it published no report.json: listed, not ours).
    queue.finish(decisionId, 'completed', {});
    const io = captureIo({}, work);
    const code = await main(['results', decisionId, '--root-url', queue.url, '--json'], io);
    assert.equal(code, 1, io.err.join(''));
    const data = JSON.parse(io.out.join('')) as { tasks: Array<{ taskId: string; link: string; check: string | null; state: string; role: string; claimed: boolean }>; cells: Array<{ check: string; module: string; target: string; status: string; taskId: string }> };
    assert.equal(data.tasks.length, Object.keys(graph).length + 1, 'the decision and every check task (over several pages)');
    assert.ok(queue.requests.filter((r) => r.path.includes('/list')).length >= 2, 'paginated');
    for (const t of data.tasks) assert.equal(t.link, `${queue.url}/tasks/${t.taskId}`);
    for (const t of data.tasks) assert.equal(t.role, t.taskId === decisionId ? 'not-ours' : 'result', `${t.taskId} ${t.role}`);
    assert.equal(data.tasks.filter((t) => t.claimed).length, Object.keys(graph).length, 'the decision\'s tasks carry extra.pyupChecks');
    const expected = [...reports.values()].flatMap((r) => r.results.map((x) => `${x.check}|${x.module}|${x.target}|${x.status}`)).sort();
    assert.deepEqual(data.cells.map((c) => `${c.check}|${c.module}|${c.target}|${c.status}`).sort(), expected);
    assert.ok(data.cells.some((c) => c.check === 'compat' && c.module === 'alpha' && c.status === 'fail'));
    const text = captureIo({}, work);
    assert.equal(await main(['results', decisionId, '--root-url', queue.url], text), 1);
    assert.match(text.out.join(''), /compat:\n {2}module \(file\) +py3\.6-linux-x86_64\n {2}alpha \(modules\/alpha\/files\/requirements\.txt\) +FAIL\n {2}beta \(modules\/beta\/files\/requirements\.txt\) +pass/);
    assert.deepEqual(queue.problems, []);
  });
  test('brief base: a PR whose base branch moved on gets its merge base; a push its before; a new branch none', async () => {
    // A later commit on the base branch (same tree), made without touching the checkout.
    const later = await git(repo, 'commit-tree', `${base}^{tree}`, '-p', base, '-m', 'later on master');
    const dry = async (env: Record<string, string>, name: string): Promise<TaskGraph> => {
      const io = captureIo({ ...prEnv(), ...env }, work);
      const code = await main(['decision', '--dry-run', '--repo', repo, '--artifacts', join(work, name)], io);
      assert.equal(code, 0, io.err.join(''));
      return JSON.parse(io.out.join('')) as TaskGraph;
    };
    const briefBases = (g: TaskGraph): Array<string | null> =>
      Object.values(g).map((n) => {
        const i = n.task.payload.command.indexOf('--brief-base');
        return i === -1 ? null : (n.task.payload.command[i + 1] ?? null);
      });
    const pr = await dry({ PYUP_BASE_REV: later }, 'dry-moved');
    assert.ok(Object.keys(pr).length > 0);
    assert.deepEqual(new Set(briefBases(pr)), new Set([base]));
    const push = { PYUP_TASKS_FOR: 'github-push', PYUP_HEAD_REF: 'refs/heads/pyup-update', PYUP_PULL_REQUEST: '' };
    assert.deepEqual(new Set(briefBases(await dry({ ...push, PYUP_BASE_REV: later }, 'dry-push'))), new Set([later]));
    const fresh = await dry({ ...push, PYUP_BASE_REV: '0'.repeat(40) }, 'dry-new-branch');
    assert.deepEqual(new Set(briefBases(fresh)), new Set([null]));
    for (const n of Object.values(fresh)) assert.ok(!n.task.extra.pyupChecks.args.includes('--brief-base'));
  });
});
