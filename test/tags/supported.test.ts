import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpythonTags, compatibleTags, defaultCpythonAbis, supportedTags, tagToString, type PythonVersion } from '../../src/tags/index.js';

describe('defaultCpythonAbis', () => {
  // Before 3.3 the unicode width: Linux distributions build UCS-4, python.org macOS/Windows builds UCS-2.
  const cases: Array<[PythonVersion, 'linux' | 'macos' | 'windows' | undefined, string]> = [
    [[2, 7], undefined, 'cp27mu'],
    [[2, 7], 'linux', 'cp27mu'],
    [[2, 7], 'macos', 'cp27m'],
    [[2, 7], 'windows', 'cp27m'],
    [[3, 2], 'linux', 'cp32mu'],
    [[3, 2], 'macos', 'cp32m'],
    [[3, 6], 'macos', 'cp36m'],
    [[3, 6], 'linux', 'cp36m'],
    [[3, 7], undefined, 'cp37m'],
    [[3, 8], 'windows', 'cp38'],
    [[3, 12], undefined, 'cp312'],
  ];
  for (const [v, os, abi] of cases) test(`${v.join('.')} ${os ?? '(default)'}`, () => assert.deepEqual(defaultCpythonAbis(v, os), [abi]));
});

describe('supportedTags: the unicode width of a 2.7 build by platform', () => {
  const cases: Array<{ name: string; platform: Parameters<typeof supportedTags>[1]; first: string; lacks: string }> = [
    { name: 'linux (UCS-4)', platform: { os: 'linux', arch: 'x86_64', libc: 'glibc', glibc: [2, 17] }, first: 'cp27-cp27mu-manylinux_2_17_x86_64', lacks: 'cp27-cp27m-manylinux1_x86_64' },
    { name: 'macOS (UCS-2)', platform: { os: 'macos', arch: 'x86_64', minimum: [10, 9] }, first: 'cp27-cp27m-macosx_10_9_x86_64', lacks: 'cp27-cp27mu-macosx_10_9_x86_64' },
    { name: 'windows (UCS-2)', platform: { os: 'windows', arch: 'amd64' }, first: 'cp27-cp27m-win_amd64', lacks: 'cp27-cp27mu-win_amd64' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const tags = supportedTags([2, 7], c.platform).map(tagToString);
      assert.equal(tags[0], c.first);
      assert.ok(!tags.includes(c.lacks), `${c.lacks} is not supported`);
      if (c.platform.os === 'macos') assert.ok(tags.includes('cp27-cp27m-macosx_10_6_intel'), 'the intel wheels of PyPI install');
    });
  }
});

describe('cpythonTags', () => {
  test('3.6 on one platform: own abi, abi3, none, then abi3 of 3.5 … 3.2', () => {
    assert.deepEqual(cpythonTags([3, 6], null, ['linux_x86_64']).map(tagToString), [
      'cp36-cp36m-linux_x86_64',
      'cp36-abi3-linux_x86_64',
      'cp36-none-linux_x86_64',
      'cp35-abi3-linux_x86_64',
      'cp34-abi3-linux_x86_64',
      'cp33-abi3-linux_x86_64',
      'cp32-abi3-linux_x86_64',
    ]);
  });
  test('2.7 has no abi3', () => {
    assert.deepEqual(cpythonTags([2, 7], null, ['win32']).map(tagToString), ['cp27-cp27mu-win32', 'cp27-none-win32']);
  });
  test('explicit abi3/none are not put first; free-threaded builds get no abi3', () => {
    assert.deepEqual(cpythonTags([3, 13], ['none', 'cp313t'], ['any']).map(tagToString), [
      'cp313-cp313t-any',
      'cp313-none-any',
    ]);
  });
  test('platforms vary fastest', () => {
    assert.deepEqual(cpythonTags([3, 2], ['cp32mu'], ['a', 'b']).map(tagToString), [
      'cp32-cp32mu-a',
      'cp32-cp32mu-b',
      'cp32-abi3-a',
      'cp32-abi3-b',
      'cp32-none-a',
      'cp32-none-b',
    ]);
  });
});

test('compatibleTags for 3.1: py31, py3, py30 on platforms, cp31-none-any, then py*-none-any', () => {
  assert.deepEqual(compatibleTags([3, 1], 'cp31', ['linux_x86_64']).map(tagToString), [
    'py31-none-linux_x86_64',
    'py3-none-linux_x86_64',
    'py30-none-linux_x86_64',
    'cp31-none-any',
    'py31-none-any',
    'py3-none-any',
    'py30-none-any',
  ]);
});

test('supportedTags is cpythonTags then compatibleTags over the platform list', () => {
  const tags = supportedTags([3, 11], { os: 'windows', arch: 'amd64' }).map(tagToString);
  assert.equal(tags[0], 'cp311-cp311-win_amd64');
  assert.equal(tags.at(-1), 'py30-none-any');
  assert.ok(tags.indexOf('cp311-none-any') > tags.indexOf('py30-none-win_amd64'));
  assert.equal(new Set(tags).size, tags.length);
  const custom = supportedTags([3, 11], { os: 'windows', arch: 'amd64' }, { abis: ['cp311d'] }).map(tagToString);
  assert.equal(custom[0], 'cp311-cp311d-win_amd64');
});
