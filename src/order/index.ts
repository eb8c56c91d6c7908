/**
 * The orders reports and artifacts sort by: UTF-16 code units, the same on every machine.
 *
 * Why not `localeCompare`: its order follows the machine's ICU data and default locale, so two CI
 * workers could write the same report in two orders (and diffs of report.json would move), and its
 * first call builds ICU's collator, ~9 ms of every run.
 */

/** Code-unit order (`"B" < "a"`, `"-" < "_"`); 0 only for equal strings. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const RUNS = /\d+|\D+/g;

/**
 * Natural order: runs of ASCII digits compare as numbers (`py3.6` before `py3.11`), other runs by
 * code units; equal numbers written differently (`07`, `7`) fall back to code units, so the order is total.
 */
export function compareNatural(a: string, b: string): number {
  const ra = a.match(RUNS) ?? [];
  const rb = b.match(RUNS) ?? [];
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const x = ra[i]!;
    const y = rb[i]!;
    const byRun = isDigits(x) && isDigits(y) ? compareNumerals(x, y) : compareText(x, y);
    if (byRun !== 0) return byRun;
  }
  return ra.length - rb.length || compareText(a, b);
}

function isDigits(run: string): boolean {
  const c = run.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** Two digit runs by value, however long (no Number overflow): fewer significant digits is smaller. */
function compareNumerals(x: string, y: string): number {
  const sx = x.replace(/^0+(?=\d)/, '');
  const sy = y.replace(/^0+(?=\d)/, '');
  return sx.length - sy.length || compareText(sx, sy);
}
