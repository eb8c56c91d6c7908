/**
 * Which release to suggest: the highest usable one (../shared/candidates.ts: on the index, not
 * yanked, final unless the current pin is a pre-release, admitting every target python of the file)
 * that satisfies every pinned dependent's requirement on every target.
 */
import { SpecifierSet } from '../../pep440/index.js';
import { highestUsable, releasesOfState } from '../shared/index.js';
import type { Lookups, Release, ReleaseQuery } from '../shared/index.js';

export interface CandidateQuery extends ReleaseQuery {
  /** Specifier texts every candidate must satisfy (from pinned dependents, all targets). */
  specifiers: readonly string[];
  /** A version that must not be suggested (the one that is wrong now). */
  exclude?: string | null;
}

/** The highest release meeting the query, or null (also null while the project page is not fetched). */
export function highestAcceptable(lookups: Lookups, q: CandidateQuery): Release | null {
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
