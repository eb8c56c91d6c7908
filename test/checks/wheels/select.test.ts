import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { filesOfReleasesMatching, selectFile } from '../../../src/checks/wheels/index.js';
import { normalizeName } from '../../../src/names/index.js';
import { makeTarget } from '../../../src/targets/index.js';
import { projectFile } from './fixtures.js';
import type { FileDesc } from './fixtures.js';

interface Case {
  name: string;
  files: Array<string | FileDesc>;
  specifier: string;
  python?: string;
  platform?: string;
  allowSdist?: boolean;
  /** The chosen filename, or null. */
  chosen: string | null;
  /** Rejected filename → reason, when given. */
  rejected?: Record<string, string>;
}

const cases: Case[] = [
  { name: 'the most specific tag wins over a universal wheel', files: ['p-1.0-py3-none-any.whl', 'p-1.0-cp36-cp36m-manylinux1_x86_64.whl', 'p-1.0-cp36-abi3-manylinux1_x86_64.whl'], specifier: '==1.0', chosen: 'p-1.0-cp36-cp36m-manylinux1_x86_64.whl' },
  { name: 'a newer manylinux policy ranks above an older one when glibc allows it', files: ['p-1.0-cp36-cp36m-manylinux1_x86_64.whl', 'p-1.0-cp36-cp36m-manylinux2014_x86_64.whl'], specifier: '==1.0', chosen: 'p-1.0-cp36-cp36m-manylinux2014_x86_64.whl' },
  { name: 'a manylinux policy above the target glibc is rejected', files: ['p-1.0-cp36-cp36m-manylinux_2_28_x86_64.whl'], specifier: '==1.0', allowSdist: false, chosen: null, rejected: { 'p-1.0-cp36-cp36m-manylinux_2_28_x86_64.whl': 'tags' } },
  { name: 'equal keys (py3 and py2.py3 rank the same): the file listed last wins, as in pip', files: ['p-1.0-py2.py3-none-any.whl', 'p-1.0-py3-none-any.whl'], specifier: '==1.0', chosen: 'p-1.0-py3-none-any.whl' },
  { name: 'equal keys, the other listing order', files: ['p-1.0-py3-none-any.whl', 'p-1.0-py2.py3-none-any.whl'], specifier: '==1.0', chosen: 'p-1.0-py2.py3-none-any.whl' },
  { name: 'a wheel beats an sdist of the same version', files: ['p-1.0.tar.gz', 'p-1.0-py2.py3-none-any.whl'], specifier: '==1.0', chosen: 'p-1.0-py2.py3-none-any.whl' },
  { name: 'build tags: the higher build number wins, no build tag lowest', files: ['p-1.0-py3-none-any.whl', 'p-1.0-2-py3-none-any.whl', 'p-1.0-10-py3-none-any.whl', 'p-1.0-10a-py3-none-any.whl'], specifier: '==1.0', chosen: 'p-1.0-10a-py3-none-any.whl' },
  { name: 'tag rank comes before the build tag', files: ['p-1.0-9-py3-none-any.whl', 'p-1.0-1-cp36-cp36m-linux_x86_64.whl'], specifier: '==1.0', chosen: 'p-1.0-1-cp36-cp36m-linux_x86_64.whl' },
  { name: 'binary only: an sdist is rejected', files: ['p-1.0.tar.gz'], specifier: '==1.0', allowSdist: false, chosen: null, rejected: { 'p-1.0.tar.gz': 'sdist-not-allowed' } },
  { name: 'PEP 440 equality: ==1.0 installs a 1.0.0 file', files: ['p-1.0.0-py3-none-any.whl'], specifier: '==1.0', chosen: 'p-1.0.0-py3-none-any.whl' },
  { name: 'a range picks the highest version first, even an sdist over an older wheel', files: ['p-1.0-py3-none-any.whl', 'p-1.1.tar.gz', 'p-2.0-py3-none-any.whl'], specifier: '<2', chosen: 'p-1.1.tar.gz' },
  { name: 'a range skips pre-releases', files: ['p-1.0-py3-none-any.whl', 'p-1.1rc1-py3-none-any.whl'], specifier: '>=1', chosen: 'p-1.0-py3-none-any.whl' },
  { name: 'a range skips yanked files even when they are newer', files: ['p-1.0-py3-none-any.whl', { filename: 'p-1.1-py3-none-any.whl', yanked: 'bad' }], specifier: '>=1', chosen: 'p-1.0-py3-none-any.whl' },
  { name: 'a range never installs a yanked-only release', files: [{ filename: 'p-1.1-py3-none-any.whl', yanked: 'bad' }], specifier: '>=1', chosen: null },
  { name: 'an exact pin installs a release only yanked files offer', files: [{ filename: 'p-1.1-py3-none-any.whl', yanked: '' }], specifier: '==1.1', chosen: 'p-1.1-py3-none-any.whl' },
  { name: 'Requires-Python is checked against the full python version', files: [{ filename: 'p-1.0-py3-none-any.whl', requiresPython: '>=3.6.1' }], specifier: '==1.0', chosen: 'p-1.0-py3-none-any.whl' },
  { name: 'Requires-Python that excludes the target rejects the file', files: [{ filename: 'p-1.0-py3-none-any.whl', requiresPython: '>=3.7' }, 'p-1.0.zip'], specifier: '==1.0', chosen: 'p-1.0.zip', rejected: { 'p-1.0-py3-none-any.whl': 'requires-python' } },
  { name: 'a -pyX.Y sdist suffix must name the target python', files: ['p-1.0-py2.7.tar.gz'], specifier: '==1.0', chosen: null, rejected: { 'p-1.0-py2.7.tar.gz': 'sdist-python' } },
  { name: 'pip never unpacks .tar.Z', files: ['p-1.0.tar.Z'], specifier: '==1.0', chosen: null, rejected: { 'p-1.0.tar.Z': 'sdist-format' } },
  { name: 'files of other versions are not rejections', files: ['p-2.0-cp37-cp37m-manylinux1_x86_64.whl'], specifier: '==1.0', chosen: null, rejected: {} },
  { name: 'macOS: an intel wheel serves x86_64 10.9', files: ['p-1.0-cp36-cp36m-macosx_10_6_intel.whl', 'p-1.0-cp36-cp36m-manylinux1_x86_64.whl'], specifier: '==1.0', platform: 'macos-x86_64', chosen: 'p-1.0-cp36-cp36m-macosx_10_6_intel.whl' },
  { name: 'macOS: a wheel for a newer macOS is rejected', files: ['p-1.0-cp36-cp36m-macosx_10_14_x86_64.whl'], specifier: '==1.0', platform: 'macos-x86_64', chosen: null, rejected: { 'p-1.0-cp36-cp36m-macosx_10_14_x86_64.whl': 'tags' } },
  { name: 'python 2.7: cp27mu is the linux ABI', files: ['p-1.0-cp27-cp27m-manylinux1_x86_64.whl', 'p-1.0-cp27-cp27mu-manylinux1_x86_64.whl'], specifier: '==1.0', python: '2.7', chosen: 'p-1.0-cp27-cp27mu-manylinux1_x86_64.whl' },
  // python.org's macOS 2.7 is a UCS-2 build: PyPI's macOS 2.7 wheels are all cp27m (gevent-1.4.0-cp27-cp27m-macosx_10_6_intel.whl)
  { name: 'python 2.7: cp27m is the macOS ABI', files: ['p-1.0.tar.gz', 'p-1.0-cp27-cp27m-macosx_10_6_intel.whl'], specifier: '==1.0', python: '2.7', platform: 'macos-x86_64', chosen: 'p-1.0-cp27-cp27m-macosx_10_6_intel.whl' },
  { name: 'python 2.7 on macOS: a cp27mu wheel is rejected', files: ['p-1.0-cp27-cp27mu-macosx_10_6_intel.whl'], specifier: '==1.0', python: '2.7', platform: 'macos-x86_64', chosen: null, rejected: { 'p-1.0-cp27-cp27mu-macosx_10_6_intel.whl': 'tags' } },
  { name: 'legacy versions match as written', files: ['p-0.8.7p1.tar.gz'], specifier: '==0.8.7p1', chosen: 'p-0.8.7p1.tar.gz' },
  { name: 'files of another project are ignored', files: ['q-1.0-py3-none-any.whl'], specifier: '==1.0', chosen: null, rejected: {} },
  // pip skips every egg ("unsupported archive format: .egg"); those of the version asked for are named.
  { name: 'a release of eggs only: nothing chosen, each egg named', files: ['p-1.0-py3.6.egg', 'p-1.0-py2.7-linux-x86_64.egg', 'p-2.0-py3.6.egg', 'q-1.0-py3.6.egg'], specifier: '==1.0', chosen: null, rejected: { 'p-1.0-py3.6.egg': 'egg', 'p-1.0-py2.7-linux-x86_64.egg': 'egg' } },
  { name: 'an egg beside an sdist: the sdist', files: ['p-1.0-py3.6.egg', 'p-1.0.tar.gz'], specifier: '==1.0', chosen: 'p-1.0.tar.gz' },
  { name: 'eggs of a range: those the range admits are named', files: ['P_1-1.0-py3.6.egg', 'p-1.5-py3.6.egg', 'p-2.0-py3.6.egg'], specifier: '>=1.5', chosen: null, rejected: { 'p-1.5-py3.6.egg': 'egg', 'p-2.0-py3.6.egg': 'egg' } },
];

