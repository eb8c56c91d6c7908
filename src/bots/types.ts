/** The model of the update bots' configs: what each reads, which files it updates, which pins it holds. */

export type BotId = 'pyup' | 'renovate' | 'dependabot';

export const BOT_NAMES: Record<BotId, string> = { pyup: 'pyup', renovate: 'Renovate', dependabot: 'Dependabot' };

/** A place in a config file (repo-relative path, 1-based line). */
export interface SourcePos {
  file: string;
  line: number;
}

/** A config the bot cannot read as written (a parse error, a value of the wrong type, a rule it refuses). */
export interface ConfigProblem extends SourcePos {
  bot: BotId;
  message: string;
  /** The bot stops on it (no updates at all), rather than dropping one entry. */
  fatal: boolean;
}

/** Which releases a filter lets the bot propose, given the pinned (current) version. */
export interface VersionFilter {
  /** As a reviewer reads it: `allowedVersions "<3.0"`, `versions [">=2"]`, `update-types [semver-major]`. */
  text: string;
  admits: (version: string, current: string) => boolean;
}

/**
 * One config rule that can hold a pip pin back: an ignore (the bot never proposes the pin) or a filter
 * (it proposes only the releases the filter admits).
 */
export interface HoldRule {
  bot: BotId;
  source: SourcePos;
  /** How a reviewer finds it in the config: `ignoreDeps "zeta-lib"`, `packageRules[0]`, `ignore[1] "foo*"`. */
  label: string;
  form: 'ignoreDeps' | 'packageRules' | 'dependabot-ignore';
  kind: 'ignore' | 'filter';
  filter: VersionFilter | null;
  /** Set when the rule cannot work as written: it holds nothing back, and why. */
  noEffect: string | null;
  /** The rule is aimed at Python packages (pip managers, the pypi datasource, a pip Dependabot entry), so matching no pin is worth saying. */
  pipScoped: boolean;
}

/** What a rule makes of one pin: it applies, or it misses only because of how the name is spelled. */
export interface RuleMatch {
  rule: HoldRule;
  applies: boolean;
  /** Set when the rule would apply to the pin's name spelled differently (the bot compares names as written). */
  spelling: string | null;
  /** Set when the rule's other matchers hold but it also matches on something not evaluated here (it may hold the pin). */
  unevaluated?: string;
}

/** A pip dependency as the bots see it: the file it is in and the name as written. */
export interface PipDependency {
  file: string;
  name: string;
  version: string | null;
}

/** Whether one bot updates one requirements file, and why (not). */
export interface BotCoverage {
  updates: boolean;
  why: string;
  /** The config change that would make the bot update the file, when it does not. */
  fix: string | null;
}

export type FileCoverage = Partial<Record<BotId, BotCoverage>>;
