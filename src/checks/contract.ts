/**
 * The contract every check keeps: static metadata (from which `--help` and docs are built) and one
 * pure pass over the inventory and a snapshot view. A pass that needs index data it does not have yet
 * asks the Lookups for it and concludes nothing about it; the engine fetches and runs it again.
 */
import type { CheckId, Finding, FindingCode, ResultRow } from '../findings/index.js';
import type { BotConfigs } from '../bots/index.js';
import type { Inventory } from '../inventory/index.js';
import type { Lookups } from './shared/index.js';

export interface CheckContext {
  inventory: Inventory;
  lookups: Lookups;
  /** The final pass: the engine reports what it still asks for (an `index-error` on the file, its cells `error`). A check must conclude the same either way: a pass that wants nothing is taken as the result. */
  final: boolean;
  /** Run settings that are not in the inventory (the mirrors machines install from); the engine always sets it. */
  settings?: CheckSettings;
}

/** A mirror (find-links location) and the pythons it serves (null: every python). */
export interface MirrorLocation {
  url: string;
  pythons: readonly string[] | null;
}

export interface CheckSettings {
  /** In the order pip is given them; `ProjectFile.source` names the one that listed a file. */
  mirrors: readonly MirrorLocation[];
  /** The update bots' configs of the repository (stale-ignores reads their rules and file coverage). */
  bots?: BotConfigs;
}

export const DEFAULT_SETTINGS: CheckSettings = { mirrors: [] };

/** Mirror URLs (or directories) that serve the target's python, in configured order. */
export function mirrorsForTarget(settings: CheckSettings, target: { python: string }): string[] {
  return settings.mirrors.filter((m) => m.pythons === null || m.pythons.includes(target.python)).map((m) => m.url);
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
