/**
 * `results <taskGroupId>`: one matrix across every check and target of a finished task group,
 * read from each task's report.json, with links to the tasks; `--json` prints the collected data.
 * Exit: 0 all passed, 1 failures, 3 a task that did not finish or whose report could not be read.
 */
import { collectResults, queueFromEnv, renderResults, resultsExitCode } from '../../taskcluster/index.js';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';

async function fetchText(url: string): Promise<string> {
  const res = await fetch(url, { redirect: 'follow' });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return res.text();
}

export const run: Command['run'] = async (_opts, raw, io) => {
  const ids = Array.isArray(raw._) ? raw._ : [];
  if (ids.length !== 1) throw new UsageError('results takes one task group id');
  const rootUrl = (typeof raw['root-url'] === 'string' ? raw['root-url'] : undefined) ?? io.env.TASKCLUSTER_ROOT_URL;
  if (!rootUrl) throw new UsageError('results: pass --root-url or set TASKCLUSTER_ROOT_URL');
  const results = await collectResults(queueFromEnv({ ...io.env, TASKCLUSTER_PROXY_URL: undefined }, rootUrl), ids[0]!, rootUrl, fetchText);
  io.stdout(raw.json === true ? `${JSON.stringify(results, null, 2)}\n` : renderResults(results));
  return resultsExitCode(results, io.env.TASK_ID);
};
