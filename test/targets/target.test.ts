import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTarget, markerEnvironment, targetTags, defaultPlatformForFile, type Target } from '../../src/targets/index.js';
import { parseTagSet, tagCompatibility, tagToString } from '../../src/tags/index.js';
import type { MarkerEnvironment } from '../../src/pep508/index.js';

describe('makeTarget', () => {
  const rows: Array<[string, string, Omit<Target, 'platform'>]> = [
    ['3.6', 'linux', { id: 'py3.6-linux-x86_64', python: '3.6', pythonFull: '3.6.15', implementation: 'cp', platformId: 'linux-x86_64' }],
    ['36', 'macos', { id: 'py3.6-macos-x86_64', python: '3.6', pythonFull: '3.6.15', implementation: 'cp', platformId: 'macos-x86_64' }],
    ['2.7', 'linux-x86_64', { id: 'py2.7-linux-x86_64', python: '2.7', pythonFull: '2.7.18', implementation: 'cp', platformId: 'linux-x86_64' }],
    ['3.6.5', 'manylinux2010_x86_64', { id: 'py3.6-linux-x86_64-glibc2.12', python: '3.6', pythonFull: '3.6.5', implementation: 'cp', platformId: 'linux-x86_64-glibc2.12' }],
    ['3.11', 'macos-arm64', { id: 'py3.11-macos-arm64', python: '3.11', pythonFull: '3.11.11', implementation: 'cp', platformId: 'macos-arm64' }],
  ];
  for (const [python, platform, expected] of rows) {
    test(`${python} ${platform}`, () => {
      const { platform: _description, ...rest } = makeTarget(python, platform);
      assert.deepEqual(rest, expected);
    });
  }
  test('accepts a description', () => {
    const t = makeTarget('3.8', { os: 'linux', arch: 'aarch64', libc: 'musl', musl: [1, 1] });
    assert.equal(t.id, 'py3.8-musllinux-aarch64-musl1.1');
  });
});

describe('markerEnvironment', () => {
  const base = { platform_release: '', platform_version: '', platform_python_implementation: 'CPython' };
  const rows: Array<[string, string, MarkerEnvironment]> = [
    [
      '3.6',
      'linux-x86_64',
      {
        ...base,
        python_version: '3.6',
        python_full_version: '3.6.15',
        os_name: 'posix',
        sys_platform: 'linux',
        platform_system: 'Linux',
        platform_machine: 'x86_64',
        implementation_name: 'cpython',
        implementation_version: '3.6.15',
      },
    ],
    [
      '2.7',
      'linux-x86_64',
      {
        ...base,
        python_version: '2.7',
        python_full_version: '2.7.18',
        os_name: 'posix',
        sys_platform: 'linux2',
        platform_system: 'Linux',
        platform_machine: 'x86_64',
        implementation_name: '',
        implementation_version: '0',
      },
    ],
    [
      '2.7',
      'macos',
      {
        ...base,
        python_version: '2.7',
        python_full_version: '2.7.18',
        os_name: 'posix',
        sys_platform: 'darwin',
        platform_system: 'Darwin',
        platform_machine: 'x86_64',
        implementation_name: '',
        implementation_version: '0',
      },
    ],
    [
      '3.12.1',
      'macos-arm64',
      {
        ...base,
        python_version: '3.12',
        python_full_version: '3.12.1',
        os_name: 'posix',
        sys_platform: 'darwin',
        platform_system: 'Darwin',
        platform_machine: 'arm64',
        implementation_name: 'cpython',
        implementation_version: '3.12.1',
      },
    ],
    [
      '3.10',
      'linux-aarch64',
      {
        ...base,
        python_version: '3.10',
        python_full_version: '3.10.16',
        os_name: 'posix',
        sys_platform: 'linux',
        platform_system: 'Linux',
        platform_machine: 'aarch64',
        implementation_name: 'cpython',
        implementation_version: '3.10.16',
      },
    ],
    [
      '3.9',
      'windows-amd64',
      {
        ...base,
        python_version: '3.9',
        python_full_version: '3.9.21',
        os_name: 'nt',
        sys_platform: 'win32',
        platform_system: 'Windows',
        platform_machine: 'AMD64',
        implementation_name: 'cpython',
        implementation_version: '3.9.21',
      },
    ],
  ];
  for (const [python, platform, env] of rows) {
    test(`${python} ${platform}`, () => assert.deepEqual(markerEnvironment(makeTarget(python, platform)), env));
  }
});

describe('targetTags', () => {
  test('py3.6 linux: best tag first, the same array every time', () => {
    const t = makeTarget('3.6', 'linux');
    const tags = targetTags(t);
    assert.equal(tags, targetTags(t));
    assert.equal(tagToString(tags[0] ?? assert.fail('no tags')), 'cp36-cp36m-manylinux_2_17_x86_64');
    assert.equal(tagToString(tags.at(-1) ?? assert.fail('no tags')), 'py30-none-any');
  });
  const rows: Array<[string, string, string, boolean]> = [
    ['2.7', 'linux', 'cp27-cp27mu-manylinux1_x86_64', true],
    ['2.7', 'linux', 'cp27-cp27m-manylinux1_x86_64', false],
    ['3.6', 'linux', 'cp36-cp36m-manylinux2014_x86_64', true],
    ['3.6', 'manylinux2010_x86_64', 'cp36-cp36m-manylinux2014_x86_64', false],
    ['3.6', 'macos', 'cp36-cp36m-macosx_10_9_x86_64', true],
    ['3.6', 'macos', 'cp36-cp36m-macosx_10_13_x86_64', false],
    ['3.11', 'macos-arm64', 'cp311-cp311-macosx_11_0_arm64', true],
    ['3.11', 'musllinux', 'cp311-cp311-musllinux_1_1_x86_64', true],
    ['3.11', 'musllinux', 'cp311-cp311-manylinux2014_x86_64', false],
  ];
  for (const [python, platform, tagSet, ok] of rows) {
    test(`${tagSet} on py${python} ${platform}: ${ok ? 'installs' : 'does not'}`, () => {
      assert.equal(tagCompatibility(parseTagSet(tagSet), targetTags(makeTarget(python, platform))).ok, ok);
    });
  }
});

describe('defaultPlatformForFile', () => {
  const rows: Array<[string, string]> = [
    ['modules/x/files/requirements.txt', 'linux-x86_64'],
    ['modules/x/files/mac_requirements.txt', 'macos-x86_64'],
    ['modules/x/files/mac_worker_requirements.txt', 'macos-x86_64'],
    ['modules/mac_stuff/files/requirements.txt', 'linux-x86_64'],
    ['mac_requirements.in', 'linux-x86_64'],
    ['modules\\x\\files\\mac_requirements.txt', 'macos-x86_64'],
    ['modules/x/files/Mac_requirements.txt', 'linux-x86_64'],
  ];
  for (const [path, platform] of rows) test(path, () => assert.equal(defaultPlatformForFile(path), platform));
});
