/**
 * Releases from a listing, and pip's per-file Requires-Python rule.
 *
 * Files are grouped by the version in their filename (wheel, or sdist split with the project name
 * as pip's `_find_name_version_sep` does), keyed by the PEP 440 normalised form (`1.0.A1` and
 * `1.0a1` are one release; `1.0` and `1.0.0` stay apart, as on PyPI). Versions that are not PEP 440
 * (`0.8.7p1`, `dev`) are kept under their raw text and reported.
 * Requires-Python (https://peps.python.org/pep-0345/#requires-python): a file whose specifier does
 * not contain the target's full version is skipped by pip; an unparseable specifier is ignored
 * (pip logs it and keeps the file).
 * Trap: semantics are packaging 24.1's; pip ≤ 24.0 (packaging 21.3) would compare some odd
 * specifiers (`>=3.6.*`) as LegacySpecifiers instead of ignoring them.
 */
import { parseDistributionFilename, type SdistFilename, type WheelFilename } from '../filenames/index.js';
import { SpecifierSet, tryParseVersion } from '../pep440/index.js';
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
 * The page's files grouped by release, in order of first appearance. Keys are normalised PEP 440
 * versions, or the raw text for non-PEP 440 versions (named in `warnings` when an array is given).
 * Files that are not distributions of `page.name` are left out (and reported).
 */
export function releasesOf(page: ProjectPage, warnings?: string[]): Map<string, ProjectFile[]> {
  const out = new Map<string, ProjectFile[]>();
  const legacy = new Set<string>();
  const foreign: string[] = [];
  for (const file of page.files) {
    const parsed = parseDistributionFilenameSafe(file.filename, page.name);
    if (!parsed) {
      foreign.push(file.filename);
      continue;
    }
    const v = tryParseVersion(parsed.version);
    const key = v ? v.toString() : parsed.version;
    if (!v) legacy.add(parsed.version);
    const list = out.get(key);
    if (list) list.push(file);
    else out.set(key, [file]);
  }
  if (warnings) {
    if (legacy.size > 0) warnings.push(`${page.name}: versions that are not PEP 440, kept as written: ${[...legacy].join(', ')}`);
    if (foreign.length > 0) warnings.push(`${page.name}: files that are not distributions of this project, ignored: ${foreign.join(', ')}`);
  }
  return out;
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
