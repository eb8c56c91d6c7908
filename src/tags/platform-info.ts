/**
 * Reading a platform tag back into facts (OS, arch, libc version, macOS version) so that an
 * incompatibility can be explained ("manylinux2014 needs glibc 2.17").
 *
 * Spec: https://packaging.python.org/en/latest/specifications/platform-compatibility-tags/
 * Supported: `any`, `manylinux_X_Y_<arch>`, the legacy `manylinux1/2010/2014_<arch>` aliases,
 * `musllinux_X_Y_<arch>`, `linux_<arch>`, `macosx_X_Y_<format>`, `win32`/`win_<arch>`.
 * Traps: arches contain `_` (`x86_64`), so the version fields are matched from the left.
 */
import { LEGACY_MANYLINUX } from './platform.js';

export type PlatformTagInfo =
  | { kind: 'any' }
  | { kind: 'manylinux'; label: string; glibc: [number, number]; arch: string }
  | { kind: 'musllinux'; label: string; musl: [number, number]; arch: string }
  | { kind: 'linux'; arch: string }
  | { kind: 'macos'; version: [number, number]; arch: string }
  | { kind: 'windows'; arch: string }
  | { kind: 'other'; tag: string };

const LEGACY_BY_NAME = new Map<string, [number, number]>(
  [...LEGACY_MANYLINUX].map(([v, name]) => [name, v.split('.').map(Number) as [number, number]]),
);

/** Facts a platform tag states about the machine it is for. */
export function describePlatformTag(tag: string): PlatformTagInfo {
  if (tag === 'any') return { kind: 'any' };
  let m = /^(manylinux|musllinux)_(\d+)_(\d+)_(.+)$/.exec(tag);
  if (m) {
    const version: [number, number] = [Number(m[2]), Number(m[3])];
    const label = `${m[1]}_${m[2]}_${m[3]}`;
    const arch = m[4] ?? '';
    return m[1] === 'manylinux'
      ? { kind: 'manylinux', label, glibc: version, arch }
      : { kind: 'musllinux', label, musl: version, arch };
  }
  m = /^(manylinux(?:1|2010|2014))_(.+)$/.exec(tag);
  const legacy = m ? LEGACY_BY_NAME.get(m[1] ?? '') : undefined;
  if (m && legacy) return { kind: 'manylinux', label: m[1] ?? '', glibc: legacy, arch: m[2] ?? '' };
  m = /^linux_(.+)$/.exec(tag);
  if (m) return { kind: 'linux', arch: m[1] ?? '' };
  m = /^macosx_(\d+)_(\d+)_(.+)$/.exec(tag);
  if (m) return { kind: 'macos', version: [Number(m[1]), Number(m[2])], arch: m[3] ?? '' };
  // 32-bit x86 Windows; the arch keeps the name PlatformDescription uses.
  if (tag === 'win32') return { kind: 'windows', arch: 'win32' };
  m = /^win_(.+)$/.exec(tag);
  if (m) return { kind: 'windows', arch: m[1] ?? '' };
  return { kind: 'other', tag };
}

/** What a target's supported platform tags say about it, for explanations. */
export interface TargetPlatformSummary {
  os: 'linux' | 'macos' | 'windows' | 'unknown';
  /** linux/windows arch, or the first macOS binary format (the native arch). */
  arch: string;
  glibc: [number, number] | null;
  musl: [number, number] | null;
  macos: [number, number] | null;
  /** macOS binary formats accepted (`x86_64`, `intel`, `universal2`, …). */
  macFormats: Set<string>;
}

function newer(a: [number, number] | null, b: [number, number]): [number, number] {
  return a === null || b[0] > a[0] || (b[0] === a[0] && b[1] > a[1]) ? b : a;
}

/** Summarises a target from the platform tags it supports (the highest glibc, musl and macOS seen). */
export function summarizePlatforms(platforms: Iterable<string>): TargetPlatformSummary {
  const s: TargetPlatformSummary = { os: 'unknown', arch: '', glibc: null, musl: null, macos: null, macFormats: new Set() };
  for (const p of platforms) {
    const info = describePlatformTag(p);
    switch (info.kind) {
      case 'manylinux':
        s.os = 'linux';
        s.arch ||= info.arch;
        s.glibc = newer(s.glibc, info.glibc);
        break;
      case 'musllinux':
        s.os = 'linux';
        s.arch ||= info.arch;
        s.musl = newer(s.musl, info.musl);
        break;
      case 'linux':
        s.os = 'linux';
        s.arch ||= info.arch;
        break;
      case 'macos':
        s.os = 'macos';
        s.arch ||= info.arch;
        s.macos = newer(s.macos, info.version);
        s.macFormats.add(info.arch);
        break;
      case 'windows':
        s.os = 'windows';
        s.arch ||= info.arch;
        break;
      default:
        break;
    }
  }
  return s;
}

/** `2.17` */
export function formatVersion(v: [number, number]): string {
  return `${v[0]}.${v[1]}`;
}
