import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteBudget, type Leave } from '../../src/index/byte-budget.js';
import { MiB, largest, paddedSdist, readAll, sources, wheels } from './fixtures.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ByteBudget', () => {
  test('grants while the asks fit, in order of asking, and a release lets the next in', async () => {
    const budget = new ByteBudget(100);
    const granted: string[] = [];
    const ask = (label: string, bytes: number) => budget.acquire(bytes).then((leave) => (granted.push(label), leave));
    const a = ask('a 60', 60);
    const b = ask('b 50', 50); // does not fit beside a
    const c = ask('c 10', 10); // would fit, but waits behind b: a large ask is not starved
    await tick();
    assert.deepEqual(granted, ['a 60']);
    (await a).release();
    await tick();
    assert.deepEqual(granted, ['a 60', 'b 50', 'c 10']);
    (await b).release();
    (await c).release();
    assert.equal(budget.peak, 60);
  });

  test('an ask over the whole budget is admitted as the whole budget: it runs alone, not never, and peak says what it holds', async () => {
    const budget = new ByteBudget(100);
    const small = await budget.acquire(1);
    let big: Leave | null = null;
    void budget.acquire(10_000).then((leave) => (big = leave));
    await tick();
    assert.equal(big, null, 'waits for the budget to be free');
    small.release();
    await tick();
    assert.notEqual(big, null);
    assert.equal(budget.tryAcquire(1), null, 'nothing beside it');
    assert.equal(budget.peak, 10_000);
  });

  test('tryAcquire grants only what fits with nobody waiting; it never queues', async () => {
    const budget = new ByteBudget(100);
    const a = budget.tryAcquire(70);
    assert.ok(a);
    assert.equal(budget.tryAcquire(40), null, 'does not fit');
    let waiter: Leave | null = null;
    void budget.acquire(50).then((leave) => (waiter = leave));
    assert.equal(budget.tryAcquire(10), null, 'fits, but someone waits: no overtaking');
    a.release();
    await tick();
    assert.ok(waiter);
    assert.ok(budget.tryAcquire(50), 'the waiter is in, and 50 more fit');
  });

  test('tryGrow: grows while it fits and nobody waits, fails with nothing changed otherwise, is free once alone', async () => {
    const budget = new ByteBudget(100);
    const a = await budget.acquire(10);
    assert.equal(a.tryGrow(5), true, 'shrinking is a no-op');
    assert.equal(a.bytes, 10);
    assert.equal(a.tryGrow(60), true);
    assert.equal(a.bytes, 60);
    const b = await budget.acquire(30);
    assert.equal(a.tryGrow(80), false, '80 + 30 is over');
    assert.equal(a.bytes, 60);
    b.release();
    assert.equal(a.tryGrow(500), true, 'alone: admitted as the whole budget');
    assert.equal(a.tryGrow(5000), true, 'and it may hold more while alone');
    assert.equal(budget.peak, 5000);
    assert.equal(budget.tryAcquire(1), null);
    a.release();
    assert.equal(a.tryGrow(10), false, 'a released leave does not grow');
    assert.ok(budget.tryAcquire(100), 'everything given back');
  });

  test('releasing twice frees once; 200 random holders that wait only while holding nothing: over the budget only alone', async () => {
    const budget = new ByteBudget(1000);
    const r = await budget.acquire(600);
    r.release();
    r.release();
    const other = await budget.acquire(1000);
    other.release();
    let seed = 7;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    let held = 0;
    let holders = 0;
    let most = 0;
    let crowdedOver = 0;
    const reads = Array.from({ length: 200 }, async () => {
      let bytes = Math.floor(rand() * 400);
      let leave = budget.tryAcquire(bytes) ?? (await budget.acquire(bytes));
      // Grow as a body of unknown length does: try, else give back and wait for twice as much.
      const more = Math.floor(rand() * 200);
      if (!leave.tryGrow(bytes + more)) {
        leave.release();
        leave = await budget.acquire(2 * (bytes + more));
      }
      bytes = leave.bytes;
      held += bytes;
      holders++;
      most = Math.max(most, held);
      // Over the budget only alone (an ask over it is admitted as all of it).
      if (held > 1000 && holders > 1) crowdedOver++;
      await tick();
      held -= bytes;
      holders--;
      leave.release();
    });
    await Promise.all(reads);
    assert.equal(crowdedOver, 0);
    assert.ok(most > 1000, `some holder ran alone over the budget (${most})`);
    assert.equal(budget.peak, most, 'peak is what was really held');
    assert.ok(budget.tryAcquire(1000), 'all given back');
  });
});

