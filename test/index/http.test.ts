import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { ByteBudget } from '../../src/index/byte-budget.js';
import { UNKNOWN_LENGTH_LEAVE } from '../../src/index/body.js';
import { HttpClient, type HttpRequest, type HttpResponse } from '../../src/index/http.js';
import { IndexError, resolveOptions, type IndexClientOptions, type ProgressEvent } from '../../src/index/options.js';

/** A scripted server: each path answers from a list of replies, the last one repeating. */
type Step =
  | { status: number; headers?: Record<string, string>; body?: string | Buffer }
  | { reset: true }
  | { delayMs: number; body: string }
  | { truncate: string; declared: number };

let server: Server;
let base = '';
const scripts = new Map<string, Step[]>();
const hits = new Map<string, number>();

before(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    const n = hits.get(path) ?? 0;
    hits.set(path, n + 1);
    const steps = scripts.get(path) ?? [{ status: 404 }];
    const step = steps[Math.min(n, steps.length - 1)];
    if (step === undefined) return; // answered by a test's own listener
    if ('reset' in step) return void req.socket.destroy();
    if ('delayMs' in step) {
      const t = setTimeout(() => res.end(step.body), step.delayMs);
      res.on('close', () => clearTimeout(t));
      return;
    }
    if ('truncate' in step) {
      res.writeHead(200, { 'content-length': String(step.declared) });
      res.write(step.truncate, () => res.destroy());
      return;
    }
    res.writeHead(step.status, step.headers ?? {});
    res.end(step.body ?? '');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

function client(extra: Partial<IndexClientOptions> = {}, budget?: ByteBudget): { http: HttpClient; events: ProgressEvent[] } {
  const events: ProgressEvent[] = [];
  const opts = resolveOptions({
    indexUrl: base,
    cacheDir: null,
    retryBaseMs: 1,
    timeoutMs: 2000,
    onProgress: (e) => events.push(e),
    ...extra,
  });
  return { http: new HttpClient(opts, budget), events };
}

let n = 0;
function script(steps: Step[]): string {
  const path = `/t${n++}`;
  scripts.set(path, steps);
  return path;
}

describe('HttpClient', () => {
  test('200 returns the body and counts bytes', async () => {
    const path = script([{ status: 200, body: 'hello' }]);
    const { http } = client();
    const res = await http.request({ url: base + path, maxBytes: 100 });
    assert.equal(res.status, 200);
    assert.equal(res.body.toString(), 'hello');
    assert.deepEqual([http.stats.requests, http.stats.bytes, http.stats.byKind.other, http.stats.retries], [1, 5, 1, 0]);
  });

  test('a raw request reads a body labelled Content-Encoding as stored (asked again outside fetch); any other is decoded', async () => {
    const stored = gzipSync(Buffer.from('a tar, gzipped, as the index lists its sha256'));
    const path = script([{ status: 200, headers: { 'content-encoding': 'gzip', 'content-length': String(stored.length) }, body: stored }]);
    const { http } = client();
    const raw = await http.request({ url: base + path, maxBytes: 1000, kind: 'download', raw: true });
    assert.deepEqual(raw.body, stored);
    assert.deepEqual([http.stats.requests, hits.get(path)], [2, 2]);
    const decoded = await http.request({ url: base + path, maxBytes: 1000 });
    assert.equal(decoded.body.toString(), 'a tar, gzipped, as the index lists its sha256');
    const plain = script([{ status: 200, body: 'not encoded' }]);
    const once = client().http;
    assert.equal((await once.request({ url: base + plain, maxBytes: 100, raw: true })).body.toString(), 'not encoded');
    assert.equal(once.stats.requests, 1, 'asked once when nothing was encoded');
  });

  test('a raw body shorter than its Content-Length is a truncation, as any other', async () => {
    const stored = gzipSync(Buffer.from('x'.repeat(200)));
    const cut = `/cut${n++}`;
    // fetch() sees a whole gzip body; the raw re-request gets half of it and the connection closes.
    let asked = 0;
    server.prependListener('request', (req, res) => {
      if (req.url !== cut) return;
      asked++;
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(stored.length) });
      if (asked % 2 === 1) res.end(stored);
      else res.write(stored.subarray(0, 10), () => res.destroy());
    });
    scripts.set(cut, []); // answered by the listener above
    await assert.rejects(client({ retries: 1 }).http.request({ url: base + cut, maxBytes: 1000, raw: true }), (err: unknown) => {
      assert.ok(err instanceof IndexError);
      assert.match(err.message, /truncated body: (got 10 of \d+ bytes|connection closed after 10 of \d+ bytes) after 1 retry/);
      return true;
    });
  });

  test('404 is returned, not retried', async () => {
    const path = script([{ status: 404, body: 'nope' }]);
    const res = await client().http.request({ url: base + path, maxBytes: 100 });
    assert.equal(res.status, 404);
    assert.equal(hits.get(path), 1);
  });

  test('redirects are followed and the final URL is reported', async () => {
    const end = script([{ status: 200, body: 'there' }]);
    const mid = script([{ status: 302, headers: { location: end } }]);
    const start = script([{ status: 301, headers: { location: `${base}${mid}` } }]);
    const res = await client().http.request({ url: base + start, maxBytes: 100 });
    assert.equal(res.url, base + end);
    assert.equal(res.body.toString(), 'there');
  });

  test('more than 10 redirects fail without retrying', async () => {
    const loop = `/loop${n++}`;
    scripts.set(loop, [{ status: 302, headers: { location: loop } }]);
    await assert.rejects(client().http.request({ url: base + loop, maxBytes: 100 }), (err: unknown) => {
      assert.ok(err instanceof IndexError);
      assert.match(err.message, /more than 10 redirects/);
      return true;
    });
    assert.equal(hits.get(loop), 11);
  });

  // Refused at once, naming where it pointed: a Location that is not a URL was a TypeError, retried
  // as if the network had failed ('Invalid URL (ERR_INVALID_URL) after 3 retries').
  const refused: Array<{ location: string; want: RegExp }> = [
    { location: 'file:///etc/passwd', want: /^redirect to a file: URL refused$/ },
    { location: 'ftp://127.0.0.1/simple/', want: /^redirect to a ftp: URL refused$/ },
    { location: 'data:text/html,<a href=x>', want: /^redirect to a data: URL refused$/ },
    { location: 'http://[::1', want: /^redirect to "http:\/\/\[::1", which is not a URL, refused$/ },
    { location: 'http://127.0.0.1:99999/', want: /^redirect to "http:\/\/127\.0\.0\.1:99999\/", which is not a URL, refused$/ },
  ];
  for (const c of refused) {
    test(`a redirect to ${c.location} is refused, not retried`, async () => {
      const path = script([{ status: 302, headers: { location: c.location } }]);
      await assert.rejects(client().http.request({ url: base + path, maxBytes: 100 }), (err: unknown) => {
        assert.ok(err instanceof IndexError, String(err));
        assert.match(err.message, c.want);
        assert.equal(err.url, base + path);
        return true;
      });
      assert.equal(hits.get(path), 1);
    });
  }

  test('500 then 200 is retried, with a retry event', async () => {
    const path = script([{ status: 500 }, { status: 503 }, { status: 200, body: 'ok' }]);
    const { http, events } = client();
    const res = await http.request({ url: base + path, maxBytes: 100 });
    assert.equal(res.body.toString(), 'ok');
    assert.equal(hits.get(path), 3);
    assert.deepEqual(
      events.filter((e) => e.kind === 'retry').map((e) => (e.kind === 'retry' ? [e.attempt, e.reason] : null)),
      [[1, 'HTTP 500'], [2, 'HTTP 503']],
    );
  });

  test('persistent 503 fails with IndexError after the retries, keeping the status', async () => {
    const path = script([{ status: 503 }]);
    await assert.rejects(client({ retries: 2 }).http.request({ url: base + path, maxBytes: 100 }), (err: unknown) => {
      assert.ok(err instanceof IndexError);
      assert.equal(err.status, 503);
      assert.equal(err.url, base + path);
      assert.match(err.message, /HTTP 503 after 2 retries/);
      return true;
    });
    assert.equal(hits.get(path), 3);
  });

  test('Retry-After is honoured (capped by retryMaxMs)', async () => {
    const path = script([{ status: 429, headers: { 'retry-after': '1' } }, { status: 200, body: 'ok' }]);
    const started = Date.now();
    await client({ retryMaxMs: 300 }).http.request({ url: base + path, maxBytes: 100 });
    const waited = Date.now() - started;
    assert.ok(waited >= 250 && waited < 900, `waited ${waited} ms`);
  });

  test('a connection reset is retried', async () => {
    const path = script([{ reset: true }, { status: 200, body: 'ok' }]);
    const res = await client().http.request({ url: base + path, maxBytes: 100 });
    assert.equal(res.body.toString(), 'ok');
    assert.equal(hits.get(path), 2);
  });

  test('persistent resets end in IndexError with the cause', async () => {
    const path = script([{ reset: true }]);
    await assert.rejects(client({ retries: 1 }).http.request({ url: base + path, maxBytes: 100 }), (err: unknown) => {
      assert.ok(err instanceof IndexError);
      assert.ok(err.cause !== undefined);
      return true;
    });
  });

  test('a slow response times out and is retried', async () => {
    const path = script([{ delayMs: 1000, body: 'late' }, { status: 200, body: 'fast' }]);
    const { http, events } = client({ timeoutMs: 100 });
    const res = await http.request({ url: base + path, maxBytes: 100 });
    assert.equal(res.body.toString(), 'fast');
    assert.ok(events.some((e) => e.kind === 'retry' && /timed out after 100 ms/.test(e.reason)));
  });

  test('always slow: IndexError mentioning the timeout', async () => {
    const path = script([{ delayMs: 1000, body: 'late' }]);
    await assert.rejects(client({ timeoutMs: 50, retries: 1 }).http.request({ url: base + path, maxBytes: 100 }), /timed out after 50 ms/);
  });

  test('a truncated body is retried, then reported', async () => {
    const once = script([{ truncate: 'abc', declared: 10 }, { status: 200, body: '0123456789' }]);
    assert.equal((await client().http.request({ url: base + once, maxBytes: 100 })).body.toString(), '0123456789');
    const always = script([{ truncate: 'abc', declared: 10 }]);
    await assert.rejects(client({ retries: 1 }).http.request({ url: base + always, maxBytes: 100 }), IndexError);
    assert.equal(hits.get(always), 2);
  });

  test('an oversized body is refused by Content-Length, without retry', async () => {
    const path = script([{ status: 200, headers: { 'content-length': '1000' }, body: 'x'.repeat(1000) }]);
    await assert.rejects(client().http.request({ url: base + path, maxBytes: 100, what: 'page' }), /page is 1000 bytes, over the 100-byte limit/);
    assert.equal(hits.get(path), 1);
  });

  test('an oversized chunked body is aborted while streaming', async () => {
    const path = `/chunked${n++}`;
    scripts.set(path, []);
    const big = 'y'.repeat(64 * 1024);
    server.prependOnceListener('request', (req, res) => {
      if (req.url !== path) return;
      res.writeHead(200, { 'transfer-encoding': 'chunked' });
      for (let i = 0; i < 8; i++) res.write(big);
      res.end();
    });
    const { http } = client();
    await assert.rejects(http.request({ url: base + path, maxBytes: 100_000, what: 'download' }), /download exceeds the 100000-byte limit/);
    assert.ok(http.stats.bytes < 8 * big.length);
  });

  test('offline makes no request', async () => {
    const { http } = client({ offline: true });
    await assert.rejects(http.request({ url: `${base}/x`, maxBytes: 1 }), /not in cache \(offline\)/);
    assert.equal(http.stats.requests, 0);
  });

  test('an unreachable host is an IndexError after retries', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    await assert.rejects(client({ retries: 1 }).http.request({ url: `http://127.0.0.1:${port}/`, maxBytes: 1 }), (err: unknown) => {
      assert.ok(err instanceof IndexError);
      assert.match(err.message, /ECONNREFUSED/);
      return true;
    });
  });
});

