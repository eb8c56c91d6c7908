import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import yazl from 'yazl';
import { MAX_INFLATED_BYTES, readSdistMetadata } from '../../src/index/sdist-reader.js';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { MAX_CENTRAL_DIRECTORY_BYTES, TAIL_BYTES, readZipMember, readZipMemberRanged, scanCentralDirectory } from '../../src/index/zip-reader.js';
import { tarGzEntries, zipEntries } from '../support/archive.js';
import { shapedWheelBytes } from './fixtures.js';

const METADATA = 'Metadata-Version: 2.1\nName: big\nVersion: 1.0\nRequires-Dist: six\n';
const pickMetadata = (names: string[]) => names.find((n) => n.endsWith('.dist-info/METADATA')) ?? null;

/** Read `zip` as the client does over HTTP: its tail first, then the fetches the reader asks for (recorded). */
async function ranged(zip: Buffer, serve: (start: number, end: number) => Buffer = (s, e) => zip.subarray(s, e)) {
  const start = Math.max(0, zip.length - TAIL_BYTES);
  const asked: Array<[number, number]> = [];
  const member = await readZipMemberRanged(zip.length, { start, data: zip.subarray(start) }, async (s, e) => {
    asked.push([s, e]);
    return serve(s, e);
  }, { suffix: '.dist-info/METADATA', pick: pickMetadata });
  return { member, asked, fetched: asked.reduce((sum, [s, e]) => sum + (e - s), 0) };
}

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
    const { member, asked } = await ranged(zip);
    assert.equal(member?.data.toString(), METADATA);
    assert.equal(asked.length, 0, 'the tail holds the directory and the member');
  });

  // The request count must not grow with the directory: real wheels have 3,000–16,000 members.
  for (const members of [10, 1000, 20_000]) {
    for (const metadataFirst of [false, true]) {
      test(`ranged: ${members} members, METADATA ${metadataFirst ? 'first' : 'last'}: at most 2 fetches after the tail`, async () => {
        const { bytes, metadata } = await shapedWheelBytes('big', '1.0', ['six'], { members, metadataFirst, padBytes: 256 * 1024 });
        const { member, asked, fetched } = await ranged(bytes);
        assert.equal(member?.data.toString(), metadata);
        assert.ok(asked.length <= 2, JSON.stringify(asked));
        // Directory entries are ~46 bytes + a ~30-byte name; nothing of the padding is read.
        assert.ok(fetched < members * 120 + 2 * 65_536 + 4096, `fetched ${fetched} of ${bytes.length} bytes`);
        if (members === 20_000) assert.equal(asked.length, metadataFirst ? 2 : 1, 'directory beyond the tail; member too when first');
      });
    }
  }

  // Memory, not time: a read queued for its member's request must not hold its directory. Before,
  // each held every entry (an object and a name string per member) and the directory's bytes, and a
  // cold run of 600 releases held dozens of 16,000-entry directories at once (~590 MiB peak).
  test('ranged, 20,000 members: only METADATA-suffixed names are decoded; the directory is unreachable while the member is fetched', async () => {
    const { bytes, metadata } = await shapedWheelBytes('big', '1.0', ['six'], { members: 20_000, metadataFirst: true, padBytes: 256 * 1024 });
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const offered: string[][] = [];
    const start = bytes.length - TAIL_BYTES;
    let directory: WeakRef<ArrayBufferLike> | null = null;
    let collected: boolean | null = null;
    const fetches: Array<[number, number]> = [];
    const member = await readZipMemberRanged(bytes.length, { start, data: bytes.subarray(start) }, async (s, e) => {
      fetches.push([s, e]);
      if (directory !== null) {
        // A macrotask later (WeakRefs are kept for the job that made them), then a full collection.
        await new Promise((resolve) => setImmediate(resolve));
        gc();
        collected = directory.deref() === undefined;
      }
      const copy = Buffer.from(bytes.subarray(s, e)); // its own ArrayBuffer (over the pool's size)
      if (directory === null) directory = new WeakRef(copy.buffer);
      return copy;
    }, { suffix: '.dist-info/METADATA', pick: (names) => (offered.push(names), pickMetadata(names)) });
    assert.equal(member?.data.toString(), metadata);
    assert.equal(fetches.length, 2, 'the directory, then the member');
    assert.ok((fetches[0] as [number, number])[1] - (fetches[0] as [number, number])[0] > 20_000 * 46, 'the first fetch is the whole directory');
    assert.deepEqual(offered, [['big-1.0.dist-info/METADATA']], 'one name offered of 20,003');
    assert.equal(collected, true, 'the directory was collected before the member came back');
  });

  test('ranged: every fetch past the tail is made under leave covering its bytes, one leave at a time', async () => {
    const { bytes, metadata } = await shapedWheelBytes('big', '1.0', ['six'], { members: 20_000, metadataFirst: true, padBytes: 256 * 1024 });
    const start = bytes.length - TAIL_BYTES;
    const events: string[] = [];
    let held: number[] = [];
    const leave = async (n: number) => {
      events.push(`ask ${n}`);
      held.push(n);
      return () => {
        events.push('release');
        held = held.filter((h) => h !== n);
      };
    };
    const member = await readZipMemberRanged(bytes.length, { start, data: bytes.subarray(start) }, async (s, e) => {
      assert.equal(held.length, 1, `one leave held while fetching ${s}-${e}`);
      assert.ok((held[0] as number) >= e - s, `leave of ${held[0]} for ${e - s} bytes`);
      events.push('fetch');
      return bytes.subarray(s, e);
    }, { suffix: '.dist-info/METADATA', pick: pickMetadata }, leave);
    assert.equal(member?.data.toString(), metadata);
    assert.deepEqual(events.map((e) => e.replace(/\d+/, 'N')), ['ask N', 'fetch', 'release', 'ask N', 'fetch', 'release']);
    assert.ok(Number(events[0]?.slice(4)) > 20_000 * 46, 'the first leave is for the whole directory');
  });

  test('scanCentralDirectory: with a suffix, only matching entries; without, every entry; counts checked either way', async () => {
    const { bytes } = await shapedWheelBytes('big', '1.0', ['six'], { members: 1000 });
    const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const [entries, size, offset] = [bytes.readUInt16LE(eocd + 10), bytes.readUInt32LE(eocd + 12), bytes.readUInt32LE(eocd + 16)];
    const dir = bytes.subarray(offset, offset + size);
    assert.equal(entries, 1003);
    assert.equal(scanCentralDirectory(dir, entries).length, 1003);
    const some = scanCentralDirectory(dir, entries, Buffer.from('.py'));
    assert.equal(some.length, 1000);
    assert.ok(some.every((e) => e.name.endsWith('.py')));
    assert.deepEqual(scanCentralDirectory(dir, entries, Buffer.from('.dist-info/METADATA')).map((e) => e.name), ['big-1.0.dist-info/METADATA']);
    assert.throws(() => scanCentralDirectory(dir, entries + 1, Buffer.from('.dist-info/METADATA')), /1003 central directory entries, the end record says 1004/);
  });

  test('ranged: ZIP64 end records (2,000 members) are followed', async () => {
    const { bytes, metadata } = await shapedWheelBytes('big', '1.0', ['six'], { members: 2000, zip64: true, metadataFirst: true });
    assert.ok(bytes.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06])), 'a ZIP64 end record is written');
    const { member, asked } = await ranged(bytes);
    assert.equal(member?.data.toString(), metadata);
    assert.ok(asked.length <= 3, JSON.stringify(asked));
  });

  test('ranged: a central directory over the cap is an error, not a download', async () => {
    const zip = await zipEntries([{ path: 'x-1.dist-info/METADATA', content: METADATA }]);
    const forged = Buffer.from(zip);
    const eocd = forged.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    forged.writeUInt32LE(MAX_CENTRAL_DIRECTORY_BYTES + 1, eocd + 12);
    await assert.rejects(ranged(forged), /central directory is 67108865 bytes, over the 67108864-byte limit/);
  });

  test('ranged: a stored METADATA is read as is; an unknown method or a lying size is an error', async () => {
    const zip = new yazl.ZipFile();
    zip.addBuffer(randomBytes(200 * 1024), 'big/blob.bin', { compress: false });
    zip.addBuffer(Buffer.from(METADATA), 'big-1.0.dist-info/METADATA', { compress: false });
    zip.end();
    const chunks: Buffer[] = [];
    for await (const c of zip.outputStream) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    assert.equal((await ranged(bytes)).member?.data.toString(), METADATA);
    const cdEntry = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const badMethod = Buffer.from(bytes);
    badMethod.writeUInt16LE(12, cdEntry + 10); // bzip2
    await assert.rejects(ranged(badMethod), /compression method 12/);
    const badSize = Buffer.from(bytes);
    badSize.writeUInt32LE(METADATA.length + 1, cdEntry + 24);
    await assert.rejects(ranged(badSize), /its directory says/);
  });

  // A deflated METADATA that inflates past what its directory says: a bomb stops at the member cap,
  // and says so (it read 'Cannot create a Buffer larger than 16777217 bytes').
  const lying: Array<{ name: string; inflated: number; want: RegExp }> = [
    { name: 'a little more', inflated: 2000, want: /malformed zip: big-1\.0\.dist-info\/METADATA is 2000 bytes, its directory says 1000$/ },
    { name: 'past the member cap (a bomb)', inflated: 64 * 2 ** 20, want: /malformed zip: big-1\.0\.dist-info\/METADATA inflates to more than 16777216 bytes, its directory says 1000$/ },
  ];
  for (const c of lying) {
    test(`ranged: a deflated METADATA whose directory says 1000 bytes and that inflates to ${c.name} is an error`, async () => {
      const bytes = await zipEntries([{ path: 'big/blob.bin', content: randomBytes(200 * 1024) }, { path: 'big-1.0.dist-info/METADATA', content: Buffer.alloc(c.inflated, 0x41) }]);
      bytes.writeUInt32LE(1000, bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24);
      await assert.rejects(ranged(bytes), c.want);
    });
  }

  test('ranged: a short range is an error, not a bad member', async () => {
    const { bytes } = await shapedWheelBytes('big', '1.0', ['six'], { members: 10, metadataFirst: true, padBytes: 256 * 1024 });
    await assert.rejects(ranged(bytes, (s, e) => bytes.subarray(s, e - 1)), /returned/);
  });

  test('a truncated zip is an error', async () => {
    const zip = await zipEntries([{ path: 'x-1.dist-info/METADATA', content: METADATA }]);
    await assert.rejects(readZipMember(zip.subarray(0, zip.length - 10), pickMetadata));
  });
});

