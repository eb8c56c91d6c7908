/**
 * The GitHub Action (action.yml at the repository root): its inputs → one CLI run → its outputs.
 * Inputs arrive as INPUT_<NAME> variables (the runner's convention, which @actions/core's getInput
 * reads: upper case, spaces as `_`, hyphens kept; composite steps pass them explicitly, so
 * `INPUT_BRIEF_BASE` is read too). Lists (pythons, platforms, mirrors, modules) are split on
 * whitespace and commas. `brief-base: auto` takes the base from the event payload
 * (GITHUB_EVENT_PATH): a pull request's `base.sha`, a push's `before` (none for a new branch).
 * The run itself is the CLI with GITHUB_ACTIONS=true, so annotations and the job summary come from
 * ci-output.ts (@actions/core); this file adds the step outputs (exit code, counts, paths) and
 * uploads nothing (upload report.html and junit.xml with actions/upload-artifact).
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import type * as ActionsCore from '@actions/core';
import { parseReport } from '../findings/index.js';
import { UsageError } from './command.js';
import type { Io } from './io.js';
import { main } from './main.js';

const COMMANDS = ['all', 'compat', 'wheels', 'stale-ignores', 'inventory'] as const;
const NULL_SHA = /^0{40}$/;
const Event = z
  .object({
    pull_request: z.object({ base: z.object({ sha: z.string() }).passthrough() }).passthrough().optional(),
    before: z.string().optional(),
  })
  .passthrough();

/** An input's value: INPUT_<NAME> as the runner sets it, or with `-` as `_` (composite env). */
export function actionInput(env: Io['env'], name: string): string {
  const upper = name.replace(/ /g, '_').toUpperCase();
  return (env[`INPUT_${upper}`] ?? env[`INPUT_${upper.replace(/-/g, '_')}`] ?? '').trim();
}

const list = (text: string): string[] => text.split(/[\s,]+/).filter((s) => s.length > 0);

/** `auto`: the base of the event that triggered the run; another value is a revision; empty: none. */
export function briefBaseFor(value: string, env: Io['env']): string | null {
  if (value === '') return null;
  if (value !== 'auto') return value;
  if (!env.GITHUB_EVENT_PATH || !existsSync(env.GITHUB_EVENT_PATH)) return null;
  const parsed = Event.safeParse(JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')));
  if (!parsed.success) return null;
  const base = parsed.data.pull_request?.base.sha ?? parsed.data.before ?? null;
  return base === null || NULL_SHA.test(base) ? null : base;
}

/** The CLI arguments the inputs ask for; a UsageError for an unknown check. */
export function actionArgv(env: Io['env'], workspace: string): { argv: string[]; artifacts: string } {
  const check = actionInput(env, 'check') || 'all';
  if (!(COMMANDS as readonly string[]).includes(check)) throw new UsageError(`input check: ${JSON.stringify(check)} is not one of ${COMMANDS.join(', ')}`);
  const at = (p: string): string => (isAbsolute(p) ? p : resolve(workspace, p));
  const artifacts = at(actionInput(env, 'artifacts') || 'pyup-checks-artifacts');
  const argv = [check, '--repo', at(actionInput(env, 'repo') || '.'), '--artifacts', artifacts];
  for (const p of list(actionInput(env, 'pythons'))) argv.push('--python', p);
  for (const p of list(actionInput(env, 'platforms'))) argv.push('--platform', p);
  for (const m of list(actionInput(env, 'modules'))) argv.push('--module', m);
  for (const m of list(actionInput(env, 'mirrors'))) argv.push('--find-links', /^[a-z][a-z0-9+.-]*:/i.test(m) ? m : at(m));
  const indexUrl = actionInput(env, 'index-url');
  if (indexUrl) argv.push('--index-url', indexUrl);
  const config = actionInput(env, 'config');
  if (config) argv.push('--config', at(config));
  const base = briefBaseFor(actionInput(env, 'brief-base'), env);
  if (base) argv.push('--brief-base', base);
  return { argv, artifacts };
}

/** Runs the action: the CLI, then the step outputs. Returns the step's exit status. */
export async function runAction(io: Io): Promise<number> {
  const core: typeof ActionsCore = await import('@actions/core');
  const workspace = io.env.GITHUB_WORKSPACE ?? io.cwd;
  let plan: { argv: string[]; artifacts: string };
  try {
    plan = actionArgv(io.env, workspace);
  } catch (error) {
    core.setOutput('exit-code', 2);
    core.setFailed(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const code = await main(plan.argv, { ...io, env: { ...io.env, GITHUB_ACTIONS: 'true' }, cwd: workspace });
  core.setOutput('exit-code', code);
  core.setOutput('artifacts', plan.artifacts);
  const reportPath = join(plan.artifacts, 'report.json');
  if (existsSync(reportPath)) {
    const report = parseReport(readFileSync(reportPath, 'utf8'));
    core.setOutput('errors', report.summary.errors);
    core.setOutput('warnings', report.summary.warnings);
    core.setOutput('infos', report.summary.infos);
    core.setOutput('report-html', join(plan.artifacts, 'report.html'));
  }
  const failOnError = (actionInput(io.env, 'fail-on-error') || 'true') !== 'false';
  if (code !== 0 && failOnError) core.setFailed(`pyup-checks ${plan.argv[0]} exited ${code}${code === 1 ? ': error findings (see the annotations and report.html)' : ''}`);
  return failOnError ? code : 0;
}
