import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffMs, isRetriableStatus, parseRetryAfter } from '../../src/index/retry.js';

describe('isRetriableStatus', () => {
  const cases: Array<[number, boolean]> = [
    [200, false], [304, false], [404, false], [406, false], [408, true], [429, true],
    [500, true], [501, false], [502, true], [503, true], [504, true], [505, false],
  ];
  for (const [status, want] of cases) {
    test(`${status} → ${want}`, () => assert.equal(isRetriableStatus(status), want));
  }
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2024, 0, 1, 0, 0, 0);
  const cases: Array<[string | null, number | undefined]> = [
    [null, undefined],
    ['0', 0],
    ['3', 3000],
    [' 12 ', 12000],
    ['Mon, 01 Jan 2024 00:00:05 GMT', 5000],
    ['Sun, 31 Dec 2023 23:59:00 GMT', 0],
    ['soon', undefined],
    ['-1', undefined],
  ];
  for (const [value, want] of cases) {
    test(`${JSON.stringify(value)} → ${want}`, () => assert.equal(parseRetryAfter(value, now), want));
  }
});

describe('backoffMs', () => {
  test('grows exponentially with equal jitter', () => {
    assert.equal(backoffMs(1, 100, 10_000, undefined, () => 0), 50);
    assert.equal(backoffMs(1, 100, 10_000, undefined, () => 1), 100);
    assert.equal(backoffMs(3, 100, 10_000, undefined, () => 0), 200);
    assert.equal(backoffMs(3, 100, 10_000, undefined, () => 1), 400);
  });
  test('is capped', () => assert.equal(backoffMs(30, 100, 1000, undefined, () => 1), 1000));
  test('Retry-After replaces the computed wait, capped', () => {
    assert.equal(backoffMs(1, 100, 10_000, 2000), 2000);
    assert.equal(backoffMs(1, 100, 1000, 60_000), 1000);
  });
});

describe('defaultCacheDir', () => {
  test('$PYUP_CHECKS_CACHE wins; else a user cache dir named for the tool', async () => {
    const { defaultCacheDir } = await import('../../src/index/index.js');
    assert.equal(defaultCacheDir({ PYUP_CHECKS_CACHE: '/tmp/x' }), '/tmp/x');
    assert.match(defaultCacheDir({}), /pyup-checks$/);
  });
});
