/**
 * Which newer releases of a pinned package are real moves: on the index, not yanked (PEP 592), final
 * unless the pin is a pre-release (as pyup and pip choose), admitting every target python of the pin
 * (file `data-requires-python`, then the release's metadata once fetched), and accepted by the
 * pinned dependents' requirements as `pip check` judges them (pre-releases allowed when installed).
 */
import type { ProjectName } from '../../names/index.js';
import type { Target } from '../../targets/index.js';
import type { Lookups } from '../shared/lookups.js';
import { filesForPython, releasesOfState } from '../shared/releases.js';
import type { Release } from '../shared/releases.js';
import type { Edge } from './graph.js';
import { pythonAllows, satisfies } from '../shared/satisfies.js';

// The shared pip-check rules, re-exported for this folder's modules.
export { pythonAllows, satisfies };

export function rejectingEdges(edges: readonly Edge[], version: string): Edge[] {
  return edges.filter((e) => !satisfies(e.requirement.specifier, version));
}

export type Unusable = 'yanked' | 'prerelease' | 'requires-python';

export interface MoveQuery {
  name: ProjectName;
  targets: readonly Target[];
  allowPrerelease: boolean;
}

/** Why a release cannot be installed as a pin on these targets, or null. Metadata Requires-Python is asked for. */
export function unusable(lookups: Lookups, q: MoveQuery, r: Release): { reason: Unusable; detail: string } | null {
  if (!r.parsed) return { reason: 'prerelease', detail: `${r.version} is not a PEP 440 version` };
  if (r.yanked) return { reason: 'yanked', detail: `${r.version} is yanked${r.yankedReason ? ` ("${r.yankedReason}")` : ''}` };
  if (r.parsed.isPrerelease && !q.allowPrerelease) return { reason: 'prerelease', detail: `${r.version} is a pre-release` };
  const noFiles = q.targets.find((t) => filesForPython(r, t.pythonFull).length === 0);
  if (noFiles) return { reason: 'requires-python', detail: `${r.version} has no file for Python ${noFiles.pythonFull} (Requires-Python ${r.files.map((f) => f.requiresPython).find(Boolean) ?? '?'})` };
  const meta = lookups.metadata(q.name, r.version);
  // Unknown metadata does not disqualify (its file Requires-Python already passed); a known mismatch does.
  if (meta?.status === 'ok') {
    const bad = q.targets.find((t) => !pythonAllows(meta.metadata.requiresPython, t.pythonFull));
    if (bad) return { reason: 'requires-python', detail: `${r.version} requires Python ${meta.metadata.requiresPython} (not ${bad.pythonFull})` };
  }
  return null;
}

/** Releases newer than `current`, ascending. */
export function newerThan(lookups: Lookups, name: ProjectName, current: Release): Release[] {
  const releases = releasesOfState(lookups.project(name));
  const at = releases.indexOf(current);
  if (at < 0 || !current.parsed) return [];
  return releases.slice(at + 1).filter((r) => r.parsed !== null);
}

/** The highest newer release that is usable and passes `accept`; usability is tested last-but-one so metadata is fetched only for real candidates. */
export function highestMove(lookups: Lookups, q: MoveQuery, newer: readonly Release[], accept: (r: Release) => boolean): Release | null {
  for (let i = newer.length - 1; i >= 0; i--) {
    const r = newer[i];
    if (!r || !accept(r)) continue;
    if (unusable(lookups, q, r) === null) return r;
  }
  return null;
}
