/**
 * What a run takes from its options and the repository config, shared by the check commands
 * (run-checks.ts) and the landing brief (landing-brief.ts) so both read the same files, targets,
 * mirrors and index. Flags win over the config; the config's `files` apply only while `--files`
 * is left at its default.
 */
import type { CheckSettings } from '../checks/index.js';
import { createIndexClient } from '../index/index.js';
import type { IndexClient } from '../index/index.js';
import type { InventoryOptions } from '../inventory/index.js';
import { configTargetsFor } from './config.js';
import type { RepoConfig } from './config.js';
import type { CommonOptions } from './options.js';
import { DEFAULT_FILES, DEFAULT_INDEX_URL } from './options.js';
import type { Progress } from './progress.js';

/** The requirements-file globs: `--files`, else the config's `files`, else the default. */
export function fileGlobs(opts: CommonOptions, config: RepoConfig): string[] {
  return opts.files.length === 1 && opts.files[0] === DEFAULT_FILES && config.files ? config.files : opts.files;
}

/** The inventory's target selection: the flags, then the config's per-file targets and default python. */
export function inventoryOptions(opts: CommonOptions, config: RepoConfig): InventoryOptions {
  return {
    pythons: opts.pythons,
    platforms: opts.platforms,
    modules: opts.modules,
    ...(config['default-python'] ? { defaultPython: config['default-python'] } : {}),
    configFor: (path) => configTargetsFor(config, path),
  };
}

/** The mirrors per python: `--find-links` serves every python, else the config's `mirrors`. */
export function mirrorSettings(opts: CommonOptions, config: RepoConfig): CheckSettings {
  const mirrors = opts.findLinks.length > 0
    ? opts.findLinks.map((url) => ({ url, pythons: null }))
    : (config.mirrors ?? []).map((m) => ({ url: m.url, pythons: m.pythons ?? null }));
  return { mirrors };
}

/** The index client: flags, then the config; every mirror in `settings` is a find-links location. */
export function indexClientFor(opts: CommonOptions, config: RepoConfig, settings: CheckSettings, progress: Progress): IndexClient {
  return createIndexClient({
    indexUrl: opts.indexUrl ?? config['index-url'] ?? DEFAULT_INDEX_URL,
    extraIndexUrls: [...opts.extraIndexUrls, ...(config['extra-index-urls'] ?? [])],
    findLinks: settings.mirrors.map((m) => m.url),
    cacheDir: opts.cacheDir,
    offline: opts.offline,
    timeoutMs: opts.timeoutMs,
    refresh: opts.refresh,
    concurrency: opts.concurrency,
    onProgress: (e) => progress.event(e),
  });
}
