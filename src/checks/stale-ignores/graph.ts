/**
 * One requirements file as the stale-ignores check reads it: the shared per-target resolution
 * (../shared/resolution.ts: what installs on each target, the releases, the edges with extras
 * followed), plus each pin's state as pyup sees it across the targets where its marker holds (pyup
 * looks an ignored `# puppet: nodownload` pin up on the index, to say so).
 */
import type { InventoryFile, Pin } from '../../inventory/index.js';
import type { ProjectName } from '../../names/index.js';
import type { Requirement } from '../../pep508/index.js';
import type { CoreMetadata } from '../../pypi/index.js';
import { markerEnvironment } from '../../targets/index.js';
import type { Target } from '../../targets/index.js';
import { applicableRequirements, dependenciesOf, findRelease, releasesOfState, resolveFile, resolvePin, isSeeded } from '../shared/index.js';
import type { Edge, FileResolution, Lookups, Release, ResolvedPin } from '../shared/index.js';

export type PinState = 'ok' | 'not-exact' | 'nodownload' | 'pending' | 'not-found' | 'unknown-version' | 'index-error' | 'metadata-unavailable';

/** A pin of the file as pyup sees it: its release, metadata and state, on the targets where its marker holds. */
export interface FilePin {
  pin: Pin;
  release: Release | null;
  metadata: CoreMetadata | null;
  state: PinState;
  /** The file's targets on which the pin's marker holds. */
  targets: Target[];
  reason: string | null;
}

export interface FileGraph {
  file: InventoryFile;
  resolution: FileResolution;
  resolved: Map<Pin, FilePin>;
  /** The first pin of each package in the file. */
  byName: Map<ProjectName, FilePin>;
  infrastructureError: boolean;
}

export function buildGraph(file: InventoryFile, lookups: Lookups): FileGraph {
  const resolution = resolveFile(file, lookups);
  const targetsOf = new Map<Pin, Target[]>();
  for (const t of resolution.targets) {
    for (const rp of [...t.installed.values()].map((r) => r.pin).concat(t.repeats)) targetsOf.set(rp, [...(targetsOf.get(rp) ?? []), t.target]);
  }
  const graph: FileGraph = { file, resolution, resolved: new Map(), byName: new Map(), infrastructureError: false };
  for (const pin of file.pins) {
    const fp = filePin(pin, targetsOf.get(pin) ?? [], file, lookups);
    if (fp.state === 'index-error') graph.infrastructureError = true;
    graph.resolved.set(pin, fp);
    if (!graph.byName.has(pin.package)) graph.byName.set(pin.package, fp);
  }
  return graph;
}

function filePin(pin: Pin, targets: Target[], file: InventoryFile, lookups: Lookups): FilePin {
  const out: FilePin = { pin, release: null, metadata: null, state: 'pending', targets, reason: null };
  if (pin.version === null || pin.direct) return { ...out, state: 'not-exact' };
  if (pin.nodownload) {
    // pyup never reads the mirror: an ignored nodownload pin is looked up on the index, to say so; others are left alone.
    if (!pin.ignore) return { ...out, state: 'nodownload' };
    const state = lookups.project(pin.package);
    if (!state) return out;
    if (state.status === 'error') return { ...out, state: 'index-error', reason: state.reason };
    if (state.status === 'not-found') return { ...out, state: 'not-found' };
    const release = findRelease(releasesOfState(state), pin.version);
    return release ? { ...out, release, state: 'nodownload' } : { ...out, state: 'unknown-version' };
  }
  const target = targets[0] ?? file.targets[0];
  if (!target) return out;
  return fromResolution(out, resolvePin(pin, target, lookups));
}

function fromResolution(out: FilePin, rp: ResolvedPin): FilePin {
  const at = { ...out, release: rp.release, reason: rp.reason };
  switch (rp.state) {
    case 'ok': return { ...at, metadata: rp.metadata, state: 'ok' };
    case 'metadata-unavailable': return { ...at, state: 'metadata-unavailable' };
    case 'index-error': return { ...at, state: 'index-error' };
    case 'not-found': return { ...at, state: 'not-found' };
    case 'unknown-version': case 'no-match': return { ...at, state: 'unknown-version' };
    default: return at;
  }
}

/** Requirements of a release's metadata on `name`, on one target, with these extras requested. */
export function requirementsOn(metadata: CoreMetadata, name: ProjectName, target: Target, extras: readonly string[]): Requirement[] {
  return applicableRequirements(dependenciesOf(metadata), markerEnvironment(target), extras).filter((r) => r.normalizedName === name);
}

/** Every installed release's requirement on `name`, per target (markers evaluated, extras followed). */
export function edgesOn(graph: FileGraph, name: ProjectName): Edge[] {
  return graph.resolution.targets.flatMap((t) => t.edges.filter((e) => e.dependency === name));
}

/** The file's pin of a dependent edge, as pyup sees it. */
export function dependentPin(graph: FileGraph, edge: Edge): FilePin {
  return graph.resolved.get(edge.dependent.pin)!;
}

/** What installs as `name` on `target`, or undefined. */
export function installedOn(graph: FileGraph, target: Target, name: ProjectName): ResolvedPin | undefined {
  return graph.resolution.targets.find((t) => t.target === target)?.installed.get(name);
}

/** Pins whose dependencies are unknown (metadata unavailable), so a conclusion may miss a dependent. */
export function unknownDependents(graph: FileGraph): string[] {
  return [...graph.byName.values()].filter((rp) => rp.state === 'metadata-unavailable').map((rp) => `${rp.pin.name}==${rp.pin.version ?? ''}`);
}

/**
 * Requirements of `name` at `version` (on the pin's targets) that the file's other pins do not meet,
 * as text: a pinned dependency outside the specifier, or one the file does not pin that the pinned
 * release did not require already (so the move would leave it missing); empty when they are met or
 * the metadata is not known yet (a move is not refused on a guess).
 */
export function unmetOwnRequirements(lookups: Lookups, graph: FileGraph, rp: FilePin, version: string, satisfies: (spec: string, v: string) => boolean): string[] {
  const meta = lookups.metadata(rp.pin.package, version);
  if (meta?.status !== 'ok') return [];
  const out = new Set<string>();
  for (const target of rp.targets) {
    const env = markerEnvironment(target);
    const before = new Set(rp.metadata ? applicableRequirements(dependenciesOf(rp.metadata), env, rp.pin.extras).map((r) => r.normalizedName) : []);
    for (const r of applicableRequirements(dependenciesOf(meta.metadata), env, rp.pin.extras)) {
      if (r.normalizedName === rp.pin.package) continue;
      const dep = installedOn(graph, target, r.normalizedName);
      const pinned = dep?.pin.version ?? null;
      if (pinned === null) {
        if (!dep && !before.has(r.normalizedName) && !isSeeded(target, r.normalizedName, r.specifier)) out.add(`${meta.metadata.name} ${version} requires ${r.name}${r.specifier}, which the file does not pin`);
      } else if (!satisfies(r.specifier, pinned)) out.add(`${meta.metadata.name} ${version} requires ${r.name}${r.specifier}, but the file pins ${dep!.pin.name} ${pinned}`);
    }
  }
  return [...out];
}
