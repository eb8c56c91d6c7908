/**
 * Which pip files Renovate 39 updates, and which of its rules hold a pip dependency back.
 *
 * Sources (renovatebot/renovate; renovate@39.264.0's dist, confirmed by test/oracle/renovate.test.ts):
 * - `lib/workers/repository/extract/file-match.ts`: a file is skipped when an ignorePaths entry is a
 *   substring of its path or matches it as a minimatch glob (`dot: true`); includePaths, when set,
 *   must match; then any of the manager's fileMatch regexes (its default plus the configured ones).
 * - `lib/modules/manager/pip_requirements/extract.ts`: depName is the name as written, packageName
 *   `normalizePythonDepName` (lower case, runs of `-_.` → `-`).
 * - `lib/workers/repository/process/fetch.ts`: `ignoreDeps.includes(depName)`: exact, as written.
 * - `lib/util/string-match.ts` `matchRegexOrGlobList`: `/re/` (or `/re/i`) regexes, else minimatch
 *   globs with `{dot: true, nocase: true}`; `!` negates; with positives one must match, every negative must.
 * - `lib/util/package-rules/*.ts`: matchPackageNames tests packageName, matchDepNames depName,
 *   matchFileNames packageFile (and lock files), matchManagers the manager; every matcher of a rule must hold.
 * - `lib/workers/repository/process/lookup/filter.ts`: allowedVersions is a `/regex/`, else a range
 *   of the versioning (PEP 440 for pypi), else an npm range; anything else stops Renovate with
 *   "Invalid allowedVersions".
 * - `lib/workers/repository/process/lookup/update-type.ts`: major / minor / patch by release segment.
 */
import { minimatch } from 'minimatch';
import { normalizeName } from '../names/index.js';
import { SpecifierSet, tryParseVersion } from '../pep440/index.js';
import type { PipManager, RenovateConfig, RenovateRule } from './renovate-config.js';
import { PIP_MANAGERS, PIP_REQUIREMENTS_DEFAULT } from './renovate-config.js';
import type { BotCoverage, HoldRule, PipDependency, RuleMatch, VersionFilter } from './types.js';

const REGEX = /^!?\/(.*)\/(i?)$/;

function regexOf(pattern: string): RegExp | null {
  const m = REGEX.exec(pattern);
  if (!m) return null;
  try {
    return new RegExp(m[1]!, m[2] === 'i' ? 'i' : undefined);
  } catch {
    return null;
  }
}

/** Renovate's `matchRegexOrGlob`. */
export function matchRegexOrGlob(input: string, pattern: string): boolean {
  if (pattern === '*') return true;
  const re = regexOf(pattern);
  if (re) return pattern.startsWith('!') ? !re.test(input) : re.test(input);
  return minimatch(input, pattern, { dot: true, nocase: true });
}

/** Renovate's `matchRegexOrGlobList`. */
export function matchRegexOrGlobList(input: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return false;
  const positive = patterns.filter((p) => !p.startsWith('!'));
  if (positive.length > 0 && !positive.some((p) => matchRegexOrGlob(input, p))) return false;
  return patterns.filter((p) => p.startsWith('!')).every((p) => matchRegexOrGlob(input, p));
}

/** A `fileMatch` regex, or a `managerFilePatterns` entry (`/regex/` or a glob). */
function patternMatches(path: string, pattern: string, key: 'fileMatch' | 'managerFilePatterns'): boolean {
  if (key === 'fileMatch') {
    try {
      return new RegExp(pattern).test(path);
    } catch {
      return false;
    }
  }
  const re = regexOf(pattern);
  return re ? re.test(path) : minimatch(path, pattern, { dot: true });
}

export interface RenovateFileCoverage extends BotCoverage {
  managers: PipManager[];
}

