import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { platformTags, describePlatformTag, type PlatformDescription, type PlatformTagInfo } from '../../src/tags/index.js';

// Exhaustive lists are compared against packaging in test/oracle/tags.test.ts; these pin the shape.
describe('platformTags', () => {
  const cases: Array<[string, PlatformDescription, string[]]> = [
    [
      'glibc 2.5 x86_64: manylinux_2_5 and its manylinux1 alias, then linux',
      { os: 'linux', arch: 'x86_64', libc: 'glibc', glibc: [2, 5] },
      ['manylinux_2_5_x86_64', 'manylinux1_x86_64', 'linux_x86_64'],
    ],
    [
      'glibc 2.12 aarch64: below the aarch64 floor of 2.17, plain linux only',
      { os: 'linux', arch: 'aarch64', libc: 'glibc', glibc: [2, 12] },
      ['linux_aarch64'],
    ],
    [
      'glibc 2.18 aarch64',
      { os: 'linux', arch: 'aarch64', libc: 'glibc', glibc: [2, 18] },
      ['manylinux_2_18_aarch64', 'manylinux_2_17_aarch64', 'manylinux2014_aarch64', 'linux_aarch64'],
    ],
    [
      'musl 1.2',
      { os: 'linux', arch: 'x86_64', libc: 'musl', musl: [1, 2] },
      ['musllinux_1_2_x86_64', 'musllinux_1_1_x86_64', 'musllinux_1_0_x86_64', 'linux_x86_64'],
    ],
    ['libc none', { os: 'linux', arch: 'i686', libc: 'none' }, ['linux_i686']],
    ['windows amd64', { os: 'windows', arch: 'amd64' }, ['win_amd64']],
    ['windows win32', { os: 'windows', arch: 'win32' }, ['win32']],
    [
      'macOS 10.5 x86_64: 10.5 then 10.4; nothing before x86_64 existed',
      { os: 'macos', arch: 'x86_64', minimum: [10, 5] },
      ['x86_64', 'intel', 'fat64', 'fat32', 'universal2', 'universal'].flatMap((f) => [`macosx_10_5_${f}`]).concat(
        ['x86_64', 'intel', 'fat64', 'fat32', 'universal2', 'universal'].map((f) => `macosx_10_4_${f}`),
      ),
    ],
  ];
  for (const [name, p, expected] of cases) test(name, () => assert.deepEqual(platformTags(p), expected));

  test('glibc 2.17 x86_64 runs from 2.17 down to 2.5 with each alias after its twin', () => {
    const tags = platformTags({ os: 'linux', arch: 'x86_64', libc: 'glibc', glibc: [2, 17] });
    assert.equal(tags.length, 13 + 3 + 1);
    assert.deepEqual(tags.slice(0, 3), ['manylinux_2_17_x86_64', 'manylinux2014_x86_64', 'manylinux_2_16_x86_64']);
    assert.equal(tags.indexOf('manylinux2010_x86_64'), tags.indexOf('manylinux_2_12_x86_64') + 1);
    assert.deepEqual(tags.slice(-3), ['manylinux_2_5_x86_64', 'manylinux1_x86_64', 'linux_x86_64']);
  });

  test('macOS 11 arm64: arm64 and universal2 for 11.0, then universal2 for 10.16 … 10.4', () => {
    const tags = platformTags({ os: 'macos', arch: 'arm64', minimum: [11, 0] });
    assert.deepEqual(tags.slice(0, 3), ['macosx_11_0_arm64', 'macosx_11_0_universal2', 'macosx_10_16_universal2']);
    assert.equal(tags.length, 2 + 13);
    assert.equal(tags.at(-1), 'macosx_10_4_universal2');
  });

  test('macOS 14.2 x86_64 counts 14_0 … 11_0 then every 10.x down to 10.4', () => {
    const tags = platformTags({ os: 'macos', arch: 'x86_64', minimum: [14, 2] });
    assert.equal(tags[0], 'macosx_14_0_x86_64');
    assert.ok(!tags.includes('macosx_14_2_x86_64'));
    assert.equal(tags.length, (4 + 13) * 6);
  });
});

describe('describePlatformTag', () => {
  const cases: Array<[string, PlatformTagInfo]> = [
    ['any', { kind: 'any' }],
    ['manylinux2014_x86_64', { kind: 'manylinux', label: 'manylinux2014', glibc: [2, 17], arch: 'x86_64' }],
    ['manylinux1_i686', { kind: 'manylinux', label: 'manylinux1', glibc: [2, 5], arch: 'i686' }],
    ['manylinux_2_28_aarch64', { kind: 'manylinux', label: 'manylinux_2_28', glibc: [2, 28], arch: 'aarch64' }],
    ['musllinux_1_2_x86_64', { kind: 'musllinux', label: 'musllinux_1_2', musl: [1, 2], arch: 'x86_64' }],
    ['linux_x86_64', { kind: 'linux', arch: 'x86_64' }],
    ['macosx_10_9_universal2', { kind: 'macos', version: [10, 9], arch: 'universal2' }],
    ['win_amd64', { kind: 'windows', arch: 'amd64' }],
    ['win32', { kind: 'windows', arch: 'win32' }],
    ['manylinux2020_x86_64', { kind: 'other', tag: 'manylinux2020_x86_64' }],
  ];
  for (const [tag, info] of cases) test(tag, () => assert.deepEqual(describePlatformTag(tag), info));
});
