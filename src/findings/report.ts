/** Pure builders over findings: ordering, summaries and the report object. */
import type { CheckId, Finding, Report, ReportFile, ReportTarget, ResultRow, ResultStatus, Severity } from './types.js';
import { compareText } from '../order/index.js';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable order for humans and diffs: file, line, severity, check, target, package. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      compareText(a.check, b.check) ||
      compareText(a.target ?? '', b.target ?? '') ||
      compareText(a.package ?? '', b.package ?? '') ||
      compareText(a.code, b.code),
  );
}

/** Stable order of matrix rows: check, module, file, target. */
export function sortResults(results: readonly ResultRow[]): ResultRow[] {
  return [...results].sort(
    (a, b) => compareText(a.check, b.check) || compareText(a.module, b.module) || compareText(a.file, b.file) || compareText(a.target, b.target),
  );
}

export function summarize(findings: readonly Finding[]): Report['summary'] {
  const summary = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === 'error') summary.errors++;
    else if (f.severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  return summary;
}

/**
 * The status of a matrix cell from the findings that fall in it: error findings fail it; an
 * `index-error` (something the index failed to deliver, which a conclusion needed) makes it `error`
 * (exit 3) whichever check raised it, so no check can report one on a passing or failing cell.
 */
export function cellStatus(findings: readonly Finding[], couldNotCheck: boolean): ResultStatus {
  if (couldNotCheck || findings.some((f) => f.code === 'index-error')) return 'error';
  return findings.some((f) => f.severity === 'error') ? 'fail' : 'pass';
}

export interface ReportParts {
  toolVersion: string;
  checks: CheckId[];
  targets: ReportTarget[];
  files: ReportFile[];
  results: ResultRow[];
  findings: Finding[];
}

export function buildReport(parts: ReportParts): Report {
  const findings = sortFindings(parts.findings);
  return {
    version: 1,
    tool: { name: 'pyup-checks', version: parts.toolVersion },
    checks: parts.checks,
    targets: parts.targets,
    files: parts.files,
    results: sortResults(parts.results),
    findings,
    summary: summarize(findings),
  };
}

/**
 * The one exit rule (CONTRACT.md): 3 when something could not be checked, else 1 when anything
 * failed, else 0. The checks, the brief and `results` differ only in what they count as each.
 */
export function exitStatus(outcome: { incomplete: boolean; failed: boolean }): 0 | 1 | 3 {
  if (outcome.incomplete) return 3;
  return outcome.failed ? 1 : 0;
}

/** Exit status of a report: incomplete when a cell could not be checked, failed on error findings. */
export function exitCodeFor(report: Report): 0 | 1 | 3 {
  return exitStatus({ incomplete: report.results.some((r) => r.status === 'error'), failed: report.summary.errors > 0 });
}
