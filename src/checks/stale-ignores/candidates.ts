/**
 * Which newer releases of a pinned package are real moves: usable on every target of the pin
 * (../shared/candidates.ts: on the index, not yanked, final unless the pin is a pre-release, admitted
 * by the file and metadata Requires-Python) and accepted by the pinned dependents' requirements as
 * `pip check` judges them (pre-releases allowed when installed).
 */
import type { ProjectName } from '../../names/index.js';
import { newerReleases, satisfies } from '../shared/index.js';
import type { Edge, Lookups, Release } from '../shared/index.js';

export function rejectingEdges(edges: readonly Edge[], version: string): Edge[] {
  return edges.filter((e) => !satisfies(e.requirement.specifier, version));
}

/** Every PEP 440 release newer than `current`, ascending (yanked and pre-releases included: the callers say why each is out). */
export function newerThan(lookups: Lookups, name: ProjectName, current: Release): Release[] {
  if (!current.parsed) return [];
  return newerReleases(lookups, name, current, { allowPrerelease: true, includeYanked: true });
}
