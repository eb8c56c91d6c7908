/**
 * Runs checks in rounds: each pass records what it could not see, the injected fetcher brings
 * exactly that (deduplicated across checks, files and targets), until nothing new is wanted.
 * The engine does no I/O itself; the CLI passes the index client's `fetchNeeds`.
 * A check that still asks for data after MAX_ROUNDS concluded on a partial view (unknown metadata does
 * not disqualify a release, an unfetched page yields no finding): the files it asks for are then
 * `error` cells with an `index-error` finding, never a pass.
 */
import type { Finding, ResultRow } from '../findings/index.js';
import type { Inventory, InventoryFile } from '../inventory/index.js';
import type { IndexNeeds, IndexSnapshot } from '../pypi/index.js';
import type { Check, CheckOutput, CheckSettings } from './contract.js';
import { DEFAULT_SETTINGS } from './contract.js';
import { isEmptyNeeds, Lookups } from './shared/index.js';

export type FetchNeeds = (needs: IndexNeeds, into: IndexSnapshot) => Promise<IndexSnapshot>;

export interface EngineResult {
  results: ResultRow[];
  findings: Finding[];
  snapshot: IndexSnapshot;
  rounds: number;
}

/** Enough for pins → their metadata → suggestions → the suggestions' metadata, with room to spare. */
export const MAX_ROUNDS = 12;

/**
 * The rounds loop every pass-over-lookups shares (the checks here, the landing brief): run `pass` on a
 * fresh view, fetch what it wanted, again, until it wants nothing or MAX_ROUNDS is reached. The caller
 * runs its final pass on the returned snapshot; what that pass still wants was not fetched in time.
 */
export async function fetchRounds(
  pass: (lookups: Lookups) => void,
  snapshot: IndexSnapshot,
  fetch: FetchNeeds,
  onRound?: (round: number, needs: IndexNeeds) => void,
  maxRounds: number = MAX_ROUNDS,
): Promise<{ snapshot: IndexSnapshot; rounds: number; settled: boolean }> {
  let current = snapshot;
  let rounds = 0;
  for (; rounds < maxRounds; rounds++) {
    const lookups = new Lookups(current);
    pass(lookups);
    const wanted = lookups.wanted();
    if (isEmptyNeeds(wanted)) return { snapshot: current, rounds, settled: true };
    onRound?.(rounds + 1, wanted);
    current = await fetch(wanted, current);
  }
  return { snapshot: current, rounds, settled: false };
}

export async function runChecks(
  checks: readonly Check[],
  inventory: Inventory,
  snapshot: IndexSnapshot,
  fetch: FetchNeeds,
  onRound?: (round: number, needs: IndexNeeds) => void,
  settings: CheckSettings = DEFAULT_SETTINGS,
): Promise<EngineResult> {
  // One view per pass serves every check: Lookups only records, so what it wants is the union.
  let outputs: CheckOutput[] = [];
  const { snapshot: current, rounds, settled } = await fetchRounds(
    (lookups) => {
      outputs = checks.map((check) => check.run({ inventory, lookups, final: false, settings }));
    },
    snapshot,
    fetch,
    onRound,
  );
  const results: ResultRow[] = [];
  const findings: Finding[] = [];
  // A pass that wanted nothing saw everything each check needs: its outputs are the results (checks
  // are pure and do not read `final`), and a final pass would only repeat it (a third of the checks' time in a warm run: three passes become two).
  if (settled) {
    for (const out of outputs) {
      results.push(...out.results);
      findings.push(...out.findings);
    }
    return { results, findings, snapshot: current, rounds };
  }
  for (const check of checks) {
    const lookups = new Lookups(current);
    const out = check.run({ inventory, lookups, final: true, settings });
    const missing = lookups.wanted();
    const done = isEmptyNeeds(missing) ? out : incomplete(check, out, inventory, current, settings, missing);
    results.push(...done.results);
    findings.push(...done.findings);
  }
  return { results, findings, snapshot: current, rounds };
}

/** The check's output with the files it still asks data for turned into `error` cells, each with why. */
function incomplete(check: Check, out: CheckOutput, inventory: Inventory, snapshot: IndexSnapshot, settings: CheckSettings, missing: IndexNeeds): CheckOutput {
  // Which files ask: the check alone on each (a question that spans files, as pin-drift's, falls back to all).
  const asking = new Map<string, IndexNeeds>();
  for (const file of inventory.files) {
    const lookups = new Lookups(snapshot);
    check.run({ inventory: { ...inventory, files: [file] }, lookups, final: true, settings });
    const wanted = lookups.wanted();
    if (!isEmptyNeeds(wanted)) asking.set(file.path, wanted);
  }
  if (asking.size === 0) for (const file of inventory.files) asking.set(file.path, missing);
  const files = inventory.files.filter((f) => asking.has(f.path));
  return {
    results: out.results.map((r) => (asking.has(r.file) ? { ...r, status: 'error' } : r)),
    findings: [...out.findings, ...files.map((f) => incompleteFinding(check, f, asking.get(f.path) ?? missing))],
  };
}

function incompleteFinding(check: Check, file: InventoryFile, needs: IndexNeeds): Finding {
  const parts = [
    needs.projects.length > 0 ? `${needs.projects.length} index page(s) (${needs.projects.slice(0, 5).join(', ')})` : '',
    needs.mirrorProjects.length > 0 ? `${needs.mirrorProjects.length} mirror listing(s) (${needs.mirrorProjects.slice(0, 5).join(', ')})` : '',
    needs.releases.length > 0 ? `the metadata of ${needs.releases.length} release(s) (${needs.releases.slice(0, 5).map((r) => `${r.name}==${r.version}`).join(', ')})` : '',
    (needs.fileDigests ?? []).length > 0 ? `the digests of ${needs.fileDigests?.length ?? 0} file(s) (${(needs.fileDigests ?? []).slice(0, 5).join(', ')})` : '',
  ].filter(Boolean);
  return {
    check: check.id, code: 'index-error', severity: 'error', module: file.module, file: file.path, line: null, target: null, package: null, version: null,
    message: `${check.title} could not finish on this file: after ${MAX_ROUNDS} rounds of fetching it still needed ${parts.join(', ')}, so its results here are incomplete`,
    details: { rounds: MAX_ROUNDS, projects: needs.projects, mirrorProjects: needs.mirrorProjects, releases: needs.releases.map((r) => `${r.name}==${r.version}`) },
    suggestion: { text: `a limit of pyup-checks (MAX_ROUNDS), not of the file: report it with this finding`, changes: [] },
  };
}
