import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProjectFile } from '../../src/pypi/index.js';
import {
  NO_STATIC_METADATA,
  fileCacheKey,
  metadataMemberPicker,
  rankSdists,
  rankWheels,
  sdistMetadata,
} from '../../src/index/select.js';
import { pn } from './fixtures.js';

function file(filename: string, size: number | null = 100, sha?: string): ProjectFile {
  return {
    filename,
    url: `https://files.example/${filename}`,
    hashes: sha ? { sha256: sha } : {},
    requiresPython: null,
    yanked: null,
    coreMetadata: false,
    size,
    source: 'https://index.example/simple/',
  };
}

describe('which wheel is read', () => {
  test('pure py3 / py2.py3 first, then other pure wheels, then the smallest', () => {
    const files = [
      file('x-1.0-cp36-cp36m-manylinux1_x86_64.whl', 10),
      file('x-1.0-py2-none-any.whl', 50),
      file('x-1.0-py3-none-any.whl', 500),
      file('x-1.0-py2.py3-none-any.whl', 400),
      file('x-1.0.tar.gz', 1),
      file('x-1.0-cp27-cp27mu-manylinux1_x86_64.whl', 5),
    ];
    assert.deepEqual(rankWheels(files).map((f) => f.filename), [
      'x-1.0-py2.py3-none-any.whl',
      'x-1.0-py3-none-any.whl',
      'x-1.0-py2-none-any.whl',
      'x-1.0-cp27-cp27mu-manylinux1_x86_64.whl',
      'x-1.0-cp36-cp36m-manylinux1_x86_64.whl',
    ]);
  });
  test('unknown sizes sort last', () => {
    const files = [file('x-1.0-cp36-cp36m-win32.whl', null), file('x-1.0-cp36-cp36m-win_amd64.whl', 9)];
    assert.equal(rankWheels(files)[0]?.filename, 'x-1.0-cp36-cp36m-win_amd64.whl');
  });
  test('sdists we can open come first', () => {
    const files = [file('x-1.0.tar.bz2', 1), file('x-1.0.zip', 20), file('x-1.0.tar.gz', 10)];
    assert.deepEqual(rankSdists(files).map((f) => f.filename), ['x-1.0.tar.gz', 'x-1.0.zip', 'x-1.0.tar.bz2']);
  });
});

test('cache keys: sha256 when given (lower-cased), else the URL', () => {
  assert.equal(fileCacheKey(file('a.whl', 1, 'AB'.repeat(32))), `sha256:${'ab'.repeat(32)}`);
  assert.equal(fileCacheKey(file('a.whl', 1, 'not-hex')), 'url:https://files.example/a.whl');
  assert.equal(fileCacheKey(file('a.whl')), 'url:https://files.example/a.whl');
});

test('METADATA member: the project’s own dist-info wins', () => {
  const pick = metadataMemberPicker(pn('foo-bar'));
  assert.equal(pick(['vendored-2.0.dist-info/METADATA', 'Foo_Bar-1.0.dist-info/METADATA', 'foo_bar/x.py']), 'Foo_Bar-1.0.dist-info/METADATA');
  assert.equal(pick(['other-1.0.dist-info/METADATA']), 'other-1.0.dist-info/METADATA');
  assert.equal(pick(['a/b.dist-info/METADATA', 'METADATA']), null);
});

describe('what an sdist says statically', () => {
  const head = (mv: string, extra = '') => `Metadata-Version: ${mv}\nName: foo\nVersion: 1.0\n${extra}\n`;
  const cases: Array<{ name: string; pkgInfo: string | null; requiresTxt: string | null; eggInfo?: boolean; want: string[] | string }> = [
    { name: 'no PKG-INFO', pkgInfo: null, requiresTxt: 'six', want: 'sdist has no PKG-INFO' },
    { name: '1.1 without Requires-Dist, no requires.txt', pkgInfo: head('1.1'), requiresTxt: null, want: NO_STATIC_METADATA },
    { name: '2.1 without Requires-Dist, no requires.txt', pkgInfo: head('2.1'), requiresTxt: null, want: NO_STATIC_METADATA },
    { name: '2.1 with Requires-Dist', pkgInfo: head('2.1', 'Requires-Dist: six\n'), requiresTxt: 'other', want: ['six'] },
    { name: '1.1 without Requires-Dist, requires.txt', pkgInfo: head('1.1'), requiresTxt: 'six>=1\n', want: ['six>=1'] },
    { name: '2.2 static, nothing required', pkgInfo: head('2.2'), requiresTxt: null, want: [] },
    { name: '2.2 with Dynamic: Requires-Dist falls back', pkgInfo: head('2.2', 'Dynamic: Requires-Dist\n'), requiresTxt: 'six\n', want: ['six'] },
    { name: '2.3 Dynamic, no requires.txt', pkgInfo: head('2.3', 'Dynamic: requires-dist\n'), requiresTxt: null, want: NO_STATIC_METADATA },
    // setuptools' egg_info deletes requires.txt when nothing is required (pycparser 2.19, future 0.18)
    { name: '1.1, egg-info without requires.txt: nothing required', pkgInfo: head('1.1'), requiresTxt: null, eggInfo: true, want: [] },
    { name: '2.1, egg-info without requires.txt: nothing required', pkgInfo: head('2.1'), requiresTxt: null, eggInfo: true, want: [] },
    { name: '2.1, egg-info with requires.txt', pkgInfo: head('2.1'), requiresTxt: 'six\n', eggInfo: true, want: ['six'] },
    { name: '2.3 Dynamic, egg-info without requires.txt', pkgInfo: head('2.3', 'Dynamic: requires-dist\n'), requiresTxt: null, eggInfo: true, want: [] },
    { name: 'no PKG-INFO, egg-info flag alone', pkgInfo: null, requiresTxt: null, eggInfo: true, want: 'sdist has no PKG-INFO' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const got = sdistMetadata({ pkgInfo: c.pkgInfo, requiresTxt: c.requiresTxt, eggInfo: c.eggInfo ?? false });
      if (typeof c.want === 'string') assert.deepEqual(got, { reason: c.want });
      else assert.deepEqual('ok' in got ? got.ok.requiresDist : got, c.want);
    });
  }
});
