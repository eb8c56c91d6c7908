/**
 * PEP 440 versions: parsing, normalisation and the public `Version` shape.
 *
 * Spec: https://peps.python.org/pep-0440/ ; reference: packaging 24.1 `version.py` (vendored by pip 24.2).
 * The grammar is `@renovatebot/pep440`'s `VERSION_PATTERN` (the same regex as packaging's), wrapped the
 * way packaging compiles it: Python whitespace around it, IGNORECASE with Python's non-ASCII
 * case matches in the local segment (İ, ı, ſ, K). Everything after the match is ours: the library
 * turns numbers into JS doubles and local parts through `Number()` (so `+1e5` or `+0x1` go wrong).
 * Traps: numbers are unbounded (kept as bigint internally; the public `number` fields are lossy past
 * 2^53); `1.0+01` normalises to `1.0+1`; `v1.0` and surrounding whitespace are accepted; a `poſt`
 * spelling is accepted but (as in packaging) keeps its own letter in the sort key.
 * Unsupported: non-ASCII look-alikes in pre-release words (`prevıew`), which packaging 24.1 accepts.
 */
import { VERSION_PATTERN } from '@renovatebot/pep440/lib/version.js';
import { InvalidVersionError } from './errors.js';
import { PY_ALNUM_I, PY_SPACE } from './pystr.js';

export type PreLetter = 'a' | 'b' | 'rc';

/** Exact parsed components (bigint, so huge numbers compare correctly). */
export interface VersionParts {
  readonly epoch: bigint;
  readonly release: readonly bigint[];
  readonly pre: readonly [PreLetter, bigint] | null;
  /** The letter is normally `post`; packaging keeps odd spellings (`poſt`) in its sort key. */
  readonly post: readonly [string, bigint] | null;
  readonly dev: bigint | null;
  readonly local: readonly (string | bigint)[] | null;
}

/** A parsed PEP 440 version. Numbers beyond 2^53 are approximate here; ordering uses exact values. */
export interface Version {
  /** The text it was parsed from, unchanged. */
  readonly text: string;
  readonly epoch: number;
  readonly release: number[];
  readonly pre: ['a' | 'b' | 'rc', number] | null;
  readonly post: number | null;
  readonly dev: number | null;
  /** Normalised local segment (`abc.1`), or null. */
  readonly local: string | null;
  readonly isPrerelease: boolean;
  readonly isPostrelease: boolean;
  readonly isDevrelease: boolean;
  /** Normalised form without the local segment. */
  readonly public: string;
  /** Epoch and release only (`1!2.0`). */
  readonly baseVersion: string;
  /** The normalised form, as packaging's `str(Version(...))`. */
  toString(): string;
}

const pattern = VERSION_PATTERN.replaceAll('[a-z0-9]', PY_ALNUM_I);
if (pattern === VERSION_PATTERN) throw new Error('@renovatebot/pep440: VERSION_PATTERN changed shape');
const VERSION_RE = new RegExp(`^${PY_SPACE}*${pattern}${PY_SPACE}*$`, 'iu');

function letterVersion(letter: string | undefined, digits: string | undefined): [string, bigint] | null {
  if (letter) {
    let l = letter.toLowerCase();
    if (l === 'alpha') l = 'a';
    else if (l === 'beta') l = 'b';
    else if (l === 'c' || l === 'pre' || l === 'preview') l = 'rc';
    else if (l === 'rev' || l === 'r') l = 'post';
    return [l, BigInt(digits ?? '0')];
  }
  // An implicit post-release: `1.0-1`.
  if (digits) return ['post', BigInt(digits)];
  return null;
}

const partsCache = new Map<string, VersionParts | null>();

/**
 * Parses `text` into exact components, or null when it is not PEP 440. Memoised: the same version
 * texts recur across every pin, file and target. Parts are never mutated.
 */
export function parseParts(text: string): VersionParts | null {
  let hit = partsCache.get(text);
  if (hit === undefined) {
    hit = parsePartsUncached(text);
    if (partsCache.size >= 100_000) partsCache.clear();
    partsCache.set(text, hit);
  }
  return hit;
}

