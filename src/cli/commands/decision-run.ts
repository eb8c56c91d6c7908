/**
 * `decision`: the Taskcluster decision task. Parameters from the environment `.taskcluster.yml`
 * sets (or `--parameters FILE`, a parameters.json from an earlier decision, and flags), the
 * inventory for each file's target pythons, then the task graph, its artifacts
 * (parameters.json, task-graph.json, ...) and createTask for each task. `--dry-run` prints the
 * graph and needs no credentials (ids are generated, the task group is invented when unset).
 */
import { basename } from 'node:path';
import { CHECKS } from '../../checks/index.js';
import { writeArtifacts } from '../../report/index.js';
import type { FileTargets, Parameters } from '../../taskcluster/index.js';
import {
  checkParameters, decisionArtifacts, findSchemaDir, GitError, GraphValidationError, ImageReferenceError, KindError,
  loadKinds, loadSchemas, PACKAGE_TASKS_DIR, newTaskId, ParametersError, parametersFromEnv, planDecision, queueFromEnv, SchemaDirError, submitGraph, TASKS_FOR,
} from '../../taskcluster/index.js';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { readRegularFile } from '../safe-read.js';
import type { Io } from '../io.js';
import type { CommonOptions } from '../options.js';
import { runChecksForRepo } from '../run-checks.js';

type Raw = Record<string, string | boolean | string[] | undefined>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

async function gitHead(repo: string): Promise<string | undefined> {
  try {
    const { execa } = await import('execa');
    return (await execa('git', ['rev-parse', 'HEAD'], { cwd: repo })).stdout.trim();
  } catch {
    return undefined;
  }
}

async function readParameters(opts: CommonOptions, raw: Raw, io: Io): Promise<Parameters> {
  const dryRun = raw['dry-run'] === true;
  if (str(raw.parameters)) {
    let data: unknown;
    try {
      // A regular file under 16 MiB only: a FIFO or device named here must not block the decision.
      const read = readRegularFile(str(raw.parameters)!, 16 * 1024 * 1024);
      if (!read.ok) throw new Error(read.message);
      data = JSON.parse(read.bytes.toString('utf8'));
    } catch (error) {
      throw new UsageError(`--parameters ${str(raw.parameters)}: ${(error as Error).message}`);
    }
    return checkParameters({ ...(data as object), ...flagOverrides(raw) });
  }
  const env = { ...io.env };
  if (dryRun) {
    // A dry run anywhere: invent what only a real task has.
    env.TASK_ID ??= newTaskId();
    env.TASKCLUSTER_ROOT_URL ??= 'https://tc.example.invalid';
    env.PYUP_PROJECT ??= basename(opts.repo);
    env.PYUP_HEAD_REPOSITORY ??= 'https://github.com/example/puppet';
    env.PYUP_HEAD_REF ??= 'HEAD';
    env.PYUP_TASK_QUEUE_ID ??= 'proj-releng/pyup-checks';
    env.PYUP_HEAD_REV ??= str(raw.head) ?? (await gitHead(opts.repo));
  }
  return parametersFromEnv(env, flagOverrides(raw));
}

function flagOverrides(raw: Raw): Partial<Parameters> {
  const out: Partial<Parameters> = {};
  const tasksFor = str(raw['tasks-for']);
  if (tasksFor) {
    if (!(TASKS_FOR as readonly string[]).includes(tasksFor)) throw new UsageError(`--tasks-for takes ${TASKS_FOR.join(', ')}`);
    out.tasksFor = tasksFor as Parameters['tasksFor'];
  }
  if (str(raw.base)) out.baseRev = str(raw.base)!;
  if (str(raw.head)) out.headRev = str(raw.head)!;
  if (str(raw.image)) out.image = str(raw.image)!;
  if (str(raw.project)) out.project = str(raw.project)!;
  if (str(raw['root-url'])) out.rootUrl = str(raw['root-url'])!;
  return out;
}

/** Every requirements file with the pythons it targets (the inventory: no network). */
async function fileTargets(opts: CommonOptions, io: Io): Promise<FileTargets[]> {
  const { report } = await runChecksForRepo([], { ...opts, modules: [], pythons: [] }, io);
  const pythonOf = new Map(report.targets.map((t) => [t.id, t.python]));
  return report.files.map((f) => ({ path: f.path, module: f.module, pythons: [...new Set(f.targets.map((t) => pythonOf.get(t) ?? t))] }));
}

export async function run(opts: CommonOptions, raw: Raw, io: Io): Promise<number> {
  const dryRun = raw['dry-run'] === true;
  try {
    const params = await readParameters(opts, raw, io);
    const kinds = loadKinds(str(raw['tasks-dir']) ?? PACKAGE_TASKS_DIR);
    // Validation is always on unless asked off; a schema folder that is not there stops the decision.
    const schemas = raw['no-validate'] === true ? null : loadSchemas(findSchemaDir(io.env, str(raw.schemas)));
    if (!schemas) io.stderr('decision: --no-validate: the task graph is not checked against the schemas (the queue still validates on createTask)\n');
    const plan = await planDecision({
      repo: opts.repo, params, files: await fileTargets(opts, io), kinds, knownChecks: new Set(CHECKS.map((c) => c.id)),
      schemas, now: new Date(),
    });
    await writeArtifacts(opts.artifacts, decisionArtifacts(plan));
    const nodes = Object.values(plan.graph);
    const scope = plan.selection.allReason ? `every file (${plan.selection.allReason})` : `${plan.selection.files.length} changed requirements file(s)`;
    io.stderr(`decision: ${nodes.length} task(s) for ${scope}${plan.skippedKinds.length ? `; kinds without a check in this build: ${plan.skippedKinds.join(', ')}` : ''}\n`);
    if (dryRun) {
      io.stdout(`${JSON.stringify(plan.graph, null, 2)}\n`);
      return 0;
    }
    const queue = queueFromEnv(io.env, str(raw['root-url']) ?? null);
    for (const id of await submitGraph(queue, plan.graph)) io.stderr(`decision: created ${id}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ParametersError || error instanceof KindError || error instanceof ImageReferenceError || error instanceof GitError || error instanceof SchemaDirError) throw new UsageError(error.message);
    if (error instanceof GraphValidationError) {
      io.stderr(`pyup-checks: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}


