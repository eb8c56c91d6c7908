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
 */

/** Python's `\s` for str patterns (JavaScript adds U+FEFF and lacks U+001C–U+001F, U+0085). */
const PY_WS_CHARS = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
export const PY_WS = `[${PY_WS_CHARS}]`;
/** Python's `\w` for str patterns (letters, numbers, underscore). */
const PY_WORD = '[\\p{L}\\p{N}_]';
/** Python's `\b`. */
const B = `(?:(?<=${PY_WORD})(?!${PY_WORD})|(?<!${PY_WORD})(?=${PY_WORD}))`;

// The version part of packaging's Specifier regex, split per operator (the Python original picks
// the branch with lookbehinds; choosing it from the operator is equivalent and easier to read).
// Python's IGNORECASE lets `i` and `[a-z]` also match İ and ı; JavaScript's `iu` does not, hence the classes.
const PRE = `(?:[-_.]?(?:alpha|beta|prev[i\\u0130\\u0131]ew|pre|a|b|c|rc)[-_.]?[0-9]*)?`;
const POST = `(?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?`;
const DEV = `(?:[-_.]?dev[-_.]?[0-9]*)?`;
const LOCAL = `(?:\\+[a-z0-9\\u0130\\u0131]+(?:[-_.][a-z0-9\\u0130\\u0131]+)*)?`;
const HEAD = `${PY_WS}*v?(?:[0-9]+!)?`;
const VERSION_BY_OPERATOR = {
  '===': `${PY_WS}*[^${PY_WS_CHARS};)]*`,
  '==': `${HEAD}[0-9]+(?:\\.[0-9]+)*(?:\\.\\*|${PRE}${POST}${DEV}${LOCAL})?`,
  '~=': `${HEAD}[0-9]+(?:\\.[0-9]+)+${PRE}${POST}${DEV}`,
  other: `${HEAD}[0-9]+(?:\\.[0-9]+)*${PRE}${POST}${DEV}`,
} as const;
const OPERATOR_VERSION =
  `(?:(?<operator>===)(?<v1>${VERSION_BY_OPERATOR['===']})` +
  `|(?<operator2>==|!=)(?<v2>${VERSION_BY_OPERATOR['==']})` +
  `|(?<operator3>~=)(?<v3>${VERSION_BY_OPERATOR['~=']})` +
  `|(?<operator4><=|>=|<|>)(?<v4>${VERSION_BY_OPERATOR.other}))`;

/** One PEP 440 specifier at a position (the tokenizer's SPECIFIER). */
const SPECIFIER = new RegExp(OPERATOR_VERSION, 'iyu');
/** A whole PEP 440 specifier, as `Specifier(text)` accepts it. */
const SPECIFIER_FULL = new RegExp(`^${PY_WS}*${OPERATOR_VERSION}${PY_WS}*$`, 'iu');
/** packaging 21.3 LegacySpecifier: any version text up to `,`, `;`, whitespace or `)`. */
const LEGACY_BODY = `(?<operator>==|!=|<=|>=|<|>)${PY_WS}*(?<v1>[^,;)${PY_WS_CHARS}]*)`;
const LEGACY = new RegExp(LEGACY_BODY, 'iyu');
const LEGACY_FULL = new RegExp(`^${PY_WS}*${LEGACY_BODY}${PY_WS}*$`, 'iu');
const PY_STRIP = new RegExp(`^${PY_WS}+|${PY_WS}+$`, 'gu');

/** Python's `str.strip()` (Unicode whitespace). */
export function pyStrip(text: string): string {
  return text.replace(PY_STRIP, '');
}

/** A specifier split into operator and version, both stripped, as packaging stores `_spec`. */
export interface SplitSpecifier {
  operator: string;
  version: string;
}

function splitMatch(m: RegExpMatchArray | null): SplitSpecifier | null {
  const g = m?.groups;
  if (!g) return null;
  const operator = g.operator ?? g.operator2 ?? g.operator3 ?? g.operator4 ?? '';
  const version = g.v1 ?? g.v2 ?? g.v3 ?? g.v4 ?? '';
  return { operator: pyStrip(operator), version: pyStrip(version) };
}

/** `Specifier(text)` of packaging 24.1: the parts, or null where it raises InvalidSpecifier. */
export function matchSpecifier(text: string): SplitSpecifier | null {
  return splitMatch(text.match(SPECIFIER_FULL));
}

/** `LegacySpecifier(text)` of packaging 21.3: the parts, or null where it raises. */
export function matchLegacySpecifier(text: string): SplitSpecifier | null {
  return splitMatch(text.match(LEGACY_FULL));
}

/** A rule returns the token text matched at `pos`, or null. */
export type Rule = (source: string, pos: number) => string | null;

function sticky(pattern: string, flags = ''): Rule {
  const re = new RegExp(pattern, `y${flags}u`);
  return (source, pos) => {
    re.lastIndex = pos;
    const m = re.exec(source);
    return m ? m[0] : null;
  };
}

function stickyRe(re: RegExp): Rule {
  return (source, pos) => {
    re.lastIndex = pos;
    const m = re.exec(source);
    return m ? m[0] : null;
  };
}

const modernSpecifier = stickyRe(SPECIFIER);
const legacySpecifier = stickyRe(LEGACY);

/** pyparsing's `VERSION_PEP440 ^ VERSION_LEGACY` in packaging 21.3: the longer match wins, PEP 440 on a tie. */
const eitherSpecifier: Rule = (source, pos) => {
  const modern = modernSpecifier(source, pos);
  const legacy = legacySpecifier(source, pos);
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
  BOOLOP: sticky(`${B}(?:or|and)${B}`),
  IN: sticky(`${B}in${B}`),
  NOT: sticky(`${B}not${B}`),
  VARIABLE: sticky(`${B}(?:${VARIABLES})${B}`),
  SPECIFIER: modernSpecifier,
  AT: sticky('@'),
  URL: sticky('[^ \\t]+'),
  IDENTIFIER: sticky(`${B}[a-zA-Z0-9][a-zA-Z0-9._-]*${B}`),
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
