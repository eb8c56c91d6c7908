/**
 * Taskcluster, Treeherder and GitHub wiring: decision parameters, task kinds (`tasks/*.yml`) and
 * transforms, the task graph and its validation against the bundled schemas (`schemas/`), the Queue client
 * (the only user of taskcluster-client), `results` and `reproduce`. Table of contents.
 */
export type { DiffMode, FileTargets, Selection } from './changes.js';
export { CONFIG_PATHS, changedFiles, mergeBaseOf, selectAffected } from './changes.js';
export { GitError } from '../git/index.js';
export type { DecisionInput, DecisionPlan } from './decision.js';
export { briefBaseFor, decisionArtifacts, GraphValidationError, planDecision, submitGraph } from './decision.js';
export type { BuiltGraph, GraphInput } from './graph.js';
export { buildTaskGraph, validateGraph } from './graph.js';
export type { Kind, KindArtifact } from './kinds.js';
export { KindError, loadKinds, PACKAGE_TASKS_DIR, resolveKind } from './kinds.js';
export type { Parameters, TasksFor } from './params.js';
export { checkParameters, comparison, PARAMETER_ENV, ParametersError, parametersFromEnv, TASKS_FOR } from './params.js';
export type { QueueApi, QueueOptions } from './queue.js';
export { createQueue, fromNow, newTaskId, queueFromEnv, taskUrl } from './queue.js';
export type { FetchText, GroupCell, GroupResults, GroupTask, TaskRole } from './results.js';
export type { ReadReport, ReportVerdict } from './report-artifact.js';
export { readReportArtifact } from './report-artifact.js';
export { collectResults, REPORT_ARTIFACT, renderResults, resultsExitCode } from './results.js';
export { fetchReproduction, ReproduceError, reproductionFromCommand } from './reproduce.js';
export type { SchemaName, SchemaSet } from './schemas.js';
export { checkTaskDefinition, findSchemaDir, loadSchemas, PACKAGE_SCHEMA_DIR, SCHEMA_IDS, SchemaDirError } from './schemas.js';
export type { Job } from './transforms/matrix.js';
export { checkArgs, ImageReferenceError, RUN_TASK, SCHEDULER_ID } from './transforms/task.js';
export type { DockerArtifact, DockerWorkerPayload, GraphNode, PyupTaskInfo, TaskDefinition, TaskGraph, TreeherderConfig } from './types.js';
export type { GroupReport } from './group-report.js';
export { groupReport } from './group-report.js';
