/**
 * Renovate's repository config, read as Renovate 39 reads it (the parts that decide which pip files
 * it updates and which pins it holds back).
 *
 * Sources (renovatebot/renovate, read with the search tool and in the renovate@39.264.0 package):
 * - `lib/config/app-strings.ts` `configFileNames`: renovate.json, renovate.json5, .github/ and .gitlab/
 *   renovate.json(5), .renovaterc, .renovaterc.json(5), package.json's `renovate` key; the first found wins.
 * - `lib/util/common.ts` `parseJson`: `.json5` through JSON5, anything else JSON.parse with a JSON5
 *   fallback, so JSON5 reads every form.
 * - `lib/config/options/index.ts`: `ignorePaths` defaults to node_modules and bower_components and
 *   is not mergeable (the config's own list replaces a preset's); `fileMatch` is appended to the manager's default.
 * - `lib/config/presets/internal/config.ts` / `default.ts`: `config:recommended` (and `config:base`,
 *   migrated to it; `config:best-practices`, `config:js-app`, `config:js-lib` extend it) extends
 *   `:ignoreModulesAndTests`, whose ignorePaths are listed below; `:disableRenovate` sets enabled false.
 * - `lib/config/validation.ts`: a packageRule that combines `matchUpdateTypes` with `allowedVersions`
 *   (or another pre-lookup option) is a configuration error: Renovate stops on the repository.
 * Presets from other repositories or npm cannot be resolved offline: they are named, never guessed.
 */
import JSON5 from 'json5';
import type { ConfigProblem } from './types.js';
import { lineOf, positionIndex } from './positions.js';

export const RENOVATE_CONFIG_FILES = [
  'renovate.json', 'renovate.json5', '.github/renovate.json', '.github/renovate.json5', '.gitlab/renovate.json',
  '.gitlab/renovate.json5', '.renovaterc', '.renovaterc.json', '.renovaterc.json5', 'package.json',
] as const;

export const RENOVATE_DEFAULT_IGNORE_PATHS = ['**/node_modules/**', '**/bower_components/**'];
export const IGNORE_MODULES_AND_TESTS = [
  '**/node_modules/**', '**/bower_components/**', '**/vendor/**', '**/examples/**', '**/__tests__/**', '**/test/**',
  '**/tests/**', '**/__fixtures__/**',
];
/** `fileMatch` of the pip_requirements manager in Renovate 37-39 (`managerFilePatterns` `/…/` from 40). */
export const PIP_REQUIREMENTS_DEFAULT = '(^|/)[\\w-]*requirements([-.]\\w+)?\\.(txt|pip)$';
export const PIP_MANAGERS = ['pip_requirements', 'pip-compile'] as const;
export type PipManager = (typeof PIP_MANAGERS)[number];

/** Built-in presets whose effect on pip files and pins is modelled; the rest of config:recommended changes neither. */
const RECOMMENDED = new Set(['config:recommended', 'config:base', 'config:best-practices', 'config:js-app', 'config:js-lib']);
const BUILT_IN_PREFIXES = /^(:|(abandonments|config|customManagers|default|docker|global|group|helpers|mergeConfidence|monorepo|npm|packages|preview|regexManagers|replacements|schedule|security|workarounds):)/;

export interface Located<T> {
  value: T;
  line: number;
}

export interface RenovatePreset {
  name: string;
  line: number;
  /** modelled: its effect is applied; built-in: a Renovate preset with no effect here, or not modelled; unresolved: from elsewhere. */
  status: 'modelled' | 'built-in' | 'unresolved';
}

export interface ManagerSettings {
  enabled: Located<boolean> | null;
  /** `fileMatch` regexes and `managerFilePatterns` (`/regex/` or globs), as written. */
  patterns: Array<Located<string> & { key: 'fileMatch' | 'managerFilePatterns' }>;
}

export interface RenovateRule {
  index: number;
  line: number;
  /** The matchers, after Renovate's migration of the old names (matchPackagePatterns → `/re/` …). */
  match: Partial<Record<'matchPackageNames' | 'matchDepNames' | 'matchFileNames' | 'matchManagers' | 'matchDatasources' | 'matchCategories' | 'matchUpdateTypes', string[]>>;
  /** match* / exclude* keys this check does not evaluate: the rule is then not applied, and said so. */
  unsupported: string[];
  enabled: boolean | null;
  allowedVersions: string | null;
}

export interface RenovateConfig {
  file: string;
  enabled: Located<boolean> | null;
  ignoreDeps: Array<Located<string>>;
  /** Effective ignorePaths, each with where it came from (Renovate's default, a preset, or the config line). */
  ignorePaths: Array<{ pattern: string; from: string; line: number | null }>;
  includePaths: string[] | null;
  enabledManagers: Located<string[]> | null;
  managers: Record<PipManager, ManagerSettings>;
  packageRules: RenovateRule[];
  presets: RenovatePreset[];
  problems: ConfigProblem[];
  /** Renovate stops on this config (it does not parse, or validation refuses it): it updates nothing. */
  fatal: boolean;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] | null => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null);

