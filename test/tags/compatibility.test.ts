import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseTagSet,
  supportedTags,
  tagCompatibility,
  describeInterpreter,
  type PlatformDescription,
  type PythonVersion,
  type TagVerdict,
} from '../../src/tags/index.js';

const TARGETS: Record<string, [PythonVersion, PlatformDescription]> = {
  'py3.6-glibc2.12': [[3, 6], { os: 'linux', arch: 'x86_64', libc: 'glibc', glibc: [2, 12] }],
  'py3.6-glibc2.17': [[3, 6], { os: 'linux', arch: 'x86_64', libc: 'glibc', glibc: [2, 17] }],
  'py2.7-glibc2.17': [[2, 7], { os: 'linux', arch: 'x86_64', libc: 'glibc', glibc: [2, 17] }],
  'py3.6-macos10.9': [[3, 6], { os: 'macos', arch: 'x86_64', minimum: [10, 9] }],
  'py3.11-macos11-arm64': [[3, 11], { os: 'macos', arch: 'arm64', minimum: [11, 0] }],
  'py3.11-musl1.1': [[3, 11], { os: 'linux', arch: 'x86_64', libc: 'musl', musl: [1, 1] }],
  'py3.11-plain-linux': [[3, 11], { os: 'linux', arch: 'x86_64', libc: 'none' }],
  'py3.6-win-amd64': [[3, 6], { os: 'windows', arch: 'amd64' }],
};

type Row = [target: string, tagSet: string, verdict: TagVerdict];

const no = (reason: 'python' | 'abi' | 'platform', detail: string): TagVerdict => ({ ok: false, reason, detail });

const ROWS: Row[] = [
  ['py3.6-glibc2.17', 'cp36-cp36m-manylinux_2_17_x86_64.manylinux2014_x86_64', { ok: true, rank: 0 }],
  ['py3.6-glibc2.17', 'cp36-cp36m-manylinux2014_x86_64', { ok: true, rank: 1 }],
  // best rank over the set, not the first listed tag
  ['py3.6-glibc2.12', 'cp36-cp36m-manylinux1_x86_64.manylinux2010_x86_64', { ok: true, rank: 1 }],
  ['py3.6-glibc2.12', 'cp37-cp37m-manylinux1_x86_64', no('python', 'cp37-cp37m is for CPython 3.7 (target is CPython 3.6)')],
  ['py3.6-glibc2.12', 'cp35-cp35m-manylinux1_x86_64', no('python', 'cp35-cp35m is for CPython 3.5 (target is CPython 3.6)')],
  ['py3.6-glibc2.12', 'cp38-abi3-manylinux1_x86_64', no('python', 'cp38-abi3 is for CPython ≥ 3.8 (target is CPython 3.6)')],
  ['py3.6-glibc2.12', 'py2-none-any', no('python', 'py2-none is for Python 2 (target is CPython 3.6)')],
  ['py3.6-glibc2.12', 'pp36-pypy36_pp73-manylinux1_x86_64', no('python', 'pp36-pypy36_pp73 is for PyPy 3.6 (target is CPython 3.6)')],
  [
    'py3.6-glibc2.12',
    'cp36-cp36dm-manylinux1_x86_64',
    no('abi', 'cp36-cp36dm needs ABI cp36dm (target CPython 3.6 accepts cp36m, abi3, none)'),
  ],
  [
    'py2.7-glibc2.17',
    'cp27-cp27m-manylinux1_x86_64',
    no('abi', 'cp27-cp27m needs ABI cp27m (target CPython 2.7 accepts cp27mu, none)'),
  ],
  ['py3.6-glibc2.12', 'cp36-cp36m-manylinux2014_x86_64', no('platform', 'manylinux2014 needs glibc 2.17 (target has 2.12)')],
  ['py3.6-glibc2.12', 'cp36-cp36m-manylinux_2_28_x86_64', no('platform', 'manylinux_2_28 needs glibc 2.28 (target has 2.12)')],
  ['py3.6-glibc2.12', 'cp36-cp36m-manylinux2014_aarch64', no('platform', 'manylinux2014_aarch64 is for aarch64 (target is x86_64)')],
  [
    'py3.6-glibc2.12',
    'cp36-cp36m-macosx_10_9_x86_64',
    no('platform', 'macosx_10_9_x86_64 is for macOS (target is Linux x86_64, glibc 2.12)'),
  ],
  [
    'py3.6-glibc2.12',
    'cp36-cp36m-musllinux_1_1_x86_64',
    no('platform', 'musllinux_1_1 needs musl 1.1 (target uses glibc 2.12)'),
  ],
  // a platform failure on the target's own OS explains better than one for another OS
  [
    'py3.6-glibc2.12',
    'cp36-cp36m-macosx_10_9_x86_64.manylinux2014_x86_64',
    no('platform', 'manylinux2014 needs glibc 2.17 (target has 2.12)'),
  ],
  // the tag that got furthest (platform) explains, not the first (python)
  [
    'py3.6-glibc2.12',
    'cp37.cp36-cp36m-manylinux2014_x86_64',
    no('platform', 'manylinux2014 needs glibc 2.17 (target has 2.12)'),
  ],
  ['py3.6-macos10.9', 'cp36-cp36m-macosx_11_0_arm64', no('platform', 'macosx_11_0_arm64 is for arm64 (target is x86_64)')],
  ['py3.6-macos10.9', 'cp36-cp36m-macosx_10_14_x86_64', no('platform', 'macosx_10_14_x86_64 needs macOS 10.14 (target has 10.9)')],
  ['py3.6-macos10.9', 'cp36-cp36m-macosx_10_6_intel', { ok: true, rank: 19 }],
  [
    'py3.11-macos11-arm64',
    'cp311-cp311-macosx_10_9_arm64',
    no('platform', 'macosx_10_9_arm64 names macOS 10.9, but arm64 macOS starts at 11.0'),
  ],
  ['py3.11-macos11-arm64', 'cp311-cp311-macosx_10_9_universal2', { ok: true, rank: 9 }],
  ['py3.11-musl1.1', 'cp311-cp311-musllinux_1_2_x86_64', no('platform', 'musllinux_1_2 needs musl 1.2 (target has 1.1)')],
  [
    'py3.11-musl1.1',
    'cp311-cp311-manylinux2014_x86_64',
    no('platform', 'manylinux2014 needs glibc 2.17 (target uses musl 1.1)'),
  ],
  [
    'py3.11-plain-linux',
    'cp311-cp311-manylinux2014_x86_64',
    no('platform', 'manylinux2014 needs glibc 2.17 (target has no manylinux support)'),
  ],
  ['py3.11-plain-linux', 'cp311-cp311-linux_x86_64', { ok: true, rank: 0 }],
  ['py3.6-win-amd64', 'cp36-cp36m-win32', no('platform', 'win32 is for 32-bit x86 (target is amd64)')],
  ['py3.6-win-amd64', 'cp36-cp36m-manylinux1_x86_64', no('platform', 'manylinux1_x86_64 is for Linux (target is Windows amd64)')],
  ['py3.6-win-amd64', 'py3-none-any', { ok: true, rank: 17 }],
];

