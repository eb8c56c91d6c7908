/**
 * The classification of one ignored or filtered pin P==v (issue 5):
 * - stale-ignore: an ignored P could move to a newer usable release that every pinned dependent
 *   accepts on every target (suggest the highest, and dropping the directive);
 * - stale-filter: a filter keeps out such a release;
 * - blocking-ignore: the release pyup would propose for a dependent needs a P the directive never
 *   lets pyup pick (with the joint update, or "no joint update exists");
 * - justified-ignore: none of the above; names what holds P (dependents, Requires-Python, yanks).
 * A filter is applied as pyup applies it (`~=` read as `==`). Every governed pin gets at least one
 * finding, so a reviewer sees each directive explained once.
 * A candidate whose metadata the index lost (a newer P, a dependent's proposal, a release the joint
 * search reached) is an `index-error` at the directive's line, naming it and what was not judged. What
 * holds without it stays: a stale verdict on a fully known release (its suggestion then moves nothing:
 * the lost newer release could have been the answer), a blocking whose proposal is known (its joint
 * update then unknown). justified-ignore, "none of the above", is never given beside a loss.
 */
import type { DetailsOf, Finding } from '../../findings/index.js';
import type { Target } from '../../targets/index.js';
import { highestUsable, lostCandidate, releaseMetadata, satisfies, unusable } from '../shared/index.js';
import type { Edge, LostRelease, Lookups, Release, ReleaseQuery } from '../shared/index.js';
import { newerThan, rejectingEdges } from './candidates.js';
import type { FileGraph, FilePin } from './graph.js';
import { edgesOn, unknownDependents, unmetOwnRequirements } from './graph.js';
import { findBlockings } from './joint.js';
import type { Blocking, LostProposal } from './joint.js';
import { edgeDetails, quote, requiredByText, targetIds } from './messages.js';
import type { Directive } from './directive.js';
import { pyupFilter } from './pyup.js';
import type { BotEffects } from './pyup.js';

interface Base { check: 'stale-ignores'; module: string; file: string; line: number; package: string; version: string | null }
type Justified = DetailsOf<'justified-ignore'>;
/** What every finding on a governed pin says about its directive. */
type DirectiveDetails = Pick<Justified, 'directive' | 'kind' | 'filter' | 'applied' | 'until' | 'bots' | 'bot' | 'form' | 'source' | 'pin'>;
type JustifiedExtra = Omit<Justified, keyof DirectiveDetails | 'reason'>;

/** A question the classification could not answer: the lost releases (the first named), and what was not judged. */
interface Unjudged {
  lost: readonly LostRelease[];
  display: string;
  notJudged: string;
}

/** Whether pyup treats this pin specially: ignored (line or file) or filtered. */
export function isGoverned(rp: FilePin): boolean {
  return rp.pin.ignore || pyupFilter(rp.pin.directives) !== null;
}

/**
 * Classifies one directive on one pin. A config directive's findings point at the rule's line in the
 * config (`file`/`line`), with the pin in `details.pin`.
 */
