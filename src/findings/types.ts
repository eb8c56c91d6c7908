/**
 * Findings and the report model (report.json version 1, ../shared/CONTRACT.md).
 * Every finding names a file, a line, a target (null when it holds for every target) and a fix.
 */

export type CheckId = 'inventory' | 'compat' | 'wheels' | 'stale-ignores';
export type Severity = 'error' | 'warning' | 'info';
export type ResultStatus = 'pass' | 'fail' | 'error' | 'skip';

export type FindingCode =
  | 'invalid-line'
  | 'conflict'
  | 'missing-dependency'
  | 'unknown-version'
  | 'requires-python'
  | 'metadata-unavailable'
  | 'yanked'
  | 'not-pinned'
  | 'nodownload-skipped'
  | 'index-error'
  | 'missing-on-mirror'
  | 'sdist-only'
  | 'no-distribution'
  | 'nodownload-missing'
  | 'mirror-out-of-sync'
  | 'stale-ignore'
  | 'blocking-ignore'
  | 'stale-filter'
  | 'justified-ignore'
  | 'directive-no-effect'
  | 'pin-drift';

export interface SuggestedChange {
  package: string;
  from: string | null;
  to: string | null;
}

export interface Suggestion {
  text: string;
  changes: SuggestedChange[];
}

export interface Finding {
  check: CheckId;
  code: FindingCode;
  severity: Severity;
  module: string;
  file: string;
  line: number | null;
  target: string | null;
  package: string | null;
  version: string | null;
  message: string;
  details: Record<string, unknown>;
  suggestion: Suggestion | null;
}

/** One cell of the module × target matrix for one check. */
export interface ResultRow {
  check: CheckId;
  module: string;
  file: string;
  target: string;
  status: ResultStatus;
}

export interface ReportTarget {
  id: string;
  python: string;
  platform: string;
}

export interface ReportPin {
  name: string;
  version: string | null;
  specifier: string;
  line: number;
  ignore: boolean;
  filter: string | null;
  nodownload: boolean;
}

export interface ReportFile {
  path: string;
  module: string;
  targets: string[];
  ignoreFile: boolean;
  pins: ReportPin[];
}

export interface Report {
  version: 1;
  tool: { name: 'pyup-checks'; version: string };
  checks: CheckId[];
  targets: ReportTarget[];
  files: ReportFile[];
  results: ResultRow[];
  findings: Finding[];
  summary: { errors: number; warnings: number; infos: number };
  /** What the run asked of the index (additive, optional: absent when no index was read). */
  stats?: ReportStats;
}

/** `report.stats`: requests by kind, so a regression in request counts is visible to users. */
export interface ReportStats {
  index: {
    /** Every HTTP exchange (retries and redirect hops included). */
    requests: number;
    pages: number;
    /** PEP 658 `.metadata` files. */
    metadataFiles: number;
    /** Range requests into wheels. */
    ranges: number;
    /** Whole files downloaded. */
    downloads: number;
    retries: number;
    timeouts: number;
    /** Answered from the cache with no request (fresh pages, cached metadata). */
    cacheHits: number;
    /** Conditional page requests, and those answered 304 Not Modified. */
    conditional: number;
    notModified: number;
    bytes: number;
  };
}
