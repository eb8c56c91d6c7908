/**
 * Releases from a listing (the one answer to "which files belong to release X"), and pip's
 * per-file Requires-Python rule.
 *
 * A file belongs to the release named by the version in its filename (wheel, or sdist split with
 * the project name as pip's `_find_name_version_sep` does); each filename is parsed once
 * (`distributionOf`). `releasesOf` groups by the PEP 440 normalised form (`1.0.A1` and `1.0a1` are
 * one release; `1.0` and `1.0.0` stay apart, as on PyPI). `filesOfRelease` answers by PEP 440
 * equality, as pip matches `==`: `2.0` and `2.0.0` are one release there (`canonicalVersion`).
 * Versions that are not PEP 440 (`0.8.7p1`, `dev`) are kept under their raw text (and reported),
 * and match only themselves.
 * Requires-Python (https://peps.python.org/pep-0345/#requires-python): a file whose specifier does
 * not contain the target's full version is skipped by pip; an unparseable specifier is ignored
 * (pip logs it and keeps the file).
 * Trap: semantics are packaging 24.1's; pip ≤ 24.0 (packaging 21.3) would compare some odd
 * specifiers (`>=3.6.*`) as LegacySpecifiers instead of ignoring them.
 */
import { parseDistributionFilename, parseEggFilename, type EggFilename, type SdistFilename, type WheelFilename } from '../filenames/index.js';
import { normalizeName, type ProjectName } from '../names/index.js';
import { SpecifierSet, tryParseVersion, type Version } from '../pep440/index.js';
import type { ProjectFile, ProjectPage } from './types.js';

/** parseDistributionFilename that returns null instead of throwing. */
export function parseDistributionFilenameSafe(filename: string, project?: string): WheelFilename | SdistFilename | null {
  try {
    return parseDistributionFilename(filename, project);
  } catch {
    return null;
  }
}

/**
 * `filename` as an egg of `project`, else null. Listings keep eggs, so that a release with only eggs
 * can name them; no release groups them (pip skips every egg: "unsupported archive format: .egg").
 */
export function eggOf(filename: string, project: string): EggFilename | null {
  const egg = parseEggFilename(filename);
  return egg?.normalizedName === normalizeName(project) ? egg : null;
}

/**
 * The eggs a listing holds of `project` whose versions `specifier` admits, as pip would choose among
 * releases (`==1.0` takes `1.0.0`); none for a specifier pip refuses.
 */
export function eggsAdmitted(files: readonly ProjectFile[], project: string, specifier: string): ProjectFile[] {
  let spec: SpecifierSet;
  try {
    spec = SpecifierSet.parse(specifier);
  } catch {
    return [];
  }
  const eggs = files.flatMap((file) => {
    const egg = eggOf(file.filename, project);
    return egg ? [{ file, version: egg.version }] : [];
  });
  const admitted = new Set(spec.filter(eggs.map((e) => e.version)));
  return eggs.filter((e) => admitted.has(e.version)).map((e) => e.file);
}

export interface Distribution {
  /** The filename's parts, null when it is not a distribution of the project. */
  name: WheelFilename | SdistFilename | null;
  /** Its version as PEP 440, null when it is not one (or the file is not a distribution). */
  version: Version | null;
}

// A listing is read for every pin of its project on every target, and grouped by every caller:
// parse each filename once (listings are never changed after parsing).
const distributions = new WeakMap<ProjectFile, Distribution & { project: string }>();

/** The file as a distribution of `project`: its filename's parts and version (cached per file). */
export function distributionOf(file: ProjectFile, project: string): Distribution {
  const hit = distributions.get(file);
  if (hit?.project === project) return hit;
  const name = parseDistributionFilenameSafe(file.filename, project);
  const entry = { project, name, version: name ? tryParseVersion(name.version) : null };
  distributions.set(file, entry);
  return entry;
}

/**
 * The page's files grouped by release, in order of first appearance. Keys are normalised PEP 440
 * versions, or the raw text for non-PEP 440 versions (named in `warnings` when an array is given).
 * Files that are not distributions of `page.name` are left out (and reported).
 */
export function releasesOf(page: ProjectPage, warnings?: string[]): Map<string, ProjectFile[]> {
  return groupByRelease(page.files, page.name, warnings);
}

