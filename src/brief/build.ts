/**
 * The brief as one pure pass over the pin changes, the head revision's findings and a {@link Lookups}
 * view of the index snapshot, like a check's pass: what it needs and does not have is recorded in the
 * Lookups; {@link collectBrief} fetches that and runs the pass again, then once more as the final pass.
 */
import { fetchRounds, MAX_ROUNDS } from '../checks/index.js';
import { Lookups } from '../checks/index.js';
import type { FetchNeeds } from '../checks/index.js';
import { summarize } from '../findings/index.js';
import type { Finding } from '../findings/index.js';
import type { Inventory } from '../inventory/index.js';
import type { IndexSnapshot } from '../pypi/index.js';
import type { Target } from '../targets/index.js';
import { releaseFacts } from './facts.js';
import { hashFindingsOf } from './hashes.js';
import { findingsOfChange, mirrorStateOf } from './mirror.js';
import type { MirrorOptions } from './mirror.js';
import { moduleBrief, recommend } from './risk.js';
import type { Brief, BriefChange, ModuleOperations, PinChange } from './types.js';

/** A module's entry in the repository config (`modules:` in .pyup-checks.yml). */
export interface ModuleConfig {
  restart?: string | undefined;
  services?: string[] | undefined;
  machines?: string[] | undefined;
}

export interface BriefInput {
  toolVersion: string;
  base: { rev: string; commit: string | null };
  head: { rev: string; commit: string | null };
  changes: PinChange[];
  /** The head revision's inventory: each file's targets. */
  headInventory: Inventory;
  /** Findings of the checks run on the head revision (compat, and wheels when registered). */
  findings: Finding[];
  checks: string[];
  modules: Readonly<Record<string, ModuleConfig>>;
  mirror: MirrorOptions;
}

export function operationsOf(module: string, config: Readonly<Record<string, ModuleConfig>>): ModuleOperations {
  const entry = Object.hasOwn(config, module) ? config[module] : undefined;
  return { restart: entry?.restart ?? null, services: entry?.services ?? [], machines: entry?.machines ?? [], configured: entry !== undefined };
}

/** One pass: the brief from what the Lookups hold (pending data shows as unknown unless fetched later). */
export function briefPass(input: BriefInput, lookups: Lookups, final: boolean): Brief {
  const targetsOf = new Map<string, Target[]>(input.headInventory.files.map((f) => [f.path, f.targets]));
  const changes: BriefChange[] = input.changes.map((change) => {
    const findings = [...findingsOfChange(change, input.findings), ...hashFindingsOf(change, lookups)];
    const targets = targetsOf.get(change.file) ?? [];
    return {
      ...change,
      facts: releaseFacts(change, targets, lookups, final),
      mirror: mirrorStateOf(change, findings, input.mirror, lookups, final) ?? { status: 'unknown', detail: 'the mirror listing is being fetched' },
      findings,
    };
  });
  const names = [...new Set(changes.map((c) => c.module))].sort();
  const modules = names.map((m) => moduleBrief(m, operationsOf(m, input.modules), changes.filter((c) => c.module === m)));
  // The same finding can belong to two changes (the pin and its dependent): count it once.
  const { errors, warnings } = summarize([...new Set(changes.flatMap((c) => c.findings))]);
  return {
    version: 1,
    tool: { name: 'pyup-checks', version: input.toolVersion },
    base: input.base,
    head: input.head,
    checks: input.checks,
    recommendation: recommend(modules),
    modules,
    summary: {
      added: changes.filter((c) => c.kind === 'added').length,
      removed: changes.filter((c) => c.kind === 'removed').length,
      changed: changes.filter((c) => c.kind === 'changed').length,
      modules: modules.length,
      errors,
      warnings,
    },
  };
}

/** Rounds of {@link briefPass} until nothing new is wanted, then the final pass. */
export async function collectBrief(input: BriefInput, snapshot: IndexSnapshot, fetch: FetchNeeds): Promise<{ brief: Brief; snapshot: IndexSnapshot; rounds: number }> {
  const { snapshot: current, rounds } = await fetchRounds((lookups) => void briefPass(input, lookups, false), snapshot, fetch);
  const lookups = new Lookups(current);
  const brief = briefPass(input, lookups, true);
  const missing = lookups.wanted();
  const count = missing.projects.length + missing.mirrorProjects.length + missing.releases.length;
  if (count === 0) return { brief, snapshot: current, rounds };
  // Facts still unfetched after the last round read as unknown: say so, and never advise "land any time".
  const note = `the brief is incomplete: after ${MAX_ROUNDS} rounds ${count} index page(s) or release(s) were still not fetched`;
  const rec = brief.recommendation;
  const recommendation =
    rec.action === 'land-any-time'
      ? { action: 'land-when-watched' as const, text: 'land when someone can watch the puppet runs: the brief could not see everything', reasons: [note, ...rec.reasons] }
      : { ...rec, reasons: [note, ...rec.reasons] };
  return { brief: { ...brief, recommendation }, snapshot: current, rounds };
}
