/**
 * `results <taskGroupId>`: the group's tasks (listTaskGroup, followed through every
 * continuationToken), each pyup-checks task's `public/report.json` (getLatestArtifact answers
 * 303 with `{storageType, url}`; the artifact is then fetched from that URL), and one matrix across
 * checks × modules × targets with a link to each task.
 * Tasks that are not ours (no `extra.pyupChecks`, e.g. the decision) are listed but not read; a task
 * without a report (pending, running, exception) shows its state instead of cells.
 */
import { z } from 'zod';
import { exitStatus, parseReport } from '../findings/index.js';
import type { Report, ResultStatus } from '../findings/index.js';
import type { QueueApi } from './queue.js';
import { taskUrl } from './queue.js';

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

export interface GroupTask {
  taskId: string;
  name: string;
  state: string;
  check: string | null;
  python: string | null;
  link: string;
  /** Why the report could not be read (missing, unparsable), or null. */
  problem: string | null;
  summary: Report['summary'] | null;
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

export async function collectResults(queue: QueueApi, taskGroupId: string, rootUrl: string, fetchText: FetchText): Promise<GroupResults> {
  const entries = await listAll(queue, taskGroupId);
  const tasks: GroupTask[] = [];
  const cells: GroupCell[] = [];
  for (const e of entries) {
    const info = e.task.extra?.pyupChecks;
    const task: GroupTask = {
      taskId: e.status.taskId, name: e.task.metadata.name, state: e.status.state, check: info?.check ?? null, python: info?.python ?? null,
      link: taskUrl(rootUrl, e.status.taskId), problem: null, summary: null,
    };
    tasks.push(task);
    if (!info || (task.state !== 'completed' && task.state !== 'failed')) continue;
    try {
      const redirect = Redirect.parse(await queue.getLatestArtifact(task.taskId, REPORT_ARTIFACT));
      const report = parseReport(await fetchText(redirect.url));
      task.summary = report.summary;
      for (const r of report.results) cells.push({ check: r.check, module: r.module, file: r.file, target: r.target, status: r.status, taskId: task.taskId });
    } catch (error) {
      task.problem = `no readable ${REPORT_ARTIFACT}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
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
    lines.push(`  ${t.state.padEnd(10)} ${t.name}${s}  ${t.link}${t.problem ? `\n             ${t.problem}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The exit status of `results`: 0 all green, 1 a failed cell or task, 3 a task that did not finish or could not be read. */
export function resultsExitCode(r: GroupResults): number {
  return exitStatus({
    incomplete: r.tasks.some((t) => t.problem !== null || t.state === 'exception'),
    failed: r.tasks.some((t) => t.state === 'failed') || r.cells.some((c) => c.status === 'fail' || c.status === 'error'),
  });
}
