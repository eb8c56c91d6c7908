/**
 * `results <taskGroupId>`: the group's tasks (listTaskGroup, followed through every
 * continuationToken), each task's `public/report.json` (getLatestArtifact answers 303 with
 * `{storageType, url}`; the artifact is then fetched from that URL), and one matrix across
 * checks × modules × targets with a link to each task.
 * Whose task it is comes from the report, not the definition: projects run the suite from their
 * own taskgraph kinds, hand-written `.taskcluster.yml` tasks or older decisions, without
 * `extra.pyupChecks`. So every resolved task is asked for its report: one whose `tool.name` is
 * pyup-checks is a result (checks and targets from the report); no report.json (404) or another
 * tool's is "not ours"; a report that does not parse is a `problem` on the task (exit 3), never
 * dropped. A task that has not resolved shows its state; it is ours when its definition says so.
 */
import { z } from 'zod';
import { exitStatus } from '../findings/index.js';
import type { ResultStatus } from '../findings/index.js';
import type { QueueApi } from './queue.js';
import { taskUrl } from './queue.js';
import { readReportArtifact } from './report-artifact.js';

const TaskEntry = z.object({
  status: z.object({ taskId: z.string(), state: z.string() }).passthrough(),
  task: z
    .object({
      metadata: z.object({ name: z.string() }).passthrough(),
      extra: z.object({ pyupChecks: z.object({ check: z.string(), python: z.string() }).passthrough().optional() }).passthrough().optional(),
    })
    .passthrough(),
});
const ListPage = z.object({ tasks: z.array(TaskEntry), continuationToken: z.string().optional() }).passthrough();
const Redirect = z.object({ url: z.string().url() }).passthrough();
/** taskcluster-client's errors carry the HTTP status. */
const HttpError = z.object({ statusCode: z.number() }).passthrough();

/** result: its report was read; not-ours: no pyup-checks report; unfinished: not resolved yet; problem: ours (or claiming) but unreadable. */
export type TaskRole = 'result' | 'not-ours' | 'unfinished' | 'problem';

export interface GroupTask {
  taskId: string;
  name: string;
  state: string;
  role: TaskRole;
  /** The definition carries `extra.pyupChecks` (made by the decision). */
  claimed: boolean;
  /** The check(s) it ran: from the report when read, else from `extra.pyupChecks`. */
  check: string | null;
  python: string | null;
  /** Target ids from the report. */
  targets: string[];
  link: string;
  /** Why the report could not be read (missing, not JSON, not the format), or null. */
  problem: string | null;
  /** Why it is not a pyup-checks task, or null. */
  notOurs: string | null;
  summary: { errors: number; warnings: number } | null;
}

export interface GroupCell {
  check: string;
  module: string;
  file: string;
  target: string;
  status: ResultStatus;
  taskId: string;
}

export interface GroupResults {
  taskGroupId: string;
  tasks: GroupTask[];
  cells: GroupCell[];
}

export type FetchText = (url: string) => Promise<string>;

async function listAll(queue: QueueApi, taskGroupId: string): Promise<Array<z.infer<typeof TaskEntry>>> {
  const out: Array<z.infer<typeof TaskEntry>> = [];
  let token: string | undefined;
  do {
    const page = ListPage.parse(await queue.listTaskGroup(taskGroupId, token ? { continuationToken: token } : {}));
    out.push(...page.tasks);
    token = page.continuationToken;
  } while (token);
  return out;
}

export const REPORT_ARTIFACT = 'public/report.json';
const RESOLVED = new Set(['completed', 'failed', 'exception']);
const message = (error: unknown): string => (error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error));

/** The report.json body, or null when the task has none (404). Other failures throw. */
async function fetchReport(queue: QueueApi, taskId: string, fetchText: FetchText): Promise<string | null> {
  let answer: unknown;
  try {
    answer = await queue.getLatestArtifact(taskId, REPORT_ARTIFACT);
  } catch (error) {
    const http = HttpError.safeParse(error);
    if (http.success && http.data.statusCode === 404) return null;
    throw error;
  }
  return fetchText(Redirect.parse(answer).url);
}

/** A typed Object.assign: the patch must be part of a GroupTask. */
const set = (task: GroupTask, patch: Partial<GroupTask>): void => void Object.assign(task, patch);

