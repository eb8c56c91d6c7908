// Decision parameter fixtures (taskgraph keeps such files to regenerate graphs): each parses,
// says what to compare, and yields a graph valid against the bundled schemas (schemas/); the environment
// form and its errors; kinds from tasks/ and the image rule.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildTaskGraph, checkParameters, comparison, ImageReferenceError, loadKinds, loadSchemas, PARAMETER_ENV, ParametersError, parametersFromEnv, validateGraph,
} from '../../src/taskcluster/index.js';
import type { Parameters } from '../../src/taskcluster/index.js';
import { SCHEMA_DIR } from '../taskcluster/queue-server.js';

const DIR = fileURLToPath(new URL('.', import.meta.url));
const TASKS = fileURLToPath(new URL('../../tasks', import.meta.url));
const load = (name: string): Parameters => checkParameters(JSON.parse(readFileSync(`${DIR}/${name}`, 'utf8')));
const schemas = loadSchemas(SCHEMA_DIR);
const kinds = loadKinds(TASKS);
const FILES = [
  { path: 'modules/a/files/requirements.txt', module: 'a', pythons: ['3.6'] },
  { path: 'modules/b/files/py27_requirements.txt', module: 'b', pythons: ['2.7'] },
  { path: 'modules/b/files/requirements.txt', module: 'b', pythons: ['3.6', '3.7'] },
];

describe('parameter fixtures', () => {
  const expected: Record<string, string> = {
    'pull-request.json': 'base',
    'push-default-branch.json': 'push to the default branch (master)',
    'push-new-branch.json': 'no base revision to compare against',
  };
  test('every fixture is listed here', () => {
    assert.deepEqual(readdirSync(DIR).filter((f) => f.endsWith('.json')).sort(), Object.keys(expected).sort());
  });
  for (const [name, what] of Object.entries(expected)) {
    test(`${name}: ${what}; graph valid against the schemas`, () => {
      const p = load(name);
      const cmp = comparison(p);
      if (what === 'base') assert.deepEqual(cmp, { base: p.baseRev, head: p.headRev });
      else assert.deepEqual(cmp, { all: what });
      let n = 0;
      const { graph } = buildTaskGraph({ params: p, kinds, files: FILES, knownChecks: new Set(kinds.map((k) => k.check)), now: new Date('2024-05-01T00:00:00Z'), taskIdFor: () => `H6DkCBeaRYKd-bfouJixs${'ABCDEFGHIJKLMNOPQ'[n++]}` });
      assert.deepEqual(validateGraph(graph, schemas), []);
      // kind × python: 2.7, 3.6, 3.7; module b's 2.7 task covers only its py27 file.
      assert.equal(Object.keys(graph).length, kinds.length * 3);
      const compat27 = graph['compat-py2.7']!;
      assert.deepEqual(compat27.task.extra.pyupChecks.files, ['modules/b/files/py27_requirements.txt']);
      assert.deepEqual(compat27.task.extra.pyupChecks.args, ['--python', '2.7', '--module', 'b', '--files', 'modules/b/files/py27_requirements.txt']);
      assert.equal(compat27.task.deadline, '2024-05-02T00:00:00.000Z');
      for (const node of Object.values(graph)) {
        assert.equal(node.task.routes.filter((r) => r.startsWith('tc-treeherder.v2.')).length, 1);
        assert.equal(node.task.extra.treeherder.reason, p.tasksFor === 'github-push' ? 'push' : `pull request #${p.pullRequestNumber}`);
      }
    });
  }
});

describe('parameters from the environment', () => {
  const p = load('pull-request.json');
  const env = Object.fromEntries(Object.entries(PARAMETER_ENV).map(([k, v]) => [v, p[k as keyof Parameters] === null ? '' : String(p[k as keyof Parameters])]));
  test('round trip', () => assert.deepEqual(parametersFromEnv(env), { ...p, treeherderTier: null }));
  test('a new branch push (before = 40 zeros) has no base', () => assert.equal(parametersFromEnv({ ...env, PYUP_BASE_REV: '0'.repeat(40) }).baseRev, null));
  const bad: Array<[string, Record<string, string | undefined>, RegExp]> = [
    ['missing head', { PYUP_HEAD_REV: undefined }, /headRev \(PYUP_HEAD_REV\)/],
    ['short sha', { PYUP_HEAD_REV: 'abc123' }, /headRev/],
    ['dotted project', { PYUP_PROJECT: 'build.puppet' }, /project/],
    ['unknown event', { PYUP_TASKS_FOR: 'github-release' }, /tasksFor/],
    ['bad task queue', { PYUP_TASK_QUEUE_ID: 'nope' }, /taskQueueId/],
  ];
  for (const [name, patch, message] of bad) test(`refused: ${name}`, () => assert.throws(() => parametersFromEnv({ ...env, ...patch }), (e: unknown) => e instanceof ParametersError && message.test(e.message)));
  test('a mutable image tag is refused', () => {
    const tagged = { ...p, image: 'ghcr.io/mozilla-releng/pyup-checks:latest' };
    assert.throws(() => buildTaskGraph({ params: tagged, kinds, files: FILES, knownChecks: new Set(['compat']), now: new Date(), taskIdFor: () => 'H6DkCBeaRYKd-bfouJixsw' }), ImageReferenceError);
  });
  test('kinds of checks this build lacks are skipped, not scheduled', () => {
    const { graph, skippedKinds } = buildTaskGraph({ params: p, kinds, files: FILES, knownChecks: new Set(['compat']), now: new Date(), taskIdFor: () => 'H6DkCBeaRYKd-bfouJixsw' });
    assert.deepEqual(Object.keys(graph).sort(), ['compat-py2.7', 'compat-py3.6', 'compat-py3.7']);
    assert.deepEqual(skippedKinds.sort(), kinds.map((k) => k.name).filter((n) => n !== 'compat').sort());
  });
});
