import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePlatform, platformId, TargetParseError } from '../../src/targets/index.js';
import type { PlatformDescription } from '../../src/tags/index.js';

describe('parsePlatform', () => {
  const rows: Array<[string, PlatformDescription, string]> = [
    ['linux', { os: 'linux', arch: 'x86_64', libc: 'glibc', glibc: [2, 17] }, 'linux-x86_64'],
    ['Linux-X86_64', { os: 'linux', arch: 'x86_64', libc: 'glibc', glibc: [2, 17] }, 'linux-x86_64'],
    ['linux-aarch64', { os: 'linux', arch: 'aarch64', libc: 'glibc', glibc: [2, 17] }, 'linux-aarch64'],
    ['linux-arm64', { os: 'linux', arch: 'aarch64', libc: 'glibc', glibc: [2, 17] }, 'linux-aarch64'],
    ['manylinux2014_x86_64', { os: 'linux', arch: 'x86_64', libc: 'glibc', glibc: [2, 17] }, 'linux-x86_64'],
    ['manylinux2010_x86_64', { os: 'linux', arch: 'x86_64', libc: 'glibc', glibc: [2, 12] }, 'linux-x86_64-glibc2.12'],
    ['manylinux1_i686', { os: 'linux', arch: 'i686', libc: 'glibc', glibc: [2, 5] }, 'linux-i686-glibc2.5'],
    ['manylinux_2_28_aarch64', { os: 'linux', arch: 'aarch64', libc: 'glibc', glibc: [2, 28] }, 'linux-aarch64-glibc2.28'],
    ['glibc2.17', { os: 'linux', arch: 'x86_64', libc: 'glibc', glibc: [2, 17] }, 'linux-x86_64'],
    ['glibc2.31-aarch64', { os: 'linux', arch: 'aarch64', libc: 'glibc', glibc: [2, 31] }, 'linux-aarch64-glibc2.31'],
    ['musllinux', { os: 'linux', arch: 'x86_64', libc: 'musl', musl: [1, 2] }, 'musllinux-x86_64'],
    ['musllinux_1_2_x86_64', { os: 'linux', arch: 'x86_64', libc: 'musl', musl: [1, 2] }, 'musllinux-x86_64'],
    ['musllinux_1_1_aarch64', { os: 'linux', arch: 'aarch64', libc: 'musl', musl: [1, 1] }, 'musllinux-aarch64-musl1.1'],
    ['linux_x86_64', { os: 'linux', arch: 'x86_64', libc: 'none' }, 'linux-x86_64-plain'],
    ['macos', { os: 'macos', arch: 'x86_64', minimum: [10, 9] }, 'macos-x86_64'],
    ['macos-arm64', { os: 'macos', arch: 'arm64', minimum: [11, 0] }, 'macos-arm64'],
    ['macosx_10_9_x86_64', { os: 'macos', arch: 'x86_64', minimum: [10, 9] }, 'macos-x86_64'],
    ['macosx_10_13_x86_64', { os: 'macos', arch: 'x86_64', minimum: [10, 13] }, 'macos-x86_64-10.13'],
    ['macosx_14_0_arm64', { os: 'macos', arch: 'arm64', minimum: [14, 0] }, 'macos-arm64-14.0'],
    ['windows', { os: 'windows', arch: 'amd64' }, 'windows-amd64'],
    ['win_amd64', { os: 'windows', arch: 'amd64' }, 'windows-amd64'],
    ['win32', { os: 'windows', arch: 'win32' }, 'windows-win32'],
    ['windows-arm64', { os: 'windows', arch: 'arm64' }, 'windows-arm64'],
  ];
  for (const [input, description, id] of rows) {
    test(input, () => {
      assert.deepEqual(parsePlatform(input), { ...description, id });
      assert.equal(platformId(description), id);
      // every id parses back to the same description
      assert.deepEqual(parsePlatform(id), { ...description, id });
    });
  }

  const bad: Array<[string, RegExp]> = [
    ['solaris', /unknown platform/],
    ['linux-s390x', /unsupported architecture "s390x"/],
    ['macosx_10_9_universal2', /unsupported architecture "universal2"/],
    ['manylinux2020_x86_64', /unknown platform/],
    ['', /unknown platform/],
  ];
  for (const [input, message] of bad) {
    test(`rejects ${JSON.stringify(input)}`, () => {
      assert.throws(
        () => parsePlatform(input),
        (e: unknown) => e instanceof TargetParseError && e.input === input && message.test(e.message),
      );
    });
  }
});