/** `releasesOf` for any list of one project's files (several mirrors' listings joined, say). */
export function groupByRelease(files: readonly ProjectFile[], project: ProjectName, warnings?: string[]): Map<string, ProjectFile[]> {
  const out = new Map<string, ProjectFile[]>();
  const legacy = new Set<string>();
  const foreign: string[] = [];
  for (const file of files) {
    const { name: parsed, version: v } = distributionOf(file, project);
    if (!parsed) {
      foreign.push(file.filename);
      continue;
    }
    const key = v ? v.toString() : parsed.version;
    if (!v) legacy.add(parsed.version);
    const list = out.get(key);
    if (list) list.push(file);
    else out.set(key, [file]);
  }
  if (warnings) {
    if (legacy.size > 0) warnings.push(`${project}: versions that are not PEP 440, kept as written: ${[...legacy].join(', ')}`);
    if (foreign.length > 0) warnings.push(`${project}: files that are not distributions of this project, ignored: ${foreign.join(', ')}`);
  }
  return out;
}

/**
 * One spelling per *equal* version (`2.0` == `2.0.0` in PEP 440, and pip installs a `2.0.0` file for
 * `==2.0`): the normalised form with trailing `.0`s of the release dropped (packaging's
 * `canonicalize_version`). Used to match files and to fetch each release once; never shown to users.
 */
export function canonicalVersion(version: string): string {
  const v = tryParseVersion(version);
  if (!v) return version.trim();
  const release = [...v.release];
  while (release.length > 1 && release[release.length - 1] === 0) release.pop();
  const suffix = v.public.startsWith(v.baseVersion) ? v.public.slice(v.baseVersion.length) : '';
  return `${v.epoch ? `${v.epoch}!` : ''}${release.join('.')}${suffix}${v.local ? `+${v.local}` : ''}`;
}

// Grouping parses every filename on the page; a page is grouped once however many of its releases
// are asked for (pages are never changed after parsing, and each fetch yields a new page object).
const grouped = new WeakMap<ProjectPage, { name: ProjectName; byVersion: Map<string, ProjectFile[]> }>();

/**
 * The files of one release on a listing, matched by PEP 440 equality: `1.0a1` and `1.0.a1`, `2.0`
 * and `2.0.0` are the same release (`releasesOf` keeps the last two apart, so its groups are joined
 * here); the local label must match; a non-PEP 440 version matches only itself.
 */
export function filesOfRelease(page: ProjectPage, name: ProjectName, version: string): ProjectFile[] {
  let groups = grouped.get(page);
  if (groups?.name !== name) {
    const byVersion = new Map<string, ProjectFile[]>();
    for (const [v, files] of groupByRelease(page.files, name)) {
      const key = canonicalVersion(v);
      byVersion.set(key, [...(byVersion.get(key) ?? []), ...files]);
    }
    groups = { name, byVersion };
    grouped.set(page, groups);
  }
  return [...(groups.byVersion.get(canonicalVersion(version)) ?? [])];
}

/**
 * Whether pip would consider `file` for a python whose full version is `pythonFull` (`3.6.15`):
 * no Requires-Python, or an unparseable one, admits it.
 */
export function fileRequiresPythonOk(file: ProjectFile, pythonFull: string): boolean {
  return requiresPythonAllows(file.requiresPython, pythonFull);
}

/**
 * pip's Requires-Python rule (`check_requires_python`), for a file's `data-requires-python` and a
 * release's METADATA alike: absent or unparseable admits every python. Trap: pip compares
 * `sys.version_info[:3]` (`3.13.0` on 3.13.0rc1), never the pre-release tag of the interpreter.
 */
export function requiresPythonAllows(rp: string | null, pythonFull: string): boolean {
  if (rp === null || rp.trim() === '') return true;
  pythonFull = /^\d+(?:\.\d+)*/.exec(pythonFull)?.[0] ?? pythonFull;
  // Every file of every release is asked this per target, and a project's files share a few values.
  const key = `${rp}\u0000${pythonFull}`;
  let verdict = requiresPythonVerdicts.get(key);
  if (verdict === undefined) {
    verdict = requiresPythonAdmits(rp, pythonFull);
    if (requiresPythonVerdicts.size >= 4096) requiresPythonVerdicts.clear();
    requiresPythonVerdicts.set(key, verdict);
  }
  return verdict;
}

const requiresPythonVerdicts = new Map<string, boolean>();

function requiresPythonAdmits(rp: string, pythonFull: string): boolean {
  let spec: SpecifierSet;
  try {
    spec = SpecifierSet.parse(rp);
  } catch {
    return true;
  }
  try {
    // as pip: `python_version in SpecifierSet(...)`, so a pre-release python needs a pre-release specifier
    return spec.contains(pythonFull);
  } catch {
    return true;
  }
}
