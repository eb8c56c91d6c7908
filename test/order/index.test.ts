import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareNatural, compareText } from '../../src/order/index.js';

const sorted = (xs: string[], by: (a: string, b: string) => number): string[] => [...xs].sort(by);

test('compareText: code units, whatever the locale', () => {
  const cases: Array<[string[], string[]]> = [
    [['b', 'a', 'c'], ['a', 'b', 'c']],
    [['a', 'B', 'A', 'b'], ['A', 'B', 'a', 'b']],
    [['a_b', 'a-b', 'a.b', 'ab'], ['a-b', 'a.b', 'a_b', 'ab']],
    [['modules/z/files/requirements.txt', 'modules/a b/files/requirements.txt', 'modules/a/files/requirements.txt'],
      ['modules/a b/files/requirements.txt', 'modules/a/files/requirements.txt', 'modules/z/files/requirements.txt']],
    [['é', 'e', 'f'], ['e', 'f', 'é']],
    [['', 'a'], ['', 'a']],
  ];
  for (const [input, want] of cases) assert.deepEqual(sorted(input, compareText), want, input.join(' '));
  assert.equal(compareText('x', 'x'), 0);
});

test('compareNatural: digit runs by value, the rest by code units, and total', () => {
  const cases: Array<[string[], string[]]> = [
    [['py3.11-linux-x86_64', 'py3.6-linux-x86_64', 'py2.7-linux-x86_64'], ['py2.7-linux-x86_64', 'py3.6-linux-x86_64', 'py3.11-linux-x86_64']],
    [['py3.6-macos-arm64', 'py3.6-linux-x86_64'], ['py3.6-linux-x86_64', 'py3.6-macos-arm64']],
    [['a10', 'a9', 'a', 'a09'], ['a', 'a09', 'a9', 'a10']],
    [['x99999999999999999999999', 'x100000000000000000000000'], ['x99999999999999999999999', 'x100000000000000000000000']],
    [['1a', 'a1'], ['1a', 'a1']],
  ];
  for (const [input, want] of cases) assert.deepEqual(sorted(input, compareNatural), want, input.join(' '));
  assert.equal(compareNatural('py3.6', 'py3.6'), 0);
  assert.notEqual(compareNatural('a7', 'a07'), 0);
});
