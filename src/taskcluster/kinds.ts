/**
 * Task kinds: `tasks/defaults.yml` plus one `tasks/<kind>.yml` per check (taskgraph's per-kind
 * `kind.yml`, flattened). A kind is data: the check it runs, its Treeherder group, run
 * time, artifacts and cache; `transforms/` turn it into task definitions. Adding a check is one
 * file here plus its code in `src/checks/`. Keys are kebab-case as in taskgraph; a kind's keys win
 * over the defaults (`treeherder` and `worker` merge key by key, `artifacts` are appended).
 * Validated with zod: an unknown key or a wrong type is a KindError naming the file and field.
 * `{check}` and `{python}` in symbols and artifact names are filled per task.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** The package's own task kinds (`<package>/tasks`): two levels above this file in `src/`, `dist/` and the bundle alike. */
export const PACKAGE_TASKS_DIR = fileURLToPath(new URL('../../tasks', import.meta.url));

const Artifact = z.object({ name: z.string().regex(/^public\//, 'public artifacts only'), path: z.string().min(1), type: z.enum(['file', 'directory']).default('file') }).strict();

const Treeherder = z
  .object({
    platform: z.string().regex(/^[A-Za-z0-9_-]+$/).optional(),
    'job-kind': z.enum(['build', 'test', 'other']).optional(),
    tier: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    symbol: z.string().max(25).optional(),
    'group-symbol': z.string().min(1).max(25).optional(),
    'group-name': z.string().min(1).max(255).optional(),
  })
  .strict();

const Worker = z
  .object({
    checkout: z.string().startsWith('/').optional(),
    artifacts: z.string().startsWith('/').optional(),
    'cache-name': z.string().regex(/^[a-zA-Z0-9_-]+$/).optional(),
    'cache-mount': z.string().startsWith('/').optional(),
  })
  .strict();

const KindFile = z
  .object({
    check: z.string().regex(/^[a-z][a-z0-9-]*$/).optional(),
    description: z.string().min(1).optional(),
    'max-run-time': z.number().int().positive().max(86400).optional(),
    'deadline-after': z.string().min(1).optional(),
    'expires-after': z.string().min(1).optional(),
    priority: z.enum(['lowest', 'very-low', 'low', 'medium', 'high', 'very-high', 'highest']).optional(),
    retries: z.number().int().min(0).max(49).optional(),
    treeherder: Treeherder.optional(),
    worker: Worker.optional(),
    artifacts: z.array(Artifact).optional(),
  })
  .strict();

type KindFileData = z.infer<typeof KindFile>;

export interface KindArtifact {
  name: string;
  path: string;
  type: 'file' | 'directory';
}

/** A kind with the defaults applied: everything the transforms need. */
export interface Kind {
  name: string;
  check: string;
  description: string;
  maxRunTime: number;
  deadlineAfter: string;
  expiresAfter: string;
  priority: 'lowest' | 'very-low' | 'low' | 'medium' | 'high' | 'very-high' | 'highest';
  retries: number;
  treeherder: { platform: string; jobKind: 'build' | 'test' | 'other'; tier: 1 | 2 | 3; symbol: string; groupSymbol: string; groupName: string };
  worker: { checkout: string; artifacts: string; cacheName: string; cacheMount: string };
  artifacts: KindArtifact[];
}

export class KindError extends Error {
  readonly input: string;
  readonly offset = 0;
  constructor(message: string, input: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KindError';
    this.input = input;
  }
}

function parseKindFile(path: string, text: string): KindFileData {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new KindError(`${path}: not YAML: ${(error as Error).message}`, text, { cause: error });
  }
  const parsed = KindFile.safeParse(data ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new KindError(`${path}: ${issues.join('; ')}`, text, { cause: parsed.error });
  }
  return parsed.data;
}

/** Applies the defaults to one kind file; throws KindError when a required field has no value. */
export function resolveKind(name: string, defaults: KindFileData, own: KindFileData): Kind {
  const need = <T>(value: T | undefined, field: string): T => {
    if (value === undefined) throw new KindError(`tasks/${name}.yml: ${field} is required (here or in defaults.yml)`, name);
    return value;
  };
  const th = { ...defaults.treeherder, ...own.treeherder };
  const worker = { ...defaults.worker, ...own.worker };
  const check = own.check ?? name;
  return {
    name,
    check,
    description: need(own.description ?? defaults.description, 'description'),
    maxRunTime: need(own['max-run-time'] ?? defaults['max-run-time'], 'max-run-time'),
    deadlineAfter: need(own['deadline-after'] ?? defaults['deadline-after'], 'deadline-after'),
    expiresAfter: need(own['expires-after'] ?? defaults['expires-after'], 'expires-after'),
    priority: own.priority ?? defaults.priority ?? 'low',
    retries: own.retries ?? defaults.retries ?? 5,
    treeherder: {
      platform: need(th.platform, 'treeherder.platform'),
      jobKind: th['job-kind'] ?? 'test',
      tier: th.tier ?? 2,
      symbol: need(th.symbol, 'treeherder.symbol'),
      groupSymbol: need(th['group-symbol'], 'treeherder.group-symbol'),
      groupName: need(th['group-name'], 'treeherder.group-name'),
    },
    worker: {
      checkout: need(worker.checkout, 'worker.checkout'),
      artifacts: need(worker.artifacts, 'worker.artifacts'),
      cacheName: need(worker['cache-name'], 'worker.cache-name'),
      cacheMount: need(worker['cache-mount'], 'worker.cache-mount'),
    },
    artifacts: [...(defaults.artifacts ?? []), ...(own.artifacts ?? [])].map((a) => ({ name: a.name, path: a.path, type: a.type })),
  };
}

/** Every kind under `dir` (`defaults.yml` applied), sorted by name. */
export function loadKinds(dir: string): Kind[] {
  const names = readdirSync(dir).filter((f) => f.endsWith('.yml')).sort();
  if (!names.includes('defaults.yml')) throw new KindError(`${dir}: no defaults.yml`, dir);
  const read = (f: string): KindFileData => parseKindFile(join(dir, f), readFileSync(join(dir, f), 'utf8'));
  const defaults = read('defaults.yml');
  if (defaults.check) throw new KindError(`${join(dir, 'defaults.yml')}: check belongs in a kind file`, 'defaults.yml');
  return names.filter((f) => f !== 'defaults.yml').map((f) => resolveKind(f.replace(/\.yml$/, ''), defaults, read(f)));
}
