/**
 * The option half of a requirements line, as pip's `get_line_parser` reads it (pip 23.2 `req_file.py`).
 *
 * Spec: https://pip.pypa.io/en/stable/reference/requirements-file-format/#supported-options
 * pip splits the line on single spaces; the tokens before the first one starting with `-` are the
 * requirement, the rest is `shlex.split` (POSIX) and handed to optparse. We follow optparse: unique
 * prefixes of long options (`--index` → `--index-url`), `--opt=value`, `-ivalue`, clustered short
 * flags, `--` ending options, and stray positional words silently ignored.
 * Traps: `foo\t--hash=…` is all requirement (tabs do not split); a value may start with `-`
 * (`-r -weird.txt`); `--hash` wants `sha256|sha384|sha512:digest`.
 * `--install-option` (removed in pip 23.1) is still accepted because the targets run older pips.
 */

export interface OptionSpec {
  long: string;
  aliases: string[];
  short: string | null;
  takesValue: boolean;
}

const SPECS: OptionSpec[] = [
  { long: '--index-url', aliases: ['--pypi-url'], short: '-i', takesValue: true },
  { long: '--extra-index-url', aliases: [], short: null, takesValue: true },
  { long: '--no-index', aliases: [], short: null, takesValue: false },
  { long: '--constraint', aliases: [], short: '-c', takesValue: true },
  { long: '--requirement', aliases: [], short: '-r', takesValue: true },
  { long: '--editable', aliases: [], short: '-e', takesValue: true },
  { long: '--find-links', aliases: [], short: '-f', takesValue: true },
  { long: '--no-binary', aliases: [], short: null, takesValue: true },
  { long: '--only-binary', aliases: [], short: null, takesValue: true },
  { long: '--prefer-binary', aliases: [], short: null, takesValue: false },
  { long: '--require-hashes', aliases: [], short: null, takesValue: false },
  { long: '--pre', aliases: [], short: null, takesValue: false },
  { long: '--trusted-host', aliases: [], short: null, takesValue: true },
  { long: '--use-feature', aliases: [], short: null, takesValue: true },
  { long: '--global-option', aliases: [], short: null, takesValue: true },
  { long: '--install-option', aliases: [], short: null, takesValue: true },
  { long: '--hash', aliases: [], short: null, takesValue: true },
  { long: '--config-settings', aliases: [], short: '-C', takesValue: true },
];

/** Options that belong to the requirement on the same line; the others configure the whole file. */
export const PER_REQUIREMENT_OPTIONS: ReadonlySet<string> = new Set([
  '--hash',
  '--global-option',
  '--install-option',
  '--config-settings',
]);

const BINARY_ERROR = '--no-binary / --only-binary option requires 1 argument.';
const STRONG_HASHES = ['sha256', 'sha384', 'sha512'];
const FEATURES = ['fast-deps', 'truststore', 'no-binary-enable-wheel-cache'];

const LONG = new Map<string, OptionSpec>();
const SHORT = new Map<string, OptionSpec>();
for (const spec of SPECS) {
  for (const name of [spec.long, ...spec.aliases]) LONG.set(name, spec);
  if (spec.short) SHORT.set(spec.short, spec);
}

export interface ParsedOption {
  option: string;
  value: string | null;
}

export type LineOptionsResult = { ok: true; options: ParsedOption[] } | { ok: false; reason: string };

/** pip's `break_args_options`: split on single spaces at the first token that starts with `-`. */
export function breakArgsOptions(line: string): { args: string; options: string } {
  const tokens = line.split(' ');
  const at = tokens.findIndex((t) => t.startsWith('-'));
  if (at === -1) return { args: line, options: '' };
  return { args: tokens.slice(0, at).join(' '), options: tokens.slice(at).join(' ') };
}

/** Python `shlex.split(s)` (POSIX mode, no comments). Throws with shlex's message on bad quoting. */
export function shlexSplit(s: string): string[] {
  // Without quotes or escapes shlex only splits on its whitespace: the fast path for long hash lines.
  if (!/['"\\]/.test(s)) return s.split(/[ \t\r\n]+/).filter((w) => w !== '');
  const out: string[] = [];
  let token = '';
  let inToken = false;
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else token += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\') {
        if (i + 1 >= s.length) throw new Error('No escaped character');
        const next = s[++i] as string;
        token += next === '"' || next === '\\' ? next : `\\${next}`;
      } else token += ch;
    } else if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      if (inToken) out.push(token);
      token = '';
      inToken = false;
    } else {
      inToken = true;
      if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '\\') {
        if (i + 1 >= s.length) throw new Error('No escaped character');
        token += s[++i];
      } else token += ch;
    }
  }
  if (quote) throw new Error('No closing quotation');
  if (inToken) out.push(token);
  return out;
}

