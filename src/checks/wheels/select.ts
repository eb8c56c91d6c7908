/**
 * Which file of a listing pip installs for a requirement on a target, or why none fits.
 *
 * Reference: pip 23.2 / 24.2 `index/package_finder.py` (`LinkEvaluator.evaluate_link`,
 * `CandidateEvaluator._sort_key`) and the resolver's yanked rule (`factory._iter_found_candidates`).
 * A file is a candidate when it parses as a distribution of the project (an egg never is: pip skips
 * it, "unsupported archive format: .egg", and it is named among the rejected); a wheel's tags meet the
 * target (`tagCompatibility`); an sdist is allowed, in a format pip unpacks, and its legacy `-pyX.Y`
 * suffix (if any) names the target python; its `data-requires-python` admits the target's full
 * version; and its version satisfies the requirement. Best first by pip's key: not yanked, version,
 * tag rank (an sdist ranks below every wheel), build tag `(number, rest)`; among equal keys the file
 * listed last (pip's order for a find-links directory is the file system's, so that tie is arbitrary).
 * PEP 592: yanked files are skipped unless the requirement is an exact pin and every candidate is
 * yanked; then the best yanked one is installed (pip warns).
 * Requires-Python from METADATA (`Requirement.metadataRequiresPython`): a mirror autoindex lists no
 * `data-requires-python`, so pip downloads the best file, reads its METADATA and refuses it ("Package
 * 'x' requires a different Python: 3.6.15 not in '>=3.10'"), then moves on to the next *version*:
 * the resolver builds one candidate per version (`factory._iter_built` skips a version already
 * built), so the other files of a refused version do not count either. Candidates are walked best
 * first with the release's Requires-Python applied to files whose listing gives none; a release
 * whose METADATA is not known (yet) is not refused. A listing's own data-requires-python is taken
 * as it is (PyPI derives it from the same METADATA; pip would check both).
 * With `allowedHashes`, pip's hash pre-filter (`filter_unallowed_hashes`) keeps the candidates whose
 * listed hash is allowed plus those the page gives no hash for, when any is allowed.
 * Unsupported: `--prefer-binary`.
 */
import type { ProjectName } from '../../names/index.js';
import { compareVersions, exactPinVersion, SpecifierSet, tryParseVersion } from '../../pep440/index.js';
import type { Version } from '../../pep440/index.js';
import { distributionOf, eggOf, fileRequiresPythonOk, groupByRelease } from '../../pypi/index.js';
import type { ProjectFile } from '../../pypi/index.js';
import { tagCompatibility } from '../../tags/index.js';
import { targetTags } from '../../targets/index.js';
import { EGG_SKIPPED, filterUnallowedHashes } from '../shared/index.js';
import type { Target } from '../../targets/index.js';

export interface Candidate {
  file: ProjectFile;
  kind: 'wheel' | 'sdist';
  /** The version as written in the filename. */
  version: string;
  parsed: Version | null;
  /** Index in the target's tag list (lower is better); sdists take the list's length. */
  rank: number;
  build: { number: number; tag: string } | null;
}

export type RejectReason = 'tags' | 'requires-python' | 'sdist-not-allowed' | 'sdist-format' | 'sdist-python' | 'egg' | 'version';

export interface Rejection {
  file: ProjectFile;
  reason: RejectReason;
  detail: string;
}

export interface Selection {
  /** The file pip installs, null when none fits. */
  chosen: Candidate | null;
  /** Every candidate that matches the requirement, best first (yanked ones included). */
  candidates: Candidate[];
  /** Files of the project that pip would not consider, with why (version mismatches left out). */
  rejected: Rejection[];
}

export interface Requirement {
  /** Specifier text: `==1.2.6`, `>=1,<2`, or '' for any version. */
  specifier: string;
  /** Whether sdists may be installed (pip without `--only-binary=:all:`). */
  allowSdist: boolean;
  /** The `algo:digest` values the requirement allows (hash-checking mode): pip's `filter_unallowed_hashes` runs first. */
  allowedHashes?: readonly string[];
  /**
   * The Requires-Python of a release's METADATA (null: it has none), for files whose listing gives
   * none; undefined: not known (not fetched, or unreadable), so the file is not refused for it.
   */
  metadataRequiresPython?: (version: string) => string | null | undefined;
}

