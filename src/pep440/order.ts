/**
 * PEP 440 ordering, as packaging 24.1's `_cmpkey`.
 *
 * Spec: https://peps.python.org/pep-0440/#summary-of-permitted-suffixes-and-relative-ordering
 * Key: epoch; release without trailing zeros; pre (a dev-only release sorts before any pre-release,
 * a final after them); post (absent first); dev (absent last); local (absent first; numeric parts
 * beat alphanumeric ones, which compare as strings; a shorter local sorts first on a tie).
 * Traps: `1.0 == 1.0.0`, `1.0rc1 == 1.0c1`, `1.0.dev0 < 1.0a0 < 1.0a0.post0.dev0 < 1.0a0.post0`.
 */
import type { Version, VersionParts } from './version.js';
import { parseParts, partsOf } from './version.js';
import { compareCodePoints } from './pystr.js';

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function stripZeros(release: readonly bigint[]): readonly bigint[] {
  let end = release.length;
  while (end > 0 && release[end - 1] === 0n) end--;
  return release.slice(0, end);
}

function compareRelease(a: readonly bigint[], b: readonly bigint[]): number {
  const x = stripZeros(a);
  const y = stripZeros(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = cmp(x[i] ?? 0n, y[i] ?? 0n);
    if (c !== 0) return c;
  }
  return Math.sign(x.length - y.length);
}

// -Infinity / +Infinity are packaging's NegativeInfinity / Infinity sentinels.
type Slot = number | readonly [string, bigint];

function compareSlot(a: Slot, b: Slot): number {
  if (typeof a === 'number' || typeof b === 'number') {
    const x = typeof a === 'number' ? a : 0;
    const y = typeof b === 'number' ? b : 0;
    return x === y ? 0 : x < y ? -1 : 1;
  }
  return compareCodePoints(a[0], b[0]) || cmp(a[1], b[1]);
}

function preSlot(p: VersionParts): Slot {
  if (p.pre === null && p.post === null && p.dev !== null) return -Infinity;
  return p.pre ?? Infinity;
}

function compareLocal(a: VersionParts['local'], b: VersionParts['local']): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    let c: number;
    if (typeof x === 'bigint' && typeof y === 'bigint') c = cmp(x, y);
    else if (typeof x === 'bigint') c = 1;
    else if (typeof y === 'bigint') c = -1;
    else c = compareCodePoints(x, y);
    if (c !== 0) return c;
  }
  return Math.sign(a.length - b.length);
}

/** Orders two parsed versions: -1, 0 or 1. */
export function compareParts(a: VersionParts, b: VersionParts): number {
  return (
    cmp(a.epoch, b.epoch) ||
    compareRelease(a.release, b.release) ||
    compareSlot(preSlot(a), preSlot(b)) ||
    compareSlot(a.post ?? -Infinity, b.post ?? -Infinity) ||
    compareSlot(a.dev === null ? Infinity : ['dev', a.dev], b.dev === null ? Infinity : ['dev', b.dev]) ||
    compareLocal(a.local, b.local)
  );
}

/** PEP 440 order of two versions: -1, 0 or 1. Throws InvalidVersionError for invalid text. */
export function compareVersions(a: string | Version, b: string | Version): number {
  return compareParts(partsOf(a), partsOf(b));
}

/**
 * Sorts version strings ascending in PEP 440 order. Strings that are not valid versions are
 * dropped (as pip ignores unparsable candidates); equal versions keep their input order.
 */
export function sortVersions(vs: string[]): string[] {
  const parsed: { text: string; parts: VersionParts }[] = [];
  for (const text of vs) {
    const parts = parseParts(text);
    if (parts) parsed.push({ text, parts });
  }
  return parsed.sort((x, y) => compareParts(x.parts, y.parts)).map((x) => x.text);
}
