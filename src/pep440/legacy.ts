/**
 * packaging 21.3's matching, which pip ≤ 24.0 (pip 18, 19 and 23 on our hosts) uses in `pip check`
 * and the resolver: a specifier part that is not PEP 440 (`<1.3+loc1`, `==0.8.7p1`) becomes a
 * LegacySpecifier, which compares both sides as LegacyVersion (setuptools' old `parse_version`
 * key); a PEP 440 part refuses every version that is not PEP 440 (its comparisons are wrapped in
 * `_require_version_compare`), except `===`, which compares text.
 * Spec: packaging 21.3 `specifiers.py` (LegacySpecifier, _require_version_compare) and
 * `version.py` (`_legacy_cmpkey`). packaging ≥ 22 (pip ≥ 24.1) dropped both.
 */
import { InvalidSpecifierError } from './errors.js';
import { parseSpecifier } from './specifier-set.js';
import { tryParseVersion } from './version.js';

const COMPONENT = /(\d+|[a-z]+|\.|-)/;
const REPLACEMENTS: Record<string, string> = { pre: 'c', preview: 'c', '-': 'final-', rc: 'c', dev: '@' };

/** setuptools' legacy sort key: numeric parts zero-padded, words prefixed with `*`. */
function legacyKey(version: string): string[] {
  const parts: string[] = [];
  const pieces = version.toLowerCase().split(COMPONENT);
  const tokens: string[] = [];
  for (const raw of pieces) {
    const part = REPLACEMENTS[raw] ?? raw;
    if (!part || part === '.') continue;
    tokens.push(/^[0-9]/.test(part) ? part.padStart(8, '0') : `*${part}`);
  }
  tokens.push('*final');
  for (const part of tokens) {
    if (part.startsWith('*')) {
      if (part < '*final') while (parts.length > 0 && parts[parts.length - 1] === '*final-') parts.pop();
      while (parts.length > 0 && parts[parts.length - 1] === '00000000') parts.pop();
    }
    parts.push(part);
  }
  return parts;
}

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return a.length - b.length;
}

const LEGACY_PART = /^\s*(==|!=|<=|>=|<|>)\s*([^,;\s)]*)\s*$/;

/**
 * Whether `version` (as installed) satisfies the comma-separated `specifier` the way pip ≤ 24.0's
 * `pip check` decides it (pre-releases admitted). Parts are evaluated independently, as
 * packaging 21.3's SpecifierSet does.
 */
export function legacyAwareContains(specifier: string, version: string): boolean {
  const parts = specifier.split(',').map((p) => p.trim()).filter(Boolean);
  const pep440Version = tryParseVersion(version);
  return parts.every((part) => {
    let spec;
    try {
      spec = parseSpecifier(part);
    } catch (error) {
      if (!(error instanceof InvalidSpecifierError) || !error.legacy) return false;
      const m = LEGACY_PART.exec(part);
      if (!m) return false;
      // 21.3 coerces a parsed Version through its normalised text; the specifier's side stays as written.
      const cmp = compareKeys(legacyKey(pep440Version?.toString() ?? version), legacyKey(m[2] ?? ''));
      switch (m[1]) {
        case '==': return cmp === 0;
        case '!=': return cmp !== 0;
        case '<=': return cmp <= 0;
        case '>=': return cmp >= 0;
        case '<': return cmp < 0;
        default: return cmp > 0;
      }
    }
    // 21.3's `_compare_arbitrary`: the parsed version's text (normalised, or as written when legacy).
    if (spec.operator === '===') return (pep440Version?.toString() ?? version).toLowerCase() === spec.version.toLowerCase();
    if (pep440Version === null) return false;
    return spec.contains(pep440Version, { prereleases: true });
  });
}
