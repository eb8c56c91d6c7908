// .taskcluster.yml rendered with the json-e library, as Taskcluster-GitHub renders it (context:
// tasks_for, event, as_slugid, taskcluster_root_url), against real webhook payloads from
// @octokit/webhooks-examples. Relevant events yield exactly one decision task valid against the
// queue's create-task schema (taskId stripped, as Taskcluster-GitHub does), the docker-worker
// payload schema and Treeherder's schema; irrelevant events yield no task.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import jsone from 'json-e';
import { parse as parseYaml } from 'yaml';
import { checkTaskDefinition, loadSchemas, newTaskId } from '../../src/taskcluster/index.js';
import { SCHEMA_DIR } from './queue-server.js';

interface Example { name: string; examples: Array<Record<string, unknown>> }
const require = createRequire(import.meta.url);
const EXAMPLES = require('@octokit/webhooks-examples') as Example[];
const TEMPLATE = parseYaml(readFileSync(new URL('../../.taskcluster.yml', import.meta.url), 'utf8')) as Record<string, unknown>;
const schemas = loadSchemas(SCHEMA_DIR);

// The parts of GitHub's webhook payloads and of the rendered config that the assertions read.
interface Repo { id: number; name: string; full_name: string; html_url: string; fork?: boolean; owner: { login: string } }
interface PullRequest { head: { sha: string; label: string; repo: Repo; user: { login: string } }; base: { sha: string }; user: { login: string } }
interface WebhookEvent { action?: string; ref?: string; deleted?: boolean; before?: string; after?: string; repository: Repo; pull_request?: PullRequest }
interface RenderedTask { taskId: string; taskGroupId: string; routes: string[]; scopes: string[]; payload: { image: string; env: Record<string, string> } }
interface Rendered { tasks: RenderedTask[] }

const examplesOf = (name: string): WebhookEvent[] => EXAMPLES.find((e) => e.name === name)!.examples as unknown as WebhookEvent[];
const firstWith = (name: string, pred: (e: WebhookEvent) => boolean): WebhookEvent => {
  const found = examplesOf(name).find(pred);
  assert.ok(found, `no ${name} example matches`);
  return structuredClone(found);
};

function render(tasksFor: string, event: WebhookEvent): Rendered {
  const ids = new Map<string, string>();
  const asSlugid = (label: string): string => {
    if (!ids.has(label)) ids.set(label, newTaskId());
    return ids.get(label)!;
  };
  return jsone(TEMPLATE, { tasks_for: tasksFor, event, as_slugid: asSlugid, taskcluster_root_url: 'https://tc.example.com' }) as Rendered;
}

// A fork: the real "opened" payload with its head moved to another account's repository.
function forkOf(event: WebhookEvent): WebhookEvent {
  const e = structuredClone(event);
  assert.ok(e.pull_request, 'a pull_request payload');
  const head = e.pull_request.head;
  head.repo = { ...head.repo, id: head.repo.id + 1, name: 'Hello-World', full_name: 'octo-fork/Hello-World', fork: true,
    html_url: 'https://github.com/octo-fork/Hello-World', owner: { ...head.repo.owner, login: 'octo-fork' } };
  head.label = 'octo-fork:changes';
  head.user = { ...head.user, login: 'octo-fork' };
  e.pull_request.user = { ...e.pull_request.user, login: 'octo-fork' };
  return e;
}

const relevant: Array<[string, string, () => WebhookEvent]> = [
  ['pull request opened', 'github-pull-request', () => firstWith('pull_request', (e) => e.action === 'opened')],
  ['pull request synchronize', 'github-pull-request', () => firstWith('pull_request', (e) => e.action === 'synchronize')],
  ['pull request reopened', 'github-pull-request', () => firstWith('pull_request', (e) => e.action === 'reopened')],
  ['pull request from a fork (untrusted)', 'github-pull-request-untrusted', () => forkOf(firstWith('pull_request', (e) => e.action === 'opened'))],
  ['push to a branch', 'github-push', () => firstWith('push', (e) => String(e.ref).startsWith('refs/heads/') && !e.deleted)],
];

const irrelevant: Array<[string, string, () => WebhookEvent]> = [
  ['pull request closed', 'github-pull-request', () => firstWith('pull_request', (e) => e.action === 'closed')],
  ['pull request labeled', 'github-pull-request', () => firstWith('pull_request', (e) => e.action === 'labeled')],
  ['pull request assigned', 'github-pull-request', () => firstWith('pull_request', (e) => e.action === 'assigned')],
  ['tag push', 'github-push', () => firstWith('push', (e) => String(e.ref).startsWith('refs/tags/') && !e.deleted)],
  ['tag deleted', 'github-push', () => firstWith('push', (e) => e.deleted === true)],
];

describe('.taskcluster.yml', () => {
  test('the template itself is a valid version 1 config', () => {
    assert.deepEqual(schemas.check('githubConfigV1', TEMPLATE), []);
    assert.equal(TEMPLATE.reporting, 'checks-v1');
  });

  for (const [name, tasksFor, event] of relevant) {
    test(`${name}: one decision task, valid against the schemas`, () => {
      const ev = event();
      const rendered = render(tasksFor, ev);
      assert.deepEqual(schemas.check('githubConfigV1', rendered), []);
      assert.equal(rendered.tasks.length, 1);
      const task = rendered.tasks[0]!;
      assert.deepEqual(checkTaskDefinition(schemas, task as unknown as Record<string, unknown>), []);
      assert.equal(task.taskId, task.taskGroupId, 'the decision task is its own group');
      const th = task.routes.filter((r) => r.startsWith('tc-treeherder.'));
      const pr = ev.pull_request;
      const headSha = pr ? pr.head.sha : ev.after;
      assert.deepEqual(th, [`tc-treeherder.v2.${ev.repository.name}.${headSha}`]);
      assert.ok(task.routes.includes('checks'));
      const env = task.payload.env;
      assert.equal(env.PYUP_TASKS_FOR, tasksFor);
      assert.equal(env.PYUP_HEAD_REV, headSha);
      assert.equal(env.PYUP_BASE_REV, pr ? pr.base.sha : ev.before);
      assert.equal(env.PYUP_HEAD_REPOSITORY, pr ? pr.head.repo.html_url : ev.repository.html_url);
      assert.equal(env.PYUP_TASK_GROUP_ID, task.taskId);
      assert.match(task.payload.image, /@sha256:[0-9a-f]{64}$/);
      assert.ok(!JSON.stringify(task).match(/accessToken|TASKCLUSTER_ACCESS_TOKEN|clientId/), 'no credentials in the task');
      const role = tasksFor === 'github-push' ? `branch:${String(ev.ref).slice(11)}` : tasksFor === 'github-pull-request' ? 'pull-request' : 'pull-request-untrusted';
      assert.deepEqual(task.scopes, [`assume:repo:github.com/${ev.repository.full_name}:${role}`]);
    });
  }

  for (const [name, tasksFor, event] of irrelevant) {
    test(`${name}: no task`, () => {
      const rendered = render(tasksFor, event());
      assert.deepEqual(rendered.tasks, []);
      assert.deepEqual(schemas.check('githubConfigV1', rendered), []);
    });
  }
});
