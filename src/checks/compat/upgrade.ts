/**
 * The fallback fix for a conflict no release of the dependency resolves: the lowest newer release of
 * a dependent whose requirements accept the pinned dependency on every target of the file. Metadata
 * of newer releases is asked for a few at a time, so a long release history costs a few rounds. A
 * newer release whose metadata was lost comes before any answer (it could be the lowest that
 * accepts), so it is returned in `lost` and no upgrade is claimed.
 */
import type { InventoryFile } from '../../inventory/index.js';
import { markerEnvironment } from '../../targets/index.js';
import { applicableRequirements, dependenciesOf, firstFit, satisfies } from '../shared/index.js';
import { newerReleases } from '../shared/index.js';
import type { Edge, Lookups, ResolvedPin, Search } from '../shared/index.js';

/** How many unknown releases one pass asks for before it stops scanning. */
const BATCH = 8;
/** How far up a dependent's history to look. */
const HORIZON = 60;

export function dependentUpgrade(
  lookups: Lookups,
  file: InventoryFile,
  dep: ResolvedPin,
  conflicting: readonly Edge[],
): Search<{ dependent: ResolvedPin; version: string }> & { dependent: ResolvedPin | null } {
  const none = { found: null, lost: [], dependent: null };
  const depVersion = dep.version;
  if (depVersion === null) return none;
  const dependents = [...new Map(conflicting.map((e) => [e.dependent.pin.package, e.dependent])).values()];
  // Only a single conflicting dependent can be fixed by moving it alone.
  if (dependents.length !== 1) return none;
  const dependent = dependents[0]!;
  if (!dependent.release) return none;
  const prerelease = dependent.release.parsed?.isPrerelease ?? false;
  const newer = newerReleases(lookups, dependent.pin.package, dependent.release, { allowPrerelease: prerelease }).slice(0, HORIZON);
  const { found, lost } = firstFit(lookups, { name: dependent.pin.package, targets: file.targets }, newer, BATCH, (release, metadata) => {
    const deps = dependenciesOf(metadata);
    const accepts = file.targets.every((t) =>
      applicableRequirements(deps, markerEnvironment(t), dependent.pin.extras)
        .filter((r) => r.normalizedName === dep.pin.package)
        .every((r) => satisfies(r.specifier, depVersion)),
    );
    return accepts ? { dependent, version: release.version } : null;
  });
  return { found, lost, dependent };
}
