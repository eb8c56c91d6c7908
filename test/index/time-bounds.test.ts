// Time is bounded end to end: the per-request timeout covers the whole body (a drip or a stall
// mid-body cannot hold a request past it), and a host that keeps timing out is given up at once
// (the circuit breaker), so a hung mirror costs a bounded time whatever the number of wheels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { HttpClient, BREAKER_TIMEOUTS } from '../../src/index/http.js';
import { resolveOptions } from '../../src/index/options.js';
import { releaseKey } from '../../src/pypi/index.js';
import { startIndexServer, type Fault, type IndexServer } from '../support/index-server.js';
import { client, needs, paddedWheel, pn } from './fixtures.js';
import type { BuiltFile } from '../support/distributions.js';

type T = { after: (fn: () => Promise<void>) => void };

async function serve(t: T, files: BuiltFile[], faults: Fault[]): Promise<IndexServer> {
  const s = await startIndexServer({ projects: files, pep658: false, faults });
  t.after(() => s.close());
  return s;
}

function http(timeoutMs: number, retries = 0, concurrency = 8): HttpClient {
  return new HttpClient(resolveOptions({ indexUrl: 'http://unused/', cacheDir: null, timeoutMs, retries, retryBaseMs: 1, concurrency }));
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T | Error }> {
  const start = performance.now();
  const value = await run().catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
  return { ms: performance.now() - start, value };
}

let wheels: BuiltFile[] | null = null;
/** Wheels of `n` projects (w00..), each 40 KiB so a body takes many drip steps. */
async function manyWheels(n: number): Promise<BuiltFile[]> {
  wheels ??= await Promise.all(Array.from({ length: 40 }, (_, i) => paddedWheel(`w${String(i).padStart(2, '0')}`, '1.0', ['six'], 40 * 1024)));
  return wheels.slice(0, n);
}

test('a body dripped a byte a second times out at the request timeout, though headers came at once', async (t) => {
  const [wheel] = await manyWheels(1);
  const path = `/files/${wheel?.filename}`;
  const s = await serve(t, await manyWheels(1), [{ path, kind: 'drip', intervalMs: 1000 }]);
  const { ms, value } = await timed(() => http(1500).request({ url: s.url + path, maxBytes: 1 << 20 }));
  assert.ok(value instanceof Error, 'the dripped body is not accepted');
  assert.match(value.message, /timed out after 1500 ms/);
  assert.ok(ms >= 1400 && ms < 3000, `gave up after ${ms.toFixed(0)} ms`);
});

test('a body that stalls mid-way times out; so does a server that never answers', async (t) => {
  const [wheel] = await manyWheels(1);
  const stalled = `/files/${wheel?.filename}`;
  const s = await serve(t, await manyWheels(1), [
    { path: stalled, kind: 'stall', bytes: 1000 },
    { path: '/simple/w00/', kind: 'hang' },
  ]);
  for (const url of [s.url + stalled, `${s.url}/simple/w00/`]) {
    const { ms, value } = await timed(() => http(300).request({ url, maxBytes: 1 << 20 }));
    assert.ok(value instanceof Error && /timed out after 300 ms/.test(value.message), String(value));
    assert.ok(ms < 1500, `${url}: ${ms.toFixed(0)} ms`);
  }
});

test(`circuit breaker: after ${BREAKER_TIMEOUTS} timeouts in a row the host's other requests fail at once, naming it`, async (t) => {
  const s = await serve(t, await manyWheels(1), [{ path: /^\/hung\//, kind: 'hang' }]);
  const c = http(200, 3, 2);
  const host = new URL(s.url).host;
  const { ms, value } = await timed(() => Promise.all(Array.from({ length: 30 }, (_, i) => c.request({ url: `${s.url}/hung/${i}`, maxBytes: 100 }).then(() => null, (e: Error) => e))));
  assert.ok(Array.isArray(value));
  const errors = value.filter((e): e is Error => e instanceof Error);
  assert.equal(errors.length, 30);
  const given = errors.filter((e) => e.message.includes(`${host} is not answering: ${BREAKER_TIMEOUTS} file requests in a row timed out`));
  assert.ok(given.length >= 25, `${given.length} of 30 failed at once`);
  const sent = s.requests.filter((r) => r.path.startsWith('/hung/')).length;
  assert.ok(sent <= BREAKER_TIMEOUTS + 2, `${sent} requests reached the hung host`);
  assert.ok(ms < 1500, `${ms.toFixed(0)} ms for 30 requests × 4 attempts against a hung host`);
  assert.equal(c.stats.timeouts, sent);
  // Another host is not affected.
  const other = await timed(() => c.request({ url: `http://localhost:${new URL(s.url).port}/simple/w00/`, maxBytes: 1 << 20 }));
  assert.ok(!(other.value instanceof Error), String(other.value));
});

test('circuit breaker: headers then a stalled body count as timeouts too; pages and files are counted apart', async (t) => {
  const s = await serve(t, await manyWheels(1), [{ path: /^\/slow\//, kind: 'drip', intervalMs: 1000 }]);
  const c = http(200, 3, 2);
  const { ms, value } = await timed(() => Promise.all(Array.from({ length: 20 }, (_, i) => c.request({ url: `${s.url}/slow/${i}`, maxBytes: 100, kind: 'range' }).then(() => null, (e: Error) => e))));
  assert.ok(Array.isArray(value) && value.every((e) => e instanceof Error && /not answering|timed out/.test(e.message)));
  assert.ok(s.requests.filter((r) => r.path.startsWith('/slow/')).length <= BREAKER_TIMEOUTS + 2);
  assert.ok(ms < 1500, `${ms.toFixed(0)} ms`);
  // The same host's pages are still asked for (and answer).
  const page = await c.request({ url: `${s.url}/simple/w00/`, maxBytes: 1 << 20, kind: 'page' });
  assert.equal(page.status, 200);
});

test('a hung wheel host: every release ends unavailable as infrastructure, within a bound that does not grow with the wheels', async (t) => {
  const elapsed: number[] = [];
  for (const n of [10, 40]) {
    const s = await serve(t, await manyWheels(n), [{ path: /^\/files\//, kind: 'hang' }]);
    const c = client({ indexUrl: s.indexUrl, timeoutMs: 250, concurrency: 4 });
    const releases = Array.from({ length: n }, (_, i) => ({ name: pn(`w${String(i).padStart(2, '0')}`), version: '1.0' }));
    const { ms, value } = await timed(() => c.fetchNeeds(needs({ releases })));
    assert.ok(!(value instanceof Error), String(value));
    let compared = 0;
    for (const r of releases) {
      const state = value.metadata.get(releaseKey(r.name, '1.0'));
      assert.equal(state?.status, 'unavailable');
      assert.equal(state?.status === 'unavailable' && state.infrastructure, true, JSON.stringify(state));
      compared++;
    }
    assert.equal(compared, n);
    assert.ok(s.requests.filter((r) => r.path.startsWith('/files/')).length <= 8, 'at most a wave of requests reached the hung host');
    elapsed.push(ms);
  }
  const [small = 0, large = 0] = elapsed;
  assert.ok(large < 2000, `40 wheels: ${large.toFixed(0)} ms`);
  assert.ok(large < small * 2 + 500, `10 wheels ${small.toFixed(0)} ms, 40 wheels ${large.toFixed(0)} ms`);
});