function parsePartsUncached(text: string): VersionParts | null {
  const g = VERSION_RE.exec(text)?.groups;
  if (!g || g.release === undefined) return null;
  const pre = letterVersion(g.pre_l, g.pre_n);
  const dev = letterVersion(g.dev_l, g.dev_n);
  return {
    epoch: BigInt(g.epoch ?? '0'),
    release: g.release.split('.').map((d) => BigInt(d)),
    pre: pre as [PreLetter, bigint] | null,
    post: letterVersion(g.post_l, g.post_n1 ?? g.post_n2),
    dev: dev ? dev[1] : null,
    local: g.local === undefined ? null : g.local.split(/[-_.]/).map((p) => (/^[0-9]+$/.test(p) ? BigInt(p) : p.toLowerCase())),
  };
}

/** packaging's `canonicalize_version` over parsed parts (`strip` drops trailing `.0`s of the release). */
export function formatParts(p: VersionParts, stripTrailingZero = false, withLocal = true): string {
  let out = p.epoch !== 0n ? `${p.epoch}!` : '';
  let release = p.release.join('.');
  if (stripTrailingZero) release = release.replace(/(\.0)+$/, '');
  out += release;
  if (p.pre) out += `${p.pre[0]}${p.pre[1]}`;
  if (p.post) out += `.post${p.post[1]}`;
  if (p.dev !== null) out += `.dev${p.dev}`;
  if (withLocal && p.local) out += `+${p.local.join('.')}`;
  return out;
}

/** packaging's `canonicalize_version` on text: normalised if it parses, unchanged otherwise. */
export function canonicalizeVersion(text: string, stripTrailingZero = false): string {
  const parts = parseParts(text);
  return parts ? formatParts(parts, stripTrailingZero) : text;
}

/** Epoch plus release, as packaging's `base_version`. */
export function baseParts(p: VersionParts): VersionParts {
  return { epoch: p.epoch, release: p.release, pre: null, post: null, dev: null, local: null };
}

/** The public part (no local segment), as `Version(v.public)`. */
export function publicParts(p: VersionParts): VersionParts {
  return p.local === null ? p : { ...p, local: null };
}

export function isPrereleaseParts(p: VersionParts): boolean {
  return p.pre !== null || p.dev !== null;
}

class ParsedVersion implements Version {
  readonly text: string;
  readonly parts: VersionParts;
  readonly epoch: number;
  readonly release: number[];
  readonly pre: [PreLetter, number] | null;
  readonly post: number | null;
  readonly dev: number | null;
  readonly local: string | null;
  readonly isPrerelease: boolean;
  readonly isPostrelease: boolean;
  readonly isDevrelease: boolean;
  readonly public: string;
  readonly baseVersion: string;
  readonly #normalized: string;

  constructor(text: string, parts: VersionParts) {
    this.text = text;
    this.parts = parts;
    this.epoch = Number(parts.epoch);
    this.release = parts.release.map(Number);
    this.pre = parts.pre ? [parts.pre[0], Number(parts.pre[1])] : null;
    this.post = parts.post ? Number(parts.post[1]) : null;
    this.dev = parts.dev === null ? null : Number(parts.dev);
    this.local = parts.local ? parts.local.join('.') : null;
    this.isPrerelease = isPrereleaseParts(parts);
    this.isPostrelease = parts.post !== null;
    this.isDevrelease = parts.dev !== null;
    this.#normalized = formatParts(parts);
    this.public = formatParts(parts, false, false);
    this.baseVersion = formatParts(baseParts(parts));
  }

  toString(): string {
    return this.#normalized;
  }
}

/** Parses a PEP 440 version (surrounding whitespace and a leading `v` allowed). */
export function parseVersion(text: string): Version {
  const parts = parseParts(text);
  if (!parts) throw new InvalidVersionError(text);
  return new ParsedVersion(text, parts);
}

/** {@link parseVersion}, returning null instead of throwing. */
export function tryParseVersion(text: string): Version | null {
  const parts = parseParts(text);
  return parts ? new ParsedVersion(text, parts) : null;
}

/** Whether packaging 24 would accept `text` as a version. */
export function isValidVersion(text: string): boolean {
  return VERSION_RE.test(text);
}

/** Exact parts of a string or Version; throws InvalidVersionError for invalid text. */
export function partsOf(v: string | Version): VersionParts {
  if (v instanceof ParsedVersion) return v.parts;
  const text = typeof v === 'string' ? v : v.text;
  const parts = parseParts(text);
  if (!parts) throw new InvalidVersionError(text);
  return parts;
}
