/**
 * Helpers shared by the renderers: which targets a file is checked on, merging a finding that
 * is identical on several targets into one entry, and wording (plurals, the verdict line).
 * Every renderer reads the same `Report` (report.json v1), so these stay pure and small.
 */
import type { CheckId, Finding, Report, Severity } from '../findings/index.js';

/** A finding that reads the same on several targets, shown once. `targets: 'all'` when it covers the file's targets. */
export interface FindingGroup {
  finding: Finding;
  targets: string[] | 'all';
  members: Finding[];
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The targets a file is checked on: its own list, else those its results name, else the report's. */
export function fileTargets(report: Report, path: string): string[] {
  const file = report.files.find((f) => f.path === path);
  if (file && file.targets.length > 0) return file.targets;
  const fromResults = [...new Set(report.results.filter((r) => r.file === path).map((r) => r.target))];
  if (fromResults.length > 0) return fromResults;
  return report.targets.map((t) => t.id);
}

/** The checks a report covers, in its declared order, plus any that only its rows or findings name. */
export function reportChecks(report: Report): CheckId[] {
  const out: CheckId[] = [...report.checks];
  for (const c of [...report.results.map((r) => r.check), ...report.findings.map((f) => f.check)]) {
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

// What makes two findings "the same" apart from their target; details may carry per-target
// noise (resolved tag lists, …) that a reader does not need repeated, so they are left out.
function sameKey(f: Finding): string {
  return JSON.stringify([f.check, f.code, f.severity, f.file, f.line, f.package, f.version, f.message, f.suggestion?.text ?? null]);
}

/** Merges findings that are identical on several targets, keeping the order of first appearance. */
export function collapseFindings(report: Report, findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = sameKey(f);
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const out: FindingGroup[] = [];
  for (const members of groups.values()) {
    const first = members[0];
    if (!first) continue;
    const targets = [...new Set(members.map((m) => m.target))];
    let covered: string[] | 'all';
    if (targets.includes(null)) covered = 'all';
    else {
      const named = targets.filter((t): t is string => t !== null).sort();
      const all = fileTargets(report, first.file);
      // One target is named rather than called "all": the id says more than the word.
      covered = all.length > 1 && all.every((t) => named.includes(t)) ? 'all' : named;
    }
    out.push({ finding: first, targets: covered, members });
  }
  return out;
}

export function targetsLabel(targets: string[] | 'all'): string {
  return targets === 'all' ? 'all targets' : targets.join(', ');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** True when the run must not pass: error findings, or a cell that could not be checked. */
export function reportFailed(report: Report): boolean {
  return report.summary.errors > 0 || report.results.some((r) => r.status === 'error');
}

/** "2 errors, 1 warning, 3 infos in 4 files × 2 targets" */
export function countsLine(report: Report): string {
  const { errors, warnings, infos } = report.summary;
  return (
    `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')} ` +
    `in ${plural(report.files.length, 'file')} × ${plural(report.targets.length, 'target')}`
  );
}

/** A finding's location as `path:line`, or the bare path for file-level findings. */
export function location(f: Pick<Finding, 'file' | 'line'>): string {
  return f.line === null ? f.file : `${f.file}:${f.line}`;
}

/** Collapses whitespace runs (newlines included) so a message fits one log line or table cell. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cuts a string to at most `maxBytes` UTF-8 bytes on a code point boundary, marking the cut with "…". */
export function truncateBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const ellipsis = '…';
  return bytePrefix(text, maxBytes - Buffer.byteLength(ellipsis, 'utf8')) + ellipsis;
}

/** The longest prefix of `text` within `maxBytes` of UTF-8, never splitting a character. */
export function bytePrefix(text: string, maxBytes: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (used + size > maxBytes) break;
    out += ch;
    used += size;
  }
  return out;
}