describe('tagCompatibility', () => {
  for (const [target, tagSet, verdict] of ROWS) {
    test(`${tagSet} on ${target}`, () => {
      const [python, platform] = TARGETS[target] ?? assert.fail(`unknown target ${target}`);
      assert.deepEqual(tagCompatibility(parseTagSet(tagSet), supportedTags(python, platform)), verdict);
    });
  }

  test('a wheel for the exact interpreter outranks an abi3 one, which outranks a pure one', () => {
    const supported = supportedTags([3, 8], { os: 'linux', arch: 'x86_64', libc: 'glibc', glibc: [2, 17] });
    const rank = (s: string): number => {
      const v = tagCompatibility(parseTagSet(s), supported);
      assert.ok(v.ok, s);
      return v.rank;
    };
    assert.ok(rank('cp38-cp38-manylinux1_x86_64') < rank('cp36-abi3-manylinux2014_x86_64'));
    assert.ok(rank('cp36-abi3-manylinux2014_x86_64') < rank('py3-none-any'));
  });
});

describe('describeInterpreter', () => {
  const cases: Array<[string, string | undefined, string]> = [
    ['cp310', undefined, 'CPython 3.10'],
    ['cp3', undefined, 'CPython 3'],
    ['py27', undefined, 'Python 2.7'],
    ['cp35', 'abi3', 'CPython ≥ 3.5'],
    ['jy27', undefined, 'Jython 2.7'],
    ['graalpy311', undefined, 'GraalPy 3.11'],
    ['zz1', undefined, 'interpreter zz1'],
  ];
  for (const [interp, abi, text] of cases) test(interp, () => assert.equal(describeInterpreter(interp, abi), text));
});
