/**
 * blocking-ignore: the release pyup would propose for a dependent D (its newest release, final unless
 * D is a pre-release, inside D's own filter; pyup proposes nothing for an ignored D) requires a version
 * of the governed package P that the ignore/filter never lets pyup pick. Then the joint update: the
 * newest D release (from that proposal down) for which some release of P satisfies D's requirement and
 * every other pinned dependent on every target, with the highest such P.
 * Bounded: at most HORIZON releases of D, metadata asked BATCH at a time, so a long history costs a
 * few engine rounds. D's other requirements and P's own requirements are compat's to check on the PR.
 * Metadata the index lost: a proposal's (whether it blocks cannot be told) is returned in `lost`; a
 * release of D or P the joint search reached before any answer leaves the joint update unknown
 * (`Blocking.lost`, joint null): the classification says so with an `index-error`, never "no joint
 * update exists" or a joint update that a lost release could have bettered.
 */
import type { Requirement } from '../../pep508/index.js';
import type { Target } from '../../targets/index.js';
import { firstFit, highestUsable, releaseMetadata, releasesOfState, satisfies } from '../shared/index.js';
import type { Edge, LostRelease, Lookups, Release } from '../shared/index.js';
import { newerThan, rejectingEdges } from './candidates.js';
import type { FileGraph, FilePin } from './graph.js';
import { dependentPin, requirementsOn } from './graph.js';
import { pyupFilter } from './pyup.js';

const HORIZON = 40;
const BATCH = 8;

export interface TargetRequirement {
  target: Target;
  requirement: Requirement;
}

export interface Blocking {
  dependent: FilePin;
  /** The release pyup would propose for the dependent. */
  proposal: Release;
  /** Its requirements on P, per target. */
  requires: TargetRequirement[];
  joint: { dependentVersion: string; dependencyVersion: string } | null;
  /** The search could not finish with the metadata fetched so far. */
  pending: boolean;
  /** Releases of D or P the joint search needed whose metadata was lost (joint is then null). */
  lost: LostRelease[];
}

/** A dependent whose proposal's metadata was lost: whether it blocks the governed pin is unknown. */
export interface LostProposal {
  dependent: FilePin;
  proposal: Release;
  lost: LostRelease;
}

/** The release pyup would propose for a pin, or null (ignored, not resolved, nothing newer). */
function pyupProposal(lookups: Lookups, rp: FilePin): Release | null {
  if (rp.pin.ignore || rp.state !== 'ok' || !rp.release?.parsed) return null;
  const allowPre = rp.release.parsed.isPrerelease;
  const filter = pyupFilter(rp.pin.directives);
  const newer = newerThan(lookups, rp.pin.package, rp.release).filter(
    (r) => !r.yanked && (allowPre || !r.parsed!.isPrerelease) && (!filter || filter.set.contains(r.parsed!, { prereleases: true })),
  );
  return newer[newer.length - 1] ?? null;
}

/**
 * For each dependent whose proposal requires P outside `allowed` (the versions the directive lets P
 * be), the blocking and its joint update; and the dependents whose proposal's metadata was lost.
 * A proposal whose metadata is unavailable (delivered, unreadable) blocks nothing that can be shown.
 */
export function findBlockings(lookups: Lookups, graph: FileGraph, governed: FilePin, edges: readonly Edge[], allowed: readonly string[]): { blockings: Blocking[]; lost: LostProposal[] } {
  const blockings: Blocking[] = [];
  const lost: LostProposal[] = [];
  const dependents = [...new Set(edges.map((e) => dependentPin(graph, e)))];
  for (const d of dependents) {
    const proposal = pyupProposal(lookups, d);
    if (!proposal) continue;
    const meta = releaseMetadata(lookups, d.pin.package, proposal.version);
    if (meta.state === 'lost') lost.push({ dependent: d, proposal, lost: meta.lost });
    if (meta.state !== 'ok') continue;
    const requires = d.targets.flatMap((target) => requirementsOn(meta.metadata, governed.pin.package, target, d.pin.extras).map((requirement) => ({ target, requirement })));
    if (requires.length === 0) continue;
    if (allowed.some((a) => requires.every((r) => satisfies(r.requirement.specifier, a)))) continue;
    const others = edges.filter((e) => e.dependent.pin !== d.pin);
    blockings.push({ dependent: d, proposal, requires, ...jointUpdate(lookups, governed, d, proposal, others) });
  }
  return { blockings, lost };
}

function jointUpdate(
  lookups: Lookups,
  p: FilePin,
  d: FilePin,
  proposal: Release,
  others: readonly Edge[],
): Pick<Blocking, 'joint' | 'pending' | 'lost'> {
  if (!d.release || !p.release) return { joint: null, pending: false, lost: [] };
  const allowPre = d.release.parsed?.isPrerelease ?? false;
  const newer = newerThan(lookups, d.pin.package, d.release);
  const upTo = newer.indexOf(proposal);
  const candidates = newer.slice(0, upTo + 1).reverse().slice(0, HORIZON);
  const pReleases = releasesOfState(lookups.project(p.pin.package)).filter((r) => r.parsed !== null);
  const pQuery = { name: p.pin.package, targets: p.targets, allowPrerelease: p.release.parsed?.isPrerelease ?? false };
  const eligible = candidates.filter((x) => !x.yanked && (allowPre || !x.parsed?.isPrerelease));
  // A P whose metadata was lost, met before an answer for some x: that x (or a higher y for it) could have been the answer.
  const lostOfP: LostRelease[] = [];
  const { found, pending, lost } = firstFit(lookups, { name: d.pin.package, targets: d.targets }, eligible, BATCH, (x, metadata) => {
    const requires = d.targets.flatMap((t) => requirementsOn(metadata, p.pin.package, t, d.pin.extras));
    const y = highestUsable(lookups, pQuery, pReleases, (r) => requires.every((q) => satisfies(q.specifier, r.version)) && rejectingEdges(others, r.version).length === 0);
    lostOfP.push(...y.lost);
    return y.found ? { dependentVersion: x.version, dependencyVersion: y.found.version } : null;
  });
  const all = [...lost, ...lostOfP];
  return { joint: all.length > 0 ? null : found, pending, lost: all };
}