export function classifyPin(lookups: Lookups, graph: FileGraph, rp: FilePin, source: Directive, bots: BotEffects): Finding[] {
  const { pin } = rp;
  const file = graph.file;
  const { label, filter, proposer } = source;
  const where = source.source ?? { file: file.path, line: pin.line };
  const base: Base = { check: 'stale-ignores', module: file.module, file: where.file, line: where.line, package: pin.package, version: pin.version };
  const directive: DirectiveDetails = { ...source.details, bots };
  const justified = (reason: Justified['reason'], message: string, extra: JustifiedExtra = {}, target: string | null = null): Finding => ({
    ...base, code: 'justified-ignore', severity: 'info', target, message, details: { ...directive, reason, ...extra },
    suggestion: { text: `keep ${quote(label)} on ${pin.name}`, changes: [] },
  });
  const who = `${pin.name}${pin.specifier}`;

  if (rp.state === 'pending' || rp.state === 'index-error') return []; // the next round brings it / the cell is an error
  if (rp.state === 'not-exact') {
    return [justified('not-exact', `${who} is not pinned with "==", so ${quote(label)} cannot be compared with newer releases: ${proposer} only leaves the line alone; pin an exact version to have it checked.`)];
  }
  if (rp.state === 'not-found') {
    return [justified('not-on-index', `${pin.name} is not on the index${pin.nodownload ? ' (it is a "# puppet: nodownload" package, installed from the mirror only)' : ''}, so ${proposer} has nothing to propose and ${quote(label)} holds nothing back; keep it so ${proposer} does not fail looking it up.`)];
  }
  if (rp.state === 'unknown-version' || !rp.release) {
    return [justified('unknown-version', `${who} is not a release on the index (compat reports it), so ${quote(label)} cannot be judged until the pin names a real release.`)];
  }
  const current = rp.release;
  const edges = edgesOn(graph, pin.package).filter((e) => rp.targets.includes(e.target));
  const unknown = unknownDependents(graph).filter((n) => !n.startsWith(`${pin.name}==`));
  const caveat = unknown.length > 0 ? ` (the dependencies of ${unknown.join(', ')} could not be read, so they were not counted)` : '';
  const q = { name: pin.package, targets: rp.targets, allowPrerelease: current.parsed?.isPrerelease ?? false };
  const newer = newerThan(lookups, pin.package, current);
  const out: Finding[] = [];

  const inFilter = (r: Release): boolean => (filter ? filter.admits(r.version) : false);
  const unmet = (r: Release): string[] => unmetOwnRequirements(lookups, graph, rp, r.version, satisfies);
  // Dependents' requirements are known now; the release's own requirements need its metadata (asked in batches).
  const moves = (r: Release): boolean => (filter ? !inFilter(r) : true) && rejectingEdges(edges, r.version).length === 0;
  const unjudged: Unjudged[] = [];
  const search = highestUsable(lookups, q, newer, moves, (r) => unmet(r).length === 0);
  const stale = search.found;
  const newerLost = search.lost[0];
  if (newerLost) {
    unjudged.push({ lost: search.lost, display: pin.name, notJudged: `whether ${pin.name} can move to ${newerLost.version} (which every pinned dependent accepts) was not judged: its own requirements and Requires-Python are unknown` });
  }
  if (stale) {
    const accepted = edges.length > 0 ? `every pinned dependent accepts it on every target (${requiredByText(edges, file.targets)})` : `no other pin in the file requires ${pin.name}`;
    // A newer release lost to the index could have been the one to pin: the verdict stands, the move is not claimed.
    const notChecked = newerLost ? `; ${newerLost.version}, newer, could not be checked (see the index-error)` : '';
    const changes = newerLost ? [] : [{ package: pin.package, from: pin.version, to: stale.version }];
    out.push(filter
      ? {
          ...base, code: 'stale-filter', severity: 'warning', target: null,
          message: `${quote(label)} keeps ${pin.name} from ${stale.version}, but ${accepted}${caveat}${notChecked}: widen or drop the filter.`,
          details: { ...directive, release: stale.version, requiredBy: edgeDetails(edges) },
          suggestion: { text: newerLost ? `drop ${quote(label)} (or widen it) and pin ${pin.name}==${stale.version}, or ${newerLost.version} once its metadata can be read` : `drop ${quote(label)} (or widen it to admit ${stale.version}) and pin ${pin.name}==${stale.version}`, changes },
        }
      : {
          ...base, code: 'stale-ignore', severity: 'warning', target: null,
          message: `${pin.name} ${pin.version} is held by ${quote(label)}, but ${stale.version} is available and ${accepted}${caveat}${notChecked}: drop the ignore and update.`,
          details: { ...directive, release: stale.version, requiredBy: edgeDetails(edges) },
          suggestion: { text: newerLost ? `remove ${quote(label)} and pin ${pin.name}==${stale.version}, or ${newerLost.version} once its metadata can be read` : `pin ${pin.name}==${stale.version} and remove ${quote(label)}`, changes },
        });
  }

  const allowed = [current.version, ...(filter ? newer.filter((r) => !r.yanked && inFilter(r)).map((r) => r.version) : [])];
  const { blockings, lost: lostProposals } = findBlockings(lookups, graph, rp, edges, allowed);
  for (const b of blockings) {
    out.push(...blockingFindings(b, base, directive, source, rp, file.targets));
    const d = b.dependent.metadata?.name ?? b.dependent.pin.name;
    const [first] = b.lost;
    if (first) unjudged.push({ lost: b.lost, display: jointName(first, rp, d), notJudged: `the joint update of ${d} and ${pin.name} was not judged` });
  }
  for (const l of lostProposals) unjudged.push(lostProposal(l, rp, label, proposer));
  if (unjudged.length === 0 && out.length === 0) {
    const verdict = justifiedFinding(lookups, rp, edges, newer, q, filter, label, inFilter, caveat, justified, file.targets, unmet);
    if (!('lost' in verdict)) return [verdict];
    unjudged.push(verdict);
  }
  return [...out, ...unjudgedFindings(base, unjudged)];
}