describe('selectFile: pip\'s choice of file', () => {
  for (const c of cases) {
    test(c.name, () => {
      const target = makeTarget(c.python ?? '3.6', c.platform ?? 'linux-x86_64');
      const files = c.files.map((d) => projectFile(d, '/mirror', 'file:///mirror/'));
      const sel = selectFile(files, normalizeName('p'), { specifier: c.specifier, allowSdist: c.allowSdist ?? true }, target);
      assert.equal(sel.chosen?.file.filename ?? null, c.chosen);
      if (c.rejected) {
        assert.deepEqual(Object.fromEntries(sel.rejected.map((r) => [r.file.filename, r.reason])), c.rejected);
        for (const r of sel.rejected) assert.ok(r.detail.length > 0);
      }
    });
  }
});

describe("filesOfReleasesMatching: the files of the releases a specifier selects (pypi's grouping), in listing order", () => {
  const listing = [
    'p-1.0+mirror.1-cp36-cp36m-linux_x86_64.whl', 'p-1.0-py3-none-any.whl', 'p-1.0.0.tar.gz', 'p-1.0.A1.zip', 'p-1.0a1-py3-none-any.whl',
    'p-0.8.7p1.tar.gz', 'p-2.0-py3-none-any.whl', 'p-1.0.tar.Z', 'q-1.0.tar.gz', 'README',
  ];
  const files = listing.map((d) => projectFile(d, '/mirror', 'file:///mirror/'));
  const cases: Array<[string, string[]]> = [
    // `==1.0` ignores a local label (PEP 440), and 1.0 == 1.0.0; sdist formats pip would not unpack still belong to the release
    ['==1.0', ['p-1.0+mirror.1-cp36-cp36m-linux_x86_64.whl', 'p-1.0-py3-none-any.whl', 'p-1.0.0.tar.gz', 'p-1.0.tar.Z']],
    ['==1.0+mirror.1', ['p-1.0+mirror.1-cp36-cp36m-linux_x86_64.whl']],
    ['==1.0a1', ['p-1.0.A1.zip', 'p-1.0a1-py3-none-any.whl']],
    ['===1.0a1', ['p-1.0.A1.zip', 'p-1.0a1-py3-none-any.whl']], // `===` compares text: the file's normalised version, case-insensitively
    ['===1.0.A1', []], // … so a spelling that is not the normalised form matches nothing (packaging's `_compare_arbitrary`)
    ['==0.8.7p1', ['p-0.8.7p1.tar.gz']], // not PEP 440: as written
    ['===0.8.7p1', ['p-0.8.7p1.tar.gz']],
    ['>=1.0,<3', ['p-1.0+mirror.1-cp36-cp36m-linux_x86_64.whl', 'p-1.0-py3-none-any.whl', 'p-1.0.0.tar.gz', 'p-2.0-py3-none-any.whl', 'p-1.0.tar.Z']],
    ['==3.0', []],
  ];
  for (const [specifier, want] of cases) {
    test(`${specifier} → ${want.length} files`, () => assert.deepEqual(filesOfReleasesMatching(files, normalizeName('p'), specifier).map((f) => f.filename), want));
  }
});
