/**
 * A requirements file as pip reads it, with every problem collected instead of raised.
 *
 * Spec: https://pip.pypa.io/en/stable/reference/requirements-file-format/ (pip 23.2 `req_file.py`
 * `RequirementsFileParser` and `handle_line`).
 * Each logical line is a requirement (text before the first `-token`, per-requirement `--hash`,
 * `--global-option`, `--install-option`, `--config-settings`), an `-e` editable, an include
 * (`-r`/`-c`, `-r` winning when both are given) or file options. pip stops at the first bad line;
 * we record it as one `invalid-line` diagnostic and carry on.
 * Includes go through the caller's reader (no fs here); a file that includes itself, directly or
 * not, gets an `include-cycle` diagnostic, and chains deeper than {@link MAX_INCLUDE_DEPTH} stop.
 * Work is bounded by the input, not multiplied by it: an include named again is parsed once and its
 * result reused (pip would read the same lines), and a file with everything it includes has a
 * budget ({@link PARSE_BUDGET}: includes, lines, requirements, characters); past it, one `too-large`
 * diagnostic at the line where it ran out, and no more includes are followed.
 * Traps: a `-r` inside a `-c` file is a requirements file again (pip resets `constraint`);
 * options given on a requirement's line (other than the per-requirement ones) are ignored by pip.
 */
import { normalizeName } from '../names/index.js';
import type { Requirement } from '../pep508/index.js';
import { findIgnoreFile, findPythonVersion, parseDirectives } from './directives.js';
import { logicalLinesOf, splitPhysicalLines } from './lines.js';
import type { LogicalLine, PhysicalLine } from './lines.js';
import { PER_REQUIREMENT_OPTIONS, parseLineOptions } from './options.js';
import type { ParsedOption } from './options.js';
import { readEditable, readRequirement } from './requirement.js';
import type { RequirementOutcome } from './requirement.js';
import type { ParseOptions, ParsedRequirementsFile, RequirementEntry, RequirementsDiagnostic } from './types.js';

export const MAX_INCLUDE_DEPTH = 32;
/** Longest stretch of a line quoted back in a message. */
const MAX_QUOTED = 200;

/** What one file and all it includes may add up to (build-puppet's largest is ~150 lines, no includes). */
export const PARSE_BUDGET = { includes: 1_000, lines: 500_000, requirements: 100_000, characters: 64 * 1024 * 1024 } as const;

/** What an include added to the output, kept to reuse when it is named again. */
interface IncludeResult {
  entries: RequirementEntry[];
  options: ParsedRequirementsFile['options'];
  diagnostics: RequirementsDiagnostic[];
  lines: number;
  /** Includes read under it, itself counted: a reuse costs what reading it again would. */
  includes: number;
}

interface Context {
  opts: ParseOptions;
  out: ParsedRequirementsFile;
  /** Parsed includes by path and kind (`-r` / `-c`). */
  parsed: Map<string, IncludeResult>;
  /** What the reader gave, by including folder and target. */
  reads: Map<string, ReturnType<NonNullable<ParseOptions['readInclude']>>>;
  used: { includes: number; lines: number; characters: number };
  /** Set once a budget ran out (its diagnostic is given once). */
  exhausted: boolean;
}

