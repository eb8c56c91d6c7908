/**
 * Which release to suggest. A candidate must exist on the index, not be yanked, be a final release
 * unless the current pin is a pre-release, admit every target python of the file (file
 * Requires-Python, and the release's metadata when known), and satisfy every pinned dependent's
 * requirement on every target.
 */
import type { ProjectName } from '../../names/index.js';
import { SpecifierSet } from '../../pep440/index.js';
import type { Target } from '../../targets/index.js';
import type { Lookups } from '../shared/lookups.js';
import { filesForPython, releasesOfState } from '../shared/releases.js';
import type { Release } from '../shared/releases.js';
import { pythonAllows } from '../shared/satisfies.js';

export interface CandidateQuery {
  name: ProjectName;
  targets: readonly Target[];
  /** Specifier texts every candidate must satisfy (from pinned dependents, all targets). */
  specifiers: readonly string[];
  allowPrerelease: boolean;
  /** A version that must not be suggested (the one that is wrong now). */
  exclude?: string | null;
}

/** The highest release meeting the query, or null (also null while the project page is not fetched). */
export function highestAcceptable(lookups: Lookups, q: CandidateQuery): Release | null {
  const releases = releasesOfState(lookups.project(q.name));
  const sets = q.specifiers.flatMap((s) => {
    try {
      return [SpecifierSet.parse(s)];
    } catch {
      return [];
    }
  });
  for (let i = releases.length - 1; i >= 0; i--) {
    const r = releases[i];
    if (!r || !r.parsed || r.yanked || r.version === q.exclude) continue;
    if (r.parsed.isPrerelease && !q.allowPrerelease) continue;
    if (!sets.every((s) => s.contains(r.parsed!, { prereleases: true }))) continue;
    if (!q.targets.every((t) => filesForPython(r, t.pythonFull).length > 0)) continue;
    const meta = lookups.metadata(q.name, r.version);
    // Unknown metadata Requires-Python does not disqualify; a known mismatch does.
    if (meta?.status === 'ok' && !q.targets.every((t) => pythonAllows(meta.metadata.requiresPython, t.pythonFull))) continue;
    return r;
  }
  return null;
}

/** Releases newer than `version`, ascending, that are final (or pre-releases when allowed) and not yanked. */
export function newerReleases(lookups: Lookups, name: ProjectName, current: Release, allowPrerelease: boolean): Release[] {
  const releases = releasesOfState(lookups.project(name));
  const at = releases.indexOf(current);
  return releases.slice(at + 1).filter((r) => r.parsed && !r.yanked && (allowPrerelease || !r.parsed.isPrerelease));
}
