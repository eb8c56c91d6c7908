/**
 * Target platforms: `--platform` values and the ids that name them in reports.
 *
 * Accepted (case-insensitive): `linux`, `linux-x86_64`, `linux-aarch64`, `glibc2.28`,
 * `manylinux1_x86_64`, `manylinux2014_x86_64`, `manylinux_2_28_aarch64`, `musllinux`,
 * `musllinux_1_2_x86_64`, `linux_x86_64` (plain: no manylinux at all), `macos`, `macos-arm64`,
 * `macosx_10_9_x86_64`, `windows`, `win_amd64`, `win32`; every id {@link platformId} prints parses back.
 * Defaults: `linux` is glibc 2.17 (manylinux2014, the CentOS 7 floor) on x86_64; musl is 1.2;
 * macOS is 10.9 on x86_64 and 11.0 on arm64.
 * Traps: a platform *tag* names the oldest system a wheel runs on, so `manylinux2010_x86_64` as a
 * target means "machines with glibc 2.12"; `linux_x86_64` is the tag of locally built wheels, so
 * such a target accepts only those; universal/intel macOS tags name no single arch and are refused.
 */
import {
  LEGACY_MANYLINUX,
  type LinuxArch,
  type MacArch,
  type PlatformDescription,
  type WindowsArch,
} from '../tags/index.js';
import { TargetParseError } from './errors.js';

const DEFAULT_GLIBC: [number, number] = [2, 17];
const DEFAULT_MUSL: [number, number] = [1, 2];
const DEFAULT_MACOS: Record<MacArch, [number, number]> = { x86_64: [10, 9], arm64: [11, 0] };

const LINUX_ARCH: Record<string, LinuxArch> = {
  x86_64: 'x86_64',
  amd64: 'x86_64',
  aarch64: 'aarch64',
  arm64: 'aarch64',
  i686: 'i686',
  x86: 'i686',
};
const MAC_ARCH: Record<string, MacArch> = { x86_64: 'x86_64', amd64: 'x86_64', arm64: 'arm64', aarch64: 'arm64' };
const WINDOWS_ARCH: Record<string, WindowsArch> = {
  amd64: 'amd64',
  x86_64: 'amd64',
  win32: 'win32',
  x86: 'win32',
  arm64: 'arm64',
};

const pair = (a: string | undefined, b: string | undefined): [number, number] => [Number(a), Number(b)];
const same = (a: [number, number], b: [number, number]): boolean => a[0] === b[0] && a[1] === b[1];

/** The report id of a platform: `linux-x86_64`, `linux-x86_64-glibc2.28`, `macos-arm64`, `windows-amd64`. */
export function platformId(p: PlatformDescription): string {
  switch (p.os) {
    case 'linux':
      if (p.libc === 'glibc') {
        return `linux-${p.arch}${same(p.glibc, DEFAULT_GLIBC) ? '' : `-glibc${p.glibc.join('.')}`}`;
      }
      if (p.libc === 'musl') return `musllinux-${p.arch}${same(p.musl, DEFAULT_MUSL) ? '' : `-musl${p.musl.join('.')}`}`;
      return `linux-${p.arch}-plain`;
    case 'macos':
      return `macos-${p.arch}${same(p.minimum, DEFAULT_MACOS[p.arch]) ? '' : `-${p.minimum.join('.')}`}`;
    case 'windows':
      return `windows-${p.arch}`;
  }
}

function lookup<T>(table: Record<string, T>, arch: string | undefined, fallback: T, input: string): T {
  if (arch === undefined || arch === '') return fallback;
  const found = table[arch];
  if (found === undefined) {
    const known = Object.keys(table).join(', ');
    throw new TargetParseError(`unsupported architecture ${JSON.stringify(arch)} (known: ${known})`, input);
  }
  return found;
}

type Rule = [RegExp, (m: RegExpExecArray, input: string) => PlatformDescription];

