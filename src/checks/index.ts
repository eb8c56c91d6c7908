/** The checks: their contract, the registry (from which `--help` is built) and the round-based engine. */
import { compatCheck } from './compat/index.js';
import type { Check } from './contract.js';
import { staleIgnoresCheck } from './stale-ignores/index.js';
import { wheelsCheck } from './wheels/index.js';

export type { Check, CheckContext, CheckOutput, CheckSettings, MirrorLocation } from './contract.js';
export { DEFAULT_SETTINGS, mirrorsForTarget } from './contract.js';
export { fetchRounds, runChecks, MAX_ROUNDS } from './engine.js';
export type { EngineResult, FetchNeeds } from './engine.js';
export { inventoryFindings } from './inventory-check.js';
export { DEFAULT_BOUNDS, fixHashes, planFixes, planFixesWithHashes } from './fix/index.js';
export type { ChangeHashes, FileHashes, FilePlan, FixBounds, FixOptions, PlannedChange } from './fix/index.js';
export { dependenciesOf, filesForPython, findRelease, Lookups, releasesOfState } from './shared/index.js';
export { fileHashAllowed } from './shared/index.js';
export type { ParsedDependencies, Release } from './shared/index.js';

/** Every check, in the order `all` runs and reports them. */
export const CHECKS: readonly Check[] = [compatCheck, wheelsCheck, staleIgnoresCheck];
