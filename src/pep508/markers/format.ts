/**
 * `str(Marker)` as packaging 24.1 writes it (`_format_marker`).
 *
 * Spec: https://packaging.python.org/en/latest/specifications/dependency-specifiers/#environment-markers
 * Output: single blanks around operators, every literal in double quotes (never escaped), and
 * parentheses around nested lists except a one-term list.
 * Traps (kept for byte-identical output): a one-element list whose element is itself a list is
 * unwrapped *as if it were the top level*, so `a and ((b or c))` prints as `a and b or c`; a
 * literal containing `"` prints unescaped and does not round-trip.
 */
import type { Marker, MarkerOperand, MarkerTerm } from './ast.js';

function operand(o: MarkerOperand): string {
  return o.kind === 'variable' ? o.name : `"${o.value}"`;
}

function format(term: MarkerTerm, first: boolean): string {
  if (term.kind === 'comparison') return `${operand(term.left)} ${term.op} ${operand(term.right)}`;
  const only = term.terms[0];
  if (term.terms.length === 1 && only !== undefined) return format(only, true);
  const parts: string[] = [];
  term.terms.forEach((inner, i) => {
    if (i > 0) parts.push(term.ops[i - 1] ?? 'and');
    parts.push(format(inner, false));
  });
  const joined = parts.join(' ');
  return first ? joined : `(${joined})`;
}

/** The canonical text of a marker, identical to packaging's `str(Marker(...))`. */
export function markerToString(marker: Marker): string {
  return format(marker, true);
}

/** Whether any comparison in the marker involves the `extra` variable. */
export function markerMentionsExtra(marker: Marker): boolean {
  return marker.terms.some((term) =>
    term.kind === 'list'
      ? markerMentionsExtra(term)
      : [term.left, term.right].some((o) => o.kind === 'variable' && o.name === 'extra'),
  );
}