function lostProposal(l: LostProposal, governed: FilePin, label: string, proposer: string): Unjudged {
  const d = l.dependent.metadata?.name ?? l.dependent.pin.name;
  return { lost: [l.lost], display: d, notJudged: `whether ${d} ${l.proposal.version} (the update ${proposer} proposes for ${d} ${l.dependent.pin.version ?? ''}) needs a ${governed.pin.name} that ${quote(label)} keeps out was not judged` };
}

/** One index-error per lost release (the first question that needed it says what was not judged), at the directive's line. */
function unjudgedFindings(base: Base, unjudged: readonly Unjudged[]): Finding[] {
  const said = new Set<string>();
  const out: Finding[] = [];
  for (const u of unjudged) {
    const fresh = u.lost.filter((l, i) => u.lost.findIndex((m) => m.name === l.name && m.version === l.version) === i && !said.has(`${l.name}==${l.version}`));
    const [first] = fresh;
    if (!first) continue;
    fresh.forEach((l) => said.add(`${l.name}==${l.version}`));
    out.push({ ...base, target: null, ...lostCandidate(first, u.display, u.notJudged, fresh.length - 1) });
  }
  return out;
}

/** How to name a release the joint search lost: the governed pin's or the dependent's project, as the file spells it. */
function jointName(lost: LostRelease, governed: FilePin, dependentName: string): string {
  return lost.name === governed.pin.package ? governed.pin.name : dependentName;
}

function blockingFindings(
  b: Blocking, base: Base, directive: DirectiveDetails, source: Directive, rp: FilePin,
  fileTargets: readonly Target[],
): Finding[] {
  const { label, filter, proposer } = source;
  const d = b.dependent;
  const dName = d.metadata?.name ?? d.pin.name;
  const specs = [...new Set(b.requires.map((r) => r.requirement.specifier))].join(' / ');
  const allows = filter ? `what ${quote(label)} admits (${filter.text}, or ${rp.pin.version})` : `${rp.pin.version}, where ${quote(label)} keeps it`;
  const lost = b.lost[0];
  const lostName = lost ? jointName(lost, rp, dName) : dName;
  const jointText = b.joint
    ? `update ${dName} to ${b.joint.dependentVersion} and ${rp.pin.name} to ${b.joint.dependencyVersion} together, and remove ${quote(label)}`
    : lost
      ? `the joint update is not known: the metadata of ${lostName} ${lost.version} could not be fetched (see the index-error), so the search could not judge it; run again once the index answers`
      : b.pending
      ? `no joint update was found within the releases searched so far; update ${dName} and ${rp.pin.name} by hand`
      : `no joint update exists: no release of ${dName} from ${b.proposal.version} down has a release of ${rp.pin.name} that satisfies it and every other pinned dependent`;
  const changes = b.joint
    ? [
        { package: d.pin.package, from: d.pin.version, to: b.joint.dependentVersion },
        ...(b.joint.dependencyVersion !== rp.pin.version ? [{ package: rp.pin.package, from: rp.pin.version, to: b.joint.dependencyVersion }] : []),
      ]
    : [];
  return targetIds(fileTargets, b.requires.map((r) => r.target)).map((target) => ({
    ...base, code: 'blocking-ignore' as const, severity: 'warning' as const, target,
    message: `${rp.pin.name} is held at ${allows}, but ${dName} ${b.proposal.version} (the update ${proposer} proposes for ${dName} ${d.pin.version}) requires ${rp.pin.name}${specs}, so ${dName} cannot move either: ${jointText}.`,
    details: {
      ...directive,
      blockedDependent: { package: d.pin.package, version: d.pin.version, line: d.pin.line, proposal: b.proposal.version, specifier: specs },
      joint: b.joint ? { [d.pin.package]: b.joint.dependentVersion, [rp.pin.package]: b.joint.dependencyVersion } : null,
    },
    suggestion: { text: jointText, changes },
  }));
}

