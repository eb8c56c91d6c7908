import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACCEPT } from '../../src/index/negotiate.js';
import { releaseKey, type ProjectState } from '../../src/pypi/index.js';
import { startIndexServer, type IndexServer } from '../support/index-server.js';
import type { ProjectSpec } from '../support/distributions.js';
import { client, count, needs, pn } from './fixtures.js';

const PROJECTS: ProjectSpec[] = [
  {
    name: 'Six',
    releases: [
      { version: '1.15.0' },
      { version: '1.16.0', requiresPython: '>=2.7, !=3.0.*', files: [{ kind: 'wheel' }, { kind: 'sdist' }] },
    ],
  },
];

async function server(t: { after: (fn: () => Promise<void>) => void }, opts: Partial<Parameters<typeof startIndexServer>[0]> = {}): Promise<IndexServer> {
  const s = await startIndexServer({ projects: PROJECTS, ...opts });
  t.after(() => s.close());
  return s;
}

function okPage(state: ProjectState | undefined) {
  assert.equal(state?.status, 'ok', JSON.stringify(state));
  if (state?.status !== 'ok') throw new Error('unreachable');
  return state.page;
}

const summary = (state: ProjectState | undefined) =>
  okPage(state).files.map((f) => ({ filename: f.filename, url: f.url, sha256: f.hashes['sha256'], requiresPython: f.requiresPython }));

