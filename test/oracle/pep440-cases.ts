// Deterministic generator of PEP 440 oracle queries (seeded PRNG, never Math.random): versions
// clustered around a few releases so that specifiers and candidates collide on the edge cases
// (pre/post/dev/local/epoch, trailing zeros, wildcards, `~=`, `===`), plus mutations that are
// invalid or only valid through Python's whitespace and case rules.

import { createRng } from './compat/prng.js';

export type Rng = () => number;

/** The shared seeded PRNG (mulberry32), as a bare function. */
export function mulberry32(seed: number): Rng {
  return createRng(seed).next;
}

export function pick<T>(r: Rng, items: readonly T[]): T {
  const item = items[Math.floor(r() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

const chance = (r: Rng, p: number): boolean => r() < p;

const SEPS = ['', '', '', '.', '-', '_'];
const PRE_WORDS = ['a', 'a', 'b', 'b', 'rc', 'rc', 'c', 'alpha', 'beta', 'pre', 'preview', 'A', 'RC', 'Beta'];
const POST_WORDS = ['post', 'post', 'rev', 'r', 'POST'];
const NUMS = ['', '0', '1', '1', '2', '01', '10'];
const RELEASE_POOL = [['1'], ['1', '0'], ['1', '0', '0'], ['1', '1'], ['1', '2'], ['2'], ['0', '9'], ['1', '0', '1'], ['2', '0'], ['1', '0', '0', '0']];
const LOCAL_PARTS = ['abc', '1', '0', '01', 'ubuntu', 'a1', 'Z', 'deadbeef'];

export interface VersionShape {
  release?: readonly string[];
  /** No local segment (operators other than ==/!= reject one). */
  noLocal?: boolean;
  /** No pre/post/dev/local (a wildcard prefix). */
  releaseOnly?: boolean;
  /** At least two release segments (for ~=). */
  minSegments?: number;
  /** Probability scale for suffixes. */
  suffixes?: number;
}

export function genRelease(r: Rng): string[] {
  if (chance(r, 0.7)) return [...pick(r, RELEASE_POOL)];
  const n = 1 + Math.floor(r() * 4);
  return Array.from({ length: n }, () => pick(r, ['0', '1', '2', '3', '9', '10', '01', '00', '123456789012345678901']));
}

/** A version string in some accepted spelling (valid unless the caller mutates it). */
export function genVersion(r: Rng, shape: VersionShape = {}): string {
  const k = shape.suffixes ?? 1;
  let release = [...(shape.release ?? genRelease(r))];
  while (release.length < (shape.minSegments ?? 1)) release.push(pick(r, ['0', '1', '5']));
  if (chance(r, 0.15)) release.push('0');
  let out = chance(r, 0.05) ? pick(r, ['v', 'V']) : '';
  if (chance(r, 0.12)) out += `${pick(r, ['0', '1', '2', '00', '01'])}!`;
  out += release.join('.');
  if (shape.releaseOnly) return out;
  if (chance(r, 0.35 * k)) out += pick(r, SEPS) + pick(r, PRE_WORDS) + pick(r, SEPS.slice(0, 4)) + pick(r, NUMS);
  if (chance(r, 0.25 * k)) {
    out += chance(r, 0.2) ? `-${pick(r, ['0', '1', '3'])}` : pick(r, SEPS) + pick(r, POST_WORDS) + pick(r, SEPS.slice(0, 4)) + pick(r, NUMS);
  }
  if (chance(r, 0.25 * k)) out += pick(r, SEPS) + pick(r, ['dev', 'dev', 'DEV']) + pick(r, SEPS.slice(0, 4)) + pick(r, NUMS);
  if (!shape.noLocal && chance(r, 0.15 * k)) {
    const n = 1 + Math.floor(r() * 3);
    out += '+' + Array.from({ length: n }, () => pick(r, LOCAL_PARTS)).join(pick(r, ['.', '.', '-', '_']));
  }
  return out;
}

/** The release digits of a generated version, so candidates can be built around it. */
export function releaseOf(text: string): string[] {
  const m = /^\s*v?(?:\d+!)?(\d+(?:\.\d+)*)/i.exec(text);
  return m?.[1]?.split('.') ?? ['1'];
}

/** A candidate near `release`: equal, one segment moved, padded, or truncated; with any suffix. */
export function genCandidate(r: Rng, release: readonly string[]): string {
  let rel = [...release];
  const roll = r();
  if (roll < 0.25) {
    const i = Math.floor(r() * rel.length);
    const n = Number(rel[i] ?? '0') + pick(r, [-1, 1, 1]);
    rel[i] = String(Math.max(0, n));
  } else if (roll < 0.35) rel.push(pick(r, ['0', '1', '5']));
  else if (roll < 0.42 && rel.length > 1) rel = rel.slice(0, -1);
  return genVersion(r, { release: rel, suffixes: 1.2 });
}

const JUNK_CHARS = ['.', '-', '_', '+', ' ', '*', 'x', '!', 'v', 'é', '\u0130', '\u0131', '\u017f', '\u212a', '\x1c', '\x85', '\ufeff', '\u00a0', '\u3000', '\t', '\n', 'p', '0', ','];

/** A mutated string: usually invalid, sometimes still valid through whitespace or case rules. */
export function mutate(r: Rng, text: string): string {
  const i = Math.floor(r() * (text.length + 1));
  const roll = r();
  if (roll < 0.45) return text.slice(0, i) + pick(r, JUNK_CHARS) + text.slice(i);
  if (roll < 0.65 && text.length > 0) return text.slice(0, i) + text.slice(i + 1);
  if (roll < 0.8) return pick(r, [' ', '\t', '\u3000', '\x1f', '\ufeff']) + text + pick(r, ['', ' ', '\n', '\x85']);
  return text.slice(0, i) + text.slice(i, i + 2) + text.slice(i);
}

export type Op = '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';
const OPS: Op[] = ['~=', '==', '==', '!=', '<=', '>=', '>=', '<', '<', '>', '>', '==='];

/** One specifier with a valid shape for its operator; returns the text and its release. */
export function genSpecifier(r: Rng, release = genRelease(r)): string {
  const op = pick(r, OPS);
  const space = chance(r, 0.1) ? pick(r, [' ', '  ', '\t']) : '';
  let version: string;
  switch (op) {
    case '==':
    case '!=':
      version = chance(r, 0.3) ? `${genVersion(r, { release, releaseOnly: true })}.*` : genVersion(r, { release });
      break;
    case '~=':
      version = genVersion(r, { release, minSegments: 2, noLocal: true });
      break;
    case '===':
      version = chance(r, 0.85) ? genVersion(r, { release }) : pick(r, ['foo', '1.0.*', 'abc-1', 'ľ']);
      break;
    default:
      version = genVersion(r, { release, noLocal: true });
  }
  return `${op}${space}${version}`;
}

/** A specifier set of 1-3 items around one release (an arbitrary `===` text only stands alone). */
export function genSpecifierSet(r: Rng): { text: string; release: string[] } {
  const release = genRelease(r);
  const n = chance(r, 0.65) ? 1 : 2 + Math.floor(r() * 2);
  const items: string[] = [];
  for (let i = 0; i < n; i++) {
    const near = chance(r, 0.6) ? release : genCandidate(r, release).split(/[^0-9.]/)[0]?.split('.').filter(Boolean) ?? release;
    let spec = genSpecifier(r, near.length > 0 ? near : release);
    // packaging evaluates `any(s.prereleases)` in hash order, so `===junk` beside others is not deterministic.
    if (n > 1 && /^===[^0-9v]|^===1\.0\.\*/.test(spec)) spec = `===${genVersion(r, { release })}`;
    items.push(spec);
  }
  const joiner = () => pick(r, [',', ',', ', ', ' , ', ',,']);
  return { text: items.reduce((acc, s) => (acc === '' ? s : acc + joiner() + s), ''), release };
}
