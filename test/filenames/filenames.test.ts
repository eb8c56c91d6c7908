import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseWheelFilename,
  parseSdistFilename,
  parseDistributionFilename,
  parseEggFilename,
  FilenameParseError,
  type WheelFilename,
  type SdistFilename,
} from '../../src/filenames/index.js';
import { tagToString } from '../../src/tags/index.js';

type WheelRow = [
  filename: string,
  expected: Omit<WheelFilename, 'kind' | 'filename' | 'tags' | 'normalizedName'> & { normalizedName: string; tags: string[] },
];

describe('parseWheelFilename', () => {
  const rows: WheelRow[] = [
    [
      'requests-2.31.0-py3-none-any.whl',
      { name: 'requests', normalizedName: 'requests', version: '2.31.0', build: null, tagSet: 'py3-none-any', tags: ['py3-none-any'] },
    ],
    [
      'python_jose-3.3.0-py2.py3-none-any.whl',
      {
        name: 'python_jose',
        normalizedName: 'python-jose',
        version: '3.3.0',
        build: null,
        tagSet: 'py2.py3-none-any',
        tags: ['py2-none-any', 'py3-none-any'],
      },
    ],
    [
      'Zope.Interface-5.4.0-cp36-cp36m-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
      {
        name: 'Zope.Interface',
        normalizedName: 'zope-interface',
        version: '5.4.0',
        build: null,
        tagSet: 'cp36-cp36m-manylinux_2_17_x86_64.manylinux2014_x86_64',
        tags: ['cp36-cp36m-manylinux_2_17_x86_64', 'cp36-cp36m-manylinux2014_x86_64'],
      },
    ],
    [
      'foo-1.0-12abc-cp27-cp27mu-linux_x86_64.whl',
      {
        name: 'foo',
        normalizedName: 'foo',
        version: '1.0',
        build: { number: 12, tag: 'abc' },
        tagSet: 'cp27-cp27mu-linux_x86_64',
        tags: ['cp27-cp27mu-linux_x86_64'],
      },
    ],
    [
      'foo-1.0_post1-1-PY3-None-Any.whl',
      {
        name: 'foo',
        normalizedName: 'foo',
        version: '1.0-post1',
        build: { number: 1, tag: '' },
        tagSet: 'PY3-None-Any',
        tags: ['py3-none-any'],
      },
    ],
  ];
  for (const [filename, expected] of rows) {
    test(filename, () => {
      const w = parseWheelFilename(filename);
      assert.deepEqual({ ...w, tags: w.tags.map(tagToString) }, { kind: 'wheel', filename, ...expected });
    });
  }

  const bad: Array<[string, number, RegExp]> = [
    ['foo-1.0-py3-none-any.zip', 20, /end with '\.whl'/],
    ['foo-1.0-py3-none-any.WHL', 20, /end with '\.whl'/],
    ['foo-1.0-py3-none.whl', 16, /5 or 6/],
    ['foo-1.0-1-2-py3-none-any.whl', 20, /5 or 6/],
    ['foo-1.0-abc-py3-none-any.whl', 8, /build tag "abc"/],
    ['foo--py3-none-any.whl', 4, /empty part/],
    ['foo-1.0-py3-none-.whl', 17, /empty part/],
    ['foo-1.0-py3.-none-any.whl', 12, /invalid tag set/],
    ['foo bar-1.0-py3-none-any.whl', 3, /whitespace/],
  ];
  for (const [filename, offset, message] of bad) {
    test(`rejects ${filename}`, () => {
      assert.throws(
        () => parseWheelFilename(filename),
        (e: unknown) => e instanceof FilenameParseError && e.input === filename && e.offset === offset && message.test(e.message),
      );
    });
  }
});

type SdistRow = [filename: string, project: string | undefined, expected: Omit<SdistFilename, 'kind' | 'filename'>];

