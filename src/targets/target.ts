/**
 * A target: the (python, platform) pair a requirements file is checked for, with the two things
 * the checks need from it — the PEP 508 marker environment and the ordered PEP 425 tag list.
 *
 * Marker values follow what CPython's `platform`/`sys` report on such a machine and packaging's
 * `default_environment()` (checked against the real interpreters in test/targets): Python 2 on Linux
 * (and 3.0–3.2) reports `sys_platform == "linux2"` and has no `sys.implementation`, so packaging gives
 * `implementation_name ""` and `implementation_version "0"`; macOS reports `platform_machine`
 * `arm64` (not `aarch64`); Windows reports `AMD64`/`ARM64`/`x86`.
 * Unknowable without the machine, and set to `''`: `platform_release`, `platform_version`.
 */
import { supportedTags, type PlatformDescription, type Tag } from '../tags/index.js';
import type { MarkerEnvironment } from '../pep508/index.js';
import { parsePython } from './python.js';
import { parsePlatform, platformId } from './platform.js';

export interface Target {
  /** `py3.6-linux-x86_64` */
  id: string;
  /** The minor series: `3.6`. */
  python: string;
  /** The exact release markers see: `3.6.15` unless given. */
  pythonFull: string;
  implementation: 'cp';
  platform: PlatformDescription;
  /** `linux-x86_64`, `macos-arm64`, `musllinux-x86_64`, `windows-amd64`, … */
  platformId: string;
}

/** A target from `--python`-style text (`3.6`, `36`, `3.6.5`) and a `--platform` value or description. */
export function makeTarget(python: string, platform: string | PlatformDescription): Target {
  const { python: minor, pythonFull } = parsePython(python);
  let description: PlatformDescription;
  if (typeof platform === 'string') {
    const { id: _id, ...rest } = parsePlatform(platform);
    description = rest;
  } else {
    description = platform;
  }
  const id = platformId(description);
  return { id: `py${minor}-${id}`, python: minor, pythonFull, implementation: 'cp', platform: description, platformId: id };
}

const MACHINE: Record<string, string> = {
  'linux-x86_64': 'x86_64',
  'linux-aarch64': 'aarch64',
  'linux-i686': 'i686',
  'macos-x86_64': 'x86_64',
  'macos-arm64': 'arm64',
  'windows-amd64': 'AMD64',
  'windows-arm64': 'ARM64',
  'windows-win32': 'x86',
};

/** The marker environment of a stock CPython on the target. */
export function markerEnvironment(t: Target): MarkerEnvironment {
  const p = t.platform;
  const [major = 3, minor = 0] = t.python.split('.').map(Number);
  // Before 3.3, sys.platform was 'linux2' (bpo-12326) and sys.implementation (PEP 421) did not exist.
  const before33 = major < 3 || (major === 3 && minor < 3);
  const system = p.os === 'linux' ? 'Linux' : p.os === 'macos' ? 'Darwin' : 'Windows';
  return {
    python_version: t.python,
    python_full_version: t.pythonFull,
    os_name: p.os === 'windows' ? 'nt' : 'posix',
    sys_platform: p.os === 'linux' ? (before33 ? 'linux2' : 'linux') : p.os === 'macos' ? 'darwin' : 'win32',
    platform_system: system,
    platform_machine: MACHINE[`${p.os}-${p.arch}`] ?? p.arch,
    platform_release: '',
    platform_version: '',
    platform_python_implementation: 'CPython',
    // Without sys.implementation packaging reports '' and '0'.
    implementation_name: before33 ? '' : 'cpython',
    implementation_version: before33 ? '0' : t.pythonFull,
  };
}

const tagCache = new WeakMap<Target, Tag[]>();

/**
 * The tags the target installs, best first. The same array is returned for the same target object,
 * so `tagCompatibility`'s per-list index is built once; treat it as read-only.
 */
export function targetTags(t: Target): Tag[] {
  const hit = tagCache.get(t);
  if (hit) return hit;
  const [major = 3, minor = 0] = t.python.split('.').map(Number);
  const tags = supportedTags([major, minor], t.platform);
  tagCache.set(t, tags);
  return tags;
}

/** Per CONTRACT: `mac_*requirements*.txt` files are for macOS x86_64, every other file for linux x86_64. */
export function defaultPlatformForFile(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return /^mac_.*requirements.*\.txt$/.test(base) ? 'macos-x86_64' : 'linux-x86_64';
}
