/**
 * `results <taskGroupId> --html FILE`: one report for the whole group. Each task whose report.json
 * `collectResults` read is asked for it again (getLatestArtifact → its URL), parsed in full
 * (parseReport: never cast), and the reports are merged (mergeReports) for report.html. A report
 * that cannot be fetched or parsed now is named, never silently dropped from the page.
 */
import { z } from 'zod';
import { mergeReports, parseReport } from '../findings/index.js';
import type { Report } from '../findings/index.js';
import type { QueueApi } from './queue.js';
import { REPORT_ARTIFACT } from './results.js';
import type { FetchText, GroupResults } from './results.js';

const Redirect = z.object({ url: z.string().url() }).passthrough();

export interface GroupReport {
  /** The merged report, or null when no task had one. */
  report: Report | null;
  /** taskId → why its report is not in the merge. */
  problems: Map<string, string>;
}

/** The full reports of the group's result tasks, merged. */
export async function groupReport(queue: QueueApi, results: GroupResults, fetchText: FetchText): Promise<GroupReport> {
  const reports: Report[] = [];
  const problems = new Map<string, string>();
  for (const task of results.tasks) {
    if (task.summary === null) continue; // not a result: not ours, unfinished, or already a problem
    try {
      const redirect = Redirect.parse(await queue.getLatestArtifact(task.taskId, REPORT_ARTIFACT));
      reports.push(parseReport(await fetchText(redirect.url)));
    } catch (error) {
      problems.set(task.taskId, `${REPORT_ARTIFACT} not in this page: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`);
    }
  }
  return { report: reports.length > 0 ? mergeReports(reports) : null, problems };
}
