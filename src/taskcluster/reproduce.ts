/**
 * `reproduce <taskId>`: what a pyup-checks task ran, read back from its definition
 * (`task.extra.pyupChecks`, written by the task transform), so the same check runs again locally
 * with the same arguments. The environment's own arguments (--repo, --artifacts, --cache-dir)
 * are the caller's. A task the decision did not make is a ReproduceError.
 */
import { z } from 'zod';
import type { QueueApi } from './queue.js';
import type { PyupTaskInfo } from './types.js';

const Info = z.object({
  check: z.string().regex(/^[a-z][a-z0-9-]*$/),
  python: z.string(),
  modules: z.array(z.string()),
  files: z.array(z.string()),
  args: z.array(z.string()),
});
const TaskShape = z.object({ metadata: z.object({ name: z.string() }).passthrough(), extra: z.object({ pyupChecks: Info }).passthrough() }).passthrough();

export class ReproduceError extends Error {
  readonly input: string;
  readonly offset = 0;
  constructor(message: string, input: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReproduceError';
    this.input = input;
  }
}

/** Arguments that name the environment, not the check: never replayed. */
const LOCAL_ONLY = new Set(['--repo', '--artifacts', '--cache-dir']);

export async function fetchReproduction(queue: QueueApi, taskId: string): Promise<PyupTaskInfo & { name: string }> {
  const parsed = TaskShape.safeParse(await queue.task(taskId));
  if (!parsed.success) throw new ReproduceError(`task ${taskId} is not a pyup-checks task (no extra.pyupChecks)`, taskId, { cause: parsed.error });
  const info = parsed.data.extra.pyupChecks;
  const bad = info.args.find((a) => LOCAL_ONLY.has(a));
  if (bad) throw new ReproduceError(`task ${taskId} carries ${bad} in its check arguments`, taskId);
  return { ...info, name: parsed.data.metadata.name };
}
