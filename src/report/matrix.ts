/**
 * The module × target matrix of one check, built from the report's result rows.
 * Rows are modules; a module with several requirement files gets one row per file
 * ("module/basename"), since their cells can differ. Columns are targets in the report's
 * order. A missing cell (null) means the file is not checked on that target.
 * Target ids such as `py3.6-linux-x86_64` are long and mostly shared; `abbreviateTargets`
 * drops the dash-separated parts every column has in common, so narrow terminals and
 * GitHub tables stay readable (the renderers print a legend when they do).
 */
import type { CheckId, Report, ResultStatus } from '../findings/index.js';
import { reportChecks } from './common.js';
import { compareText } from '../order/index.js';

export interface MatrixRow {
  label: string;
  module: string;
  /** The file of this row when the module has several, else null (the row is the module). */
  file: string | null;
  cells: (ResultStatus | null)[];
}

export interface Matrix {
  check: CheckId;
  targets: string[];
  rows: MatrixRow[];
}

// When a module's files disagree on a target the row shows the worst of them.
const WORST: Record<ResultStatus, number> = { error: 3, fail: 2, pass: 1, skip: 0 };

function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? path : path.slice(i + 1);
}

/** One matrix per check that has result rows, in the report's check order. */
export function buildMatrices(report: Report): Matrix[] {
  const order = new Map(report.targets.map((t, i) => [t.id, i]));
  const out: Matrix[] = [];
  for (const check of reportChecks(report)) {
    const rows = report.results.filter((r) => r.check === check);
    if (rows.length === 0) continue;
    const targets = [...new Set(rows.map((r) => r.target))].sort(
      (a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || compareText(a, b),
    );
    const filesByModule = new Map<string, Set<string>>();
    // Rows by module, so a cell looks only at its module's rows (200 modules × 6 targets stay linear).
    const byModule = new Map<string, typeof rows>();
    for (const r of rows) {
      const own = byModule.get(r.module);
      if (own) own.push(r);
      else byModule.set(r.module, [r]);
    }
    for (const r of rows) {
      const set = filesByModule.get(r.module) ?? new Set<string>();
      set.add(r.file);
      filesByModule.set(r.module, set);
    }
    const matrixRows: MatrixRow[] = [];
    for (const module of [...filesByModule.keys()].sort()) {
      const files = [...(filesByModule.get(module) ?? [])].sort();
      const split = files.length > 1;
      for (const file of split ? files : [null]) {
        const own = byModule.get(module) ?? [];
        const cells = targets.map((target) => {
          let cell: ResultStatus | null = null;
          for (const r of own) {
            if (r.target !== target || (file !== null && r.file !== file)) continue;
            if (cell === null || WORST[r.status] > WORST[cell]) cell = r.status;
          }
          return cell;
        });
        matrixRows.push({ label: file === null ? module : `${module}/${basename(file)}`, module, file, cells });
      }
    }
    out.push({ check, targets, rows: matrixRows });
  }
  return out;
}

/**
 * Short column labels: the longest common leading and trailing dash-separated parts are
 * dropped (at least one part always stays). Returns the ids unchanged when nothing is shared
 * or when shortening would make two labels equal.
 */
export function abbreviateTargets(ids: readonly string[]): string[] {
  if (ids.length < 2) return [...ids];
  const parts = ids.map((id) => id.split('-'));
  const minLen = Math.min(...parts.map((p) => p.length));
  const sharedAt = (pick: (p: string[]) => string | undefined): boolean => {
    const first = pick(parts[0] ?? []);
    return first !== undefined && parts.every((p) => pick(p) === first);
  };
  let head = 0;
  while (head < minLen - 1 && sharedAt((p) => p[head])) head++;
  let tail = 0;
  while (head + tail < minLen - 1 && sharedAt((p) => p[p.length - 1 - tail])) tail++;
  const short = parts.map((p) => p.slice(head, p.length - tail).join('-'));
  return new Set(short).size === short.length ? short : [...ids];
}
