/**
 * Whether a file's tags fit a target's supported-tag list, and if not, why.
 *
 * Spec: https://packaging.python.org/en/latest/specifications/platform-compatibility-tags/
 * Semantics: pip's `Wheel.support_index_min` — the rank is the lowest index in the supported list
 * that any of the file's tags reaches (lower is better). When none does, each file tag is checked
 * part by part, as uv's `TagCompatibility` does: an unknown interpreter is a `python` mismatch, a
 * known interpreter with an unknown ABI an `abi` mismatch (or `python` when the ABI names another
 * CPython, `cp37m` on 3.6), and otherwise a `platform` mismatch. The tag that got furthest explains.
 * Traps: the supported list is indexed once and cached by identity, so do not mutate it afterwards.
 */
import { tagToString, type Tag } from './tag.js';
import {
  describePlatformTag,
  formatVersion,
  summarizePlatforms,
  type PlatformTagInfo,
  type TargetPlatformSummary,
} from './platform-info.js';

export type TagVerdict =
  | { ok: true; rank: number }
  | { ok: false; reason: 'python' | 'abi' | 'platform'; detail: string };

interface SupportedIndex {
  rank: Map<string, number>;
  interpreters: Set<string>;
  abisByInterpreter: Map<string, string[]>;
  primary: string;
  summary: TargetPlatformSummary;
}

const cache = new WeakMap<readonly Tag[], SupportedIndex>();

function indexOf(supported: readonly Tag[]): SupportedIndex {
  const hit = cache.get(supported);
  if (hit) return hit;
  const rank = new Map<string, number>();
  const abisByInterpreter = new Map<string, string[]>();
  const platforms = new Set<string>();
  supported.forEach((t, i) => {
    const key = tagToString(t);
    if (!rank.has(key)) rank.set(key, i);
    const abis = abisByInterpreter.get(t.interpreter) ?? [];
    if (!abis.includes(t.abi)) abis.push(t.abi);
    abisByInterpreter.set(t.interpreter, abis);
    platforms.add(t.platform);
  });
  const index: SupportedIndex = {
    rank,
    interpreters: new Set(abisByInterpreter.keys()),
    abisByInterpreter,
    primary: supported[0]?.interpreter ?? '',
    summary: summarizePlatforms(platforms),
  };
  cache.set(supported, index);
  return index;
}

const IMPLEMENTATIONS: Record<string, string> = {
  cp: 'CPython',
  py: 'Python',
  pp: 'PyPy',
  ip: 'IronPython',
  jy: 'Jython',
  graalpy: 'GraalPy',
};

/** `cp37` → `CPython 3.7`, `py2` → `Python 2`, `cp35` with abi3 → `CPython ≥ 3.5`. */
export function describeInterpreter(interpreter: string, abi?: string): string {
  const m = /^([a-z]+?)(\d)(\d*)$/.exec(interpreter);
  const impl = m ? IMPLEMENTATIONS[m[1] ?? ''] : undefined;
  if (!m || !impl) return `interpreter ${interpreter}`;
  const version = m[3] ? `${m[2]}.${m[3]}` : (m[2] ?? '');
  return `${impl} ${abi === 'abi3' ? '≥ ' : ''}${version}`;
}

function describeTarget(s: TargetPlatformSummary): string {
  switch (s.os) {
    case 'linux': {
      const libc = s.glibc ? `glibc ${formatVersion(s.glibc)}` : s.musl ? `musl ${formatVersion(s.musl)}` : 'no manylinux';
      return `Linux ${s.arch}, ${libc}`;
    }
    case 'macos':
      return `macOS ${s.macos ? formatVersion(s.macos) : '?'} ${s.arch}`;
    case 'windows':
      return `Windows ${s.arch}`;
    case 'unknown':
      return 'an unknown platform';
  }
}

const OS_NAMES = { linux: 'Linux', macos: 'macOS', windows: 'Windows' } as const;

function isNewer(a: [number, number], b: [number, number]): boolean {
  return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
}

/** `win32` reads better as what it is. */
function archLabel(arch: string): string {
  return arch === 'win32' ? '32-bit x86' : arch;
}

/** The OS a platform tag is for (`any` and unknown tags name none). */
function osOf(info: PlatformTagInfo): PlatformTagInfo['kind'] {
  return info.kind === 'manylinux' || info.kind === 'musllinux' ? 'linux' : info.kind;
}

