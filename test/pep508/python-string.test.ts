// decodePythonString reproduces `ast.literal_eval` on the quoted strings packaging accepts in markers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePythonString } from '../../src/pep508/markers/python-string.js';

const DECODED: Array<[string, string]> = [
  ['"plain"', 'plain'],
  ["''", ''],
  ['"\\x41\\u00e9\\U0001F600"', 'Aé😀'],
  ['"\\101\\0"', 'A\0'],
  ['"a\\\\b"', 'a\\b'],
  ["'it\\'s'", "it's"],
  ['"tab\\there"', 'tab\there'],
  ['"keep \\d and \\q"', 'keep \\d and \\q'],
  ['"line\\\ncontinued"', 'linecontinued'],
];
const REJECTED = ['"ends with \\"', '"\\x4"', '"\\u12"', '"\\U00110000"', '"raw\nnewline"', '"\\N{BULLET}"', '"nul\0"'];

test('decodes Python escapes', () => {
  for (const [token, value] of DECODED) assert.deepEqual(decodePythonString(token), { value }, token);
});

test('rejects what ast.literal_eval rejects (and \\N{…}, unsupported)', () => {
  for (const token of REJECTED) assert.ok('error' in decodePythonString(token), token);
});
