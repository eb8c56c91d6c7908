/**
 * The landing brief's model: what a pyup PR changes (pins added, removed, bumped), what the changed
 * releases say about themselves, and when the PR is safe to land. `brief.json` (version 1) is this
 * shape serialised; the README documents it.
 */
import type { Finding } from '../findings/index.js';
import type { Bump, BumpKind } from './bump.js';

/** One side of a changed pin. */
export interface PinSide {
  version: string | null;
  /** Canonical specifier text (`==5.0.0`), or the entry text of a URL/path pin. */
  specifier: string;
  line: number;
  nodownload: boolean;
  ignore: boolean;
  /** `--hash` values, in file order (hash-checking mode). */
  hashes: string[];
}

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface PinChange {
  file: string;
  module: string;
  /** PEP 503 normalized name. */
  package: string;
  /** The name as written (head side, else base). */
  name: string;
  /** The pin's environment marker, when it has one. */
  marker: string | null;
  kind: ChangeKind;
  from: PinSide | null;
  to: PinSide | null;
  /** The line in the head revision; null for a removed pin. */
  line: number | null;
  /** For `changed` pins with a version on both sides. */
  bump: Bump | null;
}

export type LinkKind = 'changelog' | 'release-notes' | 'home' | 'source' | 'docs' | 'issues' | 'other';

export interface ReleaseLink {
  label: string;
  url: string;
  kind: LinkKind;
}

export interface RequirementChange {
  name: string;
  from: string;
  to: string;
}

/** What the new release's METADATA says, compared with the old release's. */
export interface ReleaseFacts {
  /** `ok`, or why the metadata could not be read (the facts below are then partial). */
  metadata: 'ok' | { unavailable: string };
  /** Project-URL entries then Home-page, changelog and release-notes links first. */
  links: ReleaseLink[];
  /** Set when Requires-Python differs between the two releases. */
  requiresPython: { from: string | null; to: string | null } | null;
  requirements: {
    /** Requirements on projects the old release did not require (all of them for an added pin). */
    added: string[];
    dropped: string[];
    changed: RequirementChange[];
  };
  /** Targets of the file where the old release had a wheel and the new one has none. */
  lostWheels: Array<{ target: string; had: string }>;
}

export type MirrorState =
  /** Every target has a file on the mirror. */
  | { status: 'present' }
  /** Not there yet: the first puppet pass fails until the file is uploaded. */
  | { status: 'missing'; targets: string[]; detail: string }
  /** No file on any mirror and none will come by itself (a nodownload pin, or nothing on the index either). */
  | { status: 'absent'; targets: string[]; detail: string }
  /** Not checked: no mirror configured (`mirrors:` / --find-links) and no wheels results. */
  | { status: 'unknown'; detail: string }
  /** A removed pin. */
  | { status: 'not-applicable' };

export interface BriefChange extends PinChange {
  facts: ReleaseFacts | null;
  mirror: MirrorState;
  /** compat (and wheels) findings on the head revision that this change is part of. */
  findings: Finding[];
}

export type RiskLevel = 'low' | 'medium' | 'high';

export interface RiskReason {
  level: RiskLevel;
  text: string;
}

/** Restart and machine classes of one module, from the repository config. */
export interface ModuleOperations {
  /** What to restart after the change, in words ("restart every signing server"). */
  restart: string | null;
  services: string[];
  /** Machine classes that puppetize the module. */
  machines: string[];
  /** Whether the repository config describes the module at all. */
  configured: boolean;
}

export interface ModuleBrief {
  module: string;
  operations: ModuleOperations;
  changes: BriefChange[];
  highestBump: BumpKind | null;
  risk: RiskLevel;
  reasons: RiskReason[];
  /** Changed pins whose files are not (yet) on the mirror: the expected first-pass puppet failures. */
  notOnMirror: Array<{ package: string; version: string | null; status: 'missing' | 'absent'; detail: string }>;
}

export type Recommendation = 'land-any-time' | 'land-when-watched' | 'hold';

export interface Brief {
  version: 1;
  tool: { name: 'pyup-checks'; version: string };
  base: { rev: string; commit: string | null };
  head: { rev: string; commit: string | null };
  /** The checks whose findings are included (compat, and wheels when registered). */
  checks: string[];
  recommendation: { action: Recommendation; text: string; reasons: string[] };
  modules: ModuleBrief[];
  summary: { added: number; removed: number; changed: number; modules: number; errors: number; warnings: number };
}
