/**
 * Python `str`/`re` behaviour that packaging's regexes rely on, reproduced for JavaScript.
 *
 * Spec: https://docs.python.org/3/library/stdtypes.html#str.isspace and
 * https://docs.python.org/3/library/re.html (`\s` and IGNORECASE for str patterns).
 * Traps: JavaScript's `\s`/`trim()` differ from Python's `\s`/`str.strip()` — Python also counts
 * U+001C..U+001F and U+0085 as whitespace and does not count U+FEFF. Under IGNORECASE Python's
 * `[a-z]` also matches U+0130 (İ), U+0131 (ı), U+017F (ſ) and U+212A (K); the `u`+`i` regex flags
 * cover ſ and K, so the dotted/dotless i are added to character classes by hand.
 * Python orders strings by code point; JavaScript's `<` compares UTF-16 code units.
 */

/** Body of a character class holding exactly the characters Python's `str.isspace()` accepts. */
export const PY_SPACE_CLASS_BODY =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/** Python's `\s` as a regex fragment (for patterns compiled with the `u` flag). */
export const PY_SPACE = `[${PY_SPACE_CLASS_BODY}]`;

/** Python's `[a-z0-9]` under IGNORECASE (with the `iu` flags the extra letters ſ and K come for free). */
export const PY_ALNUM_I = '[a-z0-9\\u0130\\u0131]';

const leading = new RegExp(`^${PY_SPACE}+`, 'u');
const trailing = new RegExp(`${PY_SPACE}+$`, 'u');

/** Python's `str.strip()` with no argument. */
export function pyStrip(s: string): string {
  return s.replace(leading, '').replace(trailing, '');
}

/** Length of the Python whitespace that starts `s`. */
export function pyLeadingSpace(s: string): number {
  return leading.exec(s)?.[0].length ?? 0;
}

/** Python's string ordering (by code point), as -1/0/1. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done || cb.done) return ca.done && cb.done ? 0 : ca.done ? -1 : 1;
    const pa = ca.value.codePointAt(0) ?? 0;
    const pb = cb.value.codePointAt(0) ?? 0;
    if (pa !== pb) return pa < pb ? -1 : 1;
  }
}
