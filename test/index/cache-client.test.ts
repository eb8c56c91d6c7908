import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { releaseKey } from '../../src/pypi/index.js';
import { freshUntil } from '../../src/index/page-fetch.js';
import { startIndexServer } from '../support/index-server.js';
import { buildProjects } from '../support/distributions.js';
import { client, count, needs, paddedWheel, pn, tempDir } from './fixtures.js';

const ask = needs({
  projects: [pn('alpha')],
  releases: [{ name: pn('alpha'), version: '1.0' }, { name: pn('big'), version: '1.0' }, { name: pn('opaque'), version: '1.0' }],
});

async function fixtures() {
  return [
    ...(await buildProjects([
      { name: 'alpha', releases: [{ version: '1.0', requiresDist: ['big'] }] },
      { name: 'opaque', releases: [{ version: '1.0', files: [{ kind: 'sdist', noRequires: true }] }] },
    ])),
    await paddedWheel('big', '1.0', ['six'], 100 * 1024),
  ];
}

test('second run: zero metadata requests, the same answers, served from the cache', async (t) => {
  const cacheDir = await tempDir(t);
  const s = await startIndexServer({ projects: await fixtures() });
  t.after(() => s.close());
  const first = await client({ indexUrl: s.indexUrl, cacheDir }).fetchNeeds(ask);
  const firstFileRequests = count(s.requests, (r) => r.path.startsWith('/files/'));
  assert.ok(firstFileRequests >= 3);

  s.requests.length = 0;
  const c2 = client({ indexUrl: s.indexUrl, cacheDir });
  const second = await c2.fetchNeeds(ask);
  assert.equal(count(s.requests, (r) => r.path.startsWith('/files/')), 0, JSON.stringify(s.requests));
  assert.ok(s.requests.length > 0 && s.requests.every((r) => r.path.startsWith('/simple/')), 'pages are still asked for (revalidated)');
  assert.deepEqual(
    Object.fromEntries([...first.metadata].map(([k, v]) => [k, v.status])),
    { 'alpha==1.0': 'ok', 'big==1.0': 'ok', 'opaque==1.0': 'unavailable' },
  );
  for (const [k, v] of first.metadata) {
    const again = second.metadata.get(k);
    if (v.status === 'ok' && again?.status === 'ok') {
      assert.deepEqual(again.metadata, v.metadata);
      assert.equal(again.source, 'cache');
    } else {
      assert.deepEqual(again, v, k);
    }
  }
  assert.equal(second.metadata.get(releaseKey(pn('opaque'), '1.0'))?.status, 'unavailable');
  assert.ok(c2.stats().cacheHits >= 3);
});

test('offline: only the cache; what is missing says so', async (t) => {
  const cacheDir = await tempDir(t);
  const s = await startIndexServer({ projects: await fixtures() });
  t.after(() => s.close());
  await client({ indexUrl: s.indexUrl, cacheDir }).fetchNeeds(ask);
  s.requests.length = 0;

  const offline = client({ indexUrl: s.indexUrl, cacheDir, offline: true });
  const snap = await offline.fetchNeeds(
    needs({ ...ask, projects: [pn('alpha'), pn('never-seen')], releases: [...ask.releases, { name: pn('alpha'), version: '2.0' }] }),
  );
  assert.equal(s.requests.length, 0);
  assert.equal(offline.stats().requests, 0);
  assert.equal(snap.index.get(pn('alpha'))?.status, 'ok');
  assert.equal(snap.metadata.get(releaseKey(pn('alpha'), '1.0'))?.status, 'ok');
  const missing = snap.index.get(pn('never-seen'));
  assert.match(missing?.status === 'error' ? missing.reason : 'not an error', /not in cache \(offline\)/);
  const missingRelease = snap.metadata.get(releaseKey(pn('alpha'), '2.0'));
  assert.match(missingRelease?.status === 'unavailable' ? missingRelease.reason : '', /no files for alpha 2\.0/);

  // A release whose page is cached but whose metadata is not.
  const other = await tempDir(t);
  const pagesOnly = await client({ indexUrl: s.indexUrl, cacheDir: other }).fetchNeeds(needs({ projects: [pn('alpha')] }));
  assert.equal(pagesOnly.index.get(pn('alpha'))?.status, 'ok');
  const snap2 = await client({ indexUrl: s.indexUrl, cacheDir: other, offline: true }).fetchNeeds(needs({ releases: [{ name: pn('alpha'), version: '1.0' }] }));
  const md = snap2.metadata.get(releaseKey(pn('alpha'), '1.0'));
  assert.match(md?.status === 'unavailable' ? md.reason : '', /metadata of alpha 1\.0: not in cache \(offline\)/);
});