const linuxArch = (arch: string | undefined, input: string): LinuxArch => lookup(LINUX_ARCH, arch, 'x86_64', input);
const glibc = (arch: LinuxArch, version: [number, number]): PlatformDescription => ({
  os: 'linux',
  arch,
  libc: 'glibc',
  glibc: version,
});
const musl = (arch: LinuxArch, version: [number, number]): PlatformDescription => ({
  os: 'linux',
  arch,
  libc: 'musl',
  musl: version,
});

function legacyGlibc(name: string | undefined): [number, number] {
  const version = [...LEGACY_MANYLINUX].find(([, alias]) => alias === name)?.[0] ?? '';
  const [major, minor] = version.split('.');
  return pair(major, minor);
}

function macos(arch: MacArch, version: [number, number] | null): PlatformDescription {
  return { os: 'macos', arch, minimum: version ?? DEFAULT_MACOS[arch] };
}

// Tried in order; every pattern is anchored and matched against the lower-cased input.
const RULES: Rule[] = [
  [/^manylinux_(\d+)_(\d+)_(\w+)$/, (m, i) => glibc(linuxArch(m[3], i), pair(m[1], m[2]))],
  [/^(manylinux(?:1|2010|2014))_(\w+)$/, (m, i) => glibc(linuxArch(m[2], i), legacyGlibc(m[1]))],
  [/^(?:linux-(\w+)-)?glibc(\d+)\.(\d+)(?:-(\w+))?$/, (m, i) => glibc(linuxArch(m[1] ?? m[4], i), pair(m[2], m[3]))],
  [/^musllinux_(\d+)_(\d+)_(\w+)$/, (m, i) => musl(linuxArch(m[3], i), pair(m[1], m[2]))],
  [
    /^musllinux(?:-(\w+?))?(?:-musl(\d+)\.(\d+))?$/,
    (m, i) => musl(linuxArch(m[1], i), m[2] === undefined ? DEFAULT_MUSL : pair(m[2], m[3])),
  ],
  [/^linux_(\w+)$|^linux-(\w+)-plain$/, (m, i) => ({ os: 'linux', arch: linuxArch(m[1] ?? m[2], i), libc: 'none' })],
  [/^linux(?:-(\w+))?$/, (m, i) => glibc(linuxArch(m[1], i), DEFAULT_GLIBC)],
  [/^macosx_(\d+)_(\d+)_(\w+)$/, (m, i) => macos(lookup(MAC_ARCH, m[3], 'x86_64', i), pair(m[1], m[2]))],
  [
    /^(?:macos|darwin|mac)(?:-(\w+?))?(?:-(\d+)\.(\d+))?$/,
    (m, i) => macos(lookup(MAC_ARCH, m[1], 'x86_64', i), m[2] === undefined ? null : pair(m[2], m[3])),
  ],
  [/^win32$/, () => ({ os: 'windows', arch: 'win32' })],
  [/^win_(\w+)$|^windows(?:-(\w+))?$/, (m, i) => ({ os: 'windows', arch: lookup(WINDOWS_ARCH, m[1] ?? m[2], 'amd64', i) })],
];

/** Parses a `--platform` value into a description plus its report id; throws {@link TargetParseError}. */
export function parsePlatform(text: string): PlatformDescription & { id: string } {
  const input = text.trim().toLowerCase();
  for (const [pattern, build] of RULES) {
    const m = pattern.exec(input);
    if (!m) continue;
    const p = build(m, text);
    if (p.os === 'linux' && p.libc === 'glibc' && p.glibc[0] < 2) {
      throw new TargetParseError('glibc before 2.0 is not a target', text);
    }
    return { ...p, id: platformId(p) };
  }
  const examples = ['linux', 'linux-aarch64', 'manylinux2014_x86_64', 'musllinux_1_2_x86_64', 'macos-arm64', 'windows'];
  throw new TargetParseError(`unknown platform (try ${examples.join(', ')})`, text);
}
