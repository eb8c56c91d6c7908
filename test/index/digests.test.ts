// File digests for hash-checking mode: streamed, capped, fetched once, cached by validators.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { buildProjects } from '../support/distributions.js';
import { startIndexServer } from '../support/index-server.js';
import { client, count, needs, tempDir } from './fixtures.js';

async function server() {
  const files = await buildProjects([{ name: 'alpha', releases: [{ version: '1.0' }, { version: '2.0' }] }]);
  return startIndexServer({ projects: files, findLinks: true });
}

test('a mirror file without a listed hash is downloaded once and hashed with sha256/384/512', async (t) => {
  const s = await server();
  t.after(() => s.close());
  const cacheDir = await tempDir(t);
  const [f1, f2] = s.files;
  assert.ok(f1 && f2);
  const urls = [`${s.findLinksUrl}${f1.filename}`, `${s.findLinksUrl}${f2.filename}`];
  const c = client({ indexUrl: s.indexUrl, cacheDir });
  const snap = await c.fetchNeeds(needs({ fileDigests: [...urls, urls[0] as string] }));
  const got = urls.map((u) => snap.digests?.get(u));
  assert.deepEqual(got.map((d) => (d?.status === 'ok' ? d.hashes['sha256'] : d)), [f1.sha256, f2.sha256]);
  const d0 = got[0];
  assert.ok(d0?.status === 'ok');
  assert.equal(d0.hashes['sha512'], createHash('sha512').update(f1.bytes).digest('hex'));
  assert.equal(d0.size, f1.bytes.length);
  assert.equal(count(s.requests, (r) => r.method === 'GET' && r.path.startsWith('/links/')), 2, 'each file downloaded once');

  // A second run revalidates with HEAD and downloads nothing.
  s.requests.length = 0;
  const again = await client({ indexUrl: s.indexUrl, cacheDir }).fetchNeeds(needs({ fileDigests: urls }));
  assert.equal(count(s.requests, (r) => r.method === 'GET'), 0, JSON.stringify(s.requests));
  assert.equal(count(s.requests, (r) => r.method === 'HEAD'), 2);
  const a0 = again.digests?.get(urls[0] as string);
  assert.equal(a0?.status === 'ok' ? a0.hashes['sha256'] : null, f1.sha256);

  // Offline: the last answer seen for the URL.
  const offline = await client({ indexUrl: s.indexUrl, cacheDir, offline: true }).fetchNeeds(needs({ fileDigests: urls }));
  assert.equal(offline.digests?.get(urls[1] as string)?.status, 'ok');
});

test("a mirror .tar.gz labelled Content-Encoding: gzip: the digest is the stored file's, as pip hashes it", async (t) => {
  const files = await buildProjects([{ name: 'alpha', releases: [{ version: '1.0', files: [{ kind: 'sdist' }] }] }]);
  const s = await startIndexServer({ projects: files, findLinks: true, encodeArchives: true });
  t.after(() => s.close());
  const [sdist] = files;
  assert.ok(sdist);
  const url = `${s.findLinksUrl}${sdist.filename}`;
  const snap = await client({ indexUrl: s.indexUrl }).fetchNeeds(needs({ fileDigests: [url] }));
  const d = snap.digests?.get(url);
  assert.deepEqual(d?.status === 'ok' ? [d.hashes['sha256'], d.size] : d, [sdist.sha256, sdist.bytes.length]);
});

test('over the size cap, a 404, or an unreachable host: an error state with why, never a digest', async (t) => {
  const s = await server();
  t.after(() => s.close());
  const f = s.files[0];
  assert.ok(f);
  const capped = await client({ indexUrl: s.indexUrl, maxDownloadBytes: 10 }).fetchNeeds(needs({ fileDigests: [`${s.findLinksUrl}${f.filename}`] }));
  const c1 = capped.digests?.get(`${s.findLinksUrl}${f.filename}`);
  assert.ok(c1?.status === 'error' && /10-byte limit/.test(c1.reason), JSON.stringify(c1));
  const missing = await client({ indexUrl: s.indexUrl }).fetchNeeds(needs({ fileDigests: [`${s.findLinksUrl}nope-1.0.tar.gz`] }));
  assert.equal(missing.digests?.get(`${s.findLinksUrl}nope-1.0.tar.gz`)?.status, 'error');
  const down = await client({ indexUrl: s.indexUrl, retries: 0 }).fetchNeeds(needs({ fileDigests: ['http://127.0.0.1:1/x-1.0.tar.gz'] }));
  assert.equal(down.digests?.get('http://127.0.0.1:1/x-1.0.tar.gz')?.status, 'error');
});

test('a local mirror file: hashed from disk, cached by path + mtime + size', async (t) => {
  const dir = await tempDir(t);
  const path = join(dir, 'alpha-1.0-py3-none-any.whl');
  await writeFile(path, 'not really a wheel');
  const url = pathToFileURL(path).href;
  const snap = await client({ indexUrl: 'http://127.0.0.1:1/simple/', cacheDir: dir }).fetchNeeds(needs({ fileDigests: [url] }));
  const d = snap.digests?.get(url);
  assert.equal(d?.status === 'ok' ? d.hashes['sha256'] : d, createHash('sha256').update('not really a wheel').digest('hex'));
  await writeFile(path, 'changed content!!!');
  const after = await client({ indexUrl: 'http://127.0.0.1:1/simple/', cacheDir: dir }).fetchNeeds(needs({ fileDigests: [url] }));
  const d2 = after.digests?.get(url);
  assert.equal(d2?.status === 'ok' ? d2.hashes['sha256'] : d2, createHash('sha256').update('changed content!!!').digest('hex'));
});

test('a local mirror entry that is not a regular file (a FIFO, a directory): an error state, never a read that blocks', { skip: process.platform === 'win32' && 'mkfifo' }, async (t) => {
  const dir = await tempDir(t);
  const fifo = join(dir, 'alpha-1.0-py3-none-any.whl');
  await execa('mkfifo', [fifo]);
  const folder = join(dir, 'alpha-2.0-py3-none-any.whl');
  await mkdir(folder);
  const urls = [fifo, folder].map((p) => pathToFileURL(p).href);
  const snap = await client({ indexUrl: 'http://127.0.0.1:1/simple/', cacheDir: null }).fetchNeeds(needs({ fileDigests: urls }));
  for (const [i, url] of urls.entries()) {
    const d = snap.digests?.get(url);
    assert.equal(d?.status === 'error' ? d.reason : d, `${[fifo, folder][i]} is not a regular file`);
  }
});