/** pip's choice among `files` (one project's listing) for `requirement` on `target`. */
export function selectFile(files: readonly ProjectFile[], project: ProjectName, requirement: Requirement, target: Target): Selection {
  const matches = versionMatcher(requirement.specifier);
  const candidates: Candidate[] = [];
  const rejected: Rejection[] = [];
  const supported = targetTags(target);
  for (const file of files) {
    const { name: parsed, version } = distributionOf(file, project);
    if (!parsed) {
      // pip skips an egg unread; one of the version asked for is named, so a release of eggs only says why.
      const egg = eggOf(file.filename, project);
      if (egg && matches.one(egg.version)) rejected.push({ file, reason: 'egg', detail: EGG_SKIPPED });
      continue;
    }
    const reject = (reason: RejectReason, detail: string): void => void rejected.push({ file, reason, detail });
    let candidate: Candidate;
    if (parsed.kind === 'wheel') {
      const verdict = tagCompatibility(parsed.tags, supported);
      if (!verdict.ok) {
        if (matches.one(parsed.version)) reject('tags', verdict.detail);
        continue;
      }
      candidate = { file, kind: 'wheel', version: parsed.version, parsed: version, rank: verdict.rank, build: parsed.build };
    } else {
      const here = matches.one(parsed.version);
      if (!requirement.allowSdist) {
        if (here) reject('sdist-not-allowed', 'a source distribution (binary-only install)');
        continue;
      }
      if (!parsed.pipSupported) {
        if (here) reject('sdist-format', `pip does not unpack ${parsed.format} archives`);
        continue;
      }
      if (parsed.pythonVersion !== null && parsed.pythonVersion !== target.python) {
        if (here) reject('sdist-python', `the -py${parsed.pythonVersion} suffix is for another python (target is ${target.python})`);
        continue;
      }
      candidate = { file, kind: 'sdist', version: parsed.version, parsed: version, rank: supported.length, build: null };
    }
    if (!fileRequiresPythonOk(file, target.pythonFull)) {
      if (matches.one(candidate.version)) reject('requires-python', `Requires-Python ${file.requiresPython ?? ''} excludes ${target.pythonFull}`);
      continue;
    }
    candidates.push(candidate);
  }
  const allowed = matches.all(candidates.map((c) => c.version));
  // pip sorts ascending (a stable sort) and takes from the end: among equal keys (`py3-none-any` and
  // `py2.py3-none-any` rank the same) the file listed last wins.
  const applicable = filterUnallowedHashes(candidates.filter((c) => allowed.has(c.version)), requirement.allowedHashes ?? []).sort(compareCandidates).reverse();
  const allYanked = applicable.every((c) => c.file.yanked !== null);
  const eligible = (c: Candidate): boolean => c.file.yanked === null || (allYanked && matches.pinned);
  // pip learns a listing-less file's Requires-Python only once it is the one picked (see the header).
  const refusedVersions = new Set<string>();
  let chosen: Candidate | null = null;
  for (const c of applicable) {
    if (!eligible(c) || refusedVersions.has(c.version)) continue;
    const why = c.file.requiresPython === null ? metadataRefusal(c, requirement, target) : null;
    if (why === null) {
      chosen = c;
      break;
    }
    refusedVersions.add(c.version);
  }
  if (refusedVersions.size === 0) return { chosen, candidates: applicable, rejected };
  for (const c of applicable) {
    if (!refusedVersions.has(c.version)) continue;
    const rp = requirement.metadataRequiresPython?.(c.version) ?? '';
    const how = c.file.requiresPython === null ? 'Requires-Python of its METADATA; the listing gives none' : `pip tries one file per version, and the best file of ${c.version} was refused`;
    rejected.push({ file: c.file, reason: 'requires-python', detail: `requires a different Python: ${target.pythonFull} not in '${rp}' (${how})` });
  }
  return { chosen, candidates: applicable.filter((c) => !refusedVersions.has(c.version)), rejected };
}

