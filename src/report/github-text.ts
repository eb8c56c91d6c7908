/**
 * Markdown for a check run's details (`github/customCheckRunText.md`, which Taskcluster-GitHub
 * copies into the check run's `output.text`). GitHub rejects texts over 65,535 characters, so
 * the text is built in units — title and matrices first, then one table row per finding
 * (findings identical across targets merged) — and stops at the last unit that fits, ending with
 * "… N more findings: see report.json / junit.xml". The budget is counted in UTF-8 bytes, which
 * is never less than GitHub's character count, so the cut is always on the safe side.
 * Files with errors come first so a truncated text still shows what breaks the build.
 */
import type { Finding, Report, ResultStatus, Severity } from '../findings/index.js';
import { sortFindings } from '../findings/index.js';
import { collapseFindings, countsLine, reportFailed, SEVERITY_RANK, targetsLabel, truncateBytes } from './common.js';
import { abbreviateTargets, buildMatrices } from './matrix.js';
import type { Matrix } from './matrix.js';
import { compareText } from '../order/index.js';

export interface GithubTextOptions {
  /** Byte budget for the whole text; GitHub's limit is 65,535. */
  maxBytes?: number;
  /** First line(s) of the text; defaults to "## pyup-checks". */
  header?: string;
  /** Links to the run's artifacts (report.html first), on one line under the verdict. */
  links?: ReadonlyArray<{ label: string; url: string }>;
}

const CELL: Record<ResultStatus, string> = { pass: '✅', fail: '❌', error: '⚠️', skip: '⏭️' };
const SEVERITY_ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Makes text safe inside one Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function matrixTable(m: Matrix): string {
  // A few full ids read best; past that the table gets wider than the check-run pane.
  const labels = m.targets.length > 4 ? abbreviateTargets(m.targets) : [...m.targets];
  const lines = [
    `### ${m.check}`,
    '',
    `| module | ${labels.map(cell).join(' | ')} |`,
    `|---|${labels.map(() => ':-:').join('|')}|`,
    ...m.rows.map((r) => `| ${cell(r.label)} | ${r.cells.map((c) => (c === null ? '·' : CELL[c])).join(' | ')} |`),
  ];
  if (labels.some((l, i) => l !== m.targets[i])) {
    lines.push('', `<sub>targets: ${labels.map((l, i) => `${cell(l)} = \`${m.targets[i] ?? ''}\``).join(', ')}</sub>`);
  }
  return `${lines.join('\n')}\n`;
}

interface Unit {
  text: string;
  findings: number;
}

function findingUnits(report: Report): Unit[] {
  const byFile = new Map<string, Finding[]>();
  for (const f of sortFindings(report.findings)) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  const worst = (list: Finding[]): number => Math.min(...list.map((f) => SEVERITY_RANK[f.severity]));
  const files = [...byFile].sort(([a, la], [b, lb]) => worst(la) - worst(lb) || compareText(a, b));
  const units: Unit[] = [];
  for (const [file, list] of files) {
    const head = `\n#### \`${file}\` (module ${list[0]?.module ?? ''})\n\n| line | severity | code | targets | message | fix |\n|--:|---|---|---|---|---|\n`;
    collapseFindings(report, list).forEach((g, i) => {
      const f = g.finding;
      const row =
        `| ${f.line ?? ''} | ${SEVERITY_ICON[f.severity]} ${f.severity} | \`${f.check}/${f.code}\` | ${cell(targetsLabel(g.targets))} ` +
        `| ${cell(f.message)} | ${f.suggestion ? cell(f.suggestion.text) : ''} |\n`;
      units.push({ text: i === 0 ? head + row : row, findings: g.members.length });
    });
  }
  return units;
}

const moreNote = (n: number): string => `\n… ${n} more finding${n === 1 ? '' : 's'}: see report.json / junit.xml\n`;

/** Check-run text for `report`, at most `maxBytes` UTF-8 bytes. */
export function renderGithubCheckText(report: Report, opts: GithubTextOptions = {}): string {
  const maxBytes = opts.maxBytes ?? 65535;
  const verdict = reportFailed(report) ? '**FAILED**' : '**passed**';
  let out = `${opts.header ?? '## pyup-checks'}\n\n${verdict}: ${countsLine(report)}\n`;
  if (opts.links && opts.links.length > 0) out += `\n${opts.links.map((l) => `[${cell(l.label)}](${l.url.replace(/[()\s]/g, encodeURIComponent)})`).join(' · ')}\n`;
  const total = report.findings.length;
  // Room for the note at its longest, so adding it can never break the budget.
  const reserve = bytes(moreNote(total));

  const matrices = buildMatrices(report).map(matrixTable);
  const legend = `\n<sub>${CELL.pass} pass · ${CELL.fail} fail · ${CELL.error} could not check · ${CELL.skip} skipped · · not checked</sub>\n`;
  const matrixText = matrices.length > 0 ? `\n${matrices.join('\n')}${legend}` : '';
  if (bytes(out + matrixText) + reserve <= maxBytes) out += matrixText;
  else if (matrices.length > 0) out += '\n_The matrix is too large for this text: see report.json / junit.xml._\n';

  const units = findingUnits(report);
  if (units.length > 0) out += '\n### Findings\n';
  let shown = 0;
  for (const [i, unit] of units.entries()) {
    const last = i === units.length - 1;
    if (bytes(out + unit.text) + (last ? 0 : reserve) > maxBytes) break;
    out += unit.text;
    shown += unit.findings;
  }
  if (shown < total) out += moreNote(total - shown);
  // A no-op unless the budget is smaller than the title itself: then cut hard rather than overflow.
  return truncateBytes(out, maxBytes);
}
