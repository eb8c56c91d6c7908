import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readSdistMetadata } from '../../src/index/sdist-reader.js';
import { readZipMember, readZipMemberRanged } from '../../src/index/zip-reader.js';
import { tarGzEntries, zipEntries } from '../support/archive.js';

const METADATA = 'Metadata-Version: 2.1\nName: big\nVersion: 1.0\nRequires-Dist: six\n';
const pickMetadata = (names: string[]) => names.find((n) => n.endsWith('.dist-info/METADATA')) ?? null;

describe('zip members', () => {
  test('in memory', async () => {
    const zip = await zipEntries([
      { path: 'big/__init__.py', content: '' },
      { path: 'big-1.0.dist-info/METADATA', content: METADATA },
    ]);
    const member = await readZipMember(zip, pickMetadata);
    assert.equal(member?.name, 'big-1.0.dist-info/METADATA');
    assert.equal(member?.data.toString(), METADATA);
  });

  test('no such member gives null', async () => {
    const zip = await zipEntries([{ path: 'a.txt', content: 'a' }]);
    assert.equal(await readZipMember(zip, pickMetadata), null);
  });

  test('ranged: reads the tail, not the payload', async () => {
    const payload = randomBytes(1024 * 1024); // incompressible
    const zip = await zipEntries([
      { path: 'big/data.bin', content: payload },
      { path: 'big-1.0.dist-info/METADATA', content: METADATA },
      { path: 'big-1.0.dist-info/RECORD', content: 'x' },
    ]);
    const asked: Array<[number, number]> = [];
    const member = await readZipMemberRanged(zip.length, async (start, end) => {
      asked.push([start, end]);
      return zip.subarray(start, end);
    }, pickMetadata);
    assert.equal(member?.data.toString(), METADATA);
    const fetched = asked.reduce((sum, [s, e]) => sum + (e - s), 0);
    assert.ok(fetched < 100 * 1024, `fetched ${fetched} of ${zip.length} bytes`);
    assert.equal(asked.length, 1, 'the tail segment serves the directory and the member');
  });

  test('ranged: a short range is an error, not a bad member', async () => {
    const zip = await zipEntries([{ path: 'x-1.dist-info/METADATA', content: METADATA }]);
    await assert.rejects(
      readZipMemberRanged(zip.length, async (start, end) => zip.subarray(start, end - 1), pickMetadata),
      /returned/,
    );
  });

  test('a truncated zip is an error', async () => {
    const zip = await zipEntries([{ path: 'x-1.dist-info/METADATA', content: METADATA }]);
    await assert.rejects(readZipMember(zip.subarray(0, zip.length - 10), pickMetadata));
  });
});

describe('sdist PKG-INFO and requires.txt', () => {
  const pkgInfo = 'Metadata-Version: 1.1\nName: foo\nVersion: 1.0\n';
  const requires = 'six>=1.0\n\n[test]\npytest\n';
  const cases: Array<{ name: string; format: '.tar.gz' | '.zip'; entries: Array<[string, string]>; want: { pkgInfo: string | null; requiresTxt: string | null } }> = [
    {
      name: 'top-level PKG-INFO and egg-info requires.txt (tar.gz)',
      format: '.tar.gz',
      entries: [['foo-1.0/foo.egg-info/PKG-INFO', 'egg copy'], ['foo-1.0/PKG-INFO', pkgInfo], ['foo-1.0/foo.egg-info/requires.txt', requires]],
      want: { pkgInfo, requiresTxt: requires },
    },
    {
      name: 'src layout egg-info (zip)',
      format: '.zip',
      entries: [['foo-1.0/PKG-INFO', pkgInfo], ['foo-1.0/src/foo.egg-info/requires.txt', requires]],
      want: { pkgInfo, requiresTxt: requires },
    },
    {
      name: 'only an egg-info PKG-INFO',
      format: '.tar.gz',
      entries: [['foo-1.0/foo.egg-info/PKG-INFO', pkgInfo]],
      want: { pkgInfo, requiresTxt: null },
    },
    {
      name: 'nothing',
      format: '.zip',
      entries: [['foo-1.0/setup.py', 'setup()']],
      want: { pkgInfo: null, requiresTxt: null },
    },
    {
      name: 'requires.txt outside an egg-info is ignored',
      format: '.tar.gz',
      entries: [['foo-1.0/PKG-INFO', pkgInfo], ['foo-1.0/requires.txt', requires]],
      want: { pkgInfo, requiresTxt: null },
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const entries = c.entries.map(([path, content]) => ({ path, content }));
      const data = c.format === '.zip' ? await zipEntries(entries) : await tarGzEntries(entries);
      assert.deepEqual(await readSdistMetadata(`foo-1.0${c.format}`, data), c.want);
    });
  }

  test('unsupported and corrupt archives are errors', async () => {
    await assert.rejects(readSdistMetadata('foo-1.0.tar.bz2', Buffer.from('x')), /unsupported sdist archive format/);
    await assert.rejects(readSdistMetadata('foo-1.0.tar.gz', Buffer.from('not gzip')));
  });
});
