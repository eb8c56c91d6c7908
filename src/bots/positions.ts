/**
 * Where each value of a JSON / JSON5 text starts: `packageRules.0.matchPackageNames.1` → line 7.
 *
 * The values themselves come from the `json5` package (a maintained parser); this is only a
 * position index over the same text, because no maintained JSON5 parser on npm reports positions.
 * It follows JSON5's lexical rules that matter for structure: `"` and `'` strings with `\` escapes
 * (including escaped line breaks), `//` and `/* *\/` comments, unquoted keys, trailing commas.
 * It is run only on text json5 accepted, so it never has to recover from bad input.
 */

/** `a.0.b` paths (object keys and array indexes joined by `.`) → 1-based line of the value's first character. */
export type PositionIndex = Map<string, number>;

interface Frame {
  kind: 'object' | 'array';
  path: string;
  index: number;
  key: string | null;
  /** In an object: the next token is a key (true) or a value after `:` (false). */
  expectKey: boolean;
}

const join = (path: string, part: string | number): string => (path === '' ? String(part) : `${path}.${part}`);

export function positionIndex(text: string): PositionIndex {
  const out: PositionIndex = new Map();
  const stack: Frame[] = [];
  let line = 1;
  let i = 0;
  /** The path of a value starting now, or null when the token is an object key. */
  const valuePath = (): string | null => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    if (top.kind === 'array') return join(top.path, top.index);
    return top.expectKey ? null : join(top.path, top.key ?? '');
  };
  const startValue = (): string | null => {
    const p = valuePath();
    if (p !== null && !out.has(p)) out.set(p, line);
    return p;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      for (let j = i; j < stop; j++) if (text[j] === '\n') line++;
      i = stop;
    } else if (c === '"' || c === "'") {
      const startLine = line;
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\') {
          if (text[j + 1] === '\n') line++;
          value += text[j + 1] ?? '';
          j += 2;
        } else {
          if (text[j] === '\n') line++;
          value += text[j];
          j++;
        }
      }
      i = j + 1;
      token(value, startLine);
    } else if (c === '{' || c === '[') {
      const p = startValue() ?? '';
      stack.push({ kind: c === '{' ? 'object' : 'array', path: p, index: 0, key: null, expectKey: c === '{' });
      i++;
    } else if (c === '}' || c === ']') {
      stack.pop();
      i++;
    } else if (c === ':') {
      const top = stack[stack.length - 1];
      if (top) top.expectKey = false;
      i++;
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'array') top.index++;
      else if (top) top.expectKey = true;
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      // An unquoted key, a number, true/false/null, Infinity, NaN.
      let j = i;
      while (j < text.length && !/[\s,:{}[\]/"']/.test(text[j]!)) j++;
      token(text.slice(i, j), line);
      i = j === i ? i + 1 : j;
    }
  }
  return out;

  function token(value: string, at: number): void {
    const top = stack[stack.length - 1];
    if (top?.kind === 'object' && top.expectKey) {
      top.key = value;
      return;
    }
    const p = valuePath();
    if (p !== null && !out.has(p)) out.set(p, at);
  }
}

/** The line of a path, else of its nearest recorded ancestor, else 1. */
export function lineOf(index: PositionIndex, path: string): number {
  let p = path;
  for (;;) {
    const at = index.get(p);
    if (at !== undefined) return at;
    if (p === '') return 1;
    const cut = p.lastIndexOf('.');
    p = cut < 0 ? '' : p.slice(0, cut);
  }
}
