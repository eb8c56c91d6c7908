/**
 * The junit thread's body (started by junit-thread.ts): loads junit-report-builder at once, while
 * the main thread runs the checks, then renders each report.json text it is sent.
 */
import { parentPort } from 'node:worker_threads';
import type { Report } from '../findings/index.js';
import { preloadJunit, renderJunit } from '../report/index.js';

preloadJunit();
parentPort?.on('message', (reportJson: string) => {
  try {
    // The report.json text is the report: renderJson writes every field renderJunit reads.
    parentPort?.postMessage({ ok: true, xml: renderJunit(JSON.parse(reportJson) as Report) });
  } catch (error) {
    parentPort?.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
