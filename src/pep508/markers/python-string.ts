/**
 * The value of a quoted marker string, as packaging computes it with `ast.literal_eval`.
 *
 * Spec: https://docs.python.org/3/reference/lexical_analysis.html#escape-sequences
 * Supported: `\\ \' \" \a \b \f \n \r \t \v`, octal `\ooo`, `\xhh`, `\uXXXX`, `\UXXXXXXXX`,
 * backslash-newline continuation, and unknown escapes kept verbatim (Python warns, keeps them).
 * Unsupported: `\N{NAME}` (needs Python's Unicode name table) is rejected.
 * Traps: PEP 508 calls these plain strings, but packaging runs Python's parser on them, so
 * `"\x41"` is `A`, a raw newline or a trailing lone backslash is a syntax error, and so is `\x4`.
 */

const SIMPLE: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/** Decode a token matched by QUOTED_STRING (quotes included); returns an error reason on failure. */
export function decodePythonString(token: string): { value: string } | { error: string } {
  const body = token.slice(1, -1);
  if (body.includes('\0')) return { error: 'source code string cannot contain null bytes' };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '';
    if (ch === '\n' || ch === '\r') return { error: 'unterminated string literal' };
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) return { error: 'unterminated string literal' }; // the backslash escaped the quote
    i++;
    if (next === '\n') continue;
    if (next === '\r') {
      if (body[i + 1] === '\n') i++;
      continue;
    }
    const simple = SIMPLE[next];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    if (next >= '0' && next <= '7') {
      const digits = /^[0-7]{1,3}/.exec(body.slice(i))?.[0] ?? next;
      out += String.fromCodePoint(parseInt(digits, 8));
      i += digits.length - 1;
      continue;
    }
    const width = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (width > 0) {
      const hex = body.slice(i + 1, i + 1 + width);
      const code = parseInt(hex, 16);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex) || code > 0x10ffff) {
        return { error: `(unicode error) truncated \\${next} escape` };
      }
      out += String.fromCodePoint(code);
      i += width;
      continue;
    }
    if (next === 'N') return { error: '\\N{...} escapes are not supported' };
    out += '\\' + next;
  }
  return { value: out };
}
