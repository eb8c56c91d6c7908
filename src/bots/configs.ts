/** The bot configs of one repository, read from their texts, and the questions the checks ask of them. */
import { dependabotCoverage, dependabotHoldRules, dependabotMatches, DEPENDABOT_CONFIG_FILE, parseDependabotConfig } from './dependabot.js';
import type { DependabotConfig } from './dependabot.js';
import { parsePyupConfig, pyupCoverage, PYUP_CONFIG_FILE } from './pyup-config.js';
import type { PyupConfig } from './pyup-config.js';
import { emptyConfig, parseRenovateConfig, RENOVATE_CONFIG_FILES } from './renovate-config.js';
import type { PipManager, RenovateConfig } from './renovate-config.js';
import { renovateCoverage, renovateHoldRules, renovateMatches } from './renovate-rules.js';
import type { BotCoverage, BotId, ConfigProblem, FileCoverage, HoldRule, PipDependency, RuleMatch } from './types.js';

export interface BotConfigs {
  renovate: RenovateConfig | null;
  dependabot: DependabotConfig | null;
  pyup: PyupConfig | null;
  /** Every problem of every config, plus files that could not be read. */
  problems: ConfigProblem[];
  /** Requirements files with a pip-compile header whose sources are in the repository. */
  pipCompiled: ReadonlySet<string>;
  /** Repo paths named by another requirements file's `-r`, with the files naming them (Dependabot and pyup follow them). */
  includedBy: ReadonlyMap<string, readonly string[]>;
  /** Every requirements file of the repository is in the run (no --module / --files narrowing). */
  complete: boolean;
}

export const NO_BOTS: BotConfigs = { renovate: null, dependabot: null, pyup: null, problems: [], pipCompiled: new Set(), includedBy: new Map(), complete: false };

/** Every config path a bot reads, in the order Renovate looks for its own (the first found wins). */
export const BOT_CONFIG_FILES: readonly string[] = [...RENOVATE_CONFIG_FILES, DEPENDABOT_CONFIG_FILE, PYUP_CONFIG_FILE];

export interface BotConfigInput {
  /** The config files found, with their text. */
  files: ReadonlyArray<{ path: string; text: string }>;
  /** Files that exist but could not be read (too large, not UTF-8), as problems. */
  unreadable?: readonly ConfigProblem[];
  pipCompiled?: ReadonlySet<string>;
  includedBy?: ReadonlyMap<string, readonly string[]>;
  complete: boolean;
}

export function readBotConfigs(input: BotConfigInput): BotConfigs {
  const text = (p: string): string | undefined => input.files.find((f) => f.path === p)?.text;
  let renovate: RenovateConfig | null = null;
  for (const path of RENOVATE_CONFIG_FILES) {
    const t = text(path);
    if (t === undefined) continue;
    renovate = parseRenovateConfig(path, t, path === 'package.json');
    if (renovate) break; // a package.json without a "renovate" key is not a config
  }
  const d = text(DEPENDABOT_CONFIG_FILE);
  const p = text(PYUP_CONFIG_FILE);
  const dependabot = d === undefined ? null : parseDependabotConfig(DEPENDABOT_CONFIG_FILE, d);
  const pyup = p === undefined ? null : parsePyupConfig(PYUP_CONFIG_FILE, p);
  const unreadable = input.unreadable ?? [];
  const lost = unreadable.filter((u) => u.bot === 'renovate');
  if (!renovate && lost.length > 0) renovate = emptyConfig(lost[0]!.file, lost);
  return {
    renovate,
    dependabot, pyup,
    problems: [...unreadable.filter((u) => !renovate?.problems.includes(u)), ...(renovate?.problems ?? []), ...(dependabot?.problems ?? []), ...(pyup?.problems ?? [])],
    pipCompiled: input.pipCompiled ?? new Set(),
    includedBy: input.includedBy ?? new Map(),
    complete: input.complete,
  };
}

/** The bots that have a config in the repository (the only ones whose coverage can be judged). */
export function configuredBots(bots: BotConfigs): BotId[] {
  return (['pyup', 'renovate', 'dependabot'] as const).filter((b) => bots[b] !== null);
}

/** For each configured bot, whether it updates the requirements file at `path`, and why. */
export function fileCoverage(bots: BotConfigs, path: string): FileCoverage & { renovateManagers: PipManager[] } {
  const out: FileCoverage & { renovateManagers: PipManager[] } = { renovateManagers: [] };
  if (bots.renovate) {
    const c = renovateCoverage(bots.renovate, path, bots.pipCompiled.has(path));
    out.renovate = { updates: c.updates, why: c.why, fix: c.fix };
    out.renovateManagers = c.managers;
  }
  if (bots.dependabot) out.dependabot = throughIncludes(bots, path, (p) => dependabotCoverage(bots.dependabot!, p), 'Dependabot');
  if (bots.pyup) out.pyup = throughIncludes(bots, path, (p) => pyupCoverage(bots.pyup!, p), 'pyup');
  return out;
}

/**
 * Dependabot's file fetcher and pyup's `add_requirement_file` also read what a file they read
 * includes with `-r` (Renovate's pip_requirements does not: it extracts only files its patterns match).
 */
function throughIncludes(bots: BotConfigs, path: string, direct: (p: string) => BotCoverage, bot: string): BotCoverage {
  const own = direct(path);
  if (own.updates) return own;
  const seen = new Set([path]);
  const queue = [...(bots.includedBy.get(path) ?? [])];
  while (queue.length > 0) {
    const from = queue.shift()!;
    if (seen.has(from)) continue;
    seen.add(from);
    const c = direct(from);
    if (c.updates) return { updates: true, why: `${bot} reads it through "-r" from ${from} (${c.why})`, fix: null };
    queue.push(...(bots.includedBy.get(from) ?? []));
  }
  return own;
}

/** What every hold rule of the bots that update the dependency's file makes of it. */
export function pipRuleMatches(bots: BotConfigs, dep: PipDependency, coverage: ReturnType<typeof fileCoverage>): RuleMatch[] {
  const out: RuleMatch[] = [];
  if (bots.renovate && coverage.renovate?.updates) out.push(...renovateMatches(bots.renovate, dep, coverage.renovateManagers));
  if (bots.dependabot && coverage.dependabot?.updates) out.push(...dependabotMatches(bots.dependabot, dep));
  return out;
}

/** Every hold rule of the configs, the same objects `pipRuleMatches` returns. */
export function holdRules(bots: BotConfigs): HoldRule[] {
  return [
    ...(bots.renovate ? renovateHoldRules(bots.renovate).map((h) => h.rule) : []),
    ...(bots.dependabot ? dependabotHoldRules(bots.dependabot).map((h) => h.rule) : []),
  ];
}
