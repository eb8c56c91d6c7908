/**
 * The repository config file (`.pyup-checks.yml` at the repo root, or `--config FILE`): targets per
 * file glob, the mirrors machines install from (py2 and py3 mirrors differ) and the index.
 * Validated with zod; an invalid file is a usage error (exit 2) that names the field.
 * The file comes with the pull request, so it is read defensively (config-yaml.ts): a regular file
 * only, confined to the repository, size-capped, no custom tags, an alias budget and a nesting limit.
 */
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { minimatch } from 'minimatch';
import { z } from 'zod';
import type { FileTargetConfig } from '../inventory/index.js';
import { UsageError } from './command.js';
import { parseConfigYaml } from './config-yaml.js';
import { readRegularFile } from './safe-read.js';

const TargetRule = z
  .object({
    files: z.string().min(1),
    pythons: z.array(z.coerce.string()).optional(),
    platforms: z.array(z.string()).optional(),
  })
  .strict();

const Mirror = z
  .object({
    url: z.string().min(1),
    /** Only for these pythons (e.g. the py2 mirror); all when absent. */
    pythons: z.array(z.coerce.string()).optional(),
  })
  .strict();

/** What landing a change to a module means (the brief): what restarts, which machine classes puppetize it. */
const ModuleOps = z
  .object({
    restart: z.string().min(1).optional(),
    services: z.array(z.string().min(1)).optional(),
    machines: z.array(z.string().min(1)).optional(),
  })
  .strict();

const ConfigSchema = z
  .object({
    'index-url': z.string().optional(),
    'extra-index-urls': z.array(z.string()).optional(),
    mirrors: z.array(Mirror).optional(),
    'default-python': z.coerce.string().optional(),
    files: z.array(z.string()).optional(),
    targets: z.array(TargetRule).optional(),
    modules: z.record(z.string().min(1), ModuleOps).optional(),
  })
  .strict();

export type RepoConfig = z.infer<typeof ConfigSchema>;

export const CONFIG_FILE = '.pyup-checks.yml';

export const MAX_CONFIG_BYTES = 1024 * 1024;

/** The config's text: a regular file, under the cap, and (the repository's own) inside the repository. */
function readConfigText(repo: string, path: string, explicit: boolean): string | null {
  if (!explicit) {
    let real: string;
    let root: string;
    try {
      real = realpathSync.native(path);
      root = realpathSync.native(repo);
    } catch {
      return null; // absent (or a symlink to nothing): no config
    }
    if (real !== root && !real.startsWith(`${root}/`)) throw new UsageError(`${path}: a symbolic link to ${real}, outside the repository: not read`);
  }
  const read = readRegularFile(path, MAX_CONFIG_BYTES);
  if (read.ok) return new TextDecoder('utf-8').decode(read.bytes);
  if (read.reason === 'missing') {
    if (explicit) throw new UsageError(`config file not found: ${path}`);
    return null;
  }
  throw new UsageError(`${path}: ${read.message}${read.reason === 'too-big' ? ' for a config file' : ''}`);
}

/** Reads the config named by --config, else `<repo>/.pyup-checks.yml` when it exists, else an empty one. */
export function loadConfig(repo: string, explicit: string | null): { config: RepoConfig; path: string | null } {
  const path = explicit ?? join(repo, CONFIG_FILE);
  const text = readConfigText(repo, path, explicit !== null);
  if (text === null) return { config: {}, path: null };
  const data = parseConfigYaml(path, text);
  const parsed = ConfigSchema.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${path}: ${issue ? `${issue.path.join('.') || '(top)'}: ${issue.message}` : 'invalid config'}`);
  }
  return { config: parsed.data, path };
}

/** The first target rule whose glob matches the file wins. */
export function configTargetsFor(config: RepoConfig, path: string): FileTargetConfig | null {
  for (const rule of config.targets ?? []) {
    if (minimatch(path, rule.files, { dot: true })) {
      return { ...(rule.pythons ? { pythons: rule.pythons } : {}), ...(rule.platforms ? { platforms: rule.platforms } : {}) };
    }
  }
  return null;
}
