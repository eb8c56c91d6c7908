/** Plain-text table for the bench output: right-aligned numbers, left-aligned text. */

export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.every((r) => /^[-\d.,×x/%()\s]*$/.test(r[i] ?? '')));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

export function ratio(a: number, b: number): string {
  return b > 0 ? `${(a / b).toFixed(1)}×` : 'n/a';
}

/** The middle item by `key` (the upper middle of an even count): a run's typical value, not its luckiest. */
export function median<T>(items: readonly T[], key: (item: T) => number): T {
  if (items.length === 0) throw new Error('median of nothing');
  return [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)] as T;
}
