/**
 * Several reports as one: a Taskcluster group runs one task per check × python, each with its own
 * report.json, and `results --html` shows them on one page. Checks keep the order of first
 * appearance, targets and files are joined by id/path (a file's targets are the union), result
 * rows and findings identical in two reports are kept once, and the summary is recounted.
 */
import { buildReport, summarize } from './report.js';
import type { CheckId, Report, ReportFile, ReportTarget } from './types.js';
import { compareText } from '../order/index.js';

const key = (value: unknown): string => JSON.stringify(value);

/** One report holding every check, target, file, result row and finding of `reports`. */
export function mergeReports(reports: readonly Report[]): Report {
  const checks: CheckId[] = [];
  const targets = new Map<string, ReportTarget>();
  const files = new Map<string, ReportFile>();
  const results = new Map<string, Report['results'][number]>();
  const findings = new Map<string, Report['findings'][number]>();
  for (const r of reports) {
    for (const c of r.checks) if (!checks.includes(c)) checks.push(c);
    for (const t of r.targets) if (!targets.has(t.id)) targets.set(t.id, t);
    for (const f of r.files) {
      const known = files.get(f.path);
      if (!known) files.set(f.path, { ...f, targets: [...f.targets] });
      else for (const t of f.targets) if (!known.targets.includes(t)) known.targets.push(t);
    }
    for (const row of r.results) results.set(key([row.check, row.module, row.file, row.target]), row);
    for (const f of r.findings) findings.set(key(f), f);
  }
  const merged = buildReport({
    toolVersion: reports[0]?.tool.version ?? '0.0.0',
    checks,
    targets: [...targets.values()],
    files: [...files.values()].sort((a, b) => compareText(a.path, b.path)),
    results: [...results.values()],
    findings: [...findings.values()],
  });
  return { ...merged, summary: summarize(merged.findings) };
}
