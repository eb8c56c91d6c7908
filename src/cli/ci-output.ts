/**
 * What a run prints for the CI around it, beyond the report:
 * - Treeherder (inside a Taskcluster task, TASK_ID set, or with --treeherder): one
 *   `TEST-UNEXPECTED-FAIL | <file>:<line> | <message>` line per error finding in the live log,
 *   which Treeherder's log parser shows as failures. On stdout, or stderr under --json so
 *   report.json stays parseable (the live log has both).
 * - GitHub Actions (GITHUB_ACTIONS=true): workflow-command annotations through @actions/core
 *   (file, line, title) and the check-run text as the job summary (GITHUB_STEP_SUMMARY), led by
 *   the landing brief under --brief-base.
 *   GitHub shows at most 10 error and 10 warning annotations per step: the rest are counted in
 *   the summary rather than dropped silently.
 */
import type * as ActionsCore from '@actions/core';
import type { Report } from '../findings/index.js';
import { renderGithubAnnotations, renderGithubCheckText, renderTreeherderLines } from '../report/index.js';
import type { Io } from './io.js';

/** Per-step annotation limits of GitHub Actions, per level. */
const ACTIONS_ANNOTATION_LIMIT = 10;

export interface CiOutputOptions {
  treeherder: boolean;
  json: boolean;
}

function inTaskcluster(io: Io): boolean {
  return Boolean(io.env.TASK_ID);
}

function treeherderOutput(report: Report, opts: CiOutputOptions, io: Io): void {
  if (!opts.treeherder && !inTaskcluster(io)) return;
  const lines = renderTreeherderLines(report);
  if (lines.length === 0) return;
  (opts.json ? io.stderr : io.stdout)(`${lines.join('\n')}\n`);
}

async function githubActionsOutput(report: Report, io: Io, checkRunText: string | null = null): Promise<void> {
  if (io.env.GITHUB_ACTIONS !== 'true') return;
  // Loaded only inside GitHub Actions: it costs start-up time everywhere else.
  const core: typeof ActionsCore = await import('@actions/core');
  const shown = { failure: 0, warning: 0, notice: 0 };
  let hidden = 0;
  for (const a of renderGithubAnnotations(report)) {
    if (shown[a.annotation_level] >= ACTIONS_ANNOTATION_LIMIT) {
      hidden += 1;
      continue;
    }
    shown[a.annotation_level] += 1;
    const props: ActionsCore.AnnotationProperties = { title: a.title, file: a.path, startLine: a.start_line, endLine: a.end_line };
    if (a.annotation_level === 'failure') core.error(a.message, props);
    else if (a.annotation_level === 'warning') core.warning(a.message, props);
    else core.notice(a.message, props);
  }
  if (!io.env.GITHUB_STEP_SUMMARY) return;
  core.summary.addRaw(checkRunText ?? renderGithubCheckText(report), true);
  if (hidden > 0) core.summary.addRaw(`\n${hidden} more finding(s) are in the report but not annotated (GitHub shows ${ACTIONS_ANNOTATION_LIMIT} per level per step).\n`, true);
  await core.summary.write();
}

/** Both of the above; called once per check run, after the artifacts are written. */
export async function ciOutput(report: Report, opts: CiOutputOptions, io: Io, checkRunText: string | null = null): Promise<void> {
  treeherderOutput(report, opts, io);
  await githubActionsOutput(report, io, checkRunText);
}
