/**
 * The regular expressions packaging uses to recognise one version specifier, in two flavours:
 * packaging 24.1 (pip 24.2) and packaging 21.3 (pip ≤ 24.0, with its LegacySpecifier fallback).
 *
 * Spec: https://packaging.python.org/en/latest/specifications/version-specifiers/
 * Reference: `Specifier._operator_regex_str`/`_version_regex_str` (24.1), `Specifier._regex_str` and
 * `LegacySpecifier._regex_str` (21.3). The Python originals pick a version branch with lookbehinds
 * on the operator; choosing the branch from the operator is equivalent.
 * Traps: 21.3's `===` runs to the next blank, eating `;` and `)`; 21.3 tries `a` before `alpha`, so
 * an unanchored `~=1.0alpha1` stops after `a`; 21.3 allows `==1.0a1.*`. Python's `\s` and its
 * IGNORECASE (where `i` and `[a-z]` also match İ and ı) are spelled out for JavaScript, with the
 * character classes pep440 uses for the same grammar.
 */
import { PY_ALNUM_I, PY_SPACE, PY_SPACE_CLASS_BODY, pyStrip } from '../pep440/index.js';

export type Flavour = '24.1' | '21.3';

const I = '[i\\u0130\\u0131]';
const LETTERS: Record<Flavour, string> = {
  '24.1': `alpha|beta|prev${I}ew|pre|a|b|c|rc`,
  '21.3': `a|b|c|rc|alpha|beta|pre|prev${I}ew`,
};

function operatorVersion(flavour: Flavour): string {
  const pre = `(?:[-_.]?(?:${LETTERS[flavour]})[-_.]?[0-9]*)?`;
  const post = `(?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?`;
  const dev = `(?:[-_.]?dev[-_.]?[0-9]*)?`;
  const local = `(?:\\+${PY_ALNUM_I}+(?:[-_.]${PY_ALNUM_I}+)*)?`;
  const head = `${PY_SPACE}*v?(?:[0-9]+!)?`;
  const release = '[0-9]+(?:\\.[0-9]+)*';
  const arbitrary = flavour === '24.1' ? `${PY_SPACE}*[^${PY_SPACE_CLASS_BODY};)]*` : `${PY_SPACE}*[^${PY_SPACE_CLASS_BODY}]*`;
  const equal =
    flavour === '24.1'
      ? `${head}${release}(?:\\.\\*|${pre}${post}${dev}${local})?`
      : `${head}${release}${pre}${post}(?:${dev}${local}|\\.\\*)?`;
  return (
    `(?:(?<operator>===)(?<v1>${arbitrary})` +
    `|(?<operator2>==|!=)(?<v2>${equal})` +
    `|(?<operator3>~=)(?<v3>${head}[0-9]+(?:\\.[0-9]+)+${pre}${post}${dev})` +
    `|(?<operator4><=|>=|<|>)(?<v4>${head}${release}${pre}${post}${dev}))`
  );
}

const LEGACY_BODY = `(?<operator>==|!=|<=|>=|<|>)${PY_SPACE}*(?<v1>[^,;)${PY_SPACE_CLASS_BODY}]*)`;

/** Sticky matchers for one specifier at a position, and anchored ones for `Specifier(text)`. */
export const SPECIFIER_AT: Record<Flavour, RegExp> = {
  '24.1': new RegExp(operatorVersion('24.1'), 'iyu'),
  '21.3': new RegExp(operatorVersion('21.3'), 'iyu'),
};
const SPECIFIER_FULL: Record<Flavour, RegExp> = {
  '24.1': new RegExp(`^${PY_SPACE}*${operatorVersion('24.1')}${PY_SPACE}*$`, 'iu'),
  '21.3': new RegExp(`^${PY_SPACE}*${operatorVersion('21.3')}${PY_SPACE}*$`, 'iu'),
};
/** packaging 21.3 LegacySpecifier: any version text up to `,`, `;`, whitespace or `)`. */
export const LEGACY_AT = new RegExp(LEGACY_BODY, 'iyu');
const LEGACY_FULL = new RegExp(`^${PY_SPACE}*${LEGACY_BODY}${PY_SPACE}*$`, 'iu');

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

/** `Specifier(text)`: the parts, or null where packaging raises InvalidSpecifier. */
export function matchSpecifier(text: string, flavour: Flavour = '24.1'): SplitSpecifier | null {
  return splitMatch(text.match(SPECIFIER_FULL[flavour]));
}

/** `LegacySpecifier(text)` of packaging 21.3: the parts, or null where it raises. */
export function matchLegacySpecifier(text: string): SplitSpecifier | null {
  return splitMatch(text.match(LEGACY_FULL));
}
