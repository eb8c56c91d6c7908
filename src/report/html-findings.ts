/**
 * report.html's findings: grouped by file (files with errors first, errors first within a file), each finding once however
 * many targets it reads the same on (collapseFindings), with its line (a link to the line in the
 * checked revision when the source is known), severity as a word, check/code, package, targets,
 * the pip-worded message, the fix, and `details` folded in <details>. Each entry carries
 * data-check/sev/module/targets for the inline filters; the filter form lists the values present.
 */
import type { CheckId, Finding, Report, Severity } from '../findings/index.js';
import { sortFindings } from '../findings/index.js';
import { collapseFindings, fileTargets, reportChecks, SEVERITY_RANK } from './common.js';
import type { FindingGroup } from './common.js';
import { esc, lineUrl, plural } from './html-escape.js';
import type { HtmlSource } from './html-escape.js';
import type { FindingAnchors } from './html-matrix.js';
import { compareText } from '../order/index.js';

const SEV_SYMBOL: Record<Severity, string> = { error: '✗', warning: '▲', info: 'i' };

interface FileFindings {
  path: string;
  module: string;
  groups: FindingGroup[];
  counts: Record<Severity, number>;
}

/** The page's findings, laid out once: sections and the anchors the matrix links to. */
export interface FindingsLayout {
  files: FileFindings[];
  anchors: FindingAnchors;
  /** Anchor id of each group, in `files` order. */
  groupIds: Map<FindingGroup, string>;
  /** Anchor ids to place inside a group: the first group of each (check, file, target). */
  cellAnchors: Map<FindingGroup, string[]>;
  /** The targets each group covers, spelled out ('all' → the file's targets). */
  groupTargets: Map<FindingGroup, string[]>;
}

export function layoutFindings(report: Report): FindingsLayout {
  const byFile = new Map<string, Finding[]>();
  for (const f of sortFindings(report.findings)) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  const worst = (list: Finding[]): number => Math.min(...list.map((f) => SEVERITY_RANK[f.severity]));
  const ordered = [...byFile].sort(([a, la], [b, lb]) => worst(la) - worst(lb) || compareText(a, b));
  const files: FileFindings[] = [];
  const fileIds = new Map<string, string>();
  const cellIds = new Map<string, string>();
  const groupIds = new Map<FindingGroup, string>();
  const cellAnchors = new Map<FindingGroup, string[]>();
  const groupTargets = new Map<FindingGroup, string[]>();
  let g = 0;
  for (const [path, list] of ordered) {
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const f of list) counts[f.severity]++;
    // Errors first within a file, then by line (collapseFindings keeps the line order; sort is stable).
    const groups = collapseFindings(report, list).sort((a, b) => SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity]);
    const fileId = `f${files.length}`;
    fileIds.set(path, fileId);
    const all = fileTargets(report, path);
    for (const group of groups) {
      const id = `g${g++}`;
      groupIds.set(group, id);
      const targets = group.targets === 'all' ? all : group.targets;
      groupTargets.set(group, targets);
      for (const target of targets) {
        const key = JSON.stringify([group.finding.check, path, target]);
        if (cellIds.has(key) || group.finding.severity !== 'error') continue;
        const cellId = `c${cellIds.size}`;
        cellIds.set(key, cellId);
        cellAnchors.set(group, [...(cellAnchors.get(group) ?? []), cellId]);
      }
    }
    files.push({ path, module: list[0]?.module ?? '', groups, counts });
  }
  const anchors: FindingAnchors = {
    fileId: (path) => fileIds.get(path) ?? null,
    cellId: (check: CheckId, path, target) => cellIds.get(JSON.stringify([check, path, target])) ?? null,
  };
  return { files, anchors, groupIds, cellAnchors, groupTargets };
}

