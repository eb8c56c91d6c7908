/**
 * Releases of a project as the index lists them, grouped from its files, with the questions pip
 * asks of them: does this release exist (PEP 440 `==` equality), is it yanked (PEP 592: only when
 * every file is), and does any file admit the target python (`data-requires-python`).
 */
import { compareVersions, SpecifierSet, tryParseVersion } from '../../pep440/index.js';
import type { Version } from '../../pep440/index.js';
import { fileRequiresPythonOk, releasesOf } from '../../pypi/index.js';
import type { ProjectFile, ProjectState } from '../../pypi/index.js';
import { compareText } from '../../order/index.js';

/** Why pip takes no egg, in its words (`LinkEvaluator.evaluate_link`, logged with -v as "Skipping link: …"). */
export const EGG_SKIPPED = 'unsupported archive format: .egg; pip does not install eggs';

export interface Release {
  /** Normalized PEP 440 version, or the raw text of a legacy version. */
  version: string;
  parsed: Version | null;
  files: ProjectFile[];
  yanked: boolean;
  yankedReason: string | null;
}

const cache = new WeakMap<object, Release[]>();

/** Releases of an 'ok' project state, ascending by PEP 440 (legacy versions first, as pip orders them). */
export function releasesOfState(state: ProjectState | undefined): Release[] {
  if (!state || state.status !== 'ok') return [];
  const hit = cache.get(state.page);
  if (hit) return hit;
  const releases: Release[] = [];
  for (const [version, files] of releasesOf(state.page)) {
    const yanked = files.length > 0 && files.every((f) => f.yanked !== null);
    const reason = yanked ? (files.find((f) => f.yanked)?.yanked ?? '') : null;
    releases.push({ version, parsed: tryParseVersion(version), files, yanked, yankedReason: reason });
  }
  releases.sort((a, b) => {
    if (a.parsed && b.parsed) return compareVersions(a.parsed, b.parsed);
    if (!a.parsed && !b.parsed) return compareText(a.version, b.version);
    return a.parsed ? 1 : -1;
  });
  cache.set(state.page, releases);
  return releases;
}

// Every pin is looked up on every target in every round, against the same (cached) release lists.
const found = new WeakMap<readonly Release[], Map<string, Release | null>>();

/** The release a `==version` pin selects: PEP 440 equality (`1.0` matches `1.0.0`), raw text for legacy versions. */
export function findRelease(releases: readonly Release[], version: string): Release | null {
  let byVersion = found.get(releases);
  if (!byVersion) found.set(releases, (byVersion = new Map()));
  let release = byVersion.get(version);
  if (release === undefined) {
    release = selectRelease(releases, version);
    byVersion.set(version, release);
  }
  return release;
}

function selectRelease(releases: readonly Release[], version: string): Release | null {
  const parsed = tryParseVersion(version);
  if (!parsed) return releases.find((r) => r.version === version) ?? null;
  let spec: SpecifierSet;
  try {
    spec = SpecifierSet.parse(`==${version}`);
  } catch {
    return null;
  }
  // Several releases can compare equal (1.0 and 1.0.0 both uploaded): pip takes the highest-ranked, the last.
  const matches = releases.filter((r) => r.parsed && spec.contains(r.parsed, { prereleases: true }));
  return matches[matches.length - 1] ?? null;
}

/** Files of the release that pip would consider for this python (it skips files whose Requires-Python excludes it). */
export function filesForPython(release: Release, pythonFull: string): ProjectFile[] {
  return release.files.filter((f) => fileRequiresPythonOk(f, pythonFull));
}

/** The distinct Requires-Python values that exclude this python, for messages. */
export function excludingRequiresPython(release: Release, pythonFull: string): string[] {
  return [...new Set(release.files.filter((f) => !fileRequiresPythonOk(f, pythonFull)).map((f) => f.requiresPython ?? ''))];
}