/** Why the release's METADATA Requires-Python refuses `c` on `target`, or null (admitted, or not known). */
function metadataRefusal(c: Candidate, requirement: Requirement, target: Target): string | null {
  const rp = requirement.metadataRequiresPython?.(c.version);
  if (rp === undefined || rp === null) return null;
  return fileRequiresPythonOk({ ...c.file, requiresPython: rp }, target.pythonFull) ? null : rp;
}

/**
 * The files of `files` in the releases whose version satisfies `specifier` (pypi's grouping: which
 * file belongs to which release), whatever their tags or Requires-Python, in listing order.
 */
export function filesOfReleasesMatching(files: readonly ProjectFile[], project: ProjectName, specifier: string): ProjectFile[] {
  const matches = versionMatcher(specifier);
  const kept = new Set<ProjectFile>();
  for (const [version, ofRelease] of groupByRelease(files, project)) if (matches.one(version)) for (const f of ofRelease) kept.add(f);
  return files.filter((f) => kept.has(f));
}

interface Matcher {
  /** Whether one version satisfies the requirement on its own (for explaining rejections). */
  one(version: string): boolean;
  /** The versions pip keeps from a list (packaging's `filter`, with its pre-release rule). */
  all(versions: string[]): Set<string>;
  /** `==X` / `===X`: pip then accepts a release only yanked files offer. */
  pinned: boolean;
}

function versionMatcher(specifier: string): Matcher {
  let spec: SpecifierSet | null = null;
  try {
    spec = SpecifierSet.parse(specifier);
  } catch {
    // A legacy pin (`==0.8.7p1`, pip ≤ 24.0): compare the text as written.
    const legacy = /^===?\s*(.+)$/.exec(specifier.trim())?.[1] ?? null;
    const one = (v: string): boolean => legacy !== null && v === legacy;
    return { one, all: (vs) => new Set(vs.filter(one)), pinned: legacy !== null };
  }
  const set = spec;
  const pinned = exactPinVersion(set) !== null;
  const one = (v: string): boolean => {
    if (tryParseVersion(v) === null) return set.specifiers.some((s) => s.operator === '===' && s.version === v);
    return set.contains(v, { prereleases: true });
  };
  return {
    one,
    all: (vs) => {
      const kept = new Set(set.filter(vs));
      // `===` compares text, so it also selects versions that are not PEP 440.
      for (const v of vs) if (tryParseVersion(v) === null && one(v)) kept.add(v);
      return kept;
    },
    pinned,
  };
}

/** pip's `_sort_key` order (greater is preferred), without hashes and prefer-binary. */
export function compareCandidates(a: Candidate, b: Candidate): number {
  const yank = Number(a.file.yanked === null) - Number(b.file.yanked === null);
  if (yank !== 0) return yank;
  const version = compareCandidateVersions(a, b);
  if (version !== 0) return version;
  if (a.rank !== b.rank) return b.rank - a.rank;
  return compareBuild(a.build, b.build);
}

function compareCandidateVersions(a: Candidate, b: Candidate): number {
  if (a.parsed && b.parsed) return compareVersions(a.parsed, b.parsed);
  // packaging 21.3 sorts a LegacyVersion below every PEP 440 version.
  if (!a.parsed && !b.parsed) return a.version < b.version ? -1 : a.version > b.version ? 1 : 0;
  return a.parsed ? 1 : -1;
}

/** No build tag sorts first (`()`), then by number, then the rest as a string. */
function compareBuild(a: Candidate['build'], b: Candidate['build']): number {
  if (!a || !b) return Number(a !== null) - Number(b !== null);
  if (a.number !== b.number) return a.number - b.number;
  return a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0;
}
