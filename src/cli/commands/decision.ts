/**
 * `decision`: the Taskcluster decision task. Parameters from the environment `.taskcluster.yml`
 * sets (or `--parameters FILE`, a parameters.json from an earlier decision, and flags), the
 * inventory for each file's target pythons, then the task graph, its artifacts
 * (parameters.json, task-graph.json, ...) and createTask for each task. `--dry-run` prints the
 * graph and needs no credentials (ids are generated, the task group is invented when unset).
 */

import type { Command } from '../command.js';

// Metadata only: the implementation (and taskcluster-client) loads when the command runs.
export const decisionCommand: Command = {
  name: 'decision',
  summary: '(Taskcluster) build the task graph for a PR/push from the changed requirements files and create it; --dry-run prints it',
  options: [
    { name: 'dry-run', type: 'boolean', description: 'print the task graph as JSON; create nothing (no credentials needed)' },
    { name: 'parameters', type: 'string', value: 'FILE', description: 'decision parameters (a parameters.json artifact) instead of the PYUP_* environment' },
    { name: 'base', type: 'string', value: 'REV', description: 'compare against this commit (PYUP_BASE_REV)' },
    { name: 'head', type: 'string', value: 'REV', description: 'the commit to check (PYUP_HEAD_REV)', default: 'HEAD with --dry-run' },
    { name: 'tasks-for', type: 'string', value: 'EVENT', description: 'the event: github-pull-request, github-pull-request-untrusted, github-push or manual (PYUP_TASKS_FOR)', default: 'manual' },
    { name: 'project', type: 'string', value: 'NAME', description: 'Treeherder project (PYUP_PROJECT)' },
    { name: 'image', type: 'string', value: 'REF', description: 'task image, name@sha256:… (PYUP_CHECKS_IMAGE)' },
    { name: 'root-url', type: 'string', value: 'URL', description: 'Taskcluster root URL', default: '$TASKCLUSTER_ROOT_URL (or the task proxy)' },
    { name: 'tasks-dir', type: 'string', value: 'DIR', description: 'task kinds', default: "the suite's tasks/" },
    { name: 'schemas', type: 'string', value: 'DIR', description: 'Taskcluster/Treeherder schemas to validate every task against', default: "$PYUP_CHECKS_SCHEMAS or the suite's schemas/" },
    { name: 'no-validate', type: 'boolean', description: 'do not validate the task graph against the schemas (the queue still validates on createTask)' },
  ],
  common: true,
  run: async (...args) => (await import('./decision-run.js')).run(...args),
};
