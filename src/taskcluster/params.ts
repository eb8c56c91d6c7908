/**
 * Decision parameters (taskgraph's `parameters.yml`, here `parameters.json`): everything the graph
 * depends on besides the repository, so any graph can be regenerated and diffed from its artifact.
 * In a task they come from the environment `.taskcluster.yml` sets (PYUP_* plus the worker's
 * TASK_ID); locally from flags. Validated with zod: a missing or malformed value is a
 * ParametersError that names the variable (exit 2), never a half-built graph.
 * Trap: a push that creates a branch has `before` = 40 zeros (no base: every file is checked).
 */
import { z } from 'zod';

export const TASKS_FOR = ['github-pull-request', 'github-pull-request-untrusted', 'github-push', 'manual'] as const;
export type TasksFor = (typeof TASKS_FOR)[number];

const SHA = /^[0-9a-f]{40}$/;
const NULL_SHA = '0'.repeat(40);
// Treeherder project names and route segments: no dots (a dot separates route words).
const PROJECT = /^[A-Za-z0-9_-]+$/;
const SLUG = /^[A-Za-z0-9_-]{22}$/;

const ParametersSchema = z
  .object({
    tasksFor: z.enum(TASKS_FOR),
    project: z.string().regex(PROJECT, 'letters, digits, _ and - only'),
    owner: z.string().min(1),
    baseRepository: z.string().url(),
    baseRef: z.string().min(1),
    /** null: nothing to compare against (new branch, manual run): every file is checked. */
    baseRev: z.string().regex(SHA).nullable(),
    headRepository: z.string().url(),
    headRef: z.string().min(1),
    headRev: z.string().regex(SHA),
    defaultBranch: z.string().min(1),
    pullRequestNumber: z.number().int().positive().nullable(),
    decisionTaskId: z.string().regex(SLUG, 'a Taskcluster slugid'),
    taskGroupId: z.string().regex(SLUG, 'a Taskcluster slugid'),
    rootUrl: z.string().url(),
    image: z.string().min(1),
    taskQueueId: z.string().regex(/^[a-zA-Z0-9_-]{1,38}\/[a-z]([-a-z0-9]{0,36}[a-z0-9])?$/, 'provisionerId/workerType'),
    treeherderTier: z.number().int().min(1).max(3).nullable(),
  })
  .strict();

export type Parameters = z.infer<typeof ParametersSchema>;

export class ParametersError extends Error {
  readonly input: unknown;
  readonly offset = 0;
  constructor(message: string, input: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ParametersError';
    this.input = input;
  }
}

/** Validates a parameters object (from a file, flags or the environment). */
export function checkParameters(input: unknown): Parameters {
  const parsed = ParametersSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new ParametersError(`invalid decision parameters: ${issues.join('; ')}`, input, { cause: parsed.error });
}

/** The environment variable that carries each parameter inside the decision task. */
export const PARAMETER_ENV: Readonly<Record<keyof Parameters, string>> = {
  tasksFor: 'PYUP_TASKS_FOR',
  project: 'PYUP_PROJECT',
  owner: 'PYUP_OWNER',
  baseRepository: 'PYUP_BASE_REPOSITORY',
  baseRef: 'PYUP_BASE_REF',
  baseRev: 'PYUP_BASE_REV',
  headRepository: 'PYUP_HEAD_REPOSITORY',
  headRef: 'PYUP_HEAD_REF',
  headRev: 'PYUP_HEAD_REV',
  defaultBranch: 'PYUP_DEFAULT_BRANCH',
  pullRequestNumber: 'PYUP_PULL_REQUEST',
  decisionTaskId: 'TASK_ID',
  taskGroupId: 'PYUP_TASK_GROUP_ID',
  rootUrl: 'TASKCLUSTER_ROOT_URL',
  image: 'PYUP_CHECKS_IMAGE',
  taskQueueId: 'PYUP_TASK_QUEUE_ID',
  treeherderTier: 'PYUP_TREEHERDER_TIER',
};

/**
 * Reads the parameters from the environment, with `overrides` (from flags) winning.
 * The task group defaults to the decision task's own id (Taskcluster-GitHub's single-task rule).
 */
export function parametersFromEnv(env: Record<string, string | undefined>, overrides: Partial<Parameters> = {}): Parameters {
  const read = (key: keyof Parameters): string | undefined => {
    const v = env[PARAMETER_ENV[key]];
    return v === undefined || v === '' ? undefined : v;
  };
  const baseRev = read('baseRev');
  const pr = read('pullRequestNumber');
  const tier = read('treeherderTier');
  const decisionTaskId = read('decisionTaskId');
  const raw: Record<string, unknown> = {
    tasksFor: read('tasksFor') ?? 'manual',
    project: read('project'),
    owner: read('owner') ?? 'nobody@example.com',
    baseRepository: read('baseRepository') ?? read('headRepository'),
    baseRef: read('baseRef') ?? read('defaultBranch') ?? 'master',
    baseRev: baseRev === undefined || baseRev === NULL_SHA ? null : baseRev,
    headRepository: read('headRepository'),
    headRef: read('headRef'),
    headRev: read('headRev'),
    defaultBranch: read('defaultBranch') ?? 'master',
    pullRequestNumber: pr === undefined ? null : Number(pr),
    decisionTaskId,
    taskGroupId: read('taskGroupId') ?? decisionTaskId,
    rootUrl: read('rootUrl'),
    image: read('image'),
    taskQueueId: read('taskQueueId'),
    treeherderTier: tier === undefined ? null : Number(tier),
  };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) raw[k] = v;
  const missing = (Object.keys(PARAMETER_ENV) as Array<keyof Parameters>).filter(
    (k) => raw[k] === undefined,
  );
  if (missing.length > 0) {
    throw new ParametersError(`missing decision parameters: ${missing.map((k) => `${k} (${PARAMETER_ENV[k]})`).join(', ')}`, raw);
  }
  return checkParameters(raw);
}

/** The commits to compare, or null when every file must be checked (and why). */
export function comparison(p: Parameters): { base: string; head: string } | { all: string } {
  if (p.tasksFor === 'github-push' && p.headRef === `refs/heads/${p.defaultBranch}`) return { all: `push to the default branch (${p.defaultBranch})` };
  if (p.baseRev === null) return { all: 'no base revision to compare against' };
  return { base: p.baseRev, head: p.headRev };
}