/** Migrations Renovate applies to old matcher names before matching (lib/config/migrations/custom). */
const MIGRATED: Record<string, { to: keyof RenovateRule['match']; map: (s: string) => string }> = {
  matchPackagePatterns: { to: 'matchPackageNames', map: (s) => `/${s}/` },
  excludePackageNames: { to: 'matchPackageNames', map: (s) => `!${s}` },
  excludePackagePatterns: { to: 'matchPackageNames', map: (s) => `!/${s}/` },
  matchPackagePrefixes: { to: 'matchPackageNames', map: (s) => `${s}**` },
  excludePackagePrefixes: { to: 'matchPackageNames', map: (s) => `!${s}**` },
  matchDepPatterns: { to: 'matchDepNames', map: (s) => `/${s}/` },
  excludeDepNames: { to: 'matchDepNames', map: (s) => `!${s}` },
  excludeDepPatterns: { to: 'matchDepNames', map: (s) => `!/${s}/` },
  matchPaths: { to: 'matchFileNames', map: (s) => s },
};
const MATCHERS = ['matchPackageNames', 'matchDepNames', 'matchFileNames', 'matchManagers', 'matchDatasources', 'matchCategories', 'matchUpdateTypes'] as const;
const PRE_LOOKUP = ['allowedVersions', 'extractVersion', 'followTag', 'ignoreDeps', 'ignoreUnstable', 'rangeStrategy', 'registryUrls', 'respectLatest', 'rollbackPrs', 'separateMajorMinor', 'separateMinorPatch', 'separateMultipleMajor', 'separateMultipleMinor', 'versioning'];

/**
 * Reads one Renovate config file. `packageJson`: the text is a package.json and the config is its
 * `renovate` key (null when it has none: Renovate then reads no config from it).
 */
export function parseRenovateConfig(file: string, text: string, packageJson = false): RenovateConfig | null {
  const problems: ConfigProblem[] = [];
  const problem = (line: number, message: string, fatal = true): void => {
    problems.push({ bot: 'renovate', file, line, message, fatal });
  };
  let root: unknown;
  try {
    root = JSON5.parse(text);
  } catch (error) {
    const e = error as { lineNumber?: number; message?: string };
    problem(e.lineNumber ?? 1, `Renovate cannot parse ${file}: ${e.message ?? String(error)}`);
    return emptyConfig(file, problems);
  }
  const index = positionIndex(text);
  let prefix = '';
  if (packageJson) {
    if (!isObject(root) || !('renovate' in root)) return null;
    root = root.renovate;
    prefix = 'renovate';
  }
  const at = (path: string): number => lineOf(index, prefix ? (path ? `${prefix}.${path}` : prefix) : path);
  if (!isObject(root)) {
    problem(at(''), `${file}: a Renovate config is a JSON object`);
    return emptyConfig(file, problems);
  }
  const obj: Json = root;
  const config = emptyConfig(file, problems);
  const typed = <T>(key: string, check: (v: unknown) => T | null, what: string): Located<T> | null => {
    if (!(key in obj)) return null;
    const v = check(obj[key]);
    if (v === null) {
      problem(at(key), `${file}: "${key}" must be ${what}`);
      return null;
    }
    return { value: v, line: at(key) };
  };
  config.enabled = typed('enabled', (v) => (typeof v === 'boolean' ? v : null), 'true or false');
  const extendsList = typed('extends', strings, 'a list of preset names');
  config.presets = (extendsList?.value ?? []).map((name, i) => ({ name, line: at(`extends.${i}`), status: presetStatus(name) }));
  const ignoreDeps = typed('ignoreDeps', strings, 'a list of names');
  config.ignoreDeps = (ignoreDeps?.value ?? []).map((value, i) => ({ value, line: at(`ignoreDeps.${i}`) }));
  // Presets first, then the config's own keys override them (ignorePaths is not mergeable).
  const fromPreset = config.presets.find((p) => RECOMMENDED.has(p.name) || p.name === ':ignoreModulesAndTests' || p.name === 'default:ignoreModulesAndTests');
  config.ignorePaths = fromPreset
    ? IGNORE_MODULES_AND_TESTS.map((pattern) => ({ pattern, from: `${fromPreset.name} (:ignoreModulesAndTests)`, line: fromPreset.line }))
    : RENOVATE_DEFAULT_IGNORE_PATHS.map((pattern) => ({ pattern, from: 'Renovate\'s default ignorePaths', line: null }));
  const disable = config.presets.find((p) => p.name === ':disableRenovate' || p.name === 'default:disableRenovate');
  if (disable && !config.enabled) config.enabled = { value: false, line: disable.line };
  const ignorePaths = typed('ignorePaths', strings, 'a list of paths or globs');
  if (ignorePaths) config.ignorePaths = ignorePaths.value.map((pattern, i) => ({ pattern, from: 'ignorePaths', line: at(`ignorePaths.${i}`) }));
  config.includePaths = typed('includePaths', strings, 'a list of paths or globs')?.value ?? null;
  config.enabledManagers = typed('enabledManagers', strings, 'a list of manager names');
  for (const m of PIP_MANAGERS) config.managers[m] = managerSettings(obj, m, at, problem, file);
  const rules = typed('packageRules', (v) => (Array.isArray(v) ? v : null), 'a list of rules');
  config.packageRules = (rules?.value ?? []).flatMap((raw, i) => {
    const rule = packageRule(raw, i, at, problem, file);
    return rule ? [rule] : [];
  });
  config.fatal = problems.some((p) => p.fatal);
  return config;
}