export async function collectResults(queue: QueueApi, taskGroupId: string, rootUrl: string, fetchText: FetchText): Promise<GroupResults> {
  const entries = await listAll(queue, taskGroupId);
  const tasks: GroupTask[] = [];
  const cells: GroupCell[] = [];
  for (const e of entries) {
    const info = e.task.extra?.pyupChecks;
    const task: GroupTask = {
      taskId: e.status.taskId, name: e.task.metadata.name, state: e.status.state, role: 'unfinished', claimed: info !== undefined,
      check: info?.check ?? null, python: info?.python ?? null, targets: [], link: taskUrl(rootUrl, e.status.taskId), problem: null, notOurs: null, summary: null,
    };
    tasks.push(task);
    if (!RESOLVED.has(task.state)) continue;
    let body: string | null;
    try {
      body = await fetchReport(queue, task.taskId, fetchText);
    } catch (error) {
      task.role = 'problem';
      task.problem = `${REPORT_ARTIFACT} could not be fetched: ${message(error)}`;
      continue;
    }
    if (body === null) {
      if (task.claimed) set(task, { role: 'problem', problem: `no ${REPORT_ARTIFACT} (the task ${task.state})` });
      else set(task, { role: 'not-ours', notOurs: `no ${REPORT_ARTIFACT} and no extra.pyupChecks` });
      continue;
    }
    const verdict = readReportArtifact(body, task.claimed);
    if (verdict.kind === 'problem') set(task, { role: 'problem', problem: verdict.problem });
    else if (verdict.kind === 'not-ours') set(task, { role: 'not-ours', notOurs: verdict.why });
    else {
      const r = verdict.report;
      const pythons = [...new Set(r.targets.map((t) => t.python))];
      // The checks that gave result rows (a run always lists inventory too), in the report's order.
      const ran = r.checks.filter((c) => r.rows.some((row) => row.check === c));
      set(task, { role: 'result', check: (ran.length > 0 ? ran : r.checks).join('+') || task.check, python: pythons.length === 1 ? pythons[0] : (task.python ?? (pythons.join(',') || null)), targets: r.targets.map((t) => t.id), summary: r.summary });
      for (const row of r.rows) cells.push({ check: row.check, module: row.module, file: row.file, target: row.target, status: row.status, taskId: task.taskId });
    }
  }
  return { taskGroupId, tasks, cells };
}

const MARK: Record<ResultStatus, string> = { pass: 'pass', fail: 'FAIL', error: 'ERROR', skip: 'skip' };

/** One matrix per check (rows: module and file; columns: targets), then the tasks with links. */
export function renderResults(r: GroupResults): string {
  const lines: string[] = [`Task group ${r.taskGroupId}: ${r.tasks.length} task(s)`];
  const checks = [...new Set(r.cells.map((c) => c.check))].sort();
  for (const check of checks) {
    const own = r.cells.filter((c) => c.check === check);
    const targets = [...new Set(own.map((c) => c.target))].sort();
    const rows = [...new Set(own.map((c) => `${c.module}\u0000${c.file}`))].sort();
    const head = ['module (file)', ...targets];
    const body = rows.map((key) => {
      const [module = '', file = ''] = key.split('\u0000');
      return [`${module} (${file})`, ...targets.map((t) => {
        const cell = own.find((c) => c.module === module && c.file === file && c.target === t);
        return cell ? MARK[cell.status] : '-';
      })];
    });
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
    const fmt = (row: string[]): string => row.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
    lines.push('', `${check}:`, `  ${fmt(head)}`, ...body.map((row) => `  ${fmt(row)}`));
  }
  lines.push('', 'tasks:');
  for (const t of r.tasks) {
    const s = t.summary ? ` ${t.summary.errors} error(s), ${t.summary.warnings} warning(s)` : '';
    const note = t.problem ?? (t.notOurs ? `not a pyup-checks task: ${t.notOurs}` : null);
    lines.push(`  ${t.state.padEnd(10)} ${t.name}${s}  ${t.link}${note ? `\n             ${note}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The exit status of `results`: 3 a task that did not finish (other than `selfTaskId`, the task
 * running `results`), ended in exception (whoever's), or whose report could not be read; 1 a failed task or
 * a failed cell; 0 all green.
 */
export function resultsExitCode(r: GroupResults, selfTaskId?: string): number {
  const others = r.tasks.filter((t) => t.taskId !== selfTaskId);
  return exitStatus({
    incomplete: others.some((t) => t.role === 'problem' || t.role === 'unfinished' || t.state === 'exception'),
    failed: others.some((t) => t.state === 'failed') || r.cells.some((c) => c.status === 'fail' || c.status === 'error'),
  });
}
