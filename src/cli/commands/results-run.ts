/**
 * `results <taskGroupId>`: one matrix across every check and target of a finished task group,
 * read from each task's report.json, with links to the tasks; `--json` prints the collected data.
 * Exit: 0 all passed, 1 failures, 3 a task that did not finish or whose report could not be read.
 */
import { basename, dirname, resolve } from 'node:path';
import { buildReport } from '../../findings/index.js';
import { renderHtml, writeArtifacts } from '../../report/index.js';
import { collectResults, groupReport, queueFromEnv, renderResults, resultsExitCode } from '../../taskcluster/index.js';
import type { FetchText, GroupResults } from '../../taskcluster/index.js';
import type { QueueApi } from '../../taskcluster/index.js';
import type { Io } from '../io.js';
import { TOOL_VERSION } from '../version.js';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';

async function fetchText(url: string): Promise<string> {
  const res = await fetch(url, { redirect: 'follow' });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return res.text();
}

/** `--html FILE`: the group's reports merged into one page, with the tasks listed and linked. */
export async function writeGroupHtml(file: string, queue: QueueApi, results: GroupResults, io: Io, fetch: FetchText = fetchText): Promise<void> {
  const { report, problems } = await groupReport(queue, results, fetch);
  const empty = buildReport({ toolVersion: TOOL_VERSION, checks: [], targets: [], files: [], results: [], findings: [] });
  const tasks = results.tasks.map((t) => ({ name: t.name, state: t.state, link: t.link, note: problems.get(t.taskId) ?? t.problem ?? null }));
  const html = renderHtml(report ?? empty, { title: `pyup-checks: task group ${results.taskGroupId}`, tasks });
  await writeArtifacts(dirname(file), { [basename(file)]: html });
  io.stderr(`pyup-checks: wrote ${file} (${results.tasks.filter((t) => t.summary !== null).length - problems.size} report(s) merged)\n`);
}

export const run: Command['run'] = async (_opts, raw, io) => {
  const ids = Array.isArray(raw._) ? raw._ : [];
  if (ids.length !== 1) throw new UsageError('results takes one task group id');
  const rootUrl = (typeof raw['root-url'] === 'string' ? raw['root-url'] : undefined) ?? io.env.TASKCLUSTER_ROOT_URL;
  if (!rootUrl) throw new UsageError('results: pass --root-url or set TASKCLUSTER_ROOT_URL');
  const queue = queueFromEnv({ ...io.env, TASKCLUSTER_PROXY_URL: undefined }, rootUrl);
  const results = await collectResults(queue, ids[0]!, rootUrl, fetchText);
  if (typeof raw.html === 'string') await writeGroupHtml(resolve(io.cwd, raw.html), queue, results, io);
  io.stdout(raw.json === true ? `${JSON.stringify(results, null, 2)}\n` : renderResults(results));
  return resultsExitCode(results, io.env.TASK_ID);
};