// The budget in the client, on a loopback index: what whole downloads hold at once in memory (no
// cache folder; with one, wheels are spooled to disk: whole-file.test.ts). A server that ignores Range
// answers every wheel's tail request with the whole file, and sdists are always downloaded whole;
// before, each read held its file from its first byte until scanned, so the bytes held grew with the
// number of reads in flight (twice the concurrency), whatever the budget.
describe('the byte budget in the client: whole downloads', () => {
  test('40 wheels of 2 MiB from a server that ignores Range, concurrency 16: held within the budget, where unbounded it grows with the reads in flight', async (t) => {
    const files = await wheels(40, 2 * MiB);
    const bounded = await readAll(t, files, { ranges: false }, { maxBufferedBytes: 8 * MiB });
    assert.deepEqual(sources(bounded.states), ['wheel-download'], 'every release read');
    assert.ok(bounded.buffered.peak <= 8 * MiB, `held at most ${bounded.buffered.peak}`);
    assert.ok(bounded.stats.setAside > 0, 'bodies waited for leave');
    // Truthful counts: one download per wheel, every exchange (a set-aside answer too) a request.
    assert.equal(bounded.stats.downloads, 40);
    assert.equal(bounded.stats.ranges, 0);
    assert.equal(bounded.stats.requests, bounded.server.requests.length);
    assert.equal(bounded.stats.requests, bounded.stats.pages + 40 + bounded.stats.setAside);
    assert.ok(bounded.stats.bytes >= 40 * 2 * MiB);

    const wide = await readAll(t, files, { ranges: false }, { maxBufferedBytes: 1024 * MiB });
    assert.deepEqual(sources(wide.states), ['wheel-download']);
    assert.equal(wide.stats.setAside, 0);
    // The instrument sees every body held at once when the budget allows it, so the bound above is not vacuous.
    assert.ok(wide.buffered.peak > 8 * MiB + largest(files), `unbounded: ${wide.buffered.peak} held at once`);
    t.diagnostic(`peak held: ${(bounded.buffered.peak / MiB).toFixed(1)} MiB under an 8 MiB budget (${bounded.stats.setAside} set aside), ${(wide.buffered.peak / MiB).toFixed(1)} MiB unbounded`);
  });

  test('a wheel larger than the budget is read, alone', async (t) => {
    const files = [...(await wheels(8, 1 * MiB)), ...(await wheels(1, 5 * MiB, 'big'))];
    const r = await readAll(t, files, { ranges: false }, { maxBufferedBytes: 2 * MiB });
    assert.deepEqual(sources(r.states), ['wheel-download']);
    // Nothing beside it: the peak is its size exactly (the small ones fit the budget one or two at a time).
    assert.equal(r.buffered.peak, largest(files));
  });

  test('sdist-only releases: each held until unpacked, one larger than the budget read alone', async (t) => {
    const files = await Promise.all([...Array.from({ length: 20 }, (_, i) => paddedSdist(`s${String(i).padStart(2, '0')}`, 1.5 * MiB)), paddedSdist('bigsdist', 5 * MiB)]);
    const r = await readAll(t, files, {}, { maxBufferedBytes: 4 * MiB });
    assert.deepEqual(sources(r.states), ['sdist']);
    assert.equal(r.stats.downloads, 21);
    assert.equal(r.buffered.peak, largest(files), 'the big one alone, the others within the budget');
  });

  test('chunked (no Content-Length): whole wheels grow their leave and stay within the budget; ranged tails need none', async (t) => {
    const files = await wheels(24, 2 * MiB);
    const whole = await readAll(t, files, { ranges: false, contentLength: false }, { maxBufferedBytes: 8 * MiB });
    assert.deepEqual(sources(whole.states), ['wheel-download']);
    assert.ok(whole.buffered.peak <= 8 * MiB, `held at most ${whole.buffered.peak}`);
    assert.equal(whole.stats.requests, whole.server.requests.length);
    t.diagnostic(`chunked: peak ${(whole.buffered.peak / MiB).toFixed(1)} MiB, ${whole.stats.setAside} set aside`);

    const ranged = await readAll(t, files, { contentLength: false }, { maxBufferedBytes: 8 * MiB });
    assert.deepEqual(sources(ranged.states), ['wheel-range']);
    assert.equal(ranged.stats.downloads, 0);
    assert.ok(ranged.buffered.peak < 2 * MiB, `members only: ${ranged.buffered.peak}`);
  });
});
