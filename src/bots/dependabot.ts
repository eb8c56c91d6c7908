/**
 * Dependabot's `.github/dependabot.yml` (version 2), the parts that decide which pip files it reads
 * and which releases it never proposes.
 *
 * Sources (dependabot/dependabot-core, read with the search tool):
 * - `python/lib/dependabot/python/file_fetcher.rb` `req_txt_and_in_files` / `req_files_for_dir`:
 *   from the entry's directory it reads the `.txt`/`.in` files (≤ 200,000 bytes) of that folder and
 *   of each immediate subfolder (named *requirements*, or whose every line is a requirement), plus
 *   what they `-r`/`-c` include. Nothing deeper: `directory: "/"` does not reach `modules/m/files/`.
 * - `updater/lib/dependabot/updater.rb` `name_match?`: both names through the ecosystem's
 *   `NameNormaliser` (python: lower case, runs of `-_.` → `-`, extras dropped), then `WildcardMatcher`
 *   (`common/lib/wildcard_matcher.rb`: `*` matches anything, case-insensitive, anchored).
 * - `common/lib/dependabot/config/ignore_condition.rb`: no versions and no update-types ignores every
 *   version; `version-update:semver-patch` ignores `> v, < X.(Y+1)`, `semver-minor` `>= X.(Y+1).a, < X+1`,
 *   `semver-major` `>= (X+1).a`; `versions` are the ecosystem's requirement strings (PEP 440 for pip,
 *   `||` between alternatives).
 * YAML is read with `yaml`'s parseDocument (line numbers kept), aliases capped.
 */
import { minimatch } from 'minimatch';
import { LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import { normalizeName } from '../names/index.js';
import { SpecifierSet, tryParseVersion } from '../pep440/index.js';
import type { BotCoverage, ConfigProblem, HoldRule, PipDependency, RuleMatch, VersionFilter } from './types.js';

export const DEPENDABOT_CONFIG_FILE = '.github/dependabot.yml';
export const YAML_MAX_ALIASES = 100;

export interface DependabotIgnore {
  line: number;
  name: string;
  versions: string[];
  updateTypes: string[];
}

export interface DependabotEntry {
  index: number;
  line: number;
  /** `directory` or `directories` entries, as written (directories may be globs). */
  directories: Array<{ value: string; line: number; glob: boolean }>;
  ignore: DependabotIgnore[];
}

export interface DependabotConfig {
  file: string;
  /** The `package-ecosystem: pip` entries. */
  pip: DependabotEntry[];
  problems: ConfigProblem[];
  fatal: boolean;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseDependabotConfig(file: string, text: string): DependabotConfig {
  const out: DependabotConfig = { file, pip: [], problems: [], fatal: false };
  const counter = new LineCounter();
  const problem = (line: number, message: string, fatal = true): void => {
    out.problems.push({ bot: 'dependabot', file, line, message, fatal });
  };
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    problem(counter.linePos(e.pos[0]).line, `Dependabot cannot parse ${file}: ${e.message.split('\n')[0]}`);
    out.fatal = true;
    return out;
  }
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: YAML_MAX_ALIASES });
  } catch (error) {
    problem(1, `Dependabot cannot read ${file}: ${(error as Error).message}`);
    out.fatal = true;
    return out;
  }
  const lineAt = (path: Array<string | number>): number => {
    const node = doc.getIn(path, true) as Node | undefined;
    return node?.range ? counter.linePos(node.range[0]).line : path.length > 0 ? lineAt(path.slice(0, -1)) : 1;
  };
  if (!isObject(root) || root.version !== 2) problem(lineAt(['version']), `${file}: Dependabot reads only "version: 2" configs`);
  const updates = isObject(root) ? root.updates : undefined;
  if (!Array.isArray(updates)) {
    problem(lineAt(['updates']), `${file}: "updates" must be a list of entries`);
    out.fatal = out.problems.some((p) => p.fatal);
    return out;
  }
  updates.forEach((entry, i) => {
    if (!isObject(entry) || entry['package-ecosystem'] !== 'pip') return;
    const e: DependabotEntry = { index: i, line: lineAt(['updates', i]), directories: [], ignore: [] };
    if (typeof entry.directory === 'string') e.directories.push({ value: entry.directory, line: lineAt(['updates', i, 'directory']), glob: false });
    if (Array.isArray(entry.directories)) {
      entry.directories.forEach((d, j) => {
        if (typeof d === 'string') e.directories.push({ value: d, line: lineAt(['updates', i, 'directories', j]), glob: true });
      });
    }
    if (e.directories.length === 0) problem(e.line, `${file}: updates[${i}] (pip) has neither "directory" nor "directories"`, false);
    const ignore = entry.ignore;
    if (ignore !== undefined && !Array.isArray(ignore)) problem(lineAt(['updates', i, 'ignore']), `${file}: updates[${i}].ignore must be a list`);
    (Array.isArray(ignore) ? ignore : []).forEach((ic, j) => {
      const at = lineAt(['updates', i, 'ignore', j]);
      const name = isObject(ic) ? ic['dependency-name'] : undefined;
      if (typeof name !== 'string') {
        problem(at, `${file}: updates[${i}].ignore[${j}] has no "dependency-name"`);
        return;
      }
      const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);
      e.ignore.push({ line: at, name, versions: list((ic as Json).versions), updateTypes: list((ic as Json)['update-types']) });
    });
    out.pip.push(e);
  });
  out.fatal = out.problems.some((p) => p.fatal);
  return out;
}

