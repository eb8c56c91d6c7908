/**
 * Which release to suggest: the highest usable one (../shared/candidates.ts: on the index, not
 * yanked, final unless the current pin is a pre-release, admitting every target python of the file)
 * that satisfies every pinned dependent's requirement on every target. A suggestion that needed a
 * candidate whose metadata the index lost is no suggestion: the finding keeps its verdict, the
 * suggestion says what was not checked, and an `index-error` names the release and host (lostFix).
 */
import type { Finding } from '../../findings/index.js';
import { SpecifierSet } from '../../pep440/index.js';
import { highestUsable, lostCandidate, releasesOfState } from '../shared/index.js';
import type { LostRelease, Lookups, Release, ReleaseQuery, Search } from '../shared/index.js';

export interface CandidateQuery extends ReleaseQuery {
  /** Specifier texts every candidate must satisfy (from pinned dependents, all targets). */
  specifiers: readonly string[];
  /** A version that must not be suggested (the one that is wrong now). */
  exclude?: string | null;
}

/** The highest release meeting the query (null also while the project page is not fetched), and the lost candidates above it. */
export function highestAcceptable(lookups: Lookups, q: CandidateQuery): Search<Release> {
  const sets = q.specifiers.flatMap((s) => {
    try {
      return [SpecifierSet.parse(s)];
    } catch {
      return [];
    }
  });
  const accept = (r: Release): boolean => {
    const version = r.parsed;
    return version !== null && r.version !== q.exclude && sets.every((s) => s.contains(version, { prereleases: true }));
  };
  return highestUsable(lookups, q, releasesOfState(lookups.project(q.name)), accept);
}

/** A suggestion that could not be judged: the lost candidate, how to name it, and what was not judged. */
export interface LostFix {
  lost: LostRelease[];
  display: string;
  /** What could not be judged, for the index-error's message ("so …"). */
  notJudged: string;
}

/** The suggestion of a finding whose fix needed a lost candidate: it says so, and changes nothing. */
export function lostSuggestion(fix: LostFix): NonNullable<Finding['suggestion']> {
  const first = fix.lost[0]!;
  return { text: `no fix suggested: the metadata of ${fix.display} ${first.version} could not be fetched (see the index-error), so ${fix.notJudged}; run again once the index answers`, changes: [] };
}

/** The index-error for a lost fix, at the finding's file, line and target. */
export function lostFixFinding(at: Finding, fix: LostFix): Finding {
  const first = fix.lost[0]!;
  return {
    check: 'compat', module: at.module, file: at.file, line: at.line, target: at.target, package: at.package, version: at.version,
    ...lostCandidate(first, fix.display, fix.notJudged, fix.lost.length - 1),
  };
}