function justifiedFinding(
  lookups: Lookups, rp: FilePin, edges: readonly Edge[], newer: readonly Release[], q: ReleaseQuery,
  filter: Directive['filter'], label: string, inFilter: (r: Release) => boolean, caveat: string,
  justified: (reason: Justified['reason'], message: string, extra?: JustifiedExtra, target?: string | null) => Finding,
  fileTargets: readonly Target[],
  unmet: (r: Release) => string[],
): Finding | Unjudged {
  const pin = rp.pin;
  // The release the directive keeps out: for an ignore the newest candidate (what pyup would propose), for a filter the first one outside it.
  const excluded = newer.filter((r) => (filter ? !inFilter(r) : true) && !r.yanked && (q.allowPrerelease || !r.parsed!.isPrerelease));
  const yankedOnly = newer.filter((r) => (filter ? !inFilter(r) : true) && r.yanked);
  if (excluded.length === 0) {
    const where = filter ? `outside ${filter.text}` : `newer than ${pin.version}`;
    const yank = yankedOnly.length > 0 ? ` (${yankedOnly.map((r) => `${r.version} is yanked${r.yankedReason ? `: "${r.yankedReason}"` : ''}`).join('; ')})` : '';
    return justified('no-newer-release', `No usable release of ${pin.name} ${where} exists on the index${yank}, so ${quote(label)} holds nothing back today; it matters again when one appears.`, { yanked: yankedOnly.map((r) => r.version) });
  }
  // Walk from the release pyup would reach first; the first installable one is held by a dependent (else it would be stale).
  const order = filter ? excluded : [...excluded].reverse();
  const probe = order.find((r) => unusable(lookups, q, r) === null);
  const holding = probe ? rejectingEdges(edges, probe.version) : [];
  // A probe every dependent accepts but whose metadata was lost: why it is not a move cannot be said.
  const probeMeta = probe && holding.length === 0 ? releaseMetadata(lookups, q.name, probe.version) : null;
  if (probe && probeMeta?.state === 'lost') {
    return { lost: [probeMeta.lost], display: pin.name, notJudged: `why ${quote(label)} is still needed was not judged: ${pin.name} ${probe.version} is accepted by every pinned dependent, and its own requirements and Requires-Python are unknown` };
  }
  if (probe && holding.length > 0) {
    const targets = targetIds(fileTargets, holding.map((e) => e.target));
    const [first] = targets;
    return justified(
      'held-by-dependents',
      `${quote(label)} on ${pin.name} ${pin.version} is still needed: ${requiredByText(holding, fileTargets)}, which excludes ${probe.version}${caveat}; revisit when that dependent moves.`,
      { release: probe.version, requiredBy: edgeDetails(holding), targets: targets.filter((t): t is string => Boolean(t)) },
      targets.length === 1 ? (first ?? null) : null,
    );
  }
  const own = probe ? unmet(probe) : [];
  if (probe && own.length > 0) {
    return justified('own-requirements', `${quote(label)} on ${pin.name} ${pin.version} is still needed: ${own.join('; ')}${caveat}; update them together when that pin can move.`, { release: probe.version, unmet: own });
  }
  const blocked = order[0]!;
  const why = unusable(lookups, q, blocked);
  return justified(
    why?.reason ?? 'no-usable-release',
    `${quote(label)} on ${pin.name} ${pin.version} holds back nothing installable here: ${why?.detail ?? `${blocked.version} cannot be used`}${caveat}; keep it, or drop it once that changes.`,
    { release: blocked.version },
  );
}