const trimSlashes = (s: string): string => s.replace(/^\/+|\/+$/g, '');

/** Whether a pip entry's folders reach `path`: its own folder, or the folder above it. */
export function dependabotCoverage(config: DependabotConfig, path: string): BotCoverage {
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const parent = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
  const fix = `add "/${dir}" to "directories" of a pip entry in ${config.file}`;
  if (config.fatal) return { updates: false, why: `Dependabot cannot read ${config.file}`, fix: `fix ${config.file}` };
  if (config.pip.length === 0) return { updates: false, why: `${config.file} has no "package-ecosystem: pip" entry`, fix: `add a pip entry with directories: ["/${dir}"] to ${config.file}` };
  const reach = (d: { value: string; glob: boolean }, folder: string): boolean =>
    d.glob && /[*?[{]/.test(d.value) ? minimatch(`/${folder}`, `/${trimSlashes(d.value)}`, { dot: true }) : trimSlashes(d.value) === folder;
  for (const e of config.pip) {
    for (const d of e.directories) {
      if (reach(d, dir)) return { updates: true, why: `Dependabot's pip entry (${config.file}:${d.line}) reads ${dir || '/'}`, fix: null };
      if (dir !== '' && reach(d, parent)) return { updates: true, why: `Dependabot's pip entry (${config.file}:${d.line}) reads the subfolders of /${parent}`, fix: null };
    }
  }
  const dirs = config.pip.flatMap((e) => e.directories.map((d) => `"${d.value}" (line ${d.line})`));
  return {
    updates: false,
    why: `Dependabot's pip ${dirs.length === 1 ? 'entry reads' : 'entries read'} ${dirs.join(', ')}, each with its immediate subfolders only; /${dir} is not among them`,
    fix,
  };
}

/** `X.Y.Z` → the ranges an update-type ignores (ignore_condition.rb). */
function updateTypeRanges(current: string, type: string): string[] {
  const v = tryParseVersion(current);
  if (!v) return [];
  const [x = 0, y = 0] = v.release;
  if (type === 'version-update:semver-patch') return [`>${current},<${x}.${y + 1}`];
  if (type === 'version-update:semver-minor') return [`>=${x}.${y + 1}a0,<${x + 1}`];
  if (type === 'version-update:semver-major') return [`>=${x + 1}a0`];
  return [];
}

function ignoredBy(ic: DependabotIgnore, version: string, current: string): boolean {
  if (ic.versions.length === 0 && ic.updateTypes.length === 0) return true;
  const ranges = [...ic.versions.flatMap((r) => r.split('||')), ...ic.updateTypes.flatMap((t) => updateTypeRanges(current, t.trim().toLowerCase()))];
  return ranges.some((r) => {
    try {
      return SpecifierSet.parse(r.trim()).contains(version, { prereleases: true });
    } catch {
      return false;
    }
  });
}

const holdCache = new WeakMap<DependabotConfig, Array<{ rule: HoldRule; ignore: DependabotIgnore }>>();

/** The ignore entries of the pip entries, as hold rules (the same objects on every call). */
export function dependabotHoldRules(config: DependabotConfig): Array<{ rule: HoldRule; ignore: DependabotIgnore }> {
  const cached = holdCache.get(config);
  if (cached) return cached;
  const out = config.pip.flatMap((e) => e.ignore.map((ic, j) => {
    const all = ic.versions.length === 0 && ic.updateTypes.length === 0;
    const bad = ic.versions.filter((r) => r.split('||').some((part) => {
      try {
        SpecifierSet.parse(part.trim());
        return false;
      } catch {
        return true;
      }
    }));
    const filter: VersionFilter | null = all ? null : {
      text: [ic.versions.length ? `versions [${ic.versions.join(', ')}]` : '', ic.updateTypes.length ? `update-types [${ic.updateTypes.join(', ')}]` : ''].filter(Boolean).join(' and '),
      admits: (v, cur) => !ignoredBy(ic, v, cur),
    };
    const rule: HoldRule = {
      bot: 'dependabot', source: { file: config.file, line: ic.line }, label: `updates[${e.index}].ignore[${j}] "${ic.name}"`,
      form: 'dependabot-ignore', kind: all ? 'ignore' : 'filter', filter,
      noEffect: bad.length > 0 ? `versions ${bad.map((b) => `"${b}"`).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not a PEP 440 range Dependabot's pip requirement class reads` : null,
      pipScoped: true,
    };
    return { rule, ignore: ic };
  }));
  holdCache.set(config, out);
  return out;
}

/** Dependabot's `name_match?` for python: both names normalised, then `*` wildcards. */
export function dependabotNameMatches(pattern: string, name: string): boolean {
  const norm = (s: string): string => normalizeName(s.replace(/\[.+\]/, ''));
  const re = new RegExp(`^${norm(pattern).split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(norm(name));
}

export function dependabotMatches(config: DependabotConfig, dep: PipDependency): RuleMatch[] {
  return dependabotHoldRules(config).map(({ rule, ignore }) => ({ rule, applies: dependabotNameMatches(ignore.name, dep.name), spelling: null }));
}