const KiB = 1024;
const hold: HttpRequest['onHeaders'] = () => ({ hold: true });
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A body of `bytes`, with its Content-Length or chunked. */
function body(bytes: number, withLength: boolean): Step {
  return { status: 200, body: 'b'.repeat(bytes), ...(withLength ? { headers: { 'content-length': String(bytes) } } : {}) };
}

describe('HttpClient: bodies held under the byte budget', () => {
  test('the leave for a held body is taken by its Content-Length and given back by release; unheld bodies take none', async () => {
    const budget = new ByteBudget(100 * KiB);
    const { http } = client({}, budget);
    const path = script([body(40 * KiB, true)]);
    const res = await http.request({ url: base + path, maxBytes: 1 << 20, onHeaders: hold });
    assert.equal(res.body.length, 40 * KiB);
    assert.equal(budget.peak, 40 * KiB);
    await http.request({ url: base + path, maxBytes: 1 << 20 });
    await http.request({ url: base + path, maxBytes: 1 << 20, onHeaders: () => ({ hold: false }) });
    assert.equal(budget.peak, 40 * KiB, 'nothing more held');
    assert.equal(budget.tryAcquire(61 * KiB), null, '40 KiB are held until release');
    res.release();
    res.release();
    assert.ok(budget.tryAcquire(100 * KiB), 'given back, once');
  });

  test('a body that cannot have its leave at once is set aside and sent again once leave is had; the wait holds no slot and runs no timer', async () => {
    const budget = new ByteBudget(100 * KiB);
    // One slot, and a timeout far shorter than the wait below.
    const { http, events } = client({ concurrency: 1, timeoutMs: 200 }, budget);
    const first = script([body(80 * KiB, true)]);
    const second = script([body(60 * KiB, true)]);
    const page = script([{ status: 200, body: 'page' }]);
    const a = await http.request({ url: base + first, maxBytes: 1 << 20, onHeaders: hold });
    let b: HttpResponse | null = null;
    const pending = http.request({ url: base + second, maxBytes: 1 << 20, onHeaders: hold }).then((res) => (b = res));
    while (http.stats.setAside === 0) await tick();
    // The slot is free while it waits: another request goes through.
    assert.equal((await http.request({ url: base + page, maxBytes: 100 })).body.toString(), 'page');
    // Longer than the timeout: waiting for leave is not the server's silence.
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(b, null, 'still waiting for leave');
    a.release();
    const got = await pending;
    assert.equal(got.body.length, 60 * KiB);
    assert.equal(hits.get(second), 2, 'set aside once, sent again');
    assert.deepEqual([http.stats.setAside, http.stats.timeouts, http.stats.retries, http.stats.byKind.other], [1, 0, 0, 3]);
    assert.equal(http.stats.requests, 4, 'every exchange counted');
    assert.equal(events.filter((e) => e.kind === 'retry').length, 0);
    assert.equal(budget.peak, 80 * KiB);
    got.release();
  });

  test('a body larger than the budget waits for all of it and is read alone', async () => {
    const budget = new ByteBudget(64 * KiB);
    const { http } = client({}, budget);
    const small = await budget.acquire(1);
    const path = script([body(300 * KiB, true)]);
    const pending = http.request({ url: base + path, maxBytes: 1 << 20, onHeaders: hold });
    while (http.stats.setAside === 0) await tick();
    small.release();
    const res = await pending;
    assert.equal(res.body.length, 300 * KiB);
    assert.equal(budget.tryAcquire(1), null, 'nothing beside it');
    res.release();
    assert.equal(budget.peak, 300 * KiB);
  });

  test('without Content-Length the leave grows by doubling from UNKNOWN_LENGTH_LEAVE; a growth that cannot be had sets the body aside for twice as much', async () => {
    const size = 3 * UNKNOWN_LENGTH_LEAVE;
    const alone = new ByteBudget(16 * UNKNOWN_LENGTH_LEAVE);
    const one = client({}, alone).http;
    const free = await one.request({ url: base + script([body(size, false)]), maxBytes: 1 << 24, onHeaders: hold });
    assert.equal(free.body.length, size);
    assert.equal(alone.peak, 4 * UNKNOWN_LENGTH_LEAVE, '1, 2, then 4 MiB: grown in place, never set aside');
    assert.equal(one.stats.setAside, 0);
    free.release();

    const crowded = new ByteBudget(6 * UNKNOWN_LENGTH_LEAVE);
    const { http } = client({}, crowded);
    const other = await crowded.acquire(3 * UNKNOWN_LENGTH_LEAVE);
    const path = script([body(size, false)]);
    const pending = http.request({ url: base + path, maxBytes: 1 << 24, onHeaders: hold });
    while (http.stats.setAside === 0) await tick();
    other.release();
    const res = await pending;
    assert.equal(res.body.length, size);
    assert.equal(hits.get(path), 2);
    assert.equal(http.stats.setAside, 1);
    // 3 MiB held elsewhere beside its 2 MiB, which could not grow to 4: set aside, then sent again holding 4.
    assert.equal(crowded.peak, 5 * UNKNOWN_LENGTH_LEAVE);
    res.release();
  });

  test('a failed attempt gives its leave back before the retry; a refused answer keeps none', async () => {
    const budget = new ByteBudget(64 * KiB);
    const { http } = client({ retries: 1 }, budget);
    const cut = script([{ truncate: 'abc', declared: 40 * KiB }, body(40 * KiB, true)]);
    const res = await http.request({ url: base + cut, maxBytes: 1 << 20, onHeaders: hold });
    assert.equal(res.body.length, 40 * KiB);
    res.release();
    const capped = script([body(40 * KiB, true)]);
    await assert.rejects(http.request({ url: base + capped, maxBytes: 1 << 20, onHeaders: () => ({ hold: true, maxBytes: 1000 }) }), /over the 1000-byte limit/);
    const always = script([{ truncate: 'abc', declared: 40 * KiB }]);
    await assert.rejects(http.request({ url: base + always, maxBytes: 1 << 20, onHeaders: hold }), /truncated/);
    assert.equal(budget.peak, 40 * KiB, 'one body at a time');
    assert.ok(budget.tryAcquire(64 * KiB), 'every leave given back');
  });
});