/** A config Renovate reads nothing from (it stops on it when a problem is fatal). */
export function emptyConfig(file: string, problems: ConfigProblem[]): RenovateConfig {
  const none = (): ManagerSettings => ({ enabled: null, patterns: [] });
  return {
    file, enabled: null, ignoreDeps: [], ignorePaths: [], includePaths: null, enabledManagers: null,
    managers: { pip_requirements: none(), 'pip-compile': none() }, packageRules: [], presets: [], problems,
    fatal: problems.some((p) => p.fatal),
  };
}

export function presetStatus(name: string): RenovatePreset['status'] {
  if (RECOMMENDED.has(name) || /^(default)?:(ignoreModulesAndTests|disableRenovate|enableRenovate)$/.test(name)) return 'modelled';
  // `github>org/repo`, `local>…`, `gitlab>…`, URLs, npm packages: not readable offline.
  if (/[>/]/.test(name) || !BUILT_IN_PREFIXES.test(name)) return 'unresolved';
  return 'built-in';
}

type At = (path: string) => number;
type Problem = (line: number, message: string, fatal?: boolean) => void;

function managerSettings(root: Json, manager: PipManager, at: At, problem: Problem, file: string): ManagerSettings {
  const out: ManagerSettings = { enabled: null, patterns: [] };
  const block = root[manager];
  if (block === undefined) return out;
  if (!isObject(block)) {
    problem(at(manager), `${file}: "${manager}" must be an object`);
    return out;
  }
  if (typeof block.enabled === 'boolean') out.enabled = { value: block.enabled, line: at(`${manager}.enabled`) };
  for (const key of ['fileMatch', 'managerFilePatterns'] as const) {
    if (!(key in block)) continue;
    const list = strings(block[key]);
    if (!list) problem(at(`${manager}.${key}`), `${file}: "${manager}.${key}" must be a list of patterns`);
    else list.forEach((value, i) => out.patterns.push({ value, key, line: at(`${manager}.${key}.${i}`) }));
  }
  return out;
}

function packageRule(raw: unknown, index: number, at: At, problem: Problem, file: string): RenovateRule | null {
  const path = `packageRules.${index}`;
  if (!isObject(raw)) {
    problem(at(path), `${file}: packageRules[${index}] must be an object`);
    return null;
  }
  const rule: RenovateRule = { index, line: at(path), match: {}, unsupported: [], enabled: null, allowedVersions: null };
  for (const [key, value] of Object.entries(raw)) {
    if (!/^(match|exclude)[A-Z]/.test(key)) continue;
    const migrated = MIGRATED[key];
    const target = migrated?.to ?? ((MATCHERS as readonly string[]).includes(key) ? (key as keyof RenovateRule['match']) : null);
    const list = typeof value === 'string' && key === 'matchUpdateTypes' ? [value] : strings(value);
    if (!target) {
      rule.unsupported.push(key);
      continue;
    }
    if (!list) {
      problem(at(`${path}.${key}`), `${file}: packageRules[${index}].${key} must be a list of strings`);
      continue;
    }
    rule.match[target] = [...(rule.match[target] ?? []), ...(migrated ? list.map(migrated.map) : list)];
  }
  if (typeof raw.enabled === 'boolean') rule.enabled = raw.enabled;
  if (typeof raw.allowedVersions === 'string') rule.allowedVersions = raw.allowedVersions;
  if ((rule.match.matchUpdateTypes?.length ?? 0) > 0) {
    for (const option of PRE_LOOKUP) {
      if (raw[option] !== undefined) problem(at(`${path}.${option}`), `Renovate refuses ${file}: "packageRules cannot combine both matchUpdateTypes and ${option}" (packageRules[${index}]); it opens a config-error issue and updates nothing until this is fixed`);
    }
  }
  return rule;
}