/** Whether Renovate updates the requirements file at `path`. `pipCompiled`: it has a pip-compile header whose sources exist. */
export function renovateCoverage(config: RenovateConfig, path: string, pipCompiled: boolean): RenovateFileCoverage {
  const no = (why: string, fix: string | null): RenovateFileCoverage => ({ updates: false, why, fix, managers: [] });
  const escaped = `(^|/)${path.split('/').pop()!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
  if (config.fatal) return no(`Renovate stops on ${config.file} (${config.problems.find((p) => p.fatal)?.message ?? 'configuration error'})`, `fix ${config.file}`);
  if (config.enabled?.value === false) return no(`Renovate is disabled (enabled: false at ${config.file}:${config.enabled.line})`, `remove "enabled": false from ${config.file}`);
  const ignored = config.ignorePaths.find((p) => path.includes(p.pattern) || minimatch(path, p.pattern, { dot: true }));
  if (ignored) {
    return no(`${config.file} ignores it: ignorePaths "${ignored.pattern}" (${ignored.from}${ignored.line ? `, line ${ignored.line}` : ''}) matches ${path}`,
      `set "ignorePaths" in ${config.file} to a list without "${ignored.pattern}"`);
  }
  if (config.includePaths && !config.includePaths.some((p) => p === path || minimatch(path, p, { dot: true }))) {
    return no(`no includePaths entry of ${config.file} matches ${path}`, `add "${path}" to "includePaths" in ${config.file}`);
  }
  const managers: PipManager[] = [];
  const reasons: string[] = [];
  for (const manager of PIP_MANAGERS) {
    const m = config.managers[manager];
    if (config.enabledManagers && !config.enabledManagers.value.includes(manager)) {
      reasons.push(`enabledManagers (${config.file}:${config.enabledManagers.line}) does not list ${manager}`);
      continue;
    }
    if (m.enabled?.value === false) {
      reasons.push(`${manager} is disabled (${config.file}:${m.enabled.line})`);
      continue;
    }
    const defaults = manager === 'pip_requirements' ? [{ value: PIP_REQUIREMENTS_DEFAULT, key: 'fileMatch' as const }] : [];
    const hit = [...defaults, ...m.patterns].find((p) => patternMatches(path, p.value, p.key));
    if (!hit) {
      reasons.push(manager === 'pip_requirements'
        ? `${path.split('/').pop()} does not match pip_requirements' file pattern ${PIP_REQUIREMENTS_DEFAULT}${m.patterns.length ? ` nor ${m.patterns.map((p) => p.value).join(', ')}` : ''}`
        : `pip-compile matches no file unless configured${m.patterns.length ? ` (its patterns ${m.patterns.map((p) => p.value).join(', ')} miss ${path})` : ''}`);
      continue;
    }
    if (manager === 'pip-compile' && !pipCompiled) {
      reasons.push(`pip-compile's pattern matches, but ${path} has no pip-compile header with sources in the repository`);
      continue;
    }
    managers.push(manager);
  }
  if (managers.length > 0) return { updates: true, why: `Renovate's ${managers.join(' and ')} manager reads it`, fix: null, managers };
  const usesNew = config.managers.pip_requirements.patterns.some((p) => p.key === 'managerFilePatterns');
  const fix = config.enabledManagers && !config.enabledManagers.value.includes('pip_requirements')
    ? `add "pip_requirements" to "enabledManagers" in ${config.file}`
    : usesNew
      ? `add "pip_requirements": {"managerFilePatterns": ["/${escaped}/"]} to ${config.file}`
      : `add "pip_requirements": {"fileMatch": ["${escaped.replace(/\\/g, '\\\\')}"]} to ${config.file} ("managerFilePatterns": ["/…/"] from Renovate 40)`;
  return no(reasons.join('; '), fix);
}

const UPDATE_TYPES = ['major', 'minor', 'patch'] as const;

/** Renovate's update type of current → version under PEP 440 versioning. */
export function renovateUpdateType(current: string, version: string): 'major' | 'minor' | 'patch' | null {
  const a = tryParseVersion(current);
  const b = tryParseVersion(version);
  if (!a || !b) return null;
  const seg = (v: typeof a, i: number): number => Number(v.release[i] ?? 0);
  if (seg(b, 0) > seg(a, 0)) return 'major';
  if (seg(b, 1) > seg(a, 1)) return 'minor';
  return 'patch';
}

function allowedVersionsFilter(text: string): VersionFilter | null {
  const re = regexOf(text);
  if (re) return { text: `allowedVersions "${text}"`, admits: (v) => (text.startsWith('!') ? !re.test(v) : re.test(v)) };
  try {
    const set = SpecifierSet.parse(text);
    return { text: `allowedVersions "${text}"`, admits: (v) => set.contains(v, { prereleases: true }) };
  } catch {
    return null;
  }
}

type RenovateHold = { rule: HoldRule; packageRule: RenovateRule | null; ignoreDep: string | null };
const holdCache = new WeakMap<RenovateConfig, RenovateHold[]>();

