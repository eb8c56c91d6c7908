/**
 * The per-file, per-target resolution every pass reads (compat, stale-ignores, fix, the brief): which
 * pins `pip install --no-deps -r file` puts on a target (markers evaluated, the first of duplicates),
 * the release each resolves to on the index (or why it does not), its metadata, and the dependency
 * edges of the installed releases with extras followed to a fixed point as pip's resolver follows them
 * (`pkg[all]` naming `pkg[security]` included). One answer, so the checks cannot disagree on it.
 * Traps: a range pin resolves per target (pip picks the best release for that python); a
 * `# puppet: nodownload` pin is read from the mirror, never the index.
 */
import type { InventoryFile, Pin } from '../../inventory/index.js';
import { pinsForTarget } from '../../inventory/index.js';
import type { ProjectName } from '../../names/index.js';
import { SpecifierSet } from '../../pep440/index.js';
import type { Requirement } from '../../pep508/index.js';
import type { CoreMetadata } from '../../pypi/index.js';
import { markerEnvironment } from '../../targets/index.js';
import type { Target } from '../../targets/index.js';
import { applicableRequirements, dependenciesOf } from './dependencies.js';
import type { Lookups } from './lookups.js';
import { filesForPython, findRelease, releasesOfState } from './releases.js';
import type { Release } from './releases.js';

/**
 * Where a pin stands: `ok` (release and metadata known), `pending` (page or metadata not fetched yet),
 * `direct` (URL/path: nothing to look up), `not-found` / `unknown-version` / `no-match` (a range no
 * release satisfies), `index-error` (the index failed to deliver the project page, or, with `release`
 * set, the release's metadata: a timeout, 5xx, reset, the host's breaker), `metadata-unavailable` (the
 * metadata was delivered and cannot be read: no METADATA, a corrupt zip, an sdist without static
 * metadata), `nodownload-unread` (the mirror does not give its metadata).
 */
export type PinState = 'ok' | 'pending' | 'direct' | 'not-found' | 'unknown-version' | 'no-match' | 'index-error' | 'metadata-unavailable' | 'nodownload-unread';

export interface ResolvedPin {
  pin: Pin;
  /** The version that would be installed (the pin's own for an exact pin), null when unknowable. */
  version: string | null;
  release: Release | null;
  metadata: CoreMetadata | null;
  state: PinState;
  /** Why it is not `ok`, in words (index or metadata error, the mirror's answer). */
  reason: string | null;
  /** The failure is the index's (retry later), not the pin's. */
  infrastructure: boolean;
}

/** One requirement of an installed release on another project, on one target. */
export interface Edge {
  target: Target;
  dependent: ResolvedPin;
  requirement: Requirement;
  dependency: ProjectName;
}

export interface TargetResolution {
  target: Target;
  /** The pins that install on the target, first of each package (pip refuses the repeats). */
  installed: Map<ProjectName, ResolvedPin>;
  /** Pins on this target that repeat a package already installed. */
  repeats: Pin[];
  edges: Edge[];
  /** The extras requested of each installed package, followed to a fixed point. */
  extras: Map<ProjectName, Set<string>>;
}

export interface FileResolution {
  file: InventoryFile;
  targets: TargetResolution[];
}

/** What the file installs on each of its targets, with the edges between the installed releases. */
export function resolveFile(file: InventoryFile, lookups: Lookups): FileResolution {
  return { file, targets: file.targets.map((t) => resolveTarget(file, t, lookups)) };
}

export function resolveTarget(file: InventoryFile, target: Target, lookups: Lookups, pins: readonly Pin[] = pinsForTarget(file, target)): TargetResolution {
  const installed = new Map<ProjectName, ResolvedPin>();
  const repeats: Pin[] = [];
  for (const pin of pins) {
    if (installed.has(pin.package)) repeats.push(pin);
    else installed.set(pin.package, resolvePin(pin, target, lookups));
  }
  const { edges, extras } = edgesOf(installed, target);
  return { target, installed, repeats, edges, extras };
}

/** A pin resolved on one target: to a release of the index (or the mirror for nodownload pins) and its metadata. */
export function resolvePin(pin: Pin, target: Target, lookups: Lookups): ResolvedPin {
  const base: ResolvedPin = { pin, version: pin.version, release: null, metadata: null, state: 'pending', reason: null, infrastructure: false };
  if (pin.direct) return { ...base, state: 'direct' };
  if (pin.nodownload) {
    const mirrored = nodownloadOnMirror(pin, lookups);
    if ('metadata' in mirrored) return { ...base, version: mirrored.release.version, release: mirrored.release, metadata: mirrored.metadata, state: 'ok' };
    // The mirror failed to answer (its listing, or the file's metadata): not knowing is no skip.
    if (mirrored.lost) return { ...base, release: mirrored.release ?? null, state: 'index-error', reason: mirrored.lost, infrastructure: true };
    return { ...base, state: 'nodownload-unread', reason: mirrored.reason };
  }
  const state = lookups.project(pin.package);
  if (!state) return base;
  if (state.status === 'error') return { ...base, state: 'index-error', reason: state.reason, infrastructure: true };
  const releases = releasesOfState(state);
  const release = pin.version === null ? chooseFromRange(pin, target, releases) : state.status === 'ok' ? findRelease(releases, pin.version) : null;
  if (!release) {
    const missing = pin.version === null ? 'no-match' : state.status === 'not-found' ? 'not-found' : 'unknown-version';
    return { ...base, state: missing };
  }
  const found = { ...base, version: release.version, release };
  const meta = lookups.metadata(pin.package, release.version);
  if (!meta) return found;
  if (meta.status === 'unavailable') {
    // Lost to the index (an IndexError on the way) is the index's failure, not the release's.
    return { ...found, state: meta.infrastructure === true ? 'index-error' : 'metadata-unavailable', reason: meta.reason, infrastructure: meta.infrastructure === true };
  }
  return { ...found, metadata: meta.metadata, state: 'ok' };
}

