/**
 * Platform tags for a *described* machine (never the host): manylinux, musllinux, macOS, Windows.
 *
 * Specs: https://packaging.python.org/en/latest/specifications/platform-compatibility-tags/
 * (PEP 600 `manylinux_x_y`, PEP 513/571/599 legacy aliases, PEP 656 musllinux), following the
 * order of packaging's `_manylinux.platform_tags`, `_musllinux.platform_tags`, `mac_platforms`.
 * Supported: linux x86_64/aarch64/i686 with glibc, musl or neither; macOS x86_64/arm64; Windows.
 * Traps: the glibc floor is 2.5 on x86 but 2.17 elsewhere (manylinux2014 was the first aarch64
 * policy); each legacy alias follows its `manylinux_2_N` twin; after glibc major 2 packaging assumes
 * 50 minors per major; macOS 11+ bumps the major, yet x86_64 still accepts every 10.x back to 10.4
 * and arm64 accepts only `universal2` for 10.x; `platform_tags` ends with plain `linux_<arch>`.
 * Unsupported: armv7l/ppc64le/s390x, 32-bit macOS, and the `_manylinux` module override hook.
 */

export type LinuxArch = 'x86_64' | 'aarch64' | 'i686';
export type MacArch = 'x86_64' | 'arm64';
export type WindowsArch = 'amd64' | 'win32' | 'arm64';

/** The machine a tag list is computed for. `minimum` is the oldest macOS the target must run on. */
export type PlatformDescription =
  | { os: 'linux'; arch: LinuxArch; libc: 'glibc'; glibc: [number, number] }
  | { os: 'linux'; arch: LinuxArch; libc: 'musl'; musl: [number, number] }
  | { os: 'linux'; arch: LinuxArch; libc: 'none' }
  | { os: 'macos'; arch: MacArch; minimum: [number, number] }
  | { os: 'windows'; arch: WindowsArch };

/** PEP 600 legacy aliases, keyed by the glibc version they stand for. */
export const LEGACY_MANYLINUX: ReadonlyMap<string, string> = new Map([
  ['2.17', 'manylinux2014'],
  ['2.12', 'manylinux2010'],
  ['2.5', 'manylinux1'],
]);

/** packaging's guess at the last minor of a glibc major that has not happened yet. */
const LAST_GLIBC_MINOR = 50;

function manylinuxTags(arch: LinuxArch, glibc: [number, number]): string[] {
  // Oldest glibc with a manylinux policy: 2.5 on x86, 2.17 elsewhere.
  const floor: [number, number] = arch === 'x86_64' || arch === 'i686' ? [2, 5] : [2, 17];
  const [major, minor] = glibc;
  const maxima: Array<[number, number]> = [[major, minor]];
  for (let m = major - 1; m > 1; m--) maxima.push([m, LAST_GLIBC_MINOR]);
  const tags: string[] = [];
  for (const [maxMajor, maxMinor] of maxima) {
    const minMinor = maxMajor === floor[0] ? floor[1] : 0;
    for (let m = maxMinor; m >= minMinor; m--) {
      tags.push(`manylinux_${maxMajor}_${m}_${arch}`);
      const legacy = LEGACY_MANYLINUX.get(`${maxMajor}.${m}`);
      if (legacy) tags.push(`${legacy}_${arch}`);
    }
  }
  return tags;
}

function musllinuxTags(arch: LinuxArch, musl: [number, number]): string[] {
  const tags: string[] = [];
  for (let m = musl[1]; m >= 0; m--) tags.push(`musllinux_${musl[0]}_${m}_${arch}`);
  return tags;
}

function macBinaryFormats(version: [number, number], arch: MacArch): string[] {
  if (arch === 'arm64') return ['arm64', 'universal2'];
  // x86_64 appeared in 10.4; before that there is nothing to offer.
  if (version[0] === 10 && version[1] < 4) return [];
  return ['x86_64', 'intel', 'fat64', 'fat32', 'universal2', 'universal'];
}

function macTags(arch: MacArch, minimum: [number, number]): string[] {
  const [major, minor] = minimum;
  const tags: string[] = [];
  const push = (maj: number, min: number, formats: string[]): void => {
    for (const f of formats) tags.push(`macosx_${maj}_${min}_${f}`);
  };
  if (major === 10) {
    // Before macOS 11 every yearly release bumped the minor.
    for (let m = minor; m >= 0; m--) push(10, m, macBinaryFormats([10, m], arch));
  }
  if (major >= 11) {
    // From 11 on the major is the yearly release; binaries are tagged `N_0`.
    for (let maj = major; maj > 10; maj--) push(maj, 0, macBinaryFormats([maj, 0], arch));
    for (let m = 16; m > 3; m--) {
      // arm64 did not exist before 11, but universal2 binaries may name an older x86_64 minimum.
      push(10, m, arch === 'x86_64' ? macBinaryFormats([10, m], arch) : ['universal2']);
    }
  }
  return tags;
}

const WINDOWS_PLATFORM: Record<WindowsArch, string> = { amd64: 'win_amd64', win32: 'win32', arm64: 'win_arm64' };

/** The platform tags a machine accepts, best first, in packaging's order. */
export function platformTags(p: PlatformDescription): string[] {
  switch (p.os) {
    case 'linux': {
      const tags =
        p.libc === 'glibc' ? manylinuxTags(p.arch, p.glibc) : p.libc === 'musl' ? musllinuxTags(p.arch, p.musl) : [];
      tags.push(`linux_${p.arch}`);
      return tags;
    }
    case 'macos':
      return macTags(p.arch, p.minimum);
    case 'windows':
      return [WINDOWS_PLATFORM[p.arch]];
  }
}