/** The rules of a Renovate config that can hold a pip pin back, each with its line (the same objects on every call). */
export function renovateHoldRules(config: RenovateConfig): RenovateHold[] {
  const cached = holdCache.get(config);
  if (cached) return cached;
  const out: RenovateHold[] = [];
  holdCache.set(config, out);
  for (const dep of config.ignoreDeps) {
    out.push({
      rule: { bot: 'renovate', source: { file: config.file, line: dep.line }, label: `ignoreDeps "${dep.value}"`, form: 'ignoreDeps', kind: 'ignore', filter: null, noEffect: null, pipScoped: false },
      packageRule: null, ignoreDep: dep.value,
    });
  }
  for (const r of config.packageRules) {
    const types = r.match.matchUpdateTypes ?? [];
    let kind: HoldRule['kind'] | null = null;
    let filter: VersionFilter | null = null;
    let noEffect: string | null = null;
    if (r.enabled === false && types.length === 0) kind = 'ignore';
    else if (r.enabled === false) {
      kind = 'filter';
      const known = types.filter((t) => (UPDATE_TYPES as readonly string[]).includes(t));
      filter = { text: `matchUpdateTypes [${types.join(', ')}] with enabled: false`, admits: (v, cur) => !known.includes(renovateUpdateType(cur, v) ?? 'patch') };
    }
    if (r.allowedVersions !== null) {
      kind = kind ?? 'filter';
      filter = filter ?? allowedVersionsFilter(r.allowedVersions);
      if (types.length > 0) noEffect = `Renovate refuses a packageRule that combines matchUpdateTypes with allowedVersions (a configuration error: it stops on the repository)`;
      else if (!filter) noEffect = `allowedVersions "${r.allowedVersions}" is neither a /regex/ nor a PEP 440 range: Renovate stops with "Invalid allowedVersions"`;
    }
    if (!kind) continue;
    const scoped = (r.match.matchManagers ?? []).some((m) => (PIP_MANAGERS as readonly string[]).includes(m))
      || (r.match.matchDatasources ?? []).includes('pypi') || (r.match.matchCategories ?? []).includes('python');
    out.push({
      rule: { bot: 'renovate', source: { file: config.file, line: r.line }, label: `packageRules[${r.index}]`, form: 'packageRules', kind, filter, noEffect, pipScoped: scoped },
      packageRule: r, ignoreDep: null,
    });
  }
  return out;
}

/** Whether a packageRule's matchers all hold for a pip dependency read by `manager`. */
function ruleMatches(r: RenovateRule, depName: string, packageName: string, file: string, manager: PipManager, evaluable = false): boolean {
  const m = r.match;
  if (r.unsupported.length > 0 && !evaluable) return false;
  if (m.matchPackageNames && !matchRegexOrGlobList(packageName, m.matchPackageNames)) return false;
  if (m.matchDepNames && !matchRegexOrGlobList(depName, m.matchDepNames)) return false;
  if (m.matchFileNames && !matchRegexOrGlobList(file, m.matchFileNames)) return false;
  if (m.matchManagers && !matchRegexOrGlobList(manager, m.matchManagers)) return false;
  if (m.matchDatasources && !matchRegexOrGlobList('pypi', m.matchDatasources)) return false;
  if (m.matchCategories && !m.matchCategories.includes('python')) return false;
  return true;
}

/** What each Renovate hold rule makes of a pip dependency, for the managers that read its file. */
export function renovateMatches(config: RenovateConfig, dep: PipDependency, managers: readonly PipManager[]): RuleMatch[] {
  const packageName = normalizeName(dep.name);
  const out: RuleMatch[] = [];
  for (const { rule, packageRule, ignoreDep } of renovateHoldRules(config)) {
    if (ignoreDep !== null) {
      const applies = ignoreDep === dep.name;
      const spelling = !applies && normalizeName(ignoreDep) === packageName
        ? `Renovate compares ignoreDeps with the name as written in ${dep.file} ("${dep.name}"), so "${ignoreDep}" does not hold it`
        : null;
      out.push({ rule, applies, spelling });
      continue;
    }
    const r = packageRule!;
    const applies = managers.some((m) => ruleMatches(r, dep.name, packageName, dep.file, m));
    let spelling: string | null = null;
    if (!applies && managers.length > 0) {
      const respelled: RenovateRule = {
        ...r,
        match: {
          ...r.match,
          ...(r.match.matchPackageNames ? { matchPackageNames: r.match.matchPackageNames.map((p) => (regexOf(p) ? p : (p.startsWith('!') ? '!' : '') + normalizeName(p.replace(/^!/, '')))) } : {}),
        },
      };
      const respelledDep = r.match.matchDepNames ? (r.match.matchDepNames.find((p) => !regexOf(p) && normalizeName(p) === packageName) ?? dep.name) : dep.name;
      if (managers.some((m) => ruleMatches(respelled, respelledDep, packageName, dep.file, m))) {
        spelling = r.match.matchPackageNames
          ? `Renovate matches matchPackageNames against the normalised name "${packageName}", so ${r.match.matchPackageNames.map((p) => `"${p}"`).join(', ')} does not match ${dep.name}`
          : `Renovate matches matchDepNames against the name as written ("${dep.name}")`;
      }
    }
    const unevaluated = !applies && r.unsupported.length > 0 && managers.some((m) => ruleMatches(r, dep.name, packageName, dep.file, m, true))
      ? r.unsupported.join(', ')
      : undefined;
    out.push({ rule, applies, spelling, ...(unevaluated ? { unevaluated } : {}) });
  }
  return out;
}
