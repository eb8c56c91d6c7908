/**
 * Taskcluster's and Treeherder's published JSON schemas (the repository's `schemas/` folder, see
 * its README for source, version and licence), loaded into Ajv 8 as that README says:
 * draft-06 meta-schema, then Taskcluster's metaschema, then every file under `schemas/` by its
 * root-relative `$id` (`/schemas/queue/v1/task.json#`; relative `$ref`s resolve against it);
 * Treeherder's draft-07 schema is compiled on its own.
 * Traps: a rendered `.taskcluster.yml` task carries `taskId`, which create-task-request.json
 * (additionalProperties: false) refuses, so it is stripped first; `task.payload` is only
 * `type: object` there, so the payload is validated separately against the worker schema.
 * The directory: `--schemas DIR`, else `PYUP_CHECKS_SCHEMAS`, else the package's own `schemas/`
 * (two levels above this file in `src/`, the compiled `dist/` and the bundle in `dist/bundle/` alike; the image copies it).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv and ajv-formats are CommonJS with `exports.default`: under NodeNext the default import is the module.
type AjvCtor = typeof AjvModule.default;
const Ajv = ((AjvModule as unknown as { default?: AjvCtor }).default ?? AjvModule) as AjvCtor;
type AddFormats = typeof addFormatsModule.default;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as AddFormats;

export const SCHEMA_IDS = {
  createTaskRequest: '/schemas/queue/v1/create-task-request.json#',
  task: '/schemas/queue/v1/task.json#',
  dockerWorkerPayload: '/schemas/docker-worker/v1/payload.json#',
  githubConfigV1: '/schemas/github/v1/taskcluster-github-config.v1.json#',
  listTaskGroupResponse: '/schemas/queue/v1/list-task-group-response.json#',
  listArtifactsResponse: '/schemas/queue/v1/list-artifacts-response.json#',
  getArtifactResponse: '/schemas/queue/v1/get-artifact-response.json#',
} as const;

export type SchemaName = keyof typeof SCHEMA_IDS | 'treeherder';

export interface SchemaSet {
  /** Problems found (`<where> <message>`), empty when `value` is valid. */
  check(name: SchemaName, value: unknown): string[];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const full = join(dir, e);
    return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith('.json') ? [full] : [];
  });
}

const describe = (errors: ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);

/** Loads every schema under `dir` (the layout of the package's `schemas/`: `schemas/**` + `treeherder/`). */
export function loadSchemas(dir: string): SchemaSet {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  const require = createRequire(import.meta.url);
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  const read = (p: string): Record<string, unknown> => JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;
  const root = join(dir, 'schemas');
  const meta = join(root, 'common', 'metaschema.json');
  ajv.addMetaSchema(read(meta));
  for (const file of filesUnder(root)) if (resolve(file) !== resolve(meta)) ajv.addSchema(read(file));
  const treeherder = ajv.compile(read(join(dir, 'treeherder', 'task-treeherder-config.json')));
  const cache = new Map<SchemaName, ValidateFunction>([['treeherder', treeherder]]);
  return {
    check(name, value) {
      let validate = cache.get(name);
      if (!validate) {
        validate = ajv.getSchema(SCHEMA_IDS[name as keyof typeof SCHEMA_IDS]);
        if (!validate) throw new Error(`schema ${name} not found under ${dir}`);
        cache.set(name, validate);
      }
      return validate(value) ? [] : describe(validate.errors);
    },
  };
}

/** The package's own copy of the schemas (`<package>/schemas`). */
export const PACKAGE_SCHEMA_DIR = fileURLToPath(new URL('../../schemas', import.meta.url));

/** A schema folder that is missing or lacks its layout: the decision cannot validate, so it stops. */
export class SchemaDirError extends Error {
  constructor(dir: string) {
    super(`Taskcluster schemas not found in ${dir} (expected schemas/common/metaschema.json and treeherder/task-treeherder-config.json); pass --schemas DIR, or --no-validate to leave validation to the queue`);
    this.name = 'SchemaDirError';
  }
}

/** Where the schemas are: `explicit` (--schemas), else `PYUP_CHECKS_SCHEMAS`, else the package's own; a folder without them is a SchemaDirError. */
export function findSchemaDir(env: Record<string, string | undefined>, explicit?: string): string {
  const dir = explicit || env.PYUP_CHECKS_SCHEMAS || PACKAGE_SCHEMA_DIR;
  if (!existsSync(join(dir, 'schemas', 'common', 'metaschema.json')) || !existsSync(join(dir, 'treeherder', 'task-treeherder-config.json'))) throw new SchemaDirError(dir);
  return dir;
}

/** Problems of one task definition: the create-task request (taskId stripped), its payload, its Treeherder extra. */
export function checkTaskDefinition(schemas: SchemaSet, task: Record<string, unknown>): string[] {
  const { taskId: _taskId, ...request } = task;
  const problems = schemas.check('createTaskRequest', request).map((p) => `task ${p}`);
  problems.push(...schemas.check('dockerWorkerPayload', task.payload).map((p) => `payload ${p}`));
  const extra = task.extra as { treeherder?: unknown } | undefined;
  if (extra?.treeherder !== undefined) problems.push(...schemas.check('treeherder', extra.treeherder).map((p) => `extra.treeherder ${p}`));
  return problems;
}
