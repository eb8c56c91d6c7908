/**
 * The task shapes the suite builds and reads, typed after the shared Taskcluster schemas
 * (queue v1 create-task-request.json, docker-worker v1 payload.json) and Treeherder's
 * task-treeherder-config.json. Only the fields we set or read; the schemas stay the authority
 * (every definition is validated against them before it leaves the process).
 */

/** `task.extra.treeherder`: group per check, symbol per target python. */
export interface TreeherderConfig {
  symbol: string;
  groupSymbol: string;
  groupName: string;
  tier: 1 | 2 | 3;
  jobKind: 'build' | 'test' | 'other';
  machine: { platform: string };
  labels?: string[];
  reason?: string;
  productName?: string;
}

export interface DockerArtifact {
  type: 'file' | 'directory';
  path: string;
  expires: string;
}

/** The docker-worker payload (generic-worker runs it through d2g). */
export interface DockerWorkerPayload {
  image: string;
  command: string[];
  env: Record<string, string>;
  maxRunTime: number;
  cache: Record<string, string>;
  artifacts: Record<string, DockerArtifact>;
  features?: { taskclusterProxy?: boolean };
}

/** What `reproduce` needs to run a task's check again: stored in `task.extra.pyupChecks`. */
export interface PyupTaskInfo {
  check: string;
  python: string;
  modules: string[];
  files: string[];
  /** The check's arguments, without the environment's own (--repo, --artifacts, --cache-dir). */
  args: string[];
}

/** A `queue.createTask` body (create-task-request.json). */
export interface TaskDefinition {
  taskQueueId: string;
  schedulerId: string;
  taskGroupId: string;
  projectId?: string;
  dependencies: string[];
  requires: 'all-completed' | 'all-resolved';
  routes: string[];
  priority: 'lowest' | 'very-low' | 'low' | 'medium' | 'high' | 'very-high' | 'highest';
  retries: number;
  created: string;
  deadline: string;
  expires: string;
  scopes: string[];
  payload: DockerWorkerPayload;
  metadata: { name: string; description: string; owner: string; source: string };
  tags: Record<string, string>;
  extra: { treeherder: TreeherderConfig; pyupChecks: PyupTaskInfo } & Record<string, unknown>;
}

/** One node of task-graph.json (taskgraph's format: label → {kind, label, task_id, dependencies, attributes, task}). */
export interface GraphNode {
  kind: string;
  label: string;
  task_id: string;
  dependencies: Record<string, string>;
  attributes: { check: string; python: string; modules: string[] };
  task: TaskDefinition;
}

export type TaskGraph = Record<string, GraphNode>;
