/**
 * Which newer releases of a pinned package are real moves: usable on every target of the pin
 * (../shared/candidates.ts: on the index, not yanked, final unless the pin is a pre-release, admitted
 * by the file and metadata Requires-Python) and accepted by the pinned dependents' requirements as
 * `pip check` judges them (pre-releases allowed when installed).
 */
import type { ProjectName } from '../../names/index.js';
import { releasesOfState, satisfies } from '../shared/index.js';
import type { Lookups, Release } from '../shared/index.js';
import type { Edge } from './graph.js';

export function rejectingEdges(edges: readonly Edge[], version: string): Edge[] {
  return edges.filter((e) => !satisfies(e.requirement.specifier, version));
}

/** Releases newer than `current`, ascending. */
export function newerThan(lookups: Lookups, name: ProjectName, current: Release): Release[] {
  const releases = releasesOfState(lookups.project(name));
  const at = releases.indexOf(current);
  if (at < 0 || !current.parsed) return [];
  return releases.slice(at + 1).filter((r) => r.parsed !== null);
}
