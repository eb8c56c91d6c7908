/**
 * The smallest set of pin changes after which pip install + pip check is clean on every target of a
 * file: fewest pins changed, then the smallest version distance (releases between the pin and its new
 * release), then the fewest downgrades. Iterative deepening on the number of changes; at each node the
 * first remaining violation is branched on (move the dependency, move the dependent, add the missing
 * pin, replace a pin that does not install), candidates nearest first. Learned conflicts, as a
 * PubGrub-style resolver learns incompatibilities, but unary: a release that fails against what cannot
 * move (a fixed pin, an ignored one, the target's python, its own metadata) is never tried again. Every
 * node is judged by the shared resolution (model.ts). Bounded: at most `maxChanges` pins, `maxNodes`
 * nodes per file per pass; past that the answer is "no fix within the bounds", naming what blocks it.
 * A candidate whose metadata the index lost cannot be judged: its node is kept with its cost, and the
 * answer is `index-error` (naming that release) unless a fix was found that costs no more, which the
 * lost node and everything below it (more changes) could not have bettered; a pinned release lost is
 * `index-error` before any search.
 */
import type { InventoryFile, Pin } from '../../inventory/index.js';
import type { ProjectName } from '../../names/index.js';
import { releaseKey } from '../../pypi/index.js';
import { applicableRequirements, dependenciesOf, indexLoss, indexLossMessage, releaseMetadata, satisfies } from '../shared/index.js';
import type { Lookups, ResolvedPin } from '../shared/index.js';
import { markerEnvironment } from '../../targets/index.js';
import { additionsOf, movesOf } from './domain.js';
import type { Candidate } from './domain.js';
import { describe, evaluate } from './model.js';
import type { Assignment, Evaluation, Violation } from './model.js';

export interface FixBounds {
  maxChanges: number;
  maxNodes: number;
}

export const DEFAULT_BOUNDS: FixBounds = { maxChanges: 5, maxNodes: 4000 };

/** How many releases of a dependent without metadata one pass asks for (the engine fetches them). */
const BATCH = 8;

export interface Choice {
  name: string;
  version: string;
  distance: number;
  downgrade: boolean;
  /** The violation this change was made for. */
  why: string;
}

export interface SearchResult {
  status: 'clean' | 'fixed' | 'no-fix' | 'index-error';
  assignment: ReadonlyMap<ProjectName, Choice>;
  /** What is still refused at the node that came closest (no-fix), or at the start; for index-error, what the index failed to deliver (pip's "Could not fetch URL …"). */
  conflict: string[];
  /** Ignored pins a fix would have had to move (not moved without includeIgnored). */
  blockedByIgnore: ProjectName[];
  /** Some candidate's page or metadata was not fetched yet: a later pass may find a smaller fix. */
  pending: boolean;
  nodes: number;
  exhausted: boolean;
}

export interface SearchOptions {
  includeIgnored: boolean;
  bounds: FixBounds;
}

type Cost = [number, number, number];

function costOf(a: ReadonlyMap<ProjectName, Choice>): Cost {
  let distance = 0;
  let downgrades = 0;
  for (const c of a.values()) {
    distance += c.distance;
    if (c.downgrade) downgrades++;
  }
  return [a.size, distance, downgrades];
}

function less(a: Cost, b: Cost): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