test('pages are revalidated: If-None-Match / If-Modified-Since, and a 304 reuses the cached page', async (t) => {
  const cacheDir = await tempDir(t);
  const seen: Array<Record<string, string | undefined>> = [];
  const body = '<a href="/files/alpha-1.0-py3-none-any.whl#sha256=' + 'a'.repeat(64) + '">alpha-1.0-py3-none-any.whl</a>';
  const server = createServer((req, res) => {
    seen.push({ inm: req.headers['if-none-match'], ims: req.headers['if-modified-since'] });
    if (req.headers['if-none-match'] === '"v1"') {
      res.writeHead(304, { etag: '"v1"' });
      return void res.end();
    }
    res.writeHead(200, { 'content-type': 'text/html', etag: '"v1"', 'last-modified': 'Sun, 02 Feb 2020 00:00:00 GMT' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  const indexUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/simple/`;

  const first = await client({ indexUrl, cacheDir }).fetchNeeds(needs({ projects: [pn('alpha')] }));
  const c2 = client({ indexUrl, cacheDir });
  const second = await c2.fetchNeeds(needs({ projects: [pn('alpha')] }));
  assert.deepEqual(seen, [
    { inm: undefined, ims: undefined },
    { inm: '"v1"', ims: 'Sun, 02 Feb 2020 00:00:00 GMT' },
  ]);
  assert.deepEqual(second.index.get(pn('alpha')), first.index.get(pn('alpha')));
  assert.deepEqual([c2.stats().conditional, c2.stats().notModified, c2.stats().cacheHits, c2.stats().pages], [1, 1, 0, 1]);
  const state = second.index.get(pn('alpha'));
  assert.equal(state?.status === 'ok' ? state.page.files.length : -1, 1);
});

// PyPI sends `Cache-Control: max-age=600` on project pages: a warm run within it asks nothing.
test('warm within max-age: pages and metadata from the cache, zero requests; --refresh revalidates', async (t) => {
  const cacheDir = await tempDir(t);
  const s = await startIndexServer({ projects: await fixtures(), cacheControl: 'max-age=600, public' });
  t.after(() => s.close());
  const cold = client({ indexUrl: s.indexUrl, cacheDir });
  const first = await cold.fetchNeeds(ask);
  assert.ok(s.requests.length >= 4, `cold run made ${s.requests.length} requests`);
  const projects = new Set([...ask.projects, ...ask.releases.map((r) => r.name)]).size;
  assert.equal(cold.stats().pages, projects);
  s.requests.length = 0;

  const warm = client({ indexUrl: s.indexUrl, cacheDir });
  const second = await warm.fetchNeeds(ask);
  assert.equal(s.requests.length, 0, `a warm run within max-age makes no request: ${JSON.stringify(s.requests)}`);
  assert.equal(warm.stats().requests, 0);
  assert.equal(warm.stats().cacheHits, projects + 3, JSON.stringify(warm.stats()));
  assert.equal(second.index.size, first.index.size);
  assert.equal(second.metadata.size, first.metadata.size);

  const refreshed = client({ indexUrl: s.indexUrl, cacheDir, refresh: true });
  await refreshed.fetchNeeds(ask);
  const pages = s.requests.filter((r) => r.path.startsWith('/simple/'));
  assert.equal(pages.length, projects, '--refresh asks for every page again');
  assert.equal(s.requests.length, pages.length, 'metadata is immutable: --refresh does not refetch it');
});

test('freshness: max-age less Age; no-cache, no max-age or an Age past it are stale', () => {
  const now = 1_000_000;
  const h = (v: Record<string, string>) => new Headers(v);
  const cases: Array<[Record<string, string>, number | undefined]> = [
    [{ 'cache-control': 'max-age=600' }, now + 600_000],
    [{ 'cache-control': 'public, max-age=600', age: '100' }, now + 500_000],
    [{ 'cache-control': 'max-age=600', age: '700' }, undefined],
    [{ 'cache-control': 'max-age=600, no-cache' }, undefined],
    [{ 'cache-control': 'no-store' }, undefined],
    [{ 'cache-control': 's-maxage=600' }, undefined],
    [{}, undefined],
  ];
  for (const [headers, expected] of cases) assert.equal(freshUntil(h(headers), now), expected, JSON.stringify(headers));
  assert.equal(cases.length, 7);
});

test('a 304 renews freshness from its own Cache-Control', async (t) => {
  const cacheDir = await tempDir(t);
  let served = 0;
  const body = '<a href="/files/alpha-1.0-py3-none-any.whl#sha256=' + 'a'.repeat(64) + '">alpha-1.0-py3-none-any.whl</a>';
  const server = createServer((req, res) => {
    served++;
    if (req.headers['if-none-match'] === '"v1"') {
      res.writeHead(304, { etag: '"v1"', 'cache-control': 'max-age=600' });
      return void res.end();
    }
    res.writeHead(200, { 'content-type': 'text/html', etag: '"v1"', 'cache-control': 'no-cache' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  const indexUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/simple/`;
  for (let run = 0; run < 3; run++) await client({ indexUrl, cacheDir }).fetchNeeds(needs({ projects: [pn('alpha')] }));
  assert.equal(served, 2, 'no-cache: revalidated once; the 304 made it fresh for the third run');
});
