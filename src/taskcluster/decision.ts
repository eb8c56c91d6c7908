/**
 * The decision (taskgraph's `decision.py`): parameters + the repository → which files changed →
 * the task graph → schema validation → `parameters.json` / `task-graph.json` → createTask.
 * Reading the inventory (which pythons each file targets) is the caller's: it needs the repo
 * config and file discovery of the CLI layer. Every task is created in the decision's group,
 * depending on the decision task; nothing here prints or stores credentials. When the base is
 * known, each check task also gets `--brief-base` (a PR's merge base, a push's `before`), so its
 * GitHub check-run text leads with the landing brief.
 */
import type { DiffMode, FileTargets, Selection } from './changes.js';
import { changedFiles, mergeBaseOf, selectAffected } from './changes.js';
import type { BuiltGraph } from './graph.js';
import { buildTaskGraph, validateGraph } from './graph.js';
import type { Kind } from './kinds.js';
import type { Parameters } from './params.js';
import { comparison } from './params.js';
import type { QueueApi } from './queue.js';
import { newTaskId } from './queue.js';
import type { SchemaSet } from './schemas.js';
import type { TaskGraph } from './types.js';

export interface DecisionInput {
  repo: string;
  params: Parameters;
  /** Every requirements file of the repository with its target pythons. */
  files: readonly FileTargets[];
  kinds: readonly Kind[];
  knownChecks: ReadonlySet<string>;
  /** The schemas every task is validated against; null only when the caller asked for none (`--no-validate`): the queue still validates on createTask. */
  schemas: SchemaSet | null;
  now: Date;
  taskIdFor?: (label: string) => string;
}

export interface DecisionPlan extends BuiltGraph {
  params: Parameters;
  selection: Selection;
  validated: boolean;
  /** The revision each check task's landing brief starts from (`--brief-base`), or null: no brief. */
  briefBase: string | null;
}

/** A graph the schemas refuse: a bug in tasks/ or the transforms, never sent to the queue. */
export class GraphValidationError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`the task graph does not match the Taskcluster schemas:\n  ${problems.join('\n  ')}`);
    this.name = 'GraphValidationError';
    this.problems = problems;
  }
}

/**
 * Where the landing brief of the check tasks starts: a push's `before`; a PR's merge base with its
 * base branch tip (what the PR itself changed, as the brief command's default); null without a
 * base. A merge base git cannot find means no brief, never a failed decision.
 */
export async function briefBaseFor(repo: string, params: Parameters): Promise<string | null> {
  if (params.baseRev === null) return null;
  if (params.tasksFor === 'github-push') return params.baseRev;
  return mergeBaseOf(repo, params.baseRev, params.headRev);
}

export async function planDecision(input: DecisionInput): Promise<DecisionPlan> {
  const cmp = comparison(input.params);
  let selection: Selection;
  if ('all' in cmp) {
    selection = selectAffected(input.files, [], cmp.all);
  } else {
    const mode: DiffMode = input.params.tasksFor === 'github-push' ? 'direct' : 'merge-base';
    selection = selectAffected(input.files, await changedFiles(input.repo, cmp.base, cmp.head, mode), null);
  }
  const ids = new Map<string, string>();
  const taskIdFor = input.taskIdFor ?? ((label: string): string => ids.get(label) ?? (ids.set(label, newTaskId()), ids.get(label)!));
  const briefBase = await briefBaseFor(input.repo, input.params);
  const built = buildTaskGraph({ params: input.params, kinds: input.kinds, files: selection.files, knownChecks: input.knownChecks, now: input.now, taskIdFor, briefBase });
  if (input.schemas) {
    const problems = validateGraph(built.graph, input.schemas);
    if (problems.length > 0) throw new GraphValidationError(problems);
  }
  return { ...built, params: input.params, selection, validated: input.schemas !== null, briefBase };
}

/** The decision's artifacts (relative path → content), as taskgraph writes them. */
export function decisionArtifacts(plan: DecisionPlan): Record<string, string> {
  const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
  return {
    'parameters.json': json(plan.params),
    'task-graph.json': json(plan.graph),
    'label-to-taskid.json': json(Object.fromEntries(Object.values(plan.graph).map((n) => [n.label, n.task_id]))),
    'selection.json': json({ allReason: plan.selection.allReason, changed: plan.selection.changed, files: plan.selection.files, skippedKinds: plan.skippedKinds, briefBase: plan.briefBase, validated: plan.validated }),
  };
}

/** Creates every task of the graph (dependencies first: here all depend only on the decision). */
export async function submitGraph(queue: QueueApi, graph: TaskGraph): Promise<string[]> {
  const created: string[] = [];
  for (const node of Object.values(graph)) {
    await queue.createTask(node.task_id, node.task);
    created.push(node.task_id);
  }
  return created;
}
