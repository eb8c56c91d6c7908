/**
 * Physical → logical lines, as pip's `req_file.preprocess` does them (pip 23.2, `src/pip/_internal/req/req_file.py`).
 *
 * Spec: https://pip.pypa.io/en/stable/reference/requirements-file-format/
 * Order: split (Python `str.splitlines`), join `\` continuations, strip comments, drop blanks, expand `${VAR}`.
 * Traps:
 * - a comment is `#` at line start or after whitespace (`(^|\s+)#.*$`), so `foo#bar` and `#egg=` survive;
 * - a line that *starts* with a comment ends a continuation and is glued onto it (hash lines then a comment);
 * - `foo # comment \` still continues: the next line is then swallowed by the comment;
 * - continuation stripping is `line.strip("\\")`, which also eats leading backslashes;
 * - `splitlines` also breaks on \v \f \x1c-\x1e \x85 \u2028 \u2029 and lone \r, which moves line numbers;
 * - only `${UPPER_CASE}` names expand, and an unset or empty variable is left as written.
 * Unsupported: `# -*- coding: -*-` declarations (the caller decodes bytes).
 */

import { PY_SPACE, pyStrip } from '../pep440/index.js';

const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
const STARTS_WITH_COMMENT = new RegExp(`^${PY_SPACE}*#`);
const IS_WS = new RegExp(`^${PY_SPACE}$`);
const ENV_VAR = /\$\{([A-Z0-9_]+)\}/g;

export interface PhysicalLine {
  line: number;
  text: string;
}

export interface LogicalLine {
  line: number;
  endLine: number;
  /** Comment-free, trimmed, env-expanded text: what pip hands to its line parser. */
  text: string;
  /** The comment pip stripped (from its `#`), or null. */
  comment: string | null;
}

function isPyWhitespace(ch: string): boolean {
  return IS_WS.test(ch);
}

/** `content.splitlines()` numbered from 1, after dropping a leading BOM (pip's auto_decode drops it). */
export function splitPhysicalLines(content: string): PhysicalLine[] {
  const text = content.startsWith('\uFEFF') ? content.slice(1) : content;
  if (text === '') return [];
  const parts = text.split(LINE_BREAK);
  // splitlines() yields no empty element after a final line break.
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts.map((t, i) => ({ line: i + 1, text: t }));
}

/** Index of the `#` that starts pip's comment (at 0 or after whitespace), or -1. */
export function commentStart(line: string): number {
  let i = line.indexOf('#');
  while (i !== -1) {
    if (i === 0 || isPyWhitespace(line[i - 1] ?? '')) return i;
    i = line.indexOf('#', i + 1);
  }
  return -1;
}

export function isCommentLine(line: string): boolean {
  return STARTS_WITH_COMMENT.test(line);
}

function stripBackslashes(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s[a] === '\\') a++;
  while (b > a && s[b - 1] === '\\') b--;
  return s.slice(a, b);
}

interface JoinedLine {
  line: number;
  endLine: number;
  text: string;
}

/** pip's `join_lines`: the joined line keeps the number of its first physical line. */
export function joinContinuations(lines: PhysicalLine[]): JoinedLine[] {
  const out: JoinedLine[] = [];
  let parts: string[] = [];
  let first = 0;
  for (const { line, text } of lines) {
    const comment = isCommentLine(text);
    if (!text.endsWith('\\') || comment) {
      // A leading space keeps a glued-on comment line a comment after joining.
      const piece = comment ? ` ${text}` : text;
      if (parts.length > 0) {
        parts.push(piece);
        out.push({ line: first, endLine: line, text: parts.join('') });
        parts = [];
      } else {
        out.push({ line, endLine: line, text: piece });
      }
    } else {
      if (parts.length === 0) first = line;
      parts.push(stripBackslashes(text));
    }
  }
  if (parts.length > 0) out.push({ line: first, endLine: lines[lines.length - 1]?.line ?? first, text: parts.join('') });
  return out;
}

/** `${VAR}` expansion from `env` only (pure: never the process environment). */
export function expandEnv(text: string, env: Record<string, string>): string {
  if (!text.includes('${')) return text;
  let out = text;
  for (const m of text.matchAll(ENV_VAR)) {
    const value = env[m[1] ?? ''];
    if (!value) continue;
    out = out.split(m[0]).join(value);
  }
  return out;
}

/** Split, join, strip comments, drop blank lines, expand variables: pip's `preprocess`. */
export function logicalLines(content: string, env: Record<string, string> = {}): LogicalLine[] {
  return logicalLinesOf(splitPhysicalLines(content), env);
}

/** {@link logicalLines} of lines already split by {@link splitPhysicalLines}. */
export function logicalLinesOf(physical: PhysicalLine[], env: Record<string, string>): LogicalLine[] {
  const out: LogicalLine[] = [];
  for (const joined of joinContinuations(physical)) {
    const at = commentStart(joined.text);
    const comment = at === -1 ? null : joined.text.slice(at);
    const text = pyStrip(at === -1 ? joined.text : joined.text.slice(0, at));
    if (text === '') continue;
    out.push({ line: joined.line, endLine: joined.endLine, text: expandEnv(text, env), comment });
  }
  return out;
}
