/**
 * Runs checks in rounds: each pass records what it could not see, the injected fetcher brings
 * exactly that (deduplicated across checks, files and targets), until nothing new is wanted.
 * The engine does no I/O itself; the CLI passes the index client's `fetchNeeds`.
 */
import type { Finding, ResultRow } from '../findings/index.js';
import type { Inventory } from '../inventory/index.js';
import type { IndexNeeds, IndexSnapshot } from '../pypi/index.js';
import type { Check, CheckSettings } from './contract.js';
import { DEFAULT_SETTINGS } from './contract.js';
import { isEmptyNeeds, Lookups, mergeNeeds } from './shared/index.js';

export type FetchNeeds = (needs: IndexNeeds, into: IndexSnapshot) => Promise<IndexSnapshot>;

export interface EngineResult {
  results: ResultRow[];
  findings: Finding[];
  snapshot: IndexSnapshot;
  rounds: number;
}

/** Enough for pins → their metadata → suggestions → the suggestions' metadata, with room to spare. */
export const MAX_ROUNDS = 12;

export async function runChecks(
  checks: readonly Check[],
  inventory: Inventory,
  snapshot: IndexSnapshot,
  fetch: FetchNeeds,
  onRound?: (round: number, needs: IndexNeeds) => void,
  settings: CheckSettings = DEFAULT_SETTINGS,
): Promise<EngineResult> {
  let current = snapshot;
  let rounds = 0;
  for (; rounds < MAX_ROUNDS; rounds++) {
    const wanted = mergeNeeds(
      checks.map((check) => {
        const lookups = new Lookups(current);
        check.run({ inventory, lookups, final: false, settings });
        return lookups.wanted();
      }),
    );
    if (isEmptyNeeds(wanted)) break;
    onRound?.(rounds + 1, wanted);
    current = await fetch(wanted, current);
  }
  const results: ResultRow[] = [];
  const findings: Finding[] = [];
  for (const check of checks) {
    const out = check.run({ inventory, lookups: new Lookups(current), final: true, settings });
    results.push(...out.results);
    findings.push(...out.findings);
  }
  return { results, findings, snapshot: current, rounds };
}
