/** Findings and the report.json v1 model, with pure builders. */
export type {
  CheckId,
  Finding,
  FindingCode,
  Report,
  ReportFile,
  ReportPin,
  ReportTarget,
  ResultRow,
  ResultStatus,
  Severity,
  SuggestedChange,
  Suggestion,
} from './types.js';
export { buildReport, cellStatus, exitCodeFor, sortFindings, sortResults, summarize } from './report.js';
export type { ReportParts } from './report.js';
export { mergeReports } from './merge.js';
export { parseReport, ReportParseError } from './parse.js';
