import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DiskCache, type CachedMetadata, type CachedPage } from '../../src/index/cache.js';

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full)));
    else out.push(full);
  }
  return out;
}

const page: CachedPage = { finalUrl: 'https://x/simple/a/', contentType: 'text/html', etag: '"1"', lastModified: null, body: '<a>' };
const md: CachedMetadata = {
  status: 'ok',
  source: 'pep658',
  file: 'a-1.0-py3-none-any.whl',
  metadata: { metadataVersion: '2.1', name: 'a', version: '1.0', requiresDist: ['b'], requiresPython: null, providesExtra: [], summary: null, homePage: null, projectUrls: [] },
};

test('round-trips pages and metadata; misses are null', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pyup-cache-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const cache = new DiskCache(dir);
  assert.equal(await cache.getPage('https://x/simple/a/'), null);
  await cache.putPage('https://x/simple/a/', page);
  await cache.putMetadata('sha256:ab', md);
  assert.deepEqual(await cache.getPage('https://x/simple/a/'), page);
  assert.deepEqual(await cache.getMetadata('sha256:ab'), md);
  assert.equal(await cache.getMetadata('sha256:cd'), null);
});

test('paths are hashes of the key: hostile keys stay inside, no temp files remain', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pyup-cache-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const cache = new DiskCache(join(dir, 'cache'));
  const hostile = ['url:../../../../etc/passwd', 'url:file:///tmp/../../x', '/abs/path', 'a\0b', '..'];
  for (const key of hostile) await cache.putMetadata(key, { status: 'unavailable', reason: key });
  for (const key of hostile) assert.deepEqual(await cache.getMetadata(key), { status: 'unavailable', reason: key });
  const files = await walk(dir);
  assert.equal(files.length, hostile.length);
  for (const f of files) {
    const rel = relative(join(dir, 'cache'), f);
    assert.match(rel, /^metadata\/[0-9a-f]{2}\/[0-9a-f]{64}\.json$/);
  }
});

/** A cache holding `md` under key 'k', and the file of that entry. */
async function oneEntry(t: TestContext): Promise<{ cache: DiskCache; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'pyup-cache-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const cache = new DiskCache(dir);
  await cache.putMetadata('k', md);
  const [file] = await walk(dir);
  assert.ok(file);
  return { cache, file };
}

test('malformed or foreign entries read as misses', async (t) => {
  const { cache, file } = await oneEntry(t);
  const stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  for (const bad of ['{not json', JSON.stringify({ ...stored, format: 99 }), JSON.stringify({ ...stored, key: 'other' }), JSON.stringify({ ...stored, value: { status: 'ok' } })]) {
    await writeFile(file, bad);
    assert.equal(await cache.getMetadata('k'), null, bad);
  }
});

// An entry is read synchronously: one that is a FIFO blocked the whole process (no timer could
// fire), and one linked to /dev/zero read until the heap gave out. Each is a miss now, and the next
// write puts a regular entry in its place.
const notRegular: Array<{ name: string; make: (file: string) => Promise<void>; replaced: boolean }> = [
  { name: 'a FIFO', make: async (file) => void execFileSync('mkfifo', [file]), replaced: true },
  { name: 'a symlink to /dev/zero', make: (file) => symlink('/dev/zero', file), replaced: true },
  // rename() cannot put a file over a directory: it stays a miss, as before.
  { name: 'a directory', make: (file) => mkdir(file), replaced: false },
];
for (const c of notRegular) {
  test(`an entry that is ${c.name} is a miss at once${c.replaced ? ', and the next write replaces it' : ''}`, { skip: process.platform === 'win32' && 'no FIFOs', timeout: 10_000 }, async (t) => {
    const { cache, file } = await oneEntry(t);
    await rm(file);
    await c.make(file);
    assert.equal(await cache.getMetadata('k'), null);
    await cache.putMetadata('k', md);
    assert.deepEqual(await cache.getMetadata('k'), c.replaced ? md : null);
  });
}

test('a null cache dir stores nothing', async () => {
  const cache = new DiskCache(null);
  await cache.putPage('u', page);
  assert.equal(await cache.getPage('u'), null);
  assert.equal(cache.enabled, false);
});

test('a page cached before bodies were decoded in their charset (format 1) is a miss; ok metadata of format 1 stays', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pyup-cache-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const cache = new DiskCache(dir);
  await cache.putPage('u', page);
  await cache.putMetadata('k', md);
  for (const file of await walk(dir)) {
    const stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...stored, format: 1 }));
  }
  assert.equal(await cache.getPage('u'), null);
  assert.deepEqual(await cache.getMetadata('k'), md);
});

test('an sdist cached as without static metadata (metadata format 1) is a miss: egg-info without requires.txt is read anew', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pyup-cache-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const cache = new DiskCache(dir);
  const unavailable = { status: 'unavailable' as const, reason: 'foo-1.0.tar.gz: sdist has no static dependency metadata; setup.py would have to run', requiresPython: null };
  await cache.putMetadata('k', unavailable);
  assert.deepEqual(await cache.getMetadata('k'), unavailable);
  for (const file of await walk(dir)) {
    const stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...stored, format: 1 }));
  }
  assert.equal(await cache.getMetadata('k'), null);
});