describe('parseSdistFilename', () => {
  const sdist = (
    name: string,
    version: string,
    format: SdistFilename['format'],
    extra: Partial<Omit<SdistFilename, 'kind' | 'filename'>> = {},
  ): Omit<SdistFilename, 'kind' | 'filename'> => ({
    name,
    normalizedName: name.toLowerCase().replace(/[-_.]+/g, '-') as SdistFilename['normalizedName'],
    version,
    format,
    pipSupported: true,
    pythonVersion: null,
    ...extra,
  });
  const rows: SdistRow[] = [
    ['requests-2.31.0.tar.gz', undefined, sdist('requests', '2.31.0', '.tar.gz')],
    ['Django-1.11.29.tar.gz', 'django', sdist('Django', '1.11.29', '.tar.gz')],
    ['python_jose-3.3.0.tar.gz', 'python-jose', sdist('python_jose', '3.3.0', '.tar.gz')],
    ['python-jose-3.3.0.zip', undefined, sdist('python-jose', '3.3.0', '.zip')],
    ['zope.interface-4.7.1.tar.bz2', 'Zope.Interface', sdist('zope.interface', '4.7.1', '.tar.bz2')],
    // the project name disambiguates legacy versions with dashes
    ['foo-bar-1.0-2.tar.gz', 'foo-bar', sdist('foo-bar', '1.0-2', '.tar.gz')],
    ['foo-bar-1.0-2.tar.gz', 'foo', sdist('foo', 'bar-1.0-2', '.tar.gz')],
    ['foo-bar-1.0-2.tar.gz', undefined, sdist('foo-bar-1.0', '2', '.tar.gz')],
    ['foo__bar-1.0.tgz', 'foo-bar', sdist('foo__bar', '1.0', '.tgz')],
    ['invoke-1.1.1-2.0.tar', 'invoke-1.1.1', sdist('invoke-1.1.1', '2.0', '.tar')],
    ['foo-1.0.tbz', undefined, sdist('foo', '1.0', '.tbz')],
    ['foo-1.0.tar.xz', undefined, sdist('foo', '1.0', '.tar.xz')],
    ['foo-1.0.txz', undefined, sdist('foo', '1.0', '.txz')],
    ['foo-1.0.tar.Z', undefined, sdist('foo', '1.0', '.tar.Z', { pipSupported: false })],
    ['foo-1.0-py2.7.tar.gz', 'foo', sdist('foo', '1.0', '.tar.gz', { pythonVersion: '2.7' })],
    ['foo-1.0-py27.zip', undefined, sdist('foo', '1.0', '.zip', { pythonVersion: '27' })],
  ];
  for (const [filename, project, expected] of rows) {
    test(`${filename}${project ? ` (${project})` : ''}`, () => {
      assert.deepEqual(parseSdistFilename(filename, project), { kind: 'sdist', filename, ...expected });
    });
  }

  const bad: Array<[string, string | undefined, number, RegExp]> = [
    ['foo-1.0.TAR.GZ', undefined, 11, /not an sdist/],
    ['foo.tar.gz', undefined, 3, /no '-' followed by a version/],
    ['foo-bar.tar.gz', undefined, 7, /no '-' followed by a version/],
    ['bar-1.0.tar.gz', 'foo', 0, /project name "foo"/],
    ['foo-.tar.gz', 'foo', 4, /empty version/],
  ];
  for (const [filename, project, offset, message] of bad) {
    test(`rejects ${filename}`, () => {
      assert.throws(
        () => parseSdistFilename(filename, project),
        (e: unknown) => e instanceof FilenameParseError && e.input === filename && e.offset === offset && message.test(e.message),
      );
    });
  }
});

describe('parseDistributionFilename', () => {
  const kinds: Array<[string, 'wheel' | 'sdist' | null]> = [
    ['foo-1.0-py3-none-any.whl', 'wheel'],
    ['foo-1.0.tar.gz', 'sdist'],
    ['foo-1.0.zip', 'sdist'],
    ['foo-1.0-py2.7.egg', null],
    ['foo-1.0.win-amd64-py2.7.exe', null],
    ['foo-1.0.win32.msi', null],
    ['foo-1.0-1.noarch.rpm', null],
    ['foo-1.0.tar.gz.asc', null],
    ['foo-1.0.ZIP', null],
    ['README', null],
  ];
  for (const [filename, kind] of kinds) {
    test(`${filename} → ${kind}`, () => assert.equal(parseDistributionFilename(filename)?.kind ?? null, kind));
  }

  test('with a project name, a wheel of another project is an error', () => {
    assert.equal(parseDistributionFilename('Python_Jose-1.0-py3-none-any.whl', 'python.jose')?.kind, 'wheel');
    assert.throws(() => parseDistributionFilename('bar-1.0-py3-none-any.whl', 'foo'), FilenameParseError);
  });
});

describe('parseEggFilename: only to name an egg (pip skips every one)', () => {
  // setuptools' `egg_name`: name and version escaped by to_filename (`-` → `_`), then `-py<X.Y>`, then the platform when not pure.
  const rows: Array<[string, { name: string; normalizedName: string; version: string; pythonVersion: string | null; platform: string | null } | null]> = [
    ['six-1.16.0-py3.6.egg', { name: 'six', normalizedName: 'six', version: '1.16.0', pythonVersion: '3.6', platform: null }],
    ['Foo_Bar-1.0_dev1-py2.7-linux-x86_64.egg', { name: 'Foo_Bar', normalizedName: 'foo-bar', version: '1.0_dev1', pythonVersion: '2.7', platform: 'linux-x86_64' }],
    ['pyobjc-5.0-py3.6-macosx-10.9-x86_64.egg', { name: 'pyobjc', normalizedName: 'pyobjc', version: '5.0', pythonVersion: '3.6', platform: 'macosx-10.9-x86_64' }],
    ['legacy-0.1.egg', { name: 'legacy', normalizedName: 'legacy', version: '0.1', pythonVersion: null, platform: null }],
    ['develop.egg', null], // a development link names no release
    ['six-1.16.0-py3.6.egg.asc', null],
    ['six-1.16.0-py3-none-any.whl', null],
    ['six-1.16.0-cp36.egg', null],
  ];
  for (const [filename, want] of rows) {
    test(`${filename} → ${want ? `${want.normalizedName} ${want.version}` : 'null'}`, () => {
      const got = parseEggFilename(filename);
      assert.deepEqual(got, want && { kind: 'egg', filename, ...want });
    });
  }
});