/** Why `platform` (described by `info`) is not among the target's platforms, in the target's terms. */
function explainPlatform(platform: string, info: PlatformTagInfo, s: TargetPlatformSummary): string {
  const target = describeTarget(s);
  const os = osOf(info);
  if ((os === 'linux' || os === 'macos' || os === 'windows') && s.os !== os) {
    return `${platform} is for ${OS_NAMES[os]} (target is ${target})`;
  }
  if ('arch' in info && info.kind !== 'macos' && info.arch !== s.arch) {
    return `${platform} is for ${archLabel(info.arch)} (target is ${archLabel(s.arch)})`;
  }
  switch (info.kind) {
    case 'manylinux': {
      const needs = `${info.label} needs glibc ${formatVersion(info.glibc)}`;
      if (s.glibc) return `${needs} (target has ${formatVersion(s.glibc)})`;
      return s.musl ? `${needs} (target uses musl ${formatVersion(s.musl)})` : `${needs} (target has no manylinux support)`;
    }
    case 'musllinux': {
      const needs = `${info.label} needs musl ${formatVersion(info.musl)}`;
      if (s.musl) return `${needs} (target has ${formatVersion(s.musl)})`;
      return s.glibc ? `${needs} (target uses glibc ${formatVersion(s.glibc)})` : `${needs} (target has no musllinux support)`;
    }
    case 'macos':
      if (!s.macFormats.has(info.arch)) return `${platform} is for ${info.arch} (target is ${s.arch})`;
      if (info.arch === 'arm64' && info.version[0] < 11) {
        return `${platform} names macOS ${formatVersion(info.version)}, but arm64 macOS starts at 11.0`;
      }
      if (s.macos && isNewer(info.version, s.macos)) {
        return `${platform} needs macOS ${formatVersion(info.version)} (target has ${formatVersion(s.macos)})`;
      }
      return `${platform} is not accepted by ${target}`;
    default:
      return `${platform} is not a platform the target accepts (target is ${target})`;
  }
}

type Failure = { level: number; sameOs: boolean; reason: 'python' | 'abi' | 'platform'; detail: string };

function explain(tag: Tag, idx: SupportedIndex): Failure {
  const pair = `${tag.interpreter}-${tag.abi}`;
  const target = describeInterpreter(idx.primary);
  if (!idx.interpreters.has(tag.interpreter)) {
    const detail = `${pair} is for ${describeInterpreter(tag.interpreter, tag.abi)} (target is ${target})`;
    return { level: 1, sameOs: false, reason: 'python', detail };
  }
  const abis = idx.abisByInterpreter.get(tag.interpreter) ?? [];
  if (!abis.includes(tag.abi)) {
    const cp = /^cp(\d+)/.exec(tag.abi);
    if (cp && `cp${cp[1]}` !== idx.primary) {
      const detail = `${pair} is for ${describeInterpreter(`cp${cp[1]}`)} (target is ${target})`;
      return { level: 1, sameOs: false, reason: 'python', detail };
    }
    const detail = `${pair} needs ABI ${tag.abi} (target ${target} accepts ${abis.join(', ')})`;
    return { level: 2, sameOs: false, reason: 'abi', detail };
  }
  const info = describePlatformTag(tag.platform);
  const detail = explainPlatform(tag.platform, info, idx.summary);
  return { level: 3, sameOs: osOf(info) === idx.summary.os, reason: 'platform', detail };
}

/**
 * The best (lowest) rank any of `fileTags` reaches in `supported`, or the reason none fits.
 * `supported` is the ordered list from `supportedTags`.
 */
export function tagCompatibility(fileTags: readonly Tag[], supported: readonly Tag[]): TagVerdict {
  const idx = indexOf(supported);
  let best = Infinity;
  for (const t of fileTags) {
    const r = idx.rank.get(tagToString(t));
    if (r !== undefined && r < best) best = r;
  }
  if (best !== Infinity) return { ok: true, rank: best };
  let worst: Failure | null = null;
  for (const t of fileTags) {
    const f = explain(t, idx);
    if (!worst || f.level > worst.level || (f.level === worst.level && f.sameOs && !worst.sameOs)) worst = f;
  }
  if (!worst) return { ok: false, reason: 'python', detail: 'the file has no tags' };
  return { ok: false, reason: worst.reason, detail: worst.detail };
}
