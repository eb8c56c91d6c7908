/**
 * Check-run annotations (`github/customCheckRunAnnotations.json`; Taskcluster-GitHub passes the
 * JSON unmodified as `output.annotations`). Shape per GitHub's REST API "annotations" object:
 * path, start_line, end_line, annotation_level (failure | warning | notice), message (≤ 64 KB),
 * title (≤ 255 chars), raw_details (≤ 64 KB). GitHub accepts at most 50 annotations per request,
 * so the list comes back failures first and `batchAnnotations` cuts it into uploads; the first
 * batch alone is what a single artifact can carry.
 * A finding without a line is put on line 1 (GitHub requires a line). Findings identical on
 * several targets become one annotation naming the targets.
 */
import type { Report, Severity } from '../findings/index.js';
import { sortFindings } from '../findings/index.js';
import { collapseFindings, SEVERITY_RANK, targetsLabel, truncateBytes } from './common.js';

export interface GithubAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  message: string;
  title: string;
  raw_details?: string;
}

export interface GithubAnnotationOptions {
  /** Annotations per upload (GitHub's limit is 50). Advisory: the whole list is returned, ordered
   * so that the first batch carries the failures; cut it with `batchAnnotations`. */
  max?: number;
}

const LEVEL: Record<Severity, GithubAnnotation['annotation_level']> = { error: 'failure', warning: 'warning', info: 'notice' };
// GitHub documents 64 KB; one byte under keeps us clear of any off-by-one on their side.
const MAX_TEXT_BYTES = 65535;
const MAX_TITLE_CHARS = 255;

function truncateChars(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** One annotation per finding (merged across targets), failures first, then by path and line. */
export function renderGithubAnnotations(report: Report, _opts: GithubAnnotationOptions = {}): GithubAnnotation[] {
  const groups = collapseFindings(report, sortFindings(report.findings));
  const ranked = groups
    .map((g, order) => ({ g, order }))
    .sort((a, b) => SEVERITY_RANK[a.g.finding.severity] - SEVERITY_RANK[b.g.finding.severity] || a.order - b.order);
  return ranked.map(({ g }) => {
    const f = g.finding;
    const line = f.line ?? 1;
    const pin = f.package ? `: ${f.package}${f.version ? `==${f.version}` : ''}` : '';
    const targets = targetsLabel(g.targets);
    const parts = [f.message, `Targets: ${targets}`];
    if (f.suggestion) parts.push(`Fix: ${f.suggestion.text}`);
    const annotation: GithubAnnotation = {
      path: f.file,
      start_line: line,
      end_line: line,
      annotation_level: LEVEL[f.severity],
      message: truncateBytes(parts.join('\n'), MAX_TEXT_BYTES),
      title: truncateChars(`${f.check} ${f.code}${pin} [${targets}]`, MAX_TITLE_CHARS),
    };
    const hasDetails = Object.keys(f.details).length > 0 || (f.suggestion?.changes.length ?? 0) > 0;
    if (hasDetails) {
      const raw = JSON.stringify({ details: f.details, changes: f.suggestion?.changes ?? [] }, null, 2);
      annotation.raw_details = truncateBytes(raw, MAX_TEXT_BYTES);
    }
    return annotation;
  });
}

/** Splits annotations into uploads of at most `max` (default 50, GitHub's per-request limit). */
export function batchAnnotations(annotations: readonly GithubAnnotation[], max = 50): GithubAnnotation[][] {
  const size = Math.max(1, Math.floor(max));
  const out: GithubAnnotation[][] = [];
  for (let i = 0; i < annotations.length; i += size) out.push(annotations.slice(i, i + size));
  return out;
}
