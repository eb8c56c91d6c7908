/**
 * report.json (version 1, ../shared/CONTRACT.md): 2-space JSON with a trailing newline.
 * "Stable" means two equal reports give byte-identical files whatever order their objects
 * were built in: known objects are written with the contract's key order, free-form
 * `details` with sorted keys, findings in `sortFindings` order and result rows sorted by
 * check, module, file, target. That keeps artifacts diffable between runs.
 */
import type { Finding, Report, ReportFile, ResultRow } from '../findings/index.js';
import { sortFindings, sortResults } from '../findings/index.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Deep copy with object keys sorted, so free-form data serialises the same every time. */
function sortedKeys(value: unknown): Json {
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortedKeys(v);
    }
    return out;
  }
  return null; // undefined, functions, symbols: JSON has no such values
}

function file(f: ReportFile): Json {
  return {
    path: f.path,
    module: f.module,
    targets: [...f.targets],
    ignoreFile: f.ignoreFile,
    pins: f.pins.map((p) => ({
      name: p.name,
      version: p.version,
      specifier: p.specifier,
      line: p.line,
      ignore: p.ignore,
      filter: p.filter,
      nodownload: p.nodownload,
      marker: p.marker,
      extras: [...p.extras],
      hashes: [...p.hashes],
      source: p.source ? { file: p.source.file, line: p.source.line } : null,
    })),
  };
}

function result(r: ResultRow): Json {
  return { check: r.check, module: r.module, file: r.file, target: r.target, status: r.status };
}

function finding(f: Finding): Json {
  return {
    check: f.check,
    code: f.code,
    severity: f.severity,
    module: f.module,
    file: f.file,
    line: f.line,
    target: f.target,
    package: f.package,
    version: f.version,
    message: f.message,
    details: sortedKeys(f.details),
    suggestion: f.suggestion
      ? { text: f.suggestion.text, changes: f.suggestion.changes.map((c) => ({ package: c.package, from: c.from, to: c.to })) }
      : null,
  };
}

/** report.json text for `report`. */
export function renderJson(report: Report): string {
  const doc: Json = {
    version: report.version,
    tool: { name: report.tool.name, version: report.tool.version },
    checks: [...report.checks],
    targets: report.targets.map((t) => ({ id: t.id, python: t.python, platform: t.platform })),
    files: report.files.map(file),
    results: sortResults(report.results).map(result),
    findings: sortFindings(report.findings).map(finding),
    summary: { errors: report.summary.errors, warnings: report.summary.warnings, infos: report.summary.infos },
  };
  // Additive (report version stays 1): what the run asked of the index.
  if (report.stats) doc['stats'] = { index: { ...report.stats.index } };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
