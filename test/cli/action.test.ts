// The GitHub Action: action.yml's composite step passes every input to bin/pyup-checks-action.js,
// which is run here as the runner runs it: a child process with the INPUT_* variables action.yml
// maps (read from the file, so the two cannot drift) and the GITHUB_* environment, with real
// webhook payloads from @octokit/webhooks-examples as GITHUB_EVENT_PATH. Checked: the annotations
// (workflow commands on stdout), the job summary (GITHUB_STEP_SUMMARY, led by the landing brief
// for `brief-base: auto` on a pull request) and the outputs (GITHUB_OUTPUT).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { EXAMPLE_INDEX } from '../../examples/index.js';
import { parseReport } from '../../src/findings/index.js';
import { buildProjects } from '../support/distributions.js';
import { startIndexServer, type IndexServer } from '../support/index-server.js';
import { SIGNING } from './fixtures.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const ENTRY = join(ROOT, 'bin/pyup-checks-action.js');
const Step = z.object({ name: z.string(), id: z.string().optional(), shell: z.string(), run: z.string(), env: z.record(z.string()).optional() });
const ActionYml = z.object({
  name: z.string(),
  inputs: z.record(z.object({ description: z.string(), default: z.string() })),
  outputs: z.record(z.object({ description: z.string(), value: z.string() })),
  runs: z.object({ using: z.literal('composite'), steps: z.array(Step) }),
});
const action = ActionYml.parse(parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')));
const runStep = action.runs.steps.find((s) => s.id === 'run')!;

interface Example { name: string; examples: unknown[] }
const EXAMPLES = createRequire(import.meta.url)('@octokit/webhooks-examples') as Example[];
const PullRequestEvent = z.object({ action: z.string(), pull_request: z.object({ base: z.object({ sha: z.string() }).passthrough(), head: z.object({ sha: z.string() }).passthrough() }).passthrough() }).passthrough();
const PushEvent = z.object({ before: z.string(), after: z.string() }).passthrough();

const GIT_ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: tmpdir() };
const git = async (repo: string, ...args: string[]): Promise<string> => (await execa('git', args, { cwd: repo, env: GIT_ENV })).stdout.trim();

/** GITHUB_OUTPUT's format as @actions/core writes it: `name<<DELIM\nvalue\nDELIM`. */
function readOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  for (const m of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) out[m[1]!] = m[3]!;
  return out;
}

/** The env action.yml gives the run step, with `${{ inputs.x }}` filled from `inputs` (else the default). */
function inputEnv(inputs: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, expr] of Object.entries(runStep.env ?? {})) {
    const name = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(expr)?.[1];
    assert.ok(name && name in action.inputs, `${key} maps a declared input (${expr})`);
    env[key] = inputs[name] ?? action.inputs[name]!.default;
  }
  return env;
}

let server: IndexServer;
let root: string;
let workspace: string;
let headSha: string;
let baseSha: string;
before(async () => {
  server = await startIndexServer({ projects: await buildProjects(EXAMPLE_INDEX) });
  root = mkdtempSync(join(tmpdir(), 'pyup-checks-action-'));
  workspace = join(root, 'workspace');
  mkdirSync(join(workspace, 'modules/signing_scriptworker/files'), { recursive: true });
  await git(workspace, 'init', '-q', '-b', 'main');
  writeFileSync(join(workspace, 'modules/signing_scriptworker/files/requirements.txt'), SIGNING('4.0.1'));
  await git(workspace, 'add', '.');
  await git(workspace, 'commit', '-q', '-m', 'base');
  baseSha = await git(workspace, 'rev-parse', 'HEAD');
  writeFileSync(join(workspace, 'modules/signing_scriptworker/files/requirements.txt'), SIGNING('5.0.0'));
  await git(workspace, 'commit', '-q', '-am', 'pyup: taskcluster 5.0.0');
  headSha = await git(workspace, 'rev-parse', 'HEAD');
});
after(async () => {
  await server.close();
});

async function runAction(name: string, eventName: string, payload: unknown, inputs: Record<string, string>) {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const files = { event: join(dir, 'event.json'), summary: join(dir, 'summary.md'), output: join(dir, 'output.txt') };
  writeFileSync(files.event, JSON.stringify(payload));
  // The runner creates both files before the step.
  writeFileSync(files.summary, '');
  writeFileSync(files.output, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '', ...GIT_ENV,
    GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_WORKSPACE: workspace, GITHUB_ACTION_PATH: ROOT, GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: files.event,
    GITHUB_SHA: headSha, GITHUB_REPOSITORY: 'Codertocat/Hello-World', GITHUB_SERVER_URL: 'https://github.com', GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output, RUNNER_TEMP: dir, PYUP_CHECKS_CACHE: join(root, 'cache'),
    ...inputEnv(inputs),
  };
  const r = await execa('node', [ENTRY], { cwd: workspace, env, extendEnv: false, reject: false });
  return { code: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr, summary: readFileSync(files.summary, 'utf8'), outputs: readOutputs(files.output) };
}

