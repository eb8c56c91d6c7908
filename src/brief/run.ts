/**
 * The brief from two inventories: the pin changes, the checks (compat, and wheels when registered)
 * run on the head revision's changed files through the engine, then the brief's own rounds on the
 * same snapshot, so each (package, version) is fetched once for both. The fetcher is injected: this
 * file does no I/O.
 */
import { mirrorsForTarget, runChecks } from '../checks/index.js';
import type { Check, CheckSettings, FetchNeeds } from '../checks/index.js';
import type { Finding, ResultRow } from '../findings/index.js';
import type { Inventory } from '../inventory/index.js';
import type { IndexSnapshot } from '../pypi/index.js';
import type { Target } from '../targets/index.js';
import { collectBrief } from './build.js';
import type { ModuleConfig } from './build.js';
import { diffInventories } from './diff.js';
import type { Brief } from './types.js';

export interface BriefRun {
  toolVersion: string;
  base: { rev: string; commit: string | null };
  head: { rev: string; commit: string | null };
  baseInventory: Inventory;
  headInventory: Inventory;
  /** The checks whose findings the brief includes for changed pins. */
  checks: readonly Check[];
  modules: Readonly<Record<string, ModuleConfig>>;
  /** The mirrors machines install from, per python (wheels runs only when every changed target has one). */
  settings: CheckSettings;
}

export interface BriefOutcome {
  brief: Brief;
  /** Every result and finding of the checks on the changed files (the brief keeps those of changed pins). */
  results: ResultRow[];
  findings: Finding[];
  snapshot: IndexSnapshot;
}

/** The head inventory restricted to these files (targets recomputed). */
export function inventoryOfFiles(inventory: Inventory, paths: ReadonlySet<string>): Inventory {
  const files = inventory.files.filter((f) => paths.has(f.path));
  const targets = new Map<string, Target>();
  for (const f of files) for (const t of f.targets) if (!targets.has(t.id)) targets.set(t.id, t);
  return { files, targets: [...targets.values()], diagnostics: inventory.diagnostics.filter((d) => paths.has(d.file)) };
}

export async function runBrief(run: BriefRun, snapshot: IndexSnapshot, fetch: FetchNeeds): Promise<BriefOutcome> {
  const changes = diffInventories(run.baseInventory, run.headInventory);
  const changed = inventoryOfFiles(run.headInventory, new Set(changes.map((c) => c.file)));
  let current = snapshot;
  const results: ResultRow[] = [];
  const findings: Finding[] = [];
  const served = (t: Target): boolean => mirrorsForTarget(run.settings, t).length > 0;
  // wheels needs a mirror for every target; without one the brief reads the merged mirror listing itself.
  const checks = run.checks.filter((c) => c.id !== 'wheels' || changed.targets.every(served));
  if (changed.files.length > 0 && checks.length > 0) {
    const out = await runChecks(checks, changed, current, fetch, undefined, run.settings);
    current = out.snapshot;
    results.push(...out.results);
    findings.push(...out.findings);
  }
  const collected = await collectBrief(
    {
      toolVersion: run.toolVersion,
      base: run.base,
      head: run.head,
      changes,
      headInventory: run.headInventory,
      findings,
      checks: checks.map((c) => c.id),
      modules: run.modules,
      mirror: { wheelsRan: checks.some((c) => c.id === 'wheels'), mirrorConfigured: run.settings.mirrors.length > 0 },
    },
    current,
    fetch,
  );
  return { brief: collected.brief, results, findings, snapshot: collected.snapshot };
}
