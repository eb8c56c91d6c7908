/**
 * `fix` — table of contents of `src/checks/fix`: the smallest verified change of pins after which
 * compat is clean on every target of every file (search.ts), over the shared resolution (model.ts) and
 * the candidate releases (domain.ts). Pure: a pass over the inventory and a Lookups view, run in rounds
 * by the engine (what it lacks is fetched, then it runs again). The CLI renders the plan as a patch and
 * runs compat on the patched files to prove it.
 */
import type { Inventory, InventoryFile } from '../../inventory/index.js';
import type { CheckSettings } from '../contract.js';
import { isEmptyNeeds } from '../shared/index.js';
import type { Lookups } from '../shared/index.js';
import { fixHashes } from './hashes.js';
import type { FileHashes } from './hashes.js';
import { DEFAULT_BOUNDS, searchFix } from './search.js';
import type { FixBounds, SearchResult } from './search.js';
import { compareText } from '../../order/index.js';

export { DEFAULT_BOUNDS } from './search.js';
export type { FixBounds } from './search.js';
export { fixHashes } from './hashes.js';
export type { ChangeHashes, FileHashes } from './hashes.js';

export interface FixOptions {
  /** Let the search move `# pyup: ignore` pins (else the plan says the ignore blocked the fix). */
  includeIgnored: boolean;
  bounds?: FixBounds;
}

export interface PlannedChange {
  package: string;
  /** As written in the file (or in the requirement that needs it, for an added pin). */
  name: string;
  /** The pin's line; null for an added pin. */
  line: number | null;
  from: string | null;
  to: string;
  kind: 'upgrade' | 'downgrade' | 'add';
  /** Releases between the old pin and the new one (for an added pin: how far below the newest). */
  distance: number;
  why: string;
}

export interface FilePlan {
  file: string;
  module: string;
  status: SearchResult['status'];
  changes: PlannedChange[];
  conflict: string[];
  blockedByIgnore: string[];
  pending: boolean;
  nodes: number;
  exhausted: boolean;
  bounds: FixBounds;
}

export function planFile(file: InventoryFile, lookups: Lookups, opts: FixOptions): FilePlan {
  const bounds = opts.bounds ?? DEFAULT_BOUNDS;
  const r = searchFix(file, lookups, { includeIgnored: opts.includeIgnored, bounds });
  const changes: PlannedChange[] = [...r.assignment].map(([pkg, c]) => {
    const pin = file.pins.find((p) => p.package === pkg) ?? null;
    return {
      package: pkg, name: c.name, line: pin?.line ?? null, from: pin?.version ?? null, to: c.version,
      kind: pin === null ? 'add' : c.downgrade ? 'downgrade' : 'upgrade', distance: c.distance, why: c.why,
    };
  });
  changes.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || compareText(a.package, b.package));
  return { file: file.path, module: file.module, status: r.status, changes, conflict: r.conflict, blockedByIgnore: r.blockedByIgnore, pending: r.pending, nodes: r.nodes, exhausted: r.exhausted, bounds };
}

/** A plan per file of the inventory (one pass; the engine's rounds bring what it asked for). */
export function planFixes(inventory: Inventory, lookups: Lookups, opts: FixOptions): FilePlan[] {
  return inventory.files.map((file) => planFile(file, lookups, opts));
}

/**
 * The plans and, once the search asks for nothing more, the `--hash` lines of their changes (hash mode
 * only): asking for digests only then keeps the rounds from fetching files of moves the search drops.
 */
export function planFixesWithHashes(inventory: Inventory, lookups: Lookups, opts: FixOptions, settings: CheckSettings): { plans: FilePlan[]; hashes: FileHashes[] | null } {
  const plans = planFixes(inventory, lookups, opts);
  if (!isEmptyNeeds(lookups.wanted())) return { plans, hashes: null };
  return { plans, hashes: fixHashes(plans, inventory, lookups, settings) };
}
