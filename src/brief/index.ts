/**
 * The landing brief — table of contents of `src/brief` (layer 5: it reads the checks' Lookups and
 * runs compat/wheels through their engine). What a pyup PR changes between two revisions (pins
 * added, removed and bumped, with the bump kind on PEP 440 segments and semver where it maps), what
 * the new releases' METADATA says (links, Requires-Python, requirements, lost wheels), which
 * services restart and where, the risk per module and whether to land. Pure: the CLI reads git and
 * passes the index client's fetcher.
 */
export type { Bump, BumpKind, SemverComparison } from './bump.js';
export { BUMP_ORDER, bumpOf, highestBump, semverText } from './bump.js';
export { diffInventories } from './diff.js';
export { releaseLinks } from './links.js';
export { releaseFacts, requirementDiff } from './facts.js';
export { findingsOfChange, mirrorStateOf } from './mirror.js';
export type { MirrorOptions } from './mirror.js';
export { moduleBrief, recommend } from './risk.js';
export { briefPass, collectBrief, operationsOf } from './build.js';
export type { BriefInput, ModuleConfig } from './build.js';
export { inventoryOfFiles, runBrief } from './run.js';
export type { BriefOutcome, BriefRun } from './run.js';
export { bumpText, renderBriefJson, renderBriefMarkdown } from './render.js';
export type {
  Brief,
  BriefChange,
  ChangeKind,
  LinkKind,
  MirrorState,
  ModuleBrief,
  ModuleOperations,
  PinChange,
  PinSide,
  Recommendation,
  ReleaseFacts,
  ReleaseLink,
  RequirementChange,
  RiskLevel,
  RiskReason,
} from './types.js';
