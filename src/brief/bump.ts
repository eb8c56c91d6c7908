/**
 * The kind of a version bump, computed on PEP 440 segments (https://peps.python.org/pep-0440/),
 * and the semver-style comparison (https://semver.org/, the `semver` package) where both versions
 * map onto semver.
 *
 * Kinds: `epoch`, `major` / `minor` / `patch` (the first release segment that differs: 0, 1, 2 or
 * later), then, for equal releases, `pre-release` (including rc → final), `post`, `dev`, `local`;
 * `downgrade` when the new version sorts lower; `none` when they are equal (`1.0` → `1.0.0`);
 * `unknown` when either is not PEP 440 (a legacy version, a range or URL pin).
 * Traps: releases are compared zero-padded (`1.0` → `1.0.1` is a patch); a dev release sorts before
 * its pre-releases (`1.0.dev1` < `1.0a1`), so `1.0.dev1` → `1.0a1` is a pre-release bump.
 * Unmapped onto semver, and said so: epochs, four-part (or longer) releases, calendar versions
 * (first segment ≥ 1000: `2024.1` → `2024.10` is not a "minor" in semver's sense), post, dev and
 * local segments (semver has no post-releases, and build metadata does not order).
 */
import semver from 'semver';
import { compareVersions, tryParseVersion } from '../pep440/index.js';
import type { Version } from '../pep440/index.js';

export type BumpKind = 'epoch' | 'major' | 'minor' | 'patch' | 'pre-release' | 'post' | 'dev' | 'local' | 'downgrade' | 'none' | 'unknown';

/** Attention order, highest first: a module's "highest bump" is the first of these it has. */
export const BUMP_ORDER: readonly BumpKind[] = ['epoch', 'major', 'downgrade', 'unknown', 'minor', 'patch', 'pre-release', 'dev', 'post', 'local', 'none'];

export interface SemverComparison {
  from: string;
  to: string;
  /** `semver.diff`: major, premajor, minor, preminor, patch, prepatch, prerelease; null when equal. */
  diff: semver.ReleaseType | null;
}

export interface Bump {
  kind: BumpKind;
  /** Which segment moved, in words: `release segment 1: 2.9 → 2.10`. */
  detail: string;
  /** The new version is a pre- or dev release and the old one was not. */
  toPrerelease: boolean;
  /** The semver comparison when both versions map onto semver, else null. */
  semver: SemverComparison | null;
  /** Why there is no semver comparison (or what to keep in mind about it), else null. */
  semverNote: string | null;
}

const SEGMENT_KIND: readonly BumpKind[] = ['major', 'minor'];

/** The bump from one pinned version to another. */
export function bumpOf(from: string, to: string): Bump {
  const a = tryParseVersion(from);
  const b = tryParseVersion(to);
  if (!a || !b) {
    const bad = [a ? null : from, b ? null : to].filter((x): x is string => x !== null);
    return { kind: 'unknown', detail: `not a PEP 440 version: ${bad.join(', ')}`, toPrerelease: false, semver: null, semverNote: 'not PEP 440, so not semver either' };
  }
  const { kind, detail } = segmentKind(a, b);
  const toPrerelease = b.isPrerelease && !a.isPrerelease;
  return { kind, detail, toPrerelease, ...semverOf(a, b) };
}

function segmentKind(a: Version, b: Version): { kind: BumpKind; detail: string } {
  const order = compareVersions(a, b);
  if (order === 0) return { kind: 'none', detail: `${a.toString()} and ${b.toString()} are the same version` };
  if (order > 0) return { kind: 'downgrade', detail: `${b.toString()} sorts before ${a.toString()}` };
  if (a.epoch !== b.epoch) return { kind: 'epoch', detail: `epoch ${a.epoch} → ${b.epoch}` };
  const length = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < length; i++) {
    if ((a.release[i] ?? 0) !== (b.release[i] ?? 0)) {
      const kind = SEGMENT_KIND[i] ?? 'patch';
      return { kind, detail: `release segment ${i}: ${a.release.join('.')} → ${b.release.join('.')}` };
    }
  }
  const pre = (v: Version): string => (v.pre ? `${v.pre[0]}${v.pre[1]}` : 'final');
  if (pre(a) !== pre(b)) return { kind: 'pre-release', detail: `pre-release ${pre(a)} → ${pre(b)}` };
  if (a.post !== b.post) return { kind: 'post', detail: `post-release ${a.post ?? 'none'} → ${b.post ?? 'none'}` };
  if (a.dev !== b.dev) return { kind: 'dev', detail: `dev release ${a.dev ?? 'none'} → ${b.dev ?? 'none'}` };
  return { kind: 'local', detail: `local version ${a.local ?? 'none'} → ${b.local ?? 'none'}` };
}

/** A PEP 440 version as semver text, or why it does not map. */
export function semverText(v: Version): { ok: true; text: string } | { ok: false; reason: string } {
  const shown = v.toString();
  if (v.epoch !== 0) return { ok: false, reason: `${shown} has an epoch (semver has none)` };
  if (v.release.length > 3) return { ok: false, reason: `${shown} is a ${v.release.length}-part release (semver has three)` };
  if ((v.release[0] ?? 0) >= 1000) return { ok: false, reason: `${shown} is a calendar version (semver bumps do not describe dates)` };
  if (v.post !== null) return { ok: false, reason: `${shown} is a post-release (semver has none)` };
  if (v.dev !== null) return { ok: false, reason: `${shown} is a dev release (it sorts before pre-releases; semver has no equivalent)` };
  if (v.local !== null) return { ok: false, reason: `${shown} has a local segment (semver build metadata does not order)` };
  if (!v.release.every((n) => Number.isSafeInteger(n))) return { ok: false, reason: `${shown} has numbers too large for semver` };
  const [major = 0, minor = 0, patch = 0] = v.release;
  // a < b < rc sorts the same way as semver's ASCII order of the identifiers.
  const text = `${major}.${minor}.${patch}${v.pre ? `-${v.pre[0]}.${v.pre[1]}` : ''}`;
  return semver.valid(text) ? { ok: true, text } : { ok: false, reason: `${shown} does not map onto semver` };
}

function semverOf(a: Version, b: Version): Pick<Bump, 'semver' | 'semverNote'> {
  const from = semverText(a);
  const to = semverText(b);
  if (!from.ok) return { semver: null, semverNote: `no semver comparison: ${from.reason}` };
  if (!to.ok) return { semver: null, semverNote: `no semver comparison: ${to.reason}` };
  const note = semver.major(from.text) === 0 && semver.major(to.text) === 0 ? 'semver: below 1.0.0 any bump may break the API' : null;
  return { semver: { from: from.text, to: to.text, diff: semver.diff(from.text, to.text) }, semverNote: note };
}

/** The highest kind among these, by {@link BUMP_ORDER}; null when there are none. */
export function highestBump(kinds: readonly BumpKind[]): BumpKind | null {
  return BUMP_ORDER.find((k) => kinds.includes(k)) ?? null;
}
