/** Findings and the report.json v1 model, with pure builders. */
export type {
  CheckId,
  DetailsOf,
  Finding,
  FindingCode,
  FindingOf,
  FindingPart,
  Report,
  ReportFile,
  ReportPin,
  ReportStats,
  ReportTarget,
  ResultRow,
  ResultStatus,
  Severity,
  SuggestedChange,
  Suggestion,
} from './types.js';
export { buildReport, cellStatus, exitCodeFor, exitStatus, sortFindings, sortResults, summarize } from './report.js';
export type { ReportParts } from './report.js';
export { CHECK_IDS, CODES, FINDING_CODES, SEVERITIES, codesOf, codesTable, meaningOf } from './codes.js';
export type { CheckOf, CodeOf, SeverityOf } from './codes.js';
export { FindingSchema, ReportParseError, ReportSchema, parseReport } from './schema.js';
export { mergeReports } from './merge.js';