function quote(text: string): string {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}… (${text.length} characters)` : text;
}

/** The version of an exact pin: the first `==` (without `.*`) or `===` specifier. */
function pinnedVersionOf(requirement: Requirement | null): string | null {
  for (const spec of requirement?.specifiers ?? []) {
    if (spec.operator === '===' || (spec.operator === '==' && !spec.version.endsWith('.*'))) return spec.version;
  }
  return null;
}

function diagnostic(
  ctx: Context,
  source: string,
  ll: { line: number; endLine: number },
  code: RequirementsDiagnostic['code'],
  message: string,
  text: string,
  column?: number,
): void {
  const d: RequirementsDiagnostic = { code, message, text, source, line: ll.line, endLine: ll.endLine };
  if (column !== undefined) d.column = column;
  ctx.out.diagnostics.push(d);
}

function addEntry(
  ctx: Context,
  source: string,
  ll: LogicalLine,
  text: string,
  outcome: RequirementOutcome,
  options: ParsedOption[],
  constraint: boolean,
  physical: PhysicalLine[],
): void {
  if (!outcome.ok) {
    let column: number | undefined;
    if (outcome.offset !== null && ll.line === ll.endLine) {
      const raw = physical[ll.line - 1]?.text ?? '';
      const at = raw.indexOf(text);
      if (at !== -1) column = at + outcome.offset + 1;
    }
    diagnostic(ctx, source, ll, 'invalid-line', outcome.message, quote(ll.text), column);
    return;
  }
  const { requirement } = outcome;
  const name = requirement?.name ?? null;
  ctx.out.entries.push({
    kind: outcome.kind,
    text,
    requirement,
    name,
    normalizedName: name === null ? null : normalizeName(name),
    pinnedVersion: pinnedVersionOf(requirement),
    legacyVersion: requirement?.specifiers.some((s) => s.legacy) ?? false,
    hashes: options.filter((o) => o.option === '--hash' && o.value !== null).map((o) => o.value as string),
    directives: parseDirectives(ll.comment),
    constraint,
    source,
    line: ll.line,
    endLine: ll.endLine,
  });
}

/** One `too-large` diagnostic, the first time a budget runs out; false when it has. */
function withinBudget(ctx: Context, source: string, ll: LogicalLine, what: string | null): boolean {
  if (ctx.exhausted) return false;
  if (what === null) return true;
  ctx.exhausted = true;
  const msg = `Too much to read: ${what}; not reading further includes (a requirements file and what it includes is capped at ${PARSE_BUDGET.includes} includes, ${PARSE_BUDGET.lines} lines, ${PARSE_BUDGET.requirements} requirements)`;
  diagnostic(ctx, source, ll, 'too-large', msg, quote(ll.text));
  return false;
}

function overBudget(ctx: Context, extraLines: number, extraChars: number): string | null {
  if (ctx.used.includes >= PARSE_BUDGET.includes) return `more than ${PARSE_BUDGET.includes} -r/-c includes`;
  if (ctx.used.lines + extraLines > PARSE_BUDGET.lines) return `more than ${PARSE_BUDGET.lines} lines with its includes`;
  if (ctx.used.characters + extraChars > PARSE_BUDGET.characters) return `more than ${PARSE_BUDGET.characters} characters with its includes`;
  if (ctx.out.entries.length >= PARSE_BUDGET.requirements) return `more than ${PARSE_BUDGET.requirements} requirements with its includes`;
  return null;
}

function include(ctx: Context, source: string, ll: LogicalLine, target: string, constraint: boolean, stack: string[]): void {
  if (stack.length >= MAX_INCLUDE_DEPTH) {
    const msg = `Requirements files are nested more than ${MAX_INCLUDE_DEPTH} deep; not reading ${target}`;
    diagnostic(ctx, source, ll, 'include-cycle', msg, ll.text);
    return;
  }
  if (!withinBudget(ctx, source, ll, overBudget(ctx, 0, 0))) return;
  // The same target from the same folder is the same file: the reader is asked once.
  const readKey = `${source.slice(0, source.lastIndexOf('/') + 1)}\0${target}`;
  if (!ctx.reads.has(readKey)) ctx.reads.set(readKey, ctx.opts.readInclude?.(source, target) ?? null);
  const read = ctx.reads.get(readKey) ?? null;
  if (read === null) {
    const msg = `Could not open requirements file: [Errno 2] No such file or directory: '${target}'`;
    diagnostic(ctx, source, ll, 'include-missing', msg, ll.text);
    return;
  }
  if ('error' in read) {
    diagnostic(ctx, source, ll, 'include-unreadable', `Could not open requirements file: ${read.error}`, ll.text);
    return;
  }
  if (stack.includes(read.path)) {
    const chain = [...stack.slice(stack.indexOf(read.path)), read.path].join(' → ');
    diagnostic(ctx, source, ll, 'include-cycle', `Requirements files include each other: ${chain}`, ll.text);
    return;
  }
  const key = `${constraint ? '-c' : '-r'} ${read.path}`;
  const seen = ctx.parsed.get(key);
  if (seen) {
    // pip reads the same lines again: the same entries, without reading or parsing them twice.
    const over = ctx.used.includes + seen.includes > PARSE_BUDGET.includes ? `more than ${PARSE_BUDGET.includes} -r/-c includes`
      : ctx.out.entries.length + seen.entries.length > PARSE_BUDGET.requirements ? `more than ${PARSE_BUDGET.requirements} requirements with its includes`
        : overBudget(ctx, seen.lines, 0);
    if (!withinBudget(ctx, source, ll, over)) return;
    ctx.used.includes += seen.includes;
    ctx.used.lines += seen.lines;
    ctx.out.entries.push(...seen.entries);
    ctx.out.options.push(...seen.options);
    return;
  }
  const physical = splitPhysicalLines(read.text);
  if (!withinBudget(ctx, source, ll, overBudget(ctx, physical.length, read.text.length))) return;
  ctx.used.includes++;
  ctx.used.lines += physical.length;
  ctx.used.characters += read.text.length;
  const marks = { entries: ctx.out.entries.length, options: ctx.out.options.length, diagnostics: ctx.out.diagnostics.length, lines: ctx.used.lines, includes: ctx.used.includes };
  parseLines(ctx, read.path, physical, constraint, [...stack, read.path]);
  ctx.parsed.set(key, {
    entries: ctx.out.entries.slice(marks.entries),
    options: ctx.out.options.slice(marks.options),
    // Diagnostics are given once, where the file was first read; a repeat adds none.
    diagnostics: ctx.out.diagnostics.slice(marks.diagnostics),
    lines: physical.length + (ctx.used.lines - marks.lines),
    includes: 1 + (ctx.used.includes - marks.includes),
  });
}

function parseLines(ctx: Context, source: string, physical: PhysicalLine[], constraint: boolean, stack: string[]): void {
  const garbled = physical.find((p) => p.text.includes('\uFFFD'));
  if (garbled) {
    const msg = 'The file is not valid UTF-8: this line holds U+FFFD replacement characters';
    diagnostic(ctx, source, { line: garbled.line, endLine: garbled.line }, 'encoding', msg, quote(garbled.text));
  }
  for (const ll of logicalLinesOf(physical, ctx.opts.env ?? {})) {
    if (ctx.out.entries.length >= PARSE_BUDGET.requirements) {
      withinBudget(ctx, source, ll, `more than ${PARSE_BUDGET.requirements} requirements with its includes`);
      return;
    }
    const { args, result } = parseLineOptions(ll.text);
    if (!result.ok) {
      diagnostic(ctx, source, ll, 'invalid-line', `Invalid requirement: ${quote(ll.text)}\n${result.reason}`, quote(ll.text));
      continue;
    }
    const opts = result.options;
    const span = { line: ll.line, endLine: ll.endLine };
    if (args !== '') {
      const outcome = readRequirement(args, `line ${ll.line} of ${source}`);
      const own = opts.filter((o) => PER_REQUIREMENT_OPTIONS.has(o.option));
      addEntry(ctx, source, ll, args.trim(), outcome, own, constraint, physical);
      continue;
    }
    const editable = opts.find((o) => o.option === '--editable');
    if (editable?.value != null) {
      addEntry(ctx, source, ll, editable.value, readEditable(editable.value), [], constraint, physical);
      continue;
    }
    const nested = opts.find((o) => o.option === '--requirement') ?? opts.find((o) => o.option === '--constraint');
    if (nested?.value != null) {
      ctx.out.options.push({ option: nested.option, value: nested.value, source, ...span });
      include(ctx, source, ll, nested.value, nested.option === '--constraint', stack);
      continue;
    }
    for (const o of opts) {
      if (!PER_REQUIREMENT_OPTIONS.has(o.option)) ctx.out.options.push({ option: o.option, value: o.value, source, ...span });
    }
  }
}

/**
 * Parses one requirements file (and, through `opts.readInclude`, the files it includes).
 * Never throws: every line pip would reject becomes one diagnostic.
 */
export function parseRequirementsFile(path: string, text: string, opts: ParseOptions = {}): ParsedRequirementsFile {
  const physical = splitPhysicalLines(text);
  const out: ParsedRequirementsFile = {
    path,
    pythonVersion: findPythonVersion(physical),
    ignoreFile: findIgnoreFile(physical),
    entries: [],
    options: [],
    diagnostics: [],
  };
  const ctx: Context = { opts, out, parsed: new Map(), reads: new Map(), used: { includes: 0, lines: physical.length, characters: text.length }, exhausted: false };
  parseLines(ctx, path, physical, false, [path]);
  return out;
}
