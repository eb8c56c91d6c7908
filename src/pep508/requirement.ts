/**
 * `Requirement`: a parsed PEP 508 dependency specifier, shaped like packaging's `Requirement`.
 *
 * Spec: https://packaging.python.org/en/latest/specifications/dependency-specifiers/
 * Reference: packaging 24.1 `requirements.py` (pip ≥ 24.1); with `allowLegacySpecifiers`, the
 * specifier handling of packaging 21.3 (pip ≤ 24.0), which accepted `==0.8.7p1` or `==${version}`.
 * Supported: everything the grammar allows; `toString()` is packaging's `str(Requirement)`.
 * Legacy mode uses 21.3's specifier regexes too (its `===` runs to the next blank, eating `;` and `)`).
 * Unsupported: the other 21.3 differences (URL validation, pyparsing error texts, rejecting a
 * trailing comma); legacy mode is the 24.1 grammar with 21.3's notion of a version specifier.
 * Traps: extras keep their spelling (compare them with `normalizeExtra`); `url` is not validated.
 */
import { normalizeName } from '../names/index.js';
import type { ProjectName } from '../names/index.js';
import type { Marker } from './markers/ast.js';
import { markerToString } from './markers/format.js';
import { normalizeFirstExtra } from './markers/parse.js';
import { parseRequirementTokens } from './parser.js';
import { buildSpecifierSet, specifierSetToString } from './specifier-set.js';
import type { RequirementSpecifier } from './specifier-set.js';
import { Tokenizer } from './tokenizer.js';
import { DEFAULT_RULES, LEGACY_RULES } from './tokens.js';

export type { RequirementSpecifier } from './specifier-set.js';

export interface Requirement {
  /** The project name as written. */
  readonly name: string;
  readonly normalizedName: ProjectName;
  /** Distinct extras in order of appearance, as written. */
  readonly extras: readonly string[];
  /** Canonical specifier text (`str(SpecifierSet)`), `''` if none. */
  readonly specifier: string;
  /** The specifiers in canonical order. */
  readonly specifiers: readonly RequirementSpecifier[];
  readonly url: string | null;
  readonly marker: Marker | null;
  /** packaging's `str(Requirement)`. */
  toString(): string;
}

export interface ParseRequirementOptions {
  /** Accept packaging 21.3 legacy specifiers (pip ≤ 24.0). Default false. */
  allowLegacySpecifiers?: boolean;
}

// The same strings come back many times (a pin in every module, a Requires-Dist in every release of
// a project, every target and fix round): a parsed requirement is shared between equal strings, so
// it is read-only (the type says so; freezing it at run time cost more than the parse). Bounded: the
// map is dropped when full. Failures are not kept (they are rare, and throw again).
const parsedCache = new Map<string, Requirement>();
const PARSED_CACHE_LIMIT = 50_000;

/** Parse a PEP 508 requirement; throws RequirementParseError where packaging raises. The result is shared between equal inputs: read-only. */
export function parseRequirement(text: string, opts: ParseRequirementOptions = {}): Requirement {
  const allowLegacy = opts.allowLegacySpecifiers === true;
  const key = `${allowLegacy ? 'L' : 'M'}${text}`;
  const hit = parsedCache.get(key);
  if (hit) return hit;
  const requirement = parseUncached(text, allowLegacy);
  if (parsedCache.size >= PARSED_CACHE_LIMIT) parsedCache.clear();
  parsedCache.set(key, requirement);
  return requirement;
}

function parseUncached(text: string, allowLegacy: boolean): Requirement {
  const parsed = parseRequirementTokens(new Tokenizer(text, allowLegacy ? LEGACY_RULES : DEFAULT_RULES));
  const specifiers = buildSpecifierSet(parsed.specifier, allowLegacy, text, parsed.specifierStart);
  const requirement: Requirement = {
    name: parsed.name,
    normalizedName: normalizeName(parsed.name),
    extras: [...new Set(parsed.extras)],
    specifier: specifierSetToString(specifiers),
    specifiers,
    url: parsed.url || null,
    marker: parsed.marker && normalizeFirstExtra(parsed.marker),
    toString: () => requirementToString(requirement),
  };
  return requirement;
}

function requirementToString(r: Requirement): string {
  let out = r.name;
  if (r.extras.length > 0) out += `[${[...r.extras].sort(byCodeUnit).join(',')}]`;
  out += r.specifier;
  if (r.url) out += `@ ${r.url}${r.marker ? ' ' : ''}`;
  if (r.marker) out += `; ${markerToString(r.marker)}`;
  return out;
}

// Extras are ASCII identifiers, so code-unit order is Python's code-point order.
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
