/**
 * `reproduce <taskId>`: fetches a pyup-checks task's definition and runs the same check with the
 * same arguments (python, modules, files) on the local checkout (`--repo`), writing the same
 * artifacts to `--artifacts`. The common options (index, cache, offline, ...) apply locally.
 */

import type { Command } from '../command.js';

// Metadata only: the implementation (and taskcluster-client) loads when the command runs.
export const reproduceCommand: Command = {
  name: 'reproduce',
  summary: '(Taskcluster) re-run one pyup-checks task locally from its taskId: same check, same arguments, same artifacts',
  positionals: '<taskId>',
  options: [{ name: 'root-url', type: 'string', value: 'URL', description: 'Taskcluster root URL', default: '$TASKCLUSTER_ROOT_URL' }],
  common: true,
  run: async (...args) => (await import('./reproduce-run.js')).run(...args),
};
