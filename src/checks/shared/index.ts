/**
 * What every check shares — table of contents of `src/checks/shared`. The checks import only this
 * file (never one another): the read-only Lookups view a pass runs over, a project's releases with
 * pip's questions about them, a release's parsed dependencies per target, pip check's version and
 * Requires-Python verdicts, the release searches built on them (with what each lost to the index), and
 * the one wording of an `index-error`, and the per-file, per-target
 * resolution (pins → releases → edges with extras) every pass reads.
 */
export { isEmptyNeeds, Lookups, mergeNeeds } from './lookups.js';
export { EGG_SKIPPED, excludingRequiresPython, filesForPython, findRelease, releasesOfState } from './releases.js';
export type { Release } from './releases.js';
export { applicableRequirements, dependenciesOf } from './dependencies.js';
export type { ParsedDependencies } from './dependencies.js';
export { pythonAllows, satisfies } from './satisfies.js';
export { firstFit, highestUsable, releaseMetadata, unusable } from './candidates.js';
export type { LostRelease, ReleaseMetadata, ReleaseQuery, Search, Unusable } from './candidates.js';
export { chooseFromRange, edgesOf, newerReleases, nodownloadOnMirror, resolveFile, resolvePin, resolveTarget } from './resolution.js';
export type { Edge, FileResolution, PinState, ResolvedPin, TargetResolution } from './resolution.js';
export { isSeeded } from './seeded.js';
export { pyupFilter } from './pyup-filter.js';
export type { PyupFilter } from './pyup-filter.js';
export { allowedHashes, fileHashAllowed, filterUnallowedHashes, hashLine, hashPinned } from './hashes.js';
export { couldNotFetch, indexLoss, indexLossMessage, indexLossSuggestion, lostCandidate, lostWhat, pinIndexLoss, pipCause } from './index-loss.js';
export type { IndexLoss, LostKind } from './index-loss.js';
