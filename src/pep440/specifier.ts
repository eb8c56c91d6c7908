/**
 * One PEP 440 version specifier (`>=1.0`, `==1.*`, `~=2.2`, `===foo`) and its `contains` rules.
 *
 * Spec: https://peps.python.org/pep-0440/#version-specifiers ; reference: packaging 24.1 `Specifier`.
 * Supported: all eight operators, prefix wildcards, local versions on `==`/`!=`, epochs, and the
 * implicit pre-release rule (a specifier admits pre-releases only if it names one with
 * `==`, `>=`, `<=`, `~=` or `===`, or if the caller says so).
 * Traps (kept as packaging 24.1 has them): `<V` excludes pre-releases of V's release unless V is one;
 * `>V` excludes post-releases of V (unless V is one) and any local version of V's release; `<=`/`>=`
 * ignore the candidate's local segment; `===` compares the candidate's *normalised* form with the
 * specifier text case-insensitively; `~=` builds its prefix from the text as written, so `~=v1.4`
 * matches nothing and `~=1.4.A1` means `==1.4.*`; a `===` text that is not a version makes the
 * implicit pre-release check throw InvalidVersionError, as packaging raises InvalidVersion.
 */
import { compareParts } from './order.js';
import type { Version, VersionParts } from './version.js';
import { baseParts, canonicalizeVersion, formatParts, isPrereleaseParts, partsOf, publicParts } from './version.js';

export type Operator = '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';

export interface ContainsOptions {
  /** true: admit pre-releases; false: never; undefined: as the specifier implies. */
  prereleases?: boolean;
}

export interface Specifier {
  readonly operator: Operator;
  /** The version text as written (whitespace-stripped, not normalised). */
  readonly version: string;
  /** `operator + version`, as packaging's `str(Specifier)`. */
  toString(): string;
  /** Whether `v` satisfies this specifier; throws InvalidVersionError for an invalid `v`. */
  contains(v: string | Version, opts?: ContainsOptions): boolean;
}

// Specifier texts repeat across every candidate of a filter: remember what is derived from them.
function memo<T>(compute: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined) {
      value = compute(text);
      if (cache.size >= 4096) cache.clear();
      cache.set(text, value);
    }
    return value;
  };
}

const mustParse = memo((text: string): VersionParts => partsOf(text));

// packaging's `_version_split`: epoch first, then dot-separated items, `1rc1` split in two.
function versionSplit(version: string): string[] {
  const bang = version.lastIndexOf('!');
  const epoch = bang < 0 ? '' : version.slice(0, bang);
  const result = [epoch || '0'];
  for (const item of version.slice(bang + 1).split('.')) {
    const m = /^([0-9]+)((?:a|b|c|rc)[0-9]+)$/.exec(item);
    if (m?.[1] !== undefined && m[2] !== undefined) result.push(m[1], m[2]);
    else result.push(item);
  }
  return result;
}

const isDigits = (s: string): boolean => /^[0-9]+$/.test(s);
const isNotSuffix = (s: string): boolean => !['dev', 'a', 'b', 'rc', 'post'].some((p) => s.startsWith(p));

function takeWhile(items: string[], keep: (s: string) => boolean): string[] {
  const i = items.findIndex((s) => !keep(s));
  return i < 0 ? items.slice() : items.slice(0, i);
}

const wildcardSplit = memo((prefixText: string) => versionSplit(canonicalizeVersion(prefixText, false)));

function equalWildcard(item: VersionParts, prefixText: string): boolean {
  const spec = wildcardSplit(prefixText);
  const prospective = versionSplit(formatParts(publicParts(item)));
  // Zero-pad the prospective release so `==1.0.0.*` matches `1`.
  const digits = takeWhile(prospective, isDigits);
  const zeros = Array<string>(Math.max(0, takeWhile(spec, isDigits).length - digits.length)).fill('0');
  const padded = [...digits, ...zeros, ...prospective.slice(digits.length)].slice(0, spec.length);
  return padded.length === spec.length && padded.every((s, i) => s === spec[i]);
}

function equal(item: VersionParts, spec: string): boolean {
  if (spec.endsWith('.*')) return equalWildcard(item, spec.slice(0, -2));
  const v = mustParse(spec);
  return compareParts(v.local === null ? publicParts(item) : item, v) === 0;
}

function lessThan(item: VersionParts, specText: string): boolean {
  const spec = mustParse(specText);
  if (compareParts(item, spec) >= 0) return false;
  // `<1.7` must not admit 1.7's own pre-releases.
  if (!isPrereleaseParts(spec) && isPrereleaseParts(item) && compareParts(baseParts(item), baseParts(spec)) === 0) return false;
  return true;
}

function greaterThan(item: VersionParts, specText: string): boolean {
  const spec = mustParse(specText);
  if (compareParts(item, spec) <= 0) return false;
  const sameBase = compareParts(baseParts(item), baseParts(spec)) === 0;
  // `>1.7` must not admit 1.7.post1, nor 1.7+local.
  if (spec.post === null && item.post !== null && sameBase) return false;
  if (item.local !== null && sameBase) return false;
  return true;
}

// `~=2.2.post3` → `2!2.*`-style prefix, from the text as written (packaging's `_version_split`).
const compatiblePrefix = memo((spec: string) => {
  const [epoch, ...rest] = takeWhile(versionSplit(spec), isNotSuffix).slice(0, -1);
  return `${epoch ?? ''}!${rest.join('.')}.*`;
});

function compatible(item: VersionParts, spec: string): boolean {
  const prefix = compatiblePrefix(spec);
  return compareParts(publicParts(item), mustParse(spec)) >= 0 && equal(item, prefix);
}

function matches(op: Operator, item: VersionParts, spec: string): boolean {
  switch (op) {
    case '~=':
      return compatible(item, spec);
    case '==':
      return equal(item, spec);
    case '!=':
      return !equal(item, spec);
    case '<=':
      return compareParts(publicParts(item), mustParse(spec)) <= 0;
    case '>=':
      return compareParts(publicParts(item), mustParse(spec)) >= 0;
    case '<':
      return lessThan(item, spec);
    case '>':
      return greaterThan(item, spec);
    case '===':
      return formatParts(item).toLowerCase() === spec.toLowerCase();
  }
}

/** A parsed specifier; built only by `parseSpecifier` in specifier-set.ts. */
export class ParsedSpecifier implements Specifier {
  readonly operator: Operator;
  readonly version: string;

  constructor(operator: Operator, version: string) {
    this.operator = operator;
    this.version = version;
  }

  toString(): string {
    return `${this.operator}${this.version}`;
  }

  /** packaging's equality key: operator plus canonicalised version (trailing zeros kept for `~=`). */
  get canonicalKey(): string {
    return `${this.operator}${canonicalizeVersion(this.version, this.operator !== '~=')}`;
  }

  /** packaging's `Specifier.prereleases` with no override; throws InvalidVersionError for `===junk`. */
  get impliesPrereleases(): boolean {
    if (!['==', '>=', '<=', '~=', '==='].includes(this.operator)) return false;
    const text = this.operator === '==' && this.version.endsWith('.*') ? this.version.slice(0, -2) : this.version;
    return isPrereleaseParts(mustParse(text));
  }

  contains(v: string | Version, opts?: ContainsOptions): boolean {
    const item = partsOf(v);
    return this.containsParts(item, opts?.prereleases ?? this.impliesPrereleases);
  }

  containsParts(item: VersionParts, prereleases: boolean): boolean {
    if (isPrereleaseParts(item) && !prereleases) return false;
    return matches(this.operator, item, this.version);
  }
}
