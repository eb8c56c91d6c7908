/**
 * The terminal report: per check a module × target matrix (✓ pass, ✗ fail, ! could not
 * check, - skipped, · not checked on that target), then the findings grouped by file as
 * `path:line  severity  code  [targets]  message` with an indented `fix:` line, then one
 * summary line. Findings identical on every target of a file read "[all targets]".
 * ANSI colour only when asked (the caller decides from the TTY and NO_COLOR); widths are
 * measured before colouring, so alignment never depends on escape codes. Wide matrices
 * shorten target ids (with a legend) and then wrap into column blocks that fit `width`.
 * Infos are shown only when `verbose`; the summary still counts them.
 */
import type { Finding, Report, ResultStatus, Severity } from '../findings/index.js';
import { sortFindings } from '../findings/index.js';
import { collapseFindings, countsLine, location, reportFailed, targetsLabel } from './common.js';
import { abbreviateTargets, buildMatrices } from './matrix.js';
import type { Matrix } from './matrix.js';

export interface TextOptions {
  color?: boolean;
  width?: number;
  /** Include info-severity findings. */
  verbose?: boolean;
}

const SYMBOL: Record<ResultStatus, string> = { pass: '✓', fail: '✗', error: '!', skip: '-' };
const NOT_CHECKED = '·';
const STATUS_COLOR: Record<ResultStatus, string> = { pass: '32', fail: '31', error: '33', skip: '2' };
const SEVERITY_COLOR: Record<Severity, string> = { error: '31', warning: '33', info: '36' };
const GAP = '  ';

type Paint = (code: string, text: string) => string;

function painter(color: boolean): Paint {
  return color ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text;
}

// Display width; every symbol we print is one column wide, so code points are enough.
function width(text: string): number {
  return [...text].length;
}

function pad(text: string, n: number): string {
  return text + ' '.repeat(Math.max(0, n - width(text)));
}

function renderMatrix(m: Matrix, maxWidth: number, paint: Paint): string[] {
  let labelWidth = Math.max(width(m.check), ...m.rows.map((r) => width(r.label) + 2));
  // Full ids when they fit on one line; otherwise the shortened ones (with a legend below).
  const fullWidth = labelWidth + m.targets.reduce((sum, t) => sum + GAP.length + width(t), 0);
  const labels = fullWidth <= maxWidth ? [...m.targets] : abbreviateTargets(m.targets);
  const colWidths = labels.map((l) => Math.max(width(l), 1));
  // Greedy column blocks: as many columns as fit beside the row labels (at least one).
  const split = (lw: number): number[][] => {
    const out: number[][] = [];
    let current: number[] = [];
    let used = lw;
    colWidths.forEach((w, i) => {
      if (current.length > 0 && used + GAP.length + w > maxWidth) {
        out.push(current);
        current = [];
        used = lw;
      }
      current.push(i);
      used += GAP.length + w;
    });
    if (current.length > 0) out.push(current);
    return out;
  };
  let blocks = split(labelWidth);
  // Block titles ("compat (1/3)") may be wider than the row labels: make room, then split again.
  for (let pass = 0; pass < 3 && blocks.length > 1; pass++) {
    const needed = width(`${m.check} (${blocks.length}/${blocks.length})`);
    if (needed <= labelWidth) break;
    labelWidth = needed;
    blocks = split(labelWidth);
  }

  const lines: string[] = [];
  blocks.forEach((cols, b) => {
    if (b > 0) lines.push('');
    const title = blocks.length > 1 ? `${m.check} (${b + 1}/${blocks.length})` : m.check;
    lines.push(paint('1', pad(title, labelWidth)) + cols.map((i) => GAP + pad(labels[i] ?? '', colWidths[i] ?? 1)).join('').trimEnd());
    for (const row of m.rows) {
      const cells = cols.map((i) => {
        const cell = row.cells[i] ?? null;
        const symbol = cell === null ? NOT_CHECKED : SYMBOL[cell];
        const padded = pad(symbol, colWidths[i] ?? 1);
        return GAP + (cell === null ? padded : paint(STATUS_COLOR[cell], symbol) + padded.slice(symbol.length));
      });
      lines.push((pad(`  ${row.label}`, labelWidth) + cells.join('')).trimEnd());
    }
  });
  if (labels.some((l, i) => l !== m.targets[i])) {
    const entries = labels.map((l, i) => `${l} = ${m.targets[i] ?? ''}`);
    const joined = `  targets: ${entries.join(', ')}`;
    if (width(joined) <= maxWidth) lines.push(joined);
    else lines.push('  targets:', ...entries.map((e) => `    ${e}`));
  }
  return lines;
}

function renderFindings(report: Report, findings: Finding[], paint: Paint): string[] {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    const groups = collapseFindings(report, list);
    const module = list[0]?.module ?? '';
    lines.push('', paint('1', file) + paint('2', `  (module ${module})`));
    const locWidth = Math.max(...groups.map((g) => width(location(g.finding))));
    const codeWidth = Math.max(...groups.map((g) => width(g.finding.code)));
    for (const g of groups) {
      const f = g.finding;
      const sev = paint(SEVERITY_COLOR[f.severity], pad(f.severity, 7));
      const message = f.message.replace(/\n/g, '\n      ');
      lines.push(`  ${pad(location(f), locWidth)}  ${sev}  ${pad(f.code, codeWidth)}  [${targetsLabel(g.targets)}]  ${message}`);
      if (f.suggestion) lines.push(`      fix: ${f.suggestion.text}`);
    }
  }
  return lines;
}

/** The terminal report for `report`; ends with a newline. */
export function renderText(report: Report, opts: TextOptions = {}): string {
  const paint = painter(opts.color === true);
  const maxWidth = Math.max(opts.width ?? 80, 20);
  const lines: string[] = [];

  const matrices = buildMatrices(report);
  matrices.forEach((m, i) => {
    if (i > 0) lines.push('');
    lines.push(...renderMatrix(m, maxWidth, paint));
  });
  if (matrices.length > 0) {
    lines.push(paint('2', `  ${SYMBOL.pass} pass  ${SYMBOL.fail} fail  ${SYMBOL.error} could not check  ${SYMBOL.skip} skipped  ${NOT_CHECKED} not checked`));
  }

  const all = sortFindings(report.findings);
  const shown = opts.verbose ? all : all.filter((f) => f.severity !== 'info');
  lines.push(...renderFindings(report, shown, paint));
  const hidden = all.length - shown.length;
  if (hidden > 0) lines.push('', paint('2', `(${hidden} info${hidden === 1 ? '' : 's'} not shown; verbose output includes them)`));

  const failed = reportFailed(report);
  const unchecked = report.results.filter((r) => r.status === 'error').length;
  const note = unchecked > 0 ? `, ${unchecked} could not be checked` : '';
  const verdict = failed ? paint('1;31', 'pyup-checks: FAILED') : paint('1;32', 'pyup-checks: passed');
  lines.push('', `${countsLine(report)}${note} — ${verdict}`);
  return `${lines.join('\n').replace(/^\n+/, '')}\n`;
}
