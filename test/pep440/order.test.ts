import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidVersionError, compareVersions, parseVersion, sortVersions } from '../../src/pep440/index.js';
import { EQUAL_VERSIONS, VERSIONS_IN_ORDER } from '../vectors/pep440.js';

describe('compareVersions', () => {
  test('orders the published list strictly ascending, pair by pair', () => {
    for (let i = 0; i < VERSIONS_IN_ORDER.length; i++) {
      for (let j = 0; j < VERSIONS_IN_ORDER.length; j++) {
        const a = VERSIONS_IN_ORDER[i] ?? '';
        const b = VERSIONS_IN_ORDER[j] ?? '';
        assert.equal(compareVersions(a, b), Math.sign(i - j), `${a} vs ${b}`);
      }
    }
  });

  for (const [a, b] of EQUAL_VERSIONS) {
    test(`${a} == ${b}`, () => {
      assert.equal(compareVersions(a, b), 0);
      assert.equal(compareVersions(parseVersion(b), a), 0);
    });
  }

  test('compares numbers beyond 2^53 exactly', () => {
    assert.equal(compareVersions('9007199254740993', '9007199254740992'), 1);
    assert.equal(compareVersions('1.0+9007199254740993', '1.0+9007199254740992'), 1);
  });

  test('accepts Version objects and throws on invalid text', () => {
    assert.equal(compareVersions(parseVersion('1.0a1'), parseVersion('1.0')), -1);
    assert.throws(() => compareVersions('1.0', 'nope'), InvalidVersionError);
  });
});

describe('sortVersions', () => {
  test('sorts ascending, dropping invalid strings and keeping equal ones in input order', () => {
    const shuffled = [...VERSIONS_IN_ORDER].reverse();
    assert.deepEqual(sortVersions(['garbage', ...shuffled, '']), VERSIONS_IN_ORDER);
    assert.deepEqual(sortVersions(['1.0.0', '0.9', '1.0', 'v1']), ['0.9', '1.0.0', '1.0', 'v1']);
  });
});
