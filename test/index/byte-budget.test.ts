import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteBudget } from '../../src/index/byte-budget.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ByteBudget', () => {
  test('grants while the asks fit, in order of asking, and a release lets the next in', async () => {
    const budget = new ByteBudget(100);
    const granted: string[] = [];
    const ask = (label: string, bytes: number) => budget.acquire(bytes).then((release) => (granted.push(label), release));
    const a = ask('a 60', 60);
    const b = ask('b 50', 50); // does not fit beside a
    const c = ask('c 10', 10); // would fit, but waits behind b: a large ask is not starved
    await tick();
    assert.deepEqual(granted, ['a 60']);
    (await a)();
    await tick();
    assert.deepEqual(granted, ['a 60', 'b 50', 'c 10']);
    (await b)();
    (await c)();
    assert.equal(budget.peak, 60);
  });

  test('an ask over the whole budget is cut to it: it runs alone, not never', async () => {
    const budget = new ByteBudget(100);
    const small = await budget.acquire(1);
    let big: (() => void) | null = null;
    void budget.acquire(10_000).then((release) => (big = release));
    await tick();
    assert.equal(big, null, 'waits for the budget to be free');
    small();
    await tick();
    assert.notEqual(big, null);
    assert.equal(budget.peak, 100);
  });

  test('releasing twice frees once; 200 random asks never hold more than the budget', async () => {
    const budget = new ByteBudget(1000);
    const r = await budget.acquire(600);
    r();
    r();
    const other = await budget.acquire(1000);
    other();
    let seed = 7;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    let held = 0;
    let most = 0;
    const reads = Array.from({ length: 200 }, async () => {
      const bytes = Math.floor(rand() * 400);
      const release = await budget.acquire(bytes);
      held += bytes;
      most = Math.max(most, held);
      await tick();
      held -= bytes;
      release();
    });
    await Promise.all(reads);
    assert.ok(most <= 1000 && most > 400, `held at most ${most}`);
    assert.equal(budget.peak, 1000);
  });
});