function groupHtml(group: FindingGroup, targets: string[], id: string, cellIds: string[], source: HtmlSource | null): string {
  const f = group.finding;
  const url = lineUrl(source, f.file, f.line);
  const lineText = f.line === null ? 'file' : `line ${f.line}`;
  const line = url === null ? `<span class="mono">${lineText}</span>` : `<a class="mono" href="${esc(url)}" rel="noreferrer noopener">${lineText}</a>`;
  const pkg = f.package === null ? '' : `<span class="mono">${esc(f.package)}${f.version === null ? '' : ` ${esc(f.version)}`}</span>`;
  const where = group.targets === 'all' ? `all targets (${targets.length})` : targets.join(', ');
  const fix = f.suggestion ? `<p class="fix"><b>Fix:</b> ${esc(f.suggestion.text)}</p>` : '';
  const detailKeys = Object.keys(f.details);
  const details = detailKeys.length > 0 ? `<details><summary>details (${esc(detailKeys.join(', '))})</summary><pre>${esc(JSON.stringify(f.details, null, 2))}</pre></details>` : '';
  const marks = cellIds.map((c) => `<span id="${c}"></span>`).join('');
  return (
    `<li class="finding sev-${f.severity}" id="${id}" data-check="${esc(f.check)}" data-sev="${f.severity}" data-module="${esc(f.module)}" data-targets="${esc(targets.join(' '))}">${marks}` +
    `<div class="fhead">${line}<span class="sev">${SEV_SYMBOL[f.severity]} ${f.severity}</span><code>${esc(f.check)}/${esc(f.code)}</code>${pkg}<span class="tg">${esc(where)}</span></div>` +
    `<p class="msg">${esc(f.message)}</p>${fix}${details}</li>`
  );
}

function severityCounts(c: Record<Severity, number>): string {
  return [c.error > 0 ? plural(c.error, 'error') : '', c.warning > 0 ? plural(c.warning, 'warning') : '', c.info > 0 ? plural(c.info, 'info') : ''].filter(Boolean).join(', ');
}

function option(value: string, label: string = value): string {
  return `<option value="${esc(value)}">${esc(label)}</option>`;
}

/** The filter form (hidden until the inline script shows it). */
export function filtersHtml(report: Report): string {
  const modules = [...new Set(report.findings.map((f) => f.module))].sort();
  const targets = report.targets.map((t) => t.id);
  const select = (name: string, label: string, values: string[]): string =>
    `<label>${label} <select name="${name}">${option('', 'all')}${values.map((v) => option(v)).join('')}</select></label>`;
  return (
    `<form class="filters" id="filters" hidden>` +
    select('check', 'check', reportChecks(report)) +
    select('severity', 'severity', ['error', 'warning', 'info']) +
    select('module', 'module', modules) +
    select('target', 'target', targets) +
    `<button type="reset">clear</button><span class="counts" id="shown"></span></form>`
  );
}

/** The findings section's body: the filters, then one section per file. */
export function findingsHtml(report: Report, layout: FindingsLayout, source: HtmlSource | null): string {
  if (layout.files.length === 0) return '<p class="empty">No findings.</p>';
  const parts: string[] = [filtersHtml(report)];
  for (const file of layout.files) {
    const url = lineUrl(source, file.path, null);
    const name = url === null ? `<code>${esc(file.path)}</code>` : `<a href="${esc(url)}" rel="noreferrer noopener"><code>${esc(file.path)}</code></a>`;
    parts.push(
      `<section class="file" id="${layout.anchors.fileId(file.path) ?? ''}" data-module="${esc(file.module)}"><h3>${name} <span class="counts">module ${esc(file.module)} · ${esc(severityCounts(file.counts))}</span></h3><ol class="findings">`,
    );
    for (const group of file.groups) parts.push(groupHtml(group, layout.groupTargets.get(group) ?? [], layout.groupIds.get(group) ?? '', layout.cellAnchors.get(group) ?? [], source));
    parts.push('</ol></section>');
  }
  return parts.join('');
}