describe('sdist PKG-INFO and requires.txt', () => {
  const pkgInfo = 'Metadata-Version: 1.1\nName: foo\nVersion: 1.0\n';
  const requires = 'six>=1.0\n\n[test]\npytest\n';
  const cases: Array<{ name: string; format: '.tar.gz' | '.zip'; entries: Array<[string, string]>; want: { pkgInfo: string | null; requiresTxt: string | null; eggInfo: boolean } }> = [
    {
      name: 'top-level PKG-INFO and egg-info requires.txt (tar.gz)',
      format: '.tar.gz',
      entries: [['foo-1.0/foo.egg-info/PKG-INFO', 'egg copy'], ['foo-1.0/PKG-INFO', pkgInfo], ['foo-1.0/foo.egg-info/requires.txt', requires]],
      want: { pkgInfo, requiresTxt: requires, eggInfo: true },
    },
    {
      name: 'src layout egg-info (zip)',
      format: '.zip',
      entries: [['foo-1.0/PKG-INFO', pkgInfo], ['foo-1.0/src/foo.egg-info/requires.txt', requires]],
      want: { pkgInfo, requiresTxt: requires, eggInfo: false },
    },
    {
      name: 'egg-info without requires.txt: setuptools required nothing (tar.gz)',
      format: '.tar.gz',
      entries: [['foo-1.0/PKG-INFO', pkgInfo], ['foo-1.0/foo.egg-info/PKG-INFO', pkgInfo], ['foo-1.0/foo.egg-info/SOURCES.txt', 'setup.py\n']],
      want: { pkgInfo, requiresTxt: null, eggInfo: true },
    },
    {
      name: 'src layout egg-info without requires.txt (zip)',
      format: '.zip',
      entries: [['foo-1.0/PKG-INFO', pkgInfo], ['foo-1.0/src/foo.egg-info/PKG-INFO', pkgInfo]],
      want: { pkgInfo, requiresTxt: null, eggInfo: true },
    },
    {
      name: 'only an egg-info PKG-INFO',
      format: '.tar.gz',
      entries: [['foo-1.0/foo.egg-info/PKG-INFO', pkgInfo]],
      want: { pkgInfo, requiresTxt: null, eggInfo: true },
    },
    {
      name: 'nothing',
      format: '.zip',
      entries: [['foo-1.0/setup.py', 'setup()']],
      want: { pkgInfo: null, requiresTxt: null, eggInfo: false },
    },
    {
      name: 'requires.txt outside an egg-info is ignored',
      format: '.tar.gz',
      entries: [['foo-1.0/PKG-INFO', pkgInfo], ['foo-1.0/requires.txt', requires]],
      want: { pkgInfo, requiresTxt: null, eggInfo: false },
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const entries = c.entries.map(([path, content]) => ({ path, content }));
      const data = c.format === '.zip' ? await zipEntries(entries) : await tarGzEntries(entries);
      assert.deepEqual(await readSdistMetadata(`foo-1.0${c.format}`, data), c.want);
    });
  }

  // A tar.gz is read through to its end, every member inflated on the way: 1 MiB of gzip inflates to
  // 1 GiB (3-5 s), so a 200 MiB download could keep one read busy for a quarter of an hour. Its
  // inflated bytes are capped; a member skipped for its size counts as much as one read.
  const bombs: Array<{ name: string; entries: Array<[string, Buffer]>; cap: number; want: RegExp | { pkgInfo: string | null } }> = [
    { name: 'a skipped member that inflates past the cap', entries: [['foo-1.0/PKG-INFO', Buffer.from(pkgInfo)], ['foo-1.0/data.bin', Buffer.alloc(64 * 2 ** 20)]], cap: 2 ** 20, want: /foo-1\.0\.tar\.gz inflates to more than 1048576 bytes/ },
    { name: 'a PKG-INFO over the member cap that inflates past the archive cap', entries: [['foo-1.0/foo.egg-info/PKG-INFO', Buffer.alloc(64 * 2 ** 20, 0x41)], ['foo-1.0/PKG-INFO', Buffer.from(pkgInfo)]], cap: 2 ** 20, want: /inflates to more than 1048576 bytes/ },
    { name: 'the same archive under the default cap', entries: [['foo-1.0/PKG-INFO', Buffer.from(pkgInfo)], ['foo-1.0/data.bin', Buffer.alloc(64 * 2 ** 20)]], cap: MAX_INFLATED_BYTES, want: { pkgInfo } },
  ];
  for (const c of bombs) {
    test(`tar.gz: ${c.name}`, async () => {
      const data = await tarGzEntries(c.entries.map(([path, content]) => ({ path, content })));
      const read = readSdistMetadata('foo-1.0.tar.gz', data, c.cap);
      if (c.want instanceof RegExp) await assert.rejects(read, c.want);
      else assert.deepEqual(await read, { ...c.want, requiresTxt: null, eggInfo: false });
    });
  }

  test('unsupported and corrupt archives are errors', async () => {
    await assert.rejects(readSdistMetadata('foo-1.0.tar.bz2', Buffer.from('x')), /unsupported sdist archive format/);
    await assert.rejects(readSdistMetadata('foo-1.0.tar.gz', Buffer.from('not gzip')));
  });
});
