/**
 * YAML from a pull request, parsed defensively (yaml 2: https://eemeli.org/yaml/): YAML 1.2 core
 * schema with no custom or extra known tags (`!!binary`, `!!set`, `!foo` are refused), duplicate
 * keys refused, aliases capped (`maxAliasCount`, against billion-laughs), and a nesting limit
 * checked on the text *before* the parser runs, so `[[[[…` ten megabytes deep is "nested too deep"
 * at a line instead of a blown stack. Every failure is a UsageError naming file and line with a
 * short excerpt of that line (never the whole line of a 10 MB file).
 */
import { parseDocument } from 'yaml';
import { UsageError } from './command.js';

export const MAX_YAML_DEPTH = 64;
const MAX_ALIASES = 100;
const EXCERPT = 60;

function excerpt(text: string, line: number): string {
  const start = nthLineStart(text, line);
  let end = text.indexOf('\n', start);
  if (end === -1) end = text.length;
  const shown = text.slice(start, Math.min(end, start + EXCERPT));
  return end - start > EXCERPT ? `${shown}… (${end - start} characters)` : shown;
}

function nthLineStart(text: string, line: number): number {
  let at = 0;
  for (let n = 1; n < line && at !== -1; n++) at = text.indexOf('\n', at) + 1 || -1;
  return Math.max(0, at);
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

function fail(path: string, text: string, line: number | null, what: string): never {
  if (line === null) throw new UsageError(`${path}: ${what}`);
  throw new UsageError(`${path}:${line}: ${what}: ${JSON.stringify(excerpt(text, line))}`);
}

/**
 * The line where nesting first passes the limit: flow brackets outside quotes and comments, and
 * block nesting (indentation, `- ` / `? ` / `key: ` openers on one line), or null.
 */
export function deepNestingLine(text: string, limit = MAX_YAML_DEPTH): number | null {
  let depth = 0;
  let line = 1;
  let quote: '"' | "'" | null = null;
  let lineStart = true;
  let indent = 0;
  let openers = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      lineStart = true;
      indent = 0;
      openers = 0;
      continue;
    }
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (lineStart && c === ' ') {
      if (++indent > limit * 4) return line;
      continue;
    }
    lineStart = false;
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const next = text.indexOf('\n', i);
      if (next === -1) break;
      i = next - 1;
      continue;
    }
    if (c === '"' || c === "'") {
      const prev = text[i - 1] ?? ' ';
      if (depth > 0 || /[\s:,[{-]/.test(prev)) quote = c;
    } else if (c === '[' || c === '{') {
      if (++depth > limit) return line;
    } else if (c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    } else if ((c === '-' || c === '?' || c === ':') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
      if (++openers > limit) return line;
    }
  }
  return null;
}

/** The plain data of a YAML config; a UsageError for anything else. */
export function parseConfigYaml(path: string, text: string): unknown {
  const deep = deepNestingLine(text);
  if (deep !== null) fail(path, text, deep, `not valid YAML: nested too deep (more than ${MAX_YAML_DEPTH} levels)`);
  let doc;
  try {
    doc = parseDocument(text, { version: '1.2', schema: 'core', customTags: [], resolveKnownTags: false, uniqueKeys: true, prettyErrors: false });
  } catch (error) {
    // The nesting check should make this unreachable; a parser stack overflow is still ours to word.
    if (error instanceof RangeError) fail(path, text, null, 'not valid YAML: nested too deep');
    throw error;
  }
  const problem = doc.errors[0] ?? doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (problem) {
    const line = lineAt(text, problem.pos[0]);
    const what = problem.code === 'TAG_RESOLVE_FAILED' ? 'tags (`!name`, `!!type`) are not allowed in the config' : problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    fail(path, text, line, `not valid YAML: ${what}`);
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    if (error instanceof ReferenceError || error instanceof RangeError) fail(path, text, null, `not valid YAML: too many aliases (${error.message})`);
    throw error;
  }
}
