/**
 * report.html's matrices: per check, modules (one row per file when a module has several) ×
 * targets, one cell per result row. Each cell carries its status as a symbol and a word as well as
 * a colour (the legend never relies on colour alone); a failing cell (fail / error) links to its
 * first finding on that file and target, else to the file's findings. Counts per check: cells by
 * status and findings by severity.
 */
import type { CheckId, Report, ResultStatus } from '../findings/index.js';
import { esc, plural } from './html-escape.js';
import { abbreviateTargets, buildMatrices } from './matrix.js';
import type { Matrix } from './matrix.js';

export type CellStatus = ResultStatus | 'none';

export const STATUS_MARK: Record<CellStatus, { symbol: string; word: string; meaning: string }> = {
  pass: { symbol: '✓', word: 'pass', meaning: 'checked, no error' },
  fail: { symbol: '✗', word: 'fail', meaning: 'error findings' },
  error: { symbol: '!', word: 'error', meaning: 'could not be checked' },
  skip: { symbol: '–', word: 'skip', meaning: 'skipped (see the run log)' },
  none: { symbol: '·', word: 'n/a', meaning: 'not checked on this target' },
};

/** Where findings live on the page: file sections and, per (check, file, target), the first finding's anchor. */
export interface FindingAnchors {
  fileId: (path: string) => string | null;
  cellId: (check: CheckId, path: string, target: string) => string | null;
}

function cellHtml(status: CellStatus, link: { href: string; check: string; module: string; target: string } | null): string {
  const m = STATUS_MARK[status];
  const inner = `${m.symbol} ${m.word}`;
  const body = link
    ? `<a href="${esc(link.href)}" data-check="${esc(link.check)}" data-module="${esc(link.module)}" data-target="${esc(link.target)}">${inner}</a>`
    : inner;
  return `<td class="st st-${status}" data-status="${status}" title="${esc(m.meaning)}">${body}</td>`;
}

function countsLine(report: Report, check: CheckId): string {
  const byStatus: Record<ResultStatus, number> = { pass: 0, fail: 0, error: 0, skip: 0 };
  for (const r of report.results) if (r.check === check) byStatus[r.status]++;
  const sev = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) if (f.check === check) sev[f.severity]++;
  const cells = (Object.keys(byStatus) as ResultStatus[]).filter((s) => byStatus[s] > 0).map((s) => `${byStatus[s]} ${s}`);
  return `${cells.join(', ')} · ${plural(sev.error, 'error')}, ${plural(sev.warning, 'warning')}, ${plural(sev.info, 'info')}`;
}

/** Column labels: the target ids, shortened when there are many (the key spells them out). */
function columnLabels(m: Matrix): string[] {
  return m.targets.length > 3 ? abbreviateTargets(m.targets) : [...m.targets];
}

function columnKey(m: Matrix): string {
  const labels = columnLabels(m);
  if (!labels.some((l, i) => l !== m.targets[i])) return '';
  return `<p class="meta">columns: ${labels.map((l, i) => `<span><b>${esc(l)}</b> = <code>${esc(m.targets[i] ?? '')}</code></span>`).join('')}</p>`;
}

function matrixTable(report: Report, m: Matrix, anchors: FindingAnchors, key: string): string {
  const labels = columnLabels(m);
  // A module row (one file) still needs its file for links: the only file its rows name.
  const fileOf = new Map<string, string>();
  for (const r of report.results) if (r.check === m.check && !fileOf.has(r.module)) fileOf.set(r.module, r.file);
  const head = m.targets.map((t, i) => `<th scope="col" data-target="${esc(t)}" title="${esc(t)}">${esc(labels[i] ?? t)}</th>`).join('');
  const body = m.rows.map((row) => {
    const file = row.file ?? fileOf.get(row.module) ?? '';
    const cells = row.cells.map((c, i) => {
      const target = m.targets[i] ?? '';
      if (c === null) return cellHtml('none', null);
      if (c !== 'fail' && c !== 'error') return cellHtml(c, null);
      const id = anchors.cellId(m.check, file, target) ?? anchors.fileId(file);
      return cellHtml(c, id === null ? null : { href: `#${id}`, check: m.check, module: row.module, target });
    });
    return `<tr data-file="${esc(file)}" data-module="${esc(row.module)}"><th scope="row">${esc(row.label)}</th>${cells.join('')}</tr>`;
  });
  return (
    `<section class="check" id="matrix-${esc(m.check)}" data-check="${esc(m.check)}"><h3>${esc(m.check)} <span class="counts">${esc(countsLine(report, m.check))}</span></h3>` +
    `<div class="scroll"><table class="matrix"><thead><tr><th scope="col">module</th>${head}</tr></thead><tbody>${body.join('')}</tbody></table></div>${key}</section>`
  );
}

/** The legend: each status as its symbol, word and colour, with what it means. */
export function legendHtml(): string {
  const items = (Object.keys(STATUS_MARK) as CellStatus[]).map(
    (s) => `<span><span class="st st-${s}">${STATUS_MARK[s].symbol} ${STATUS_MARK[s].word}</span> ${esc(STATUS_MARK[s].meaning)}</span>`,
  );
  return `<div class="legend">${items.join('')}</div>`;
}

/** Every check's matrix, with the legend; an empty note when the report has no result rows. */
export function matricesHtml(report: Report, anchors: FindingAnchors): string {
  const matrices = buildMatrices(report);
  if (matrices.length === 0) return '<p class="empty">No result rows: nothing was checked on a target (inventory only).</p>';
  // Side by side when they fit (a module reads across checks); one column key when they share it.
  const keys = matrices.map(columnKey);
  const shared = keys.every((k) => k === keys[0]) ? (keys[0] ?? '') : null;
  const tables = matrices.map((m, i) => matrixTable(report, m, anchors, shared === null ? (keys[i] ?? '') : ''));
  return `${legendHtml()}${shared ?? ''}<div class="matrices">${tables.join('')}</div>`;
}