function matchLong(opt: string): OptionSpec | string {
  const exact = LONG.get(opt);
  if (exact) return exact;
  const hits = [...LONG.keys()].filter((k) => k.startsWith(opt)).sort();
  if (hits.length === 1) return LONG.get(hits[0] as string) as OptionSpec;
  if (hits.length === 0) return `no such option: ${opt}`;
  return `ambiguous option: ${opt} (${hits.join(', ')}?)`;
}

/** The checks pip's option callbacks make on a value; a message on failure. */
function checkValue(spec: OptionSpec, written: string, value: string): string | null {
  if (spec.long === '--hash') {
    const colon = value.indexOf(':');
    if (colon === -1) return `Arguments to ${written} must be a hash name followed by a value, like --hash=sha256:abcde...`;
    if (!STRONG_HASHES.includes(value.slice(0, colon))) {
      return `Allowed hash algorithms for ${written} are ${STRONG_HASHES.join(', ')}.`;
    }
  } else if (spec.long === '--config-settings' && !value.includes('=')) {
    return `Arguments to ${written} must be of the form KEY=VAL`;
  } else if ((spec.long === '--no-binary' || spec.long === '--only-binary') && value.startsWith('-')) {
    return BINARY_ERROR;
  } else if (spec.long === '--use-feature' && !FEATURES.includes(value)) {
    const choices = FEATURES.map((f) => `'${f}'`).join(', ');
    return `option ${written}: invalid choice: '${value}' (choose from ${choices})`;
  }
  return null;
}

/** optparse over the shlex'd option words; positional words are dropped as pip drops them. */
function parseOptionWords(words: string[]): LineOptionsResult {
  // A stack (next word last): shift/unshift on a long array would make a 50,000-hash line quadratic.
  const rest = [...words].reverse();
  const options: ParsedOption[] = [];
  // optparse prefixes its errors with the program name; pip's FormatControl error has no prefix.
  const fail = (reason: string): LineOptionsResult => ({
    ok: false,
    reason: reason.startsWith(BINARY_ERROR) ? reason : `pip: error: ${reason}`,
  });
  while (rest.length > 0) {
    const arg = rest.pop() as string;
    if (arg === '--') break;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const written = eq === -1 ? arg : arg.slice(0, eq);
      if (eq !== -1) rest.push(arg.slice(eq + 1));
      const spec = matchLong(written);
      if (typeof spec === 'string') return fail(spec);
      if (spec.takesValue) {
        const value = rest.pop();
        if (value === undefined) return fail(`${spec.long} option requires 1 argument`);
        const bad = checkValue(spec, spec.long, value);
        if (bad) return fail(bad);
        options.push({ option: spec.long, value });
      } else {
        if (eq !== -1) return fail(`${spec.long} option does not take a value`);
        options.push({ option: spec.long, value: null });
      }
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (let i = 1; i < arg.length; i++) {
        const written = `-${arg[i]}`;
        const spec = SHORT.get(written);
        if (!spec) return fail(`no such option: ${written}`);
        if (!spec.takesValue) {
          options.push({ option: spec.long, value: null });
          continue;
        }
        if (i + 1 < arg.length) rest.push(arg.slice(i + 1));
        const value = rest.pop();
        if (value === undefined) return fail(`${written} option requires 1 argument`);
        const bad = checkValue(spec, written, value);
        if (bad) return fail(bad);
        options.push({ option: spec.long, value });
        break;
      }
    }
  }
  return { ok: true, options };
}

/** Both halves of a logical line: the requirement text and its parsed options. */
export function parseLineOptions(line: string): { args: string; result: LineOptionsResult } {
  const { args, options } = breakArgsOptions(line);
  let words: string[];
  try {
    words = shlexSplit(options);
  } catch {
    return { args, result: { ok: false, reason: `Could not split options: ${options}` } };
  }
  return { args, result: parseOptionWords(words) };
}
