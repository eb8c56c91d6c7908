/**
 * One requirements file as the stale-ignores check reads it: each pin resolved to its release on the
 * index and that release's metadata, and the requirements every pinned release has on a given
 * package, per target (markers evaluated, the pin's own extras requested).
 * Not followed: extras requested by other dependents (compat follows that closure; here it could only
 * add edges, so a missed one can make an ignore look stale, never justified).
 */
import type { InventoryFile, Pin } from '../../inventory/index.js';
import { pinsForTarget } from '../../inventory/index.js';
import type { ProjectName } from '../../names/index.js';
import type { Requirement } from '../../pep508/index.js';
import type { CoreMetadata } from '../../pypi/index.js';
import { markerEnvironment } from '../../targets/index.js';
import type { Target } from '../../targets/index.js';
import { applicableRequirements, dependenciesOf, findRelease, releasesOfState } from '../shared/index.js';
import type { Lookups, Release } from '../shared/index.js';

export type PinState = 'ok' | 'not-exact' | 'nodownload' | 'pending' | 'not-found' | 'unknown-version' | 'index-error' | 'metadata-unavailable';

export interface ResolvedPin {
  pin: Pin;
  release: Release | null;
  metadata: CoreMetadata | null;
  state: PinState;
  /** The file's targets on which the pin's marker holds. */
  targets: Target[];
  reason: string | null;
}

/** One pinned release's requirement on a package, on one target. */
export interface Edge {
  dependent: ResolvedPin;
  target: Target;
  requirement: Requirement;
}

export interface FileGraph {
  file: InventoryFile;
  resolved: Map<Pin, ResolvedPin>;
  /** The first resolution of each package (pip refuses duplicates; compat reports them). */
  byName: Map<ProjectName, ResolvedPin>;
  /** Per target id, the pin of each package that target installs (markers decide between same-name pins). */
  byTarget: Map<string, Map<ProjectName, ResolvedPin>>;
  infrastructureError: boolean;
}

export function buildGraph(file: InventoryFile, lookups: Lookups): FileGraph {
  const targetsOf = new Map<Pin, Target[]>();
  for (const t of file.targets) for (const pin of pinsForTarget(file, t)) targetsOf.set(pin, [...(targetsOf.get(pin) ?? []), t]);
  const graph: FileGraph = { file, resolved: new Map(), byName: new Map(), byTarget: new Map(), infrastructureError: false };
  for (const pin of file.pins) {
    const rp = resolvePin(pin, targetsOf.get(pin) ?? [], lookups);
    if (rp.state === 'index-error') graph.infrastructureError = true;
    graph.resolved.set(pin, rp);
    if (!graph.byName.has(pin.package)) graph.byName.set(pin.package, rp);
    for (const t of rp.targets) {
      const onTarget = graph.byTarget.get(t.id) ?? new Map<ProjectName, ResolvedPin>();
      if (!onTarget.has(pin.package)) onTarget.set(pin.package, rp);
      graph.byTarget.set(t.id, onTarget);
    }
  }
  return graph;
}

/** The pin of `name` that `target` installs (`anyio==4.5.2 ; python_full_version < '3.9'` on 3.8, its twin on 3.11). */
export function pinOn(graph: FileGraph, name: ProjectName, target: Target): ResolvedPin | undefined {
  return graph.byTarget.get(target.id)?.get(name);
}

function resolvePin(pin: Pin, targets: Target[], lookups: Lookups): ResolvedPin {
  const out: ResolvedPin = { pin, release: null, metadata: null, state: 'pending', targets, reason: null };
  if (pin.version === null || pin.direct) return { ...out, state: 'not-exact' };
  // A nodownload pin is not fetched from the index; an ignored one is still looked up, to say so.
  if (pin.nodownload && !pin.ignore) return { ...out, state: 'nodownload' };
  const state = lookups.project(pin.package);
  if (!state) return out;
  if (state.status === 'error') return { ...out, state: 'index-error', reason: state.reason };
  if (state.status === 'not-found') return { ...out, state: 'not-found' };
  const release = findRelease(releasesOfState(state), pin.version);
  if (!release) return { ...out, state: 'unknown-version' };
  if (pin.nodownload) return { ...out, release, state: 'nodownload' };
  const meta = lookups.metadata(pin.package, release.version);
  if (!meta) return { ...out, release };
  if (meta.status === 'unavailable') return { ...out, release, state: meta.infrastructure ? 'index-error' : 'metadata-unavailable', reason: meta.reason };
  return { ...out, release, metadata: meta.metadata, state: 'ok' };
}

/** Requirements of a release's metadata on `name`, on one target, with these extras requested. */
export function requirementsOn(metadata: CoreMetadata, name: ProjectName, target: Target, extras: readonly string[]): Requirement[] {
  return applicableRequirements(dependenciesOf(metadata), markerEnvironment(target), extras).filter((r) => r.normalizedName === name);
}

/** Every other pin's requirement on `name`, on each target where both the dependent applies. */
export function edgesOn(graph: FileGraph, name: ProjectName): Edge[] {
  const edges: Edge[] = [];
  for (const rp of graph.resolved.values()) {
    if (rp.pin.package === name || !rp.metadata) continue;
    for (const target of rp.targets) {
      if (pinOn(graph, rp.pin.package, target) !== rp) continue; // a duplicate on this target: compat's conflict
      for (const requirement of requirementsOn(rp.metadata, name, target, rp.pin.extras)) edges.push({ dependent: rp, target, requirement });
    }
  }
  return edges;
}

/** Pins whose dependencies are unknown (metadata unavailable), so a conclusion may miss a dependent. */
export function unknownDependents(graph: FileGraph): string[] {
  return [...graph.byName.values()].filter((rp) => rp.state === 'metadata-unavailable').map((rp) => `${rp.pin.name}==${rp.pin.version ?? ''}`);
}

/**
 * Requirements of `name` at `version` (on the pin's targets) that the file's other pins do not meet,
 * as text; empty when they are met or the metadata is not known yet (a move is not refused on a guess).
 */
export function unmetOwnRequirements(lookups: Lookups, graph: FileGraph, rp: ResolvedPin, version: string, satisfies: (spec: string, v: string) => boolean): string[] {
  const meta = lookups.metadata(rp.pin.package, version);
  if (meta?.status !== 'ok') return [];
  const out = new Set<string>();
  for (const target of rp.targets) {
    for (const r of applicableRequirements(dependenciesOf(meta.metadata), markerEnvironment(target), rp.pin.extras)) {
      const dep = pinOn(graph, r.normalizedName, target);
      const pinned = dep && dep !== rp ? dep.pin.version : null;
      if (pinned !== null && !satisfies(r.specifier, pinned)) out.add(`${meta.metadata.name} ${version} requires ${r.name}${r.specifier}, but the file pins ${dep!.pin.name} ${pinned}`);
    }
  }
  return [...out];
}
