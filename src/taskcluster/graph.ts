/**
 * The task graph of one decision: kinds → matrix → tasks (taskgraph's generator, in two
 * transforms), plus its validation against the shared schemas. Pure: the clock and the task ids
 * come in, so the same parameters and selection give the same graph (and tests can pin both).
 */
import type { FileTargets } from './changes.js';
import type { Kind } from './kinds.js';
import type { Parameters } from './params.js';
import type { SchemaSet } from './schemas.js';
import { checkTaskDefinition } from './schemas.js';
import { matrixJobs } from './transforms/matrix.js';
import { jobToTask } from './transforms/task.js';
import type { TaskGraph } from './types.js';

export interface GraphInput {
  params: Parameters;
  kinds: readonly Kind[];
  files: readonly FileTargets[];
  /** Check ids this build can run (the CHECKS registry). */
  knownChecks: ReadonlySet<string>;
  now: Date;
  taskIdFor: (label: string) => string;
  /** The landing brief's base for every check task (`--brief-base`); absent or null: no brief. */
  briefBase?: string | null;
}

export interface BuiltGraph {
  graph: TaskGraph;
  /** Kinds left out because this build lacks their check. */
  skippedKinds: string[];
}

export function buildTaskGraph(input: GraphInput): BuiltGraph {
  const { jobs, skippedKinds } = matrixJobs(input.kinds, input.files, input.knownChecks);
  const graph: TaskGraph = {};
  for (const job of jobs) graph[job.label] = jobToTask(job, { params: input.params, now: input.now, taskIdFor: input.taskIdFor, briefBase: input.briefBase ?? null });
  return { graph, skippedKinds };
}

/** Every schema problem of every task, prefixed by its label; empty when all are valid. */
export function validateGraph(graph: TaskGraph, schemas: SchemaSet): string[] {
  return Object.values(graph).flatMap((node) =>
    checkTaskDefinition(schemas, node.task as unknown as Record<string, unknown>).map((p) => `${node.label}: ${p}`),
  );
}