export function searchFix(file: InventoryFile, lookups: Lookups, opts: SearchOptions): SearchResult {
  const pinOf = new Map<ProjectName, Pin>();
  for (const p of file.pins) if (!pinOf.has(p.package)) pinOf.set(p.package, p);
  const blocked = new Set<ProjectName>();
  const dead = new Set<string>();
  let nodes = 0;
  let pending = false;
  let exhausted = false;
  /** Nodes whose candidate's metadata was lost, with their cost and what the index failed to deliver. */
  const lostNodes: Array<{ cost: Cost; lost: string }> = [];
  let best: { a: Map<ProjectName, Choice>; cost: Cost } | null = null;
  const root = evaluate(file, lookups, new Map());
  let closest: Evaluation = root;
  let lost: string | null = null;
  const done = (status: SearchResult['status'], conflict: Violation[]): SearchResult => ({
    status, assignment: status === 'fixed' && best ? best.a : new Map(), conflict: status === 'index-error' && lost ? [lost] : [...new Set(conflict.map(describe))], blockedByIgnore: [...blocked].sort(),
    pending: pending || root.pending, nodes, exhausted,
  });
  if (root.infrastructure) {
    lost = root.infrastructure;
    return done('index-error', []);
  }
  if (root.violations.length === 0) return done('clean', []);

  /** Whether the search may move (or, absent from the file, add) this package. */
  const movable = (pkg: ProjectName, a: Assignment): 'move' | 'add' | null => {
    if (a.has(pkg)) return null;
    const pin = pinOf.get(pkg);
    if (!pin) return 'add';
    if (pin.version === null || pin.direct || pin.nodownload) return null;
    if (pin.ignore && !opts.includeIgnored) {
      blocked.add(pkg);
      return null;
    }
    return 'move';
  };
  const candidatesOf = (pkg: ProjectName, how: 'move' | 'add'): Candidate[] => {
    const list = how === 'move' ? movesOf(lookups, file, pinOf.get(pkg)!) : additionsOf(lookups, file, pkg);
    if (list === null) pending = true;
    return (list ?? []).filter((c) => !dead.has(`${pkg}==${c.release.version}`));
  };
  /** Releases of the dependent whose own requirement on `dep` (every target, its extras) `accepts`. */
  const dependentMoves = (v: Violation & { dependent: unknown }, dep: ProjectName, accepts: (specs: string[]) => boolean): Candidate[] => {
    if (v.kind === 'unusable') return [];
    const d = v.dependent.pin;
    const how = movable(d.package, new Map());
    if (how !== 'move') return [];
    let unknown = 0;
    return candidatesOf(d.package, how).filter((c) => {
      // Ask for at most BATCH unknown releases per pass; the nearer ones first (they are preferred).
      if (!lookups.snapshot.metadata.has(releaseKey(d.package, c.release.version)) && unknown++ >= BATCH) {
        pending = true;
        return false;
      }
      const meta = releaseMetadata(lookups, d.package, c.release.version);
      if (meta.state === 'pending') {
        pending = true;
        return false;
      }
      // Lost: whether it accepts cannot be told, so it stays a candidate and its node reports the loss.
      if (meta.state === 'lost') return true;
      if (meta.state !== 'ok') return false;
      return file.targets.every((t) => accepts(applicableRequirements(dependenciesOf(meta.metadata), markerEnvironment(t), d.extras).filter((r) => r.normalizedName === dep).map((r) => r.specifier)));
    });
  };

  const learn = (ev: Evaluation, a: Assignment): void => {
    for (const v of ev.violations) {
      if (v.kind === 'unusable') {
        if (a.has(v.pin.pin.package)) dead.add(`${v.pin.pin.package}==${v.pin.version ?? ''}`);
        continue;
      }
      const d = v.dependent.pin.package;
      if (v.kind === 'conflict') {
        const p = v.dependency;
        if (a.has(d) && !a.has(p) && movable(p, a) === null) dead.add(`${d}==${v.dependent.version ?? ''}`);
        if (a.has(p) && !a.has(d) && movable(d, a) === null) dead.add(`${p}==${v.installed.version ?? ''}`);
      }
    }
  };

  const options = (v: Violation, a: Assignment): Array<{ pkg: ProjectName; cands: Candidate[] }> => {
    const out: Array<{ pkg: ProjectName; cands: Candidate[] }> = [];
    if (v.kind === 'unusable') {
      const how = movable(v.pin.pin.package, a);
      if (how) out.push({ pkg: v.pin.pin.package, cands: candidatesOf(v.pin.pin.package, how) });
      return out;
    }
    const spec = v.requirement.specifier;
    const how = movable(v.dependency, a);
    if (how) out.push({ pkg: v.dependency, cands: candidatesOf(v.dependency, how).filter((c) => satisfies(spec, c.release.version)) });
    if (!a.has(v.dependent.pin.package)) {
      const installed = v.kind === 'conflict' ? v.installed.version : null;
      // A dependent release that accepts what is installed (conflict), or does not require the package (missing).
      const moves = dependentMoves(v, v.dependency, (specs) => (installed === null ? specs.length === 0 : specs.every((s) => satisfies(s, installed))));
      out.push({ pkg: v.dependent.pin.package, cands: moves });
    }
    return out;
  };

  const dfs = (a: Map<ProjectName, Choice>, budget: number, visited: Set<string>): void => {
    if (nodes >= opts.bounds.maxNodes) {
      exhausted = true;
      return;
    }
    nodes++;
    const ev = evaluate(file, lookups, a);
    if (ev.pending) pending = true;
    if (ev.infrastructure) {
      lostNodes.push({ cost: costOf(a), lost: candidateLost(ev.lostPin, a) ?? ev.infrastructure });
      return;
    }
    if (ev.violations.length === 0) {
      if (!ev.pending) {
        const cost = costOf(a);
        if (!best || less(cost, best.cost)) best = { a, cost };
      }
      return;
    }
    if (ev.violations.length < closest.violations.length || closest === root) closest = ev;
    learn(ev, a);
    if (budget === 0) return;
    const [v] = ev.violations;
    for (const { pkg, cands } of options(v!, a)) {
      for (const c of cands) {
        if (dead.has(`${pkg}==${c.release.version}`)) continue;
        const next = new Map(a).set(pkg, { name: pinOf.get(pkg)?.name ?? requirementName(v!, pkg), version: c.release.version, distance: c.distance, downgrade: c.downgrade, why: describe(v!) });
        const key = [...next].map(([p, x]) => `${p}==${x.version}`).sort().join(' ');
        if (visited.has(key)) continue;
        visited.add(key);
        if (best && !less(costOf(next), best.cost)) continue;
        dfs(next, budget - 1, visited);
        if (exhausted) return;
      }
    }
  };

  // A lost node at depth k costs less than any plan of k + 1 changes: deeper search could not settle it.
  for (let k = 1; k <= opts.bounds.maxChanges && !best && !exhausted && lostNodes.length === 0; k++) dfs(new Map(), k, new Set());
  const found = best as { cost: Cost } | null;
  const unsettled = lostNodes.find((l) => found === null || less(l.cost, found.cost));
  if (unsettled) {
    lost = unsettled.lost;
    return done('index-error', []);
  }
  return best ? done('fixed', []) : done('no-fix', closest.violations);
}

/** The message for a lost candidate: pip's line, the release and host, and the move it could not judge. */
function candidateLost(rp: ResolvedPin | null, a: ReadonlyMap<ProjectName, Choice>): string | null {
  const choice = rp ? a.get(rp.pin.package) : undefined;
  if (!rp || !choice || !rp.release) return null;
  const loss = { ...indexLoss('index', 'metadata', rp.reason ?? 'no answer'), candidate: { package: rp.pin.package, version: rp.release.version } };
  return indexLossMessage(loss, { name: choice.name, version: rp.release.version }, `the fix search could not judge ${choice.name} ${rp.release.version} (tried for: ${choice.why}), which could have been part of the smallest fix`);
}

function requirementName(v: Violation, pkg: ProjectName): string {
  return v.kind !== 'unusable' && v.dependency === pkg ? v.requirement.name : pkg;
}
