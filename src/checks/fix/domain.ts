/**
 * Which releases the fix search may give a package, in the order it tries them: on the index, PEP 440,
 * not yanked, final unless the pin is a pre-release, a file for every target python of the file, inside
 * the pin's `# pyup:` filter. A moved pin tries the nearest releases first (upgrades before downgrades
 * at the same distance); an added pin the newest first ("the highest release that fits"). At most
 * HORIZON releases each way, so a long history bounds the search and its metadata fetches.
 */
import type { InventoryFile, Pin } from '../../inventory/index.js';
import type { ProjectName } from '../../names/index.js';
import { filesForPython, findRelease, pyupFilter, releasesOfState } from '../shared/index.js';
import type { Lookups, Release } from '../shared/index.js';

export const HORIZON = 20;

export interface Candidate {
  release: Release;
  /** Releases between the pin and this one (0 for an added pin's first choice). */
  distance: number;
  downgrade: boolean;
}

/** Candidates for an existing exact pin (excluding its own release), or null while its page is not fetched. */
export function movesOf(lookups: Lookups, file: InventoryFile, pin: Pin): Candidate[] | null {
  const state = lookups.project(pin.package);
  if (!state) return null;
  const releases = releasesOfState(state);
  const current = pin.version === null ? null : findRelease(releases, pin.version);
  const filter = pyupFilter(pin.directives);
  const pre = current?.parsed?.isPrerelease ?? false;
  const usable = releases.filter((r) => r !== current && isUsable(r, file, pre) && (!filter || filter.set.contains(r.parsed!, { prereleases: true })));
  const at = current ? releases.indexOf(current) : releases.length;
  return usable
    .map((r) => {
      const i = releases.indexOf(r);
      return { release: r, distance: Math.abs(i - at), downgrade: i < at };
    })
    .sort((a, b) => a.distance - b.distance || Number(a.downgrade) - Number(b.downgrade))
    .slice(0, 2 * HORIZON);
}

/** Candidates for a package the file does not pin: newest first. */
export function additionsOf(lookups: Lookups, file: InventoryFile, name: ProjectName): Candidate[] | null {
  const state = lookups.project(name);
  if (!state) return null;
  const usable = releasesOfState(state).filter((r) => isUsable(r, file, false)).reverse().slice(0, HORIZON);
  return usable.map((release, distance) => ({ release, distance, downgrade: false }));
}

function isUsable(r: Release, file: InventoryFile, allowPrerelease: boolean): boolean {
  if (!r.parsed || r.yanked || (r.parsed.isPrerelease && !allowPrerelease)) return false;
  return file.targets.every((t) => filesForPython(r, t.pythonFull).length > 0);
}