/** A range or bare name: pip installs the best release the specifier admits for this python. */
export function chooseFromRange(pin: Pin, target: Target, releases: readonly Release[]): Release | null {
  let spec: SpecifierSet;
  try {
    spec = SpecifierSet.parse(pin.specifier);
  } catch {
    return null;
  }
  const usable = releases.filter((r) => r.parsed && !r.yanked && filesForPython(r, target.pythonFull).length > 0);
  const allowed = new Set(spec.filter(usable.map((r) => r.version)));
  return [...usable].reverse().find((r) => allowed.has(r.version)) ?? null;
}

/**
 * A `# puppet: nodownload` pin as the mirror holds it: the release and its metadata (the index client
 * reads it from the mirror's file when the index has none), or why it cannot be read (still pending
 * while the mirror listing or the metadata is being fetched).
 */
export function nodownloadOnMirror(
  pin: Pin,
  lookups: Lookups,
): { release: Release; metadata: CoreMetadata } | { reason: string; lost?: string; release?: Release } {
  if (pin.version === null) return { reason: 'it is not an exact pin' };
  const state = lookups.mirrorProject(pin.package);
  if (!state) return { reason: 'the mirror listing is not fetched yet' };
  // `lost`: the mirror failed to deliver (an index error), as opposed to not holding the pin or unreadable metadata.
  if (state.status === 'error') return { reason: `the mirror could not be read: ${state.reason}`, lost: state.reason };
  const release = findRelease(releasesOfState(state), pin.version);
  if (!release) return { reason: 'the mirror has no file of it' };
  const meta = lookups.metadata(pin.package, release.version);
  if (!meta) return { reason: 'its metadata is not fetched yet' };
  if (meta.status !== 'ok') {
    return { reason: `its metadata on the mirror could not be read: ${meta.reason}`, ...(meta.infrastructure === true ? { lost: meta.reason, release } : {}) };
  }
  return { release, metadata: meta.metadata };
}

/**
 * The requirements each installed release has on other projects on this target. Extras requested by
 * the pins and by dependents (`requests[security]`) pull in more requirements: iterate to a fixed point.
 */
export function edgesOf(installed: ReadonlyMap<ProjectName, ResolvedPin>, target: Target): { edges: Edge[]; extras: Map<ProjectName, Set<string>> } {
  const env = markerEnvironment(target);
  const extras = new Map<ProjectName, Set<string>>();
  for (const [name, inst] of installed) extras.set(name, new Set(inst.pin.extras));
  let edges: Edge[] = [];
  for (let changed = true, guard = 0; changed && guard <= installed.size; guard++) {
    changed = false;
    edges = [];
    for (const inst of installed.values()) {
      if (!inst.metadata) continue;
      const requested = [...(extras.get(inst.pin.package) ?? [])];
      for (const requirement of applicableRequirements(dependenciesOf(inst.metadata), env, requested)) {
        // Extras a requirement asks for widen what its target must provide, even when it names its own
        // project (`pkg[all]` requiring `pkg[a,b]`), so follow them before deciding what is an edge.
        const wanted = extras.get(requirement.normalizedName);
        for (const e of requirement.extras) {
          if (wanted && !wanted.has(e)) {
            wanted.add(e);
            changed = true;
          }
        }
        if (requirement.normalizedName === inst.pin.package) continue; // a self-reference is no dependency
        edges.push({ target, dependent: inst, requirement, dependency: requirement.normalizedName });
      }
    }
  }
  return { edges, extras };
}

/** Releases newer than `current`, ascending: PEP 440 only, final unless pre-releases are allowed, not yanked unless asked. */
export function newerReleases(lookups: Lookups, name: ProjectName, current: Release, opts: { allowPrerelease: boolean; includeYanked?: boolean }): Release[] {
  const releases = releasesOfState(lookups.project(name));
  const at = releases.indexOf(current);
  if (at < 0) return [];
  // Legacy versions sort below every PEP 440 one (pip's order), so a legacy pin's newer releases are all of them.
  return releases.slice(at + 1).filter((r) => r.parsed && (opts.includeYanked || !r.yanked) && (opts.allowPrerelease || !r.parsed.isPrerelease));
}
