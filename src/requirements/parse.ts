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
 * Traps: a `-r` inside a `-c` file is a requirements file again (pip resets `constraint`);
 * options given on a requirement's line (other than the per-requirement ones) are ignored by pip.
 */
import { normalizeName } from '../names/index.js';
import type { Requirement } from '../pep508/index.js';
import { findIgnoreFile, findPythonVersion, parseDirectives } from './directives.js';
import { digestProblem, hashModeOf, hashesInComment } from './hashes.js';
import { logicalLinesOf, splitPhysicalLines } from './lines.js';
import type { LogicalLine, PhysicalLine } from './lines.js';
import { PER_REQUIREMENT_OPTIONS, parseLineOptions } from './options.js';
import type { ParsedOption } from './options.js';
import { readEditable, readRequirement } from './requirement.js';
import type { RequirementOutcome } from './requirement.js';
import type { ParseOptions, ParsedRequirementsFile, RequirementsDiagnostic } from './types.js';

export const MAX_INCLUDE_DEPTH = 32;
/** Longest stretch of a line quoted back in a message. */
const MAX_QUOTED = 200;

interface Context {
  opts: ParseOptions;
  out: ParsedRequirementsFile;
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
  const hashes = options.filter((o) => o.option === '--hash' && o.value !== null).map((o) => o.value as string);
  // One diagnostic per line, however many of its digests are bad.
  const bad = hashes.map(digestProblem).filter((p): p is string => p !== null);
  if (bad.length > 0) diagnostic(ctx, source, ll, 'invalid-hash', bad.length > 1 ? `${bad[0]} (and ${bad.length - 1} more on this line)` : (bad[0] as string), quote(ll.text));
  ctx.out.entries.push({
    kind: outcome.kind,
    text,
    requirement,
    name,
    normalizedName: name === null ? null : normalizeName(name),
    pinnedVersion: pinnedVersionOf(requirement),
    legacyVersion: requirement?.specifiers.some((s) => s.legacy) ?? false,
    hashes,
    commentHashes: hashesInComment(ll.comment),
    directives: parseDirectives(ll.comment),
    constraint,
    source,
    line: ll.line,
    endLine: ll.endLine,
  });
}

function include(ctx: Context, source: string, ll: LogicalLine, target: string, constraint: boolean, stack: string[]): void {
  if (stack.length >= MAX_INCLUDE_DEPTH) {
    const msg = `Requirements files are nested more than ${MAX_INCLUDE_DEPTH} deep; not reading ${target}`;
    diagnostic(ctx, source, ll, 'include-cycle', msg, ll.text);
    return;
  }
  const read = ctx.opts.readInclude?.(source, target) ?? null;
  if (read === null) {
    const msg = `Could not open requirements file: [Errno 2] No such file or directory: '${target}'`;
    diagnostic(ctx, source, ll, 'include-missing', msg, ll.text);
    return;
  }
  if (stack.includes(read.path)) {
    const chain = [...stack.slice(stack.indexOf(read.path)), read.path].join(' → ');
    diagnostic(ctx, source, ll, 'include-cycle', `Requirements files include each other: ${chain}`, ll.text);
    return;
  }
  parseLines(ctx, read.path, splitPhysicalLines(read.text), constraint, [...stack, read.path]);
}

function parseLines(ctx: Context, source: string, physical: PhysicalLine[], constraint: boolean, stack: string[]): void {
  const garbled = physical.find((p) => p.text.includes('\uFFFD'));
  if (garbled) {
    const msg = 'The file is not valid UTF-8: this line holds U+FFFD replacement characters';
    diagnostic(ctx, source, { line: garbled.line, endLine: garbled.line }, 'encoding', msg, quote(garbled.text));
  }
  for (const ll of logicalLinesOf(physical, ctx.opts.env ?? {})) {
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
    hashMode: null,
  };
  parseLines({ opts, out }, path, physical, false, [path]);
  out.hashMode = hashModeOf(out.entries, out.options);
  return out;
}