describe('simple pages', () => {
  test('HTML-only and JSON-only servers give the same files; we send the PEP 691 Accept', async (t) => {
    const results = [];
    for (const api of ['html', 'json', 'both'] as const) {
      const s = await server(t, { api });
      const snap = await client({ indexUrl: s.indexUrl }).fetchNeeds(needs({ projects: [pn('six')] }));
      results.push(summary(snap.index.get(pn('six'))).map((f) => ({ ...f, url: f.url.replace(s.url, '') })));
      assert.deepEqual(s.requests.map((r) => r.accept), [ACCEPT]);
    }
    assert.equal(results[0]?.length, 3);
    assert.deepEqual(results[0], results[1]);
    assert.deepEqual(results[1], results[2]);
    assert.equal(results[0]?.find((f) => f.filename.endsWith('1.16.0.tar.gz'))?.requiresPython, '>=2.7, !=3.0.*');
  });

  test('406 is asked again for HTML only', async (t) => {
    const s = await server(t, { api: 'html', faults: [{ path: '/simple/six/', kind: 'status', status: 406, times: 1 }] });
    const snap = await client({ indexUrl: s.indexUrl }).fetchNeeds(needs({ projects: [pn('six')] }));
    assert.equal(okPage(snap.index.get(pn('six'))).files.length, 3);
    assert.equal(s.requests.length, 2);
    assert.doesNotMatch(s.requests[1]?.accept ?? '', /json/);
  });

  test('a JSON body mislabelled text/html parses as HTML: an empty page, not a crash', async (t) => {
    const body = JSON.stringify({ meta: { 'api-version': '1.0' }, name: 'six', files: [{ filename: 'six-1.0-py3-none-any.whl', url: 'x', hashes: {} }] });
    const s = await server(t, { faults: [{ path: '/simple/six/', kind: 'body', body, contentType: 'text/html' }] });
    const snap = await client({ indexUrl: s.indexUrl }).fetchNeeds(needs({ projects: [pn('six')] }));
    assert.deepEqual(okPage(snap.index.get(pn('six'))).files, []);
  });

  test('HTML labelled as PEP 691 JSON is an error state with a reason', async (t) => {
    const s = await server(t, { faults: [{ path: '/simple/six/', kind: 'body', body: '<a href="x.whl">x</a>', contentType: 'application/vnd.pypi.simple.v1+json' }] });
    const snap = await client({ indexUrl: s.indexUrl }).fetchNeeds(needs({ projects: [pn('six')] }));
    const state = snap.index.get(pn('six'));
    assert.equal(state?.status, 'error');
    assert.match(state?.status === 'error' ? state.reason : '', /simple\/six\//);
  });

  test('a project page pip skips for its Content-Type (an S3 object uploaded without one) is an error state in pip\'s words, not a page', async (t) => {
    const s = await server(t, { pageContentType: 'binary/octet-stream' });
    const snap = await client({ indexUrl: s.indexUrl }).fetchNeeds(needs({ projects: [pn('six')], releases: [{ name: pn('six'), version: '1.16.0' }] }));
    const reason = `Skipping page ${s.indexUrl}six/ because the GET request got Content-Type: binary/octet-stream. The only supported Content-Types are application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html, and text/html`;
    assert.deepEqual(snap.index.get(pn('six')), { status: 'error', reason });
    const md = snap.metadata.get(releaseKey(pn('six'), '1.16.0'));
    assert.deepEqual(md?.status === 'unavailable' ? [md.infrastructure, md.reason] : md, [true, `index: ${reason}`]);
  });

  test('redirects are followed; hrefs resolve against the final URL', async (t) => {
    const s = await server(t);
    const proxy = createServer((req, res) => {
      res.writeHead(301, { location: `${s.indexUrl}${(req.url ?? '/').replace(/^\/old\//, '')}` });
      res.end();
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    t.after(() => new Promise<void>((r) => proxy.close(() => r())));
    const old = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/old/`;
    const snap = await client({ indexUrl: old }).fetchNeeds(needs({ projects: [pn('six')] }));
    const page = okPage(snap.index.get(pn('six')));
    assert.equal(page.url, `${s.indexUrl}six/`);
    assert.equal(page.files.length, 3);
    for (const f of page.files) assert.ok(f.url.startsWith(`${s.url}/files/`), f.url);
  });

  test('404 is not-found', async (t) => {
    const s = await server(t);
    const snap = await client({ indexUrl: s.indexUrl }).fetchNeeds(needs({ projects: [pn('nope')] }));
    assert.deepEqual(snap.index.get(pn('nope')), { status: 'not-found', url: `${s.indexUrl}nope/` });
  });

  test('500 then 200, and a reset then 200, are retried transparently', async (t) => {
    for (const fault of [{ kind: 'status' as const, status: 500 }, { kind: 'reset' as const }]) {
      const s = await server(t, { faults: [{ path: '/simple/six/', times: 1, ...fault }] });
      const c = client({ indexUrl: s.indexUrl });
      const snap = await c.fetchNeeds(needs({ projects: [pn('six')] }));
      assert.equal(okPage(snap.index.get(pn('six'))).files.length, 3);
      assert.equal(count(s.requests, (r) => r.path === '/simple/six/'), 2);
      assert.equal(c.events.filter((e) => e.kind === 'retry').length, 1);
    }
  });

  test('a server that stays slow ends in an error state, not an exception', async (t) => {
    const s = await server(t, { faults: [{ path: '/simple/six/', kind: 'delay', ms: 400 }] });
    const c = client({ indexUrl: s.indexUrl, timeoutMs: 50, retries: 1 });
    const snap = await c.fetchNeeds(needs({ projects: [pn('six')] }));
    const state = snap.index.get(pn('six'));
    assert.equal(state?.status, 'error');
    assert.match(state?.status === 'error' ? state.reason : '', /timed out after 50 ms after 1 retry/);
  });

  test('an oversized page is an error', async (t) => {
    const s = await server(t);
    const snap = await client({ indexUrl: s.indexUrl, maxPageBytes: 100 }).fetchNeeds(needs({ projects: [pn('six')] }));
    const state = snap.index.get(pn('six'));
    assert.match(state?.status === 'error' ? state.reason : 'not an error', /over the 100-byte limit/);
  });

  test('extra index URLs are merged into the index listing', async (t) => {
    const a = await server(t);
    const b = await startIndexServer({ projects: [{ name: 'six', releases: [{ version: '2.0.0' }] }, { name: 'only-b', releases: [{ version: '1.0' }] }] });
    t.after(() => b.close());
    const snap = await client({ indexUrl: a.indexUrl, extraIndexUrls: [b.indexUrl] }).fetchNeeds(
      needs({ projects: [pn('six'), pn('only-b'), pn('nowhere')] }),
    );
    const six = okPage(snap.index.get(pn('six')));
    assert.deepEqual(six.files.map((f) => f.filename).sort(), [
      'Six-1.16.0.tar.gz', 'six-1.15.0-py2.py3-none-any.whl', 'six-1.16.0-py2.py3-none-any.whl', 'six-2.0.0-py2.py3-none-any.whl',
    ]);
    assert.deepEqual([...new Set(six.files.map((f) => f.source))].sort(), [a.indexUrl, b.indexUrl].sort());
    assert.equal(okPage(snap.index.get(pn('only-b'))).files.length, 1);
    assert.equal(snap.index.get(pn('nowhere'))?.status, 'not-found');
  });

  test('one index failing makes the merged state an error (an outage is not an absence)', async (t) => {
    const a = await server(t);
    const b = await server(t, { faults: [{ path: '/simple/six/', kind: 'status', status: 503 }] });
    const snap = await client({ indexUrl: a.indexUrl, extraIndexUrls: [b.indexUrl], retries: 0 }).fetchNeeds(needs({ projects: [pn('six')] }));
    const state = snap.index.get(pn('six'));
    assert.match(state?.status === 'error' ? state.reason : 'not an error', /HTTP 503/);
  });
});
