import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTagSet, tagToString, TagParseError, makeTag } from '../../src/tags/index.js';

describe('parseTagSet', () => {
  const cases: Array<[string, string[]]> = [
    ['py3-none-any', ['py3-none-any']],
    ['py2.py3-none-any', ['py2-none-any', 'py3-none-any']],
    [
      'cp36-cp36m-manylinux_2_17_x86_64.manylinux2014_x86_64',
      ['cp36-cp36m-manylinux_2_17_x86_64', 'cp36-cp36m-manylinux2014_x86_64'],
    ],
    [
      'cp36.cp37-cp36m.cp37m-win32',
      ['cp36-cp36m-win32', 'cp36-cp37m-win32', 'cp37-cp36m-win32', 'cp37-cp37m-win32'],
    ],
    ['CP36-CP36M-MacOSX_10_9_X86_64', ['cp36-cp36m-macosx_10_9_x86_64']],
    ['py3.py3-none-any', ['py3-none-any']],
  ];
  for (const [input, expected] of cases) {
    test(input, () => assert.deepEqual(parseTagSet(input).map(tagToString), expected));
  }

  const bad: Array<[string, number]> = [
    ['py3-none', 8],
    ['py3-none-any-extra', 12],
    ['py3--any', 4],
    ['py2.-none-any', 4],
    ['', 0],
  ];
  for (const [input, offset] of bad) {
    test(`rejects ${JSON.stringify(input)} at ${offset}`, () => {
      assert.throws(
        () => parseTagSet(input),
        (e: unknown) => e instanceof TagParseError && e.input === input && e.offset === offset,
      );
    });
  }
});

test('makeTag lower-cases like packaging.tags.Tag', () => {
  assert.deepEqual(makeTag('CP36', 'CP36M', 'Win_AMD64'), { interpreter: 'cp36', abi: 'cp36m', platform: 'win_amd64' });
});
