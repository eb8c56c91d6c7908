/**
 * The update bots' configs — the table of contents of `src/bots`: Renovate's (renovate.json(5),
 * .renovaterc…, package.json's `renovate`), Dependabot's `.github/dependabot.yml` and pyup's
 * `.pyup.yml`, read from their texts (the CLI reads the files), and the two questions the
 * stale-ignores check asks of them: which requirements files each bot updates, and which of its
 * rules hold a pin back (with the config line). Each module's header cites the bot source it follows.
 */
export type { BotCoverage, BotId, ConfigProblem, FileCoverage, HoldRule, PipDependency, RuleMatch, SourcePos, VersionFilter } from './types.js';
export { BOT_NAMES } from './types.js';
export type { BotConfigInput, BotConfigs } from './configs.js';
export { BOT_CONFIG_FILES, configuredBots, fileCoverage, holdRules, NO_BOTS, pipRuleMatches, readBotConfigs } from './configs.js';
export type { PipManager, RenovateConfig, RenovatePreset } from './renovate-config.js';
export { IGNORE_MODULES_AND_TESTS, parseRenovateConfig, PIP_REQUIREMENTS_DEFAULT, RENOVATE_CONFIG_FILES } from './renovate-config.js';
export { matchRegexOrGlobList, renovateCoverage, renovateHoldRules, renovateMatches, renovateUpdateType } from './renovate-rules.js';
export type { DependabotConfig } from './dependabot.js';
export { DEPENDABOT_CONFIG_FILE, dependabotCoverage, dependabotHoldRules, dependabotNameMatches, parseDependabotConfig } from './dependabot.js';
export type { PyupConfig } from './pyup-config.js';
export { parsePyupConfig, pyupCoverage, PYUP_CONFIG_FILE } from './pyup-config.js';
export { positionIndex } from './positions.js';
