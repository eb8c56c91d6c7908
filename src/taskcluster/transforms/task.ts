/**
 * The task transform: a job → a complete `queue.createTask` body in the docker-worker payload
 * format (generic-worker runs it through d2g), following the shared schemas.
 * - Routes: exactly one `tc-treeherder.v2.<project>.<revision>` (Treeherder ingests a task once
 *   per route) and `checks` (Taskcluster-GitHub makes a check run only for tasks with it).
 * - The image must be an immutable reference (`name@sha256:<64 hex>`); a tag is refused.
 * - `extra.pyupChecks` keeps the check and its arguments so `reproduce` can run it again; they
 *   include `--brief-base REV` when the decision knows the base, so the check-run text leads with
 *   the landing brief (and `reproduce` writes it too).
 * - No credentials: check tasks read only public data; the env holds revisions and paths.
 * - `{check}` and `{python}` are filled in symbols and artifact names.
 */
import type { Parameters } from '../params.js';
import { fromNow } from '../queue.js';
import type { DockerArtifact, GraphNode, TaskDefinition } from '../types.js';
import type { Job } from './matrix.js';

export const SCHEDULER_ID = 'taskcluster-github';
export const RUN_TASK = '/usr/local/bin/pyup-run-task';
const DIGEST_REF = /^[^\s@]+@sha256:[0-9a-f]{64}$/;

export class ImageReferenceError extends Error {
  readonly input: string;
  readonly offset: number;
  constructor(input: string) {
    super(`task image ${JSON.stringify(input)} is not an immutable reference (expected name@sha256:<64 hex digits>)`);
    this.name = 'ImageReferenceError';
    this.input = input;
    this.offset = input.indexOf('@') === -1 ? input.length : input.indexOf('@');
  }
}

const fill = (text: string, job: Job): string => text.replaceAll('{check}', job.kind.check).replaceAll('{python}', job.python);

/** The check's own arguments (what `reproduce` replays), with the landing brief's base when known. */
export function checkArgs(job: Job, briefBase: string | null = null): string[] {
  return [
    '--python', job.python,
    ...job.modules.flatMap((m) => ['--module', m]),
    ...job.files.map((f) => f.path).sort().flatMap((p) => ['--files', p]),
    ...(briefBase ? ['--brief-base', briefBase] : []),
  ];
}

export interface TaskContext {
  params: Parameters;
  now: Date;
  taskIdFor: (label: string) => string;
  /** The landing brief's base (`--brief-base`: it leads the check-run text); null: no brief. */
  briefBase?: string | null;
}

export function jobToTask(job: Job, ctx: TaskContext): GraphNode {
  const { params, now } = ctx;
  if (!DIGEST_REF.test(params.image)) throw new ImageReferenceError(params.image);
  const { kind } = job;
  const w = kind.worker;
  const expires = fromNow(kind.expiresAfter, now);
  const args = checkArgs(job, ctx.briefBase ?? null);
  const artifacts: Record<string, DockerArtifact> = {};
  for (const a of kind.artifacts) artifacts[fill(a.name, job)] = { type: a.type, path: `${w.artifacts}/${fill(a.path, job)}`, expires };
  const env: Record<string, string> = {
    // run-task clones the base repository (its history holds the brief's base), then fetches the head.
    PYUP_BASE_REPOSITORY: params.baseRepository,
    PYUP_HEAD_REPOSITORY: params.headRepository,
    PYUP_HEAD_REV: params.headRev,
    PYUP_HEAD_REF: params.headRef,
    PYUP_CHECKOUT: w.checkout,
    PYUP_CHECKS_CACHE: w.cacheMount,
    CI: 'true',
  };
  const symbol = fill(kind.treeherder.symbol, job);
  const name = `pyup-checks ${kind.check} ${symbol}`;
  const task: TaskDefinition = {
    taskQueueId: params.taskQueueId,
    schedulerId: SCHEDULER_ID,
    taskGroupId: params.taskGroupId,
    dependencies: [params.decisionTaskId],
    requires: 'all-completed',
    routes: [`tc-treeherder.v2.${params.project}.${params.headRev}`, 'checks'],
    priority: kind.priority,
    retries: kind.retries,
    created: now.toISOString(),
    deadline: fromNow(kind.deadlineAfter, now),
    expires,
    scopes: [`docker-worker:cache:${w.cacheName}`],
    payload: {
      image: params.image,
      command: [RUN_TASK, '--', 'pyup-checks', kind.check, ...args, '--repo', w.checkout, '--artifacts', w.artifacts],
      env,
      maxRunTime: kind.maxRunTime,
      cache: { [w.cacheName]: w.cacheMount },
      artifacts,
    },
    metadata: {
      name,
      description: `${kind.description}\n\nModules: ${job.modules.join(', ')}; python ${job.python}.`,
      owner: params.owner,
      source: `${params.headRepository.replace(/\.git$/, '')}/tree/${params.headRev}`,
    },
    tags: { kind: kind.name, check: kind.check, python: job.python, createdForUser: params.owner },
    extra: {
      treeherder: {
        symbol,
        groupSymbol: kind.treeherder.groupSymbol,
        groupName: kind.treeherder.groupName,
        tier: params.treeherderTier === null ? kind.treeherder.tier : (params.treeherderTier as 1 | 2 | 3),
        jobKind: kind.treeherder.jobKind,
        machine: { platform: kind.treeherder.platform },
        reason: params.tasksFor === 'github-push' ? 'push' : params.pullRequestNumber ? `pull request #${params.pullRequestNumber}` : 'scheduled',
      },
      pyupChecks: { check: kind.check, python: job.python, modules: job.modules, files: job.files.map((f) => f.path).sort(), args },
    },
  };
  const taskId = ctx.taskIdFor(job.label);
  return {
    kind: kind.name,
    label: job.label,
    task_id: taskId,
    dependencies: { decision: params.decisionTaskId },
    attributes: { check: kind.check, python: job.python, modules: job.modules },
    task,
  };
}
