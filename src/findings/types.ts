/**
 * Findings and the report model (report.json version 1, ../shared/CONTRACT.md).
 * Every finding names a file, a line, a target (null when it holds for every target) and a fix.
 */

import type { CheckId, CheckOf, DetailsOf, FindingCode, Severity, SeverityOf } from './codes.js';

export type { CheckId, DetailsOf, FindingCode, Severity } from './codes.js';
export type ResultStatus = 'pass' | 'fail' | 'error' | 'skip';

export interface SuggestedChange {
  package: string;
  from: string | null;
  to: string | null;
}

export interface Suggestion {
  text: string;
  changes: SuggestedChange[];
}

interface FindingFields {
  module: string;
  file: string;
  line: number | null;
  target: string | null;
  package: string | null;
  version: string | null;
  message: string;
  suggestion: Suggestion | null;
}

/** A finding of code C: its check, severity and details are the ones the codes table gives C. */
export type FindingOf<C extends FindingCode> = {
  [K in C]: FindingFields & { check: CheckOf<K>; code: K; severity: SeverityOf<K>; details: DetailsOf<K> };
}[C];

/** The code-specific part of a finding (code, severity, details), for producers' helpers. */
export type FindingPart<C extends FindingCode = FindingCode> = {
  [K in C]: { code: K; severity: SeverityOf<K>; details: DetailsOf<K> };
}[C];

/** Any finding: a union over the codes, so `f.code === 'conflict'` narrows `f.details`. */
export type Finding = FindingOf<FindingCode>;

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
  /** The marker as packaging prints it, or null. */
  marker: string | null;
  /** Sorted. */
  extras: string[];
  /** `--hash` values as `"<alg>:<hex>"`, in file order. */
  hashes: string[];
  /** `{file, line}` when the pin was read through a `-r`/`-c` include, else null. */
  source: { file: string; line: number } | null;
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
    /** Every HTTP exchange (retries, redirect hops and answers set aside for the byte budget included). */
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
    /**
     * Answers set aside, body unread, to wait for the byte budget (memory) or the spool budget (disk),
     * each sent again (so counted in `requests` too); absent from reports written before it was counted.
     */
    setAside?: number;
    /** Answered from the cache with no request (fresh pages, cached metadata). */
    cacheHits: number;
    /** Conditional page requests, and those answered 304 Not Modified. */
    conditional: number;
    notModified: number;
    bytes: number;
  };
}
