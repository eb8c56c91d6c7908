/**
 * Whether an installed version satisfies a requirement's specifier, as `pip check` decides it:
 * pre-releases allowed (the version is what is installed). Versions that are not PEP 440 (pip ≤ 24.0
 * installs `0.8.7p1` as a LegacyVersion) sort before every PEP 440 version, as packaging 21.3 did:
 * `<`, `<=` and `!=` admit them, the other operators do not, `===` compares text.
 */
import { SpecifierSet, tryParseVersion } from '../../pep440/index.js';

const cache = new Map<string, SpecifierSet | null>();

function specifierSet(text: string): SpecifierSet | null {
  if (!cache.has(text)) {
    let parsed: SpecifierSet | null = null;
    try {
      parsed = SpecifierSet.parse(text);
    } catch {
      parsed = null;
    }
    cache.set(text, parsed);
  }
  return cache.get(text) ?? null;
}

export function satisfies(specifier: string, version: string): boolean {
  if (specifier.trim() === '') return true;
  const parts = specifier.split(',').map((s) => s.trim()).filter(Boolean);
  if (tryParseVersion(version) === null) return parts.every((p) => legacyAdmits(p, version));
  const set = specifierSet(specifier);
  if (set) return set.contains(version, { prereleases: true });
  // A legacy specifier in someone's metadata (`==1.0-foo`): only text equality is meaningful.
  return parts.every((p) => legacyAdmits(p, version));
}

function legacyAdmits(part: string, version: string): boolean {
  const m = /^(===|~=|==|!=|<=|>=|<|>)\s*(.*)$/.exec(part);
  if (!m) return false;
  const [, op, value] = m;
  switch (op) {
    case '===':
    case '==':
      return value === version;
    case '!=':
      return value !== version;
    case '<':
    case '<=':
      return true;
    default:
      return false;
  }
}
