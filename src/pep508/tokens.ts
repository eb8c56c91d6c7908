/**
 * Token rules for PEP 508 dependency specifiers and environment markers.
 *
 * Spec: https://packaging.python.org/en/latest/specifications/dependency-specifiers/
 * Reference: packaging's `_tokenizer.py` DEFAULT_RULES (24.1) and `Specifier._regex_str`; the
 * legacy rule is packaging 21.3's `LegacySpecifier` (pip ≤ 24.0).
 * Traps (each matters for byte-identical results with packaging):
 * - Python's `\s` and `\b` are Unicode-aware; JavaScript's are not, so both are spelled out here.
 * - Python's `$` also matches just before a final `\n`, so `"foo\n"` is a valid requirement.
 * - Only SPECIFIER is case-insensitive; the `+local` trail rule is not (`>=1+ABC` gives a
 *   different error than `>=1+abc`).
 * - `===` accepts almost anything up to whitespace, `;` or `)`, commas included.
 * - Legacy mode takes the longer of the 21.3 PEP 440 and LegacySpecifier matches, as pyparsing's `Or` did.
 */
import { LEGACY_AT, SPECIFIER_AT } from './specifier-patterns.js';

/** Python's `\w` for str patterns (letters, numbers, underscore). */
const PY_WORD = '[\\p{L}\\p{N}_]';
/** All of Python's `\w` that ASCII text holds. */
const ASCII_WORD = '[A-Za-z0-9_]';
/** Python's `\b` over a `\w` class. */
const boundary = (word: string): string => `(?:(?<=${word})(?!${word})|(?<!${word})(?=${word}))`;

/** A rule returns the token text matched at `pos`, or null; `ascii` says `source` is all ASCII. */
export type Rule = (source: string, pos: number, ascii: boolean) => string | null;

function sticky(pattern: string): Rule {
  return stickyRe(new RegExp(pattern, 'yu'));
}

function stickyRe(re: RegExp): Rule {
  return (source, pos) => {
    re.lastIndex = pos;
    const m = re.exec(source);
    return m ? m[0] : null;
  };
}

/**
 * A rule between two of Python's `\b`. Why two regexes: `\p{L}`/`\p{N}` classes cost ~15 ms of every
 * start-up to build and warm, and nearly every requirement is ASCII. On ASCII text the ASCII twin
 * (`\w` narrowed to ASCII, no `u` flag) matches exactly as the Unicode rule; that one is compiled on
 * the first non-ASCII text.
 */
function betweenWordBoundaries(body: string): Rule {
  const ascii = stickyRe(new RegExp(`${boundary(ASCII_WORD)}${body}${boundary(ASCII_WORD)}`, 'y'));
  let unicode: Rule | null = null;
  return (source, pos, isAscii) => {
    if (isAscii) return ascii(source, pos, true);
    unicode ??= sticky(`${boundary(PY_WORD)}${body}${boundary(PY_WORD)}`);
    return unicode(source, pos, false);
  };
}

const modernSpecifier = stickyRe(SPECIFIER_AT['24.1']);
const specifier213 = stickyRe(SPECIFIER_AT['21.3']);
const legacySpecifier = stickyRe(LEGACY_AT);

/** pyparsing's `VERSION_PEP440 ^ VERSION_LEGACY` in packaging 21.3: the longer match wins, PEP 440 on a tie. */
const eitherSpecifier: Rule = (source, pos, ascii) => {
  const modern = specifier213(source, pos, ascii);
  const legacy = legacySpecifier(source, pos, ascii);
  if (legacy !== null && (modern === null || legacy.length > modern.length)) return legacy;
  return modern;
};

const VARIABLES =
  'python_version|python_full_version|os[._]name|sys[._]platform|platform_(?:release|system)' +
  '|platform[._](?:version|machine|python_implementation)|python_implementation|implementation_(?:name|version)|extra';

const BASE_RULES = {
  LEFT_PARENTHESIS: sticky('\\('),
  RIGHT_PARENTHESIS: sticky('\\)'),
  LEFT_BRACKET: sticky('\\['),
  RIGHT_BRACKET: sticky('\\]'),
  SEMICOLON: sticky(';'),
  COMMA: sticky(','),
  QUOTED_STRING: sticky(`'[^']*'|"[^"]*"`),
  OP: sticky('===|==|~=|!=|<=|>=|<|>'),
  BOOLOP: betweenWordBoundaries('(?:or|and)'),
  IN: betweenWordBoundaries('in'),
  NOT: betweenWordBoundaries('not'),
  VARIABLE: betweenWordBoundaries(`(?:${VARIABLES})`),
  SPECIFIER: modernSpecifier,
  AT: sticky('@'),
  URL: sticky('[^ \\t]+'),
  IDENTIFIER: betweenWordBoundaries('[a-zA-Z0-9][a-zA-Z0-9._-]*'),
  VERSION_PREFIX_TRAIL: sticky('\\.\\*'),
  VERSION_LOCAL_LABEL_TRAIL: sticky('\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*'),
  WS: sticky('[ \\t]+'),
  // Python's `$`: end of input, or just before a final newline.
  END: (source, pos) => (pos === source.length || (pos === source.length - 1 && source[pos] === '\n') ? '' : null),
} satisfies Record<string, Rule>;

export type TokenName = keyof typeof BASE_RULES;
export type Rules = Record<TokenName, Rule>;

/** The rules of packaging 24.1. */
export const DEFAULT_RULES: Rules = BASE_RULES;
/** The same, with SPECIFIER also accepting packaging 21.3 legacy specifiers. */
export const LEGACY_RULES: Rules = { ...BASE_RULES, SPECIFIER: eitherSpecifier };
