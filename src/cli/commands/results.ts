/**
 * `results <taskGroupId>`: one matrix across every check and target of a finished task group,
 * read from each task's report.json, with links to the tasks; `--json` prints the collected data;
 * `--html FILE` writes one report.html of the group's merged reports.
 * Exit: 0 all passed, 1 failures, 3 a task that did not finish or whose report could not be read.
 */

import type { Command } from '../command.js';

// Metadata only: the implementation (and taskcluster-client) loads when the command runs.
export const resultsCommand: Command = {
  name: 'results',
  summary: "(Taskcluster) one matrix across a task group's checks and targets, from each task's report.json, with links",
  positionals: '<taskGroupId>',
  options: [
    { name: 'root-url', type: 'string', value: 'URL', description: 'Taskcluster root URL', default: '$TASKCLUSTER_ROOT_URL' },
    { name: 'json', type: 'boolean', description: 'print the collected results as JSON' },
    { name: 'html', type: 'string', value: 'FILE', description: "also write one report.html for the whole group (every task's report.json merged, with links to the tasks)" },
  ],
  common: false,
  run: async (...args) => (await import('./results-run.js')).run(...args),
};
