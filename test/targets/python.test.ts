import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePython, TargetParseError } from '../../src/targets/index.js';

describe('parsePython', () => {
  const rows: Array<[string, string, string]> = [
    ['3.6', '3.6', '3.6.15'],
    ['36', '3.6', '3.6.15'],
    ['3.6.5', '3.6', '3.6.5'],
    ['2.7', '2.7', '2.7.18'],
    ['27', '2.7', '2.7.18'],
    ['310', '3.10', '3.10.16'],
    ['3.13', '3.13', '3.13.1'],
    ['py3.8', '3.8', '3.8.20'],
    ['python3.9', '3.9', '3.9.21'],
    [' 3.11 ', '3.11', '3.11.11'],
    ['3.12.0rc1', '3.12', '3.12.0rc1'],
    ['3.5', '3.5', '3.5.10'],
    ['3.14', '3.14', '3.14.0'],
  ];
  for (const [input, python, pythonFull] of rows) {
    test(JSON.stringify(input), () => assert.deepEqual(parsePython(input), { python, pythonFull }));
  }
  for (const bad of ['', '3', 'three', '3.6.x', '4.0', '1.5', '3.6.5.1']) {
    test(`rejects ${JSON.stringify(bad)}`, () => {
      assert.throws(() => parsePython(bad), (e: unknown) => e instanceof TargetParseError && e.input === bad);
    });
  }
});
