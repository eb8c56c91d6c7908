/**
 * The specifier list of a requirement, canonicalised as packaging's `str(SpecifierSet)`.
 *
 * Spec: https://packaging.python.org/en/latest/specifications/version-specifiers/
 * Reference: packaging 24.1 `SpecifierSet.__init__`/`__str__` and `canonicalize_version`; in
 * legacy mode packaging 21.3's fallback from `Specifier` to `LegacySpecifier`.
 * Output: operator and version with blanks removed, duplicates dropped (first one kept; `==1.0`
 * and `==1.0.0` are duplicates, `~=1.0` and `~=1.0.0` are not in 24.1 but are in 21.3), sorted by
 * code point and joined with `,`.
 * Traps: `===` swallows commas at the token level, so `===a,b` tokenizes but `b` then fails here,
 * as packaging's `InvalidSpecifier` does.
 */
import { canonicalizeVersion, compareCodePoints, pyStrip } from '../pep440/index.js';
import { RequirementParseError } from './errors.js';
import { matchLegacySpecifier, matchSpecifier } from './specifier-patterns.js';

export interface RequirementSpecifier {
  operator: string;
  version: string;
  /** A packaging 21.3 LegacySpecifier (only with `allowLegacySpecifiers`). */
  legacy: boolean;
}

/**
 * Parse the comma-separated specifier text the tokenizer collected; throws RequirementParseError
 * (span: the specifier text) where packaging raises InvalidSpecifier.
 */
export function buildSpecifierSet(
  text: string,
  allowLegacy: boolean,
  input: string,
  start: number,
): RequirementSpecifier[] {
  const seen = new Set<string>();
  const kept: RequirementSpecifier[] = [];
  for (const piece of text.split(',').map(pyStrip).filter((s) => s !== '')) {
    const modern = matchSpecifier(piece, allowLegacy ? '21.3' : '24.1');
    const legacy = modern === null && allowLegacy ? matchLegacySpecifier(piece) : null;
    const parts = modern ?? legacy;
    if (parts === null) {
      throw new RequirementParseError(`Invalid specifier: '${piece}'`, input, [start, start + text.length]);
    }
    // 24.1 keeps `~=` trailing zeros in the identity key; 21.3 strips them for every operator.
    const strip = allowLegacy || parts.operator !== '~=';
    const key = `${legacy ? 'L' : 'S'}${parts.operator} ${canonicalizeVersion(parts.version, strip)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push({ ...parts, legacy: legacy !== null });
  }
  return kept
    .map((s) => ({ s, text: s.operator + s.version }))
    .sort((a, b) => compareCodePoints(a.text, b.text)) // Python's sorted() on str
    .map(({ s }) => s);
}

/** `str(SpecifierSet)`. */
export function specifierSetToString(specifiers: readonly RequirementSpecifier[]): string {
  return specifiers.map((s) => s.operator + s.version).join(',');
}
