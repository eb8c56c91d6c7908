/** Findings and the report.json v1 model, with pure builders. */
export type {
  CheckId,
  Finding,
  FindingCode,
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
export { buildReport, cellStatus, exitCodeFor, sortFindings, sortResults, summarize } from './report.js';
export type { ReportParts } from './report.js';
