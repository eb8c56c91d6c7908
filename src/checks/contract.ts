/**
 * The contract every check keeps: static metadata (from which `--help` and docs are built) and one
 * pure pass over the inventory and a snapshot view. A pass that needs index data it does not have yet
 * asks the Lookups for it and concludes nothing about it; the engine fetches and runs it again.
 */
import type { CheckId, Finding, FindingCode, ResultRow } from '../findings/index.js';
import type { Inventory } from '../inventory/index.js';
import type { Lookups } from './shared/lookups.js';

export interface CheckContext {
  inventory: Inventory;
  lookups: Lookups;
  /** The final pass: data still missing now is reported, not waited for. */
  final: boolean;
}

export interface CheckOutput {
  results: ResultRow[];
  findings: Finding[];
}

export interface Check {
  id: Exclude<CheckId, 'inventory'>;
  title: string;
  summary: string;
  codes: readonly FindingCode[];
  run(ctx: CheckContext): CheckOutput;
}