describe('action.yml', () => {
  test('a composite action: npm ci in its folder, then the entry with every input mapped; outputs from that step', () => {
    assert.match(action.runs.steps[0]!.run, /^npm ci --prefix "\$GITHUB_ACTION_PATH"/);
    assert.match(runStep.run, /node "\$GITHUB_ACTION_PATH\/bin\/pyup-checks-action\.js"/);
    assert.ok(existsSync(ENTRY));
    const mapped = Object.values(runStep.env ?? {}).map((e) => /inputs\.([\w-]+)/.exec(e)?.[1]);
    assert.deepEqual([...mapped].sort(), Object.keys(action.inputs).sort(), 'every input reaches the entry');
    for (const want of ['check', 'repo', 'pythons', 'platforms', 'index-url', 'mirrors', 'brief-base']) assert.ok(want in action.inputs, want);
    for (const [name, o] of Object.entries(action.outputs)) assert.equal(o.value, `\${{ steps.run.outputs.${name} }}`);
  });
});

describe('the action on a pull_request and a push', () => {
  test('pull_request opened, brief-base auto: annotations, a summary led by the brief, outputs with the counts', async () => {
    const example = EXAMPLES.find((e) => e.name === 'pull_request')!.examples.map((e) => PullRequestEvent.parse(e)).find((e) => e.action === 'opened')!;
    const payload = structuredClone(example);
    payload.pull_request.base.sha = baseSha;
    payload.pull_request.head.sha = headSha;
    const r = await runAction('pr', 'pull_request', payload, { check: 'compat', 'index-url': server.indexUrl, pythons: '3.6', 'brief-base': 'auto', artifacts: 'out' });
    assert.equal(r.code, 1, r.stderr);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error '));
    assert.ok(errors.length > 0 && errors.length <= 10, r.stdout);
    for (const l of errors) assert.match(l, /^::error title=compat [\w-]+%3A [^,]*,file=modules\/signing_scriptworker\/files\/requirements\.txt,line=\d+,endLine=\d+::\S/);
    assert.ok(errors.some((l) => /^::error title=compat conflict%3A taskcluster-urls==11\.0\.0 .*line=15,.*%0AFix: pin taskcluster-urls==10\.1\.2/.test(l)), 'the conflict is annotated at its line, with the fix');
    assert.match(r.summary, /^## Landing brief: /);
    assert.match(r.summary, /taskcluster 4\.0\.1 → 5\.0\.0/);
    assert.match(r.summary, /\n---\n\n## pyup-checks\n\n\*\*FAILED\*\*/);
    const report = parseReport(readFileSync(join(workspace, 'out', 'report.json'), 'utf8'));
    assert.deepEqual(
      { code: r.outputs['exit-code'], errors: r.outputs.errors, warnings: r.outputs.warnings, infos: r.outputs.infos },
      { code: '1', errors: String(report.summary.errors), warnings: String(report.summary.warnings), infos: String(report.summary.infos) },
    );
    assert.ok(report.summary.errors > 0);
    assert.equal(r.outputs['report-html'], join(workspace, 'out', 'report.html'));
    const html = readFileSync(r.outputs['report-html']!, 'utf8');
    assert.ok(html.includes(`https://github.com/Codertocat/Hello-World/blob/${headSha}/modules/signing_scriptworker/files/requirements.txt#L`));
    assert.ok(html.includes('id="brief"'), 'report.html carries the brief');
    assert.match(r.stdout, /^::error::pyup-checks compat exited 1/m);
  });

  test('a push creating a branch (before = zeros): no brief; fail-on-error false reports without failing', async () => {
    const example = EXAMPLES.find((e) => e.name === 'push')!.examples.map((e) => PushEvent.parse(e)).find((e) => /^0{40}$/.test(e.before))!;
    const r = await runAction('push', 'push', example, { check: 'compat', 'index-url': server.indexUrl, 'brief-base': 'auto', 'fail-on-error': 'false', artifacts: 'out-push' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.outputs['exit-code'], '1');
    assert.match(r.summary, /^## pyup-checks\n/);
    assert.doesNotMatch(r.summary, /Landing brief/);
    assert.doesNotMatch(r.stdout, /^::error::/m);
  });

  test('an unknown check is a usage error (exit 2) that says which input', async () => {
    const r = await runAction('bad', 'push', {}, { check: 'everything' });
    assert.equal(r.code, 2);
    assert.equal(r.outputs['exit-code'], '2');
    assert.match(r.stdout, /^::error::input check: "everything" is not one of all, compat, wheels, stale-ignores, inventory$/m);
  });
});
