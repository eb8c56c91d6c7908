/**
 * A comma-separated PEP 440 specifier set (`>=1.0,!=1.3.*,<2`) and pin extraction.
 *
 * Spec: https://peps.python.org/pep-0440/#version-specifiers ; reference: packaging 24.1 `SpecifierSet`.
 * Semantics, all as packaging 24.1 (pip 24.2): empty items are ignored and `''` admits every final
 * release; duplicates (equal after canonicalising, e.g. `>=1.0` and `>=1`) collapse to the first;
 * `toString()` is the items sorted as strings and joined by `,`; `contains` admits pre-releases only
 * when asked or when some item names one; `filter` on a non-empty set drops pre-releases under the
 * same rule even when nothing else matches (only the empty set falls back to pre-releases when no
 * final release is offered) — packaging 24.1 behaves so, and so does pip 24.2's finder.
 * Unlike packaging, `filter` skips strings that are not versions instead of raising.
 * Legacy specifiers (`==0.8.7p1`, accepted by pip <= 24.0) are rejected with `legacy: true`.
 */
import { InvalidSpecifierError, InvalidVersionError } from './errors.js';
import { LEGACY_SPECIFIER_RE, SPECIFIER_RE } from './grammar.js';
import { compareCodePoints, pyLeadingSpace, pyStrip } from './pystr.js';
import type { ContainsOptions, Operator, Specifier } from './specifier.js';
import { ParsedSpecifier } from './specifier.js';
import type { Version, VersionParts } from './version.js';
import { isPrereleaseParts, parseParts, partsOf } from './version.js';

/** Parses one specifier; throws InvalidSpecifierError. */
export function parseSpecifier(text: string): Specifier {
  return parseOne(text, text, undefined);
}

function parseOne(text: string, input: string, offset: number | undefined): ParsedSpecifier {
  const g = SPECIFIER_RE.exec(text)?.groups;
  if (!g || g.operator === undefined || g.version === undefined) {
    throw new InvalidSpecifierError(input, pyStrip(text), offset, LEGACY_SPECIFIER_RE.test(text));
  }
  return new ParsedSpecifier(pyStrip(g.operator) as Operator, pyStrip(g.version));
}

export class SpecifierSet {
  readonly specifiers: readonly Specifier[];
  readonly #specs: readonly ParsedSpecifier[];

  private constructor(specs: ParsedSpecifier[]) {
    this.#specs = specs;
    this.specifiers = specs;
  }

  /** Parses `text` (items separated by commas); throws InvalidSpecifierError. `''` admits anything. */
  static parse(text: string): SpecifierSet {
    const specs: ParsedSpecifier[] = [];
    const seen = new Set<string>();
    let offset = 0;
    for (const raw of text.split(',')) {
      const item = pyStrip(raw);
      if (item !== '') {
        const spec = parseOne(item, text, offset + pyLeadingSpace(raw));
        if (!seen.has(spec.canonicalKey)) {
          seen.add(spec.canonicalKey);
          specs.push(spec);
        }
      }
      offset += raw.length + 1;
    }
    return new SpecifierSet(specs);
  }

  get isEmpty(): boolean {
    return this.#specs.length === 0;
  }

  /** packaging's `str(SpecifierSet)`: items sorted, joined by commas. */
  toString(): string {
    return this.#specs
      .map(String)
      .sort(compareCodePoints)
      .join(',');
  }

  /**
   * packaging's `SpecifierSet.prereleases` with no override: null for an empty set, else whether any
   * item names a pre-release. An item whose `===` text is no version throws InvalidVersionError
   * unless another item already answers true.
   */
  get impliesPrereleases(): boolean | null {
    if (this.#specs.length === 0) return null;
    let failure: InvalidVersionError | undefined;
    for (const s of this.#specs) {
      try {
        if (s.impliesPrereleases) return true;
      } catch (e) {
        if (!(e instanceof InvalidVersionError)) throw e;
        failure ??= e;
      }
    }
    if (failure) throw failure;
    return false;
  }

  /** Whether `v` satisfies every item; throws InvalidVersionError for an invalid `v`. */
  contains(v: string | Version, opts?: ContainsOptions): boolean {
    return this.#containsParts(partsOf(v), opts?.prereleases ?? this.impliesPrereleases);
  }

  #containsParts(item: VersionParts, prereleases: boolean | null): boolean {
    if (!prereleases && isPrereleaseParts(item)) return false;
    return this.#specs.every((s) => s.containsParts(item, prereleases ?? false));
  }

  /**
   * The versions that satisfy the set, in input order (packaging's `filter`); strings that are not
   * valid versions are skipped. Only an empty set returns pre-releases when no final release is
   * given and `prereleases` is undefined.
   */
  filter(vs: string[], opts?: ContainsOptions): string[] {
    const prereleases = opts?.prereleases ?? this.impliesPrereleases;
    const parsed = vs.flatMap((text) => {
      const parts = parseParts(text);
      return parts ? [{ text, parts }] : [];
    });
    if (this.#specs.length > 0) {
      const allow = prereleases === true;
      return parsed.filter((x) => this.#specs.every((s) => s.containsParts(x.parts, allow))).map((x) => x.text);
    }
    const finals = parsed.filter((x) => prereleases || !isPrereleaseParts(x.parts));
    if (finals.length === 0 && prereleases === null) return parsed.map((x) => x.text);
    return finals.map((x) => x.text);
  }
}

/** The version of a lone `==X` (no wildcard) or `===X` specifier, as written; otherwise null. */
export function exactPinVersion(spec: SpecifierSet): string | null {
  const [only, ...more] = spec.specifiers;
  if (!only || more.length > 0) return null;
  if (only.operator === '===' || (only.operator === '==' && !only.version.endsWith('.*'))) return only.version;
  return null;
}
