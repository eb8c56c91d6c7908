import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidProjectName, normalizeName } from '../../src/names/index.js';

const cases: Array<[string, string]> = [
  ['python-jose', 'python-jose'],
  ['python_jose', 'python-jose'],
  ['Python.Jose', 'python-jose'],
  ['python--_.jose', 'python-jose'],
  ['Django', 'django'],
  ['zope.interface', 'zope-interface'],
  ['taskcluster-urls', 'taskcluster-urls'],
];
for (const [input, expected] of cases) {
  test(`normalizeName(${input}) = ${expected}`, () => {
    assert.equal(normalizeName(input), expected);
  });
}

const validity: Array<[string, boolean]> = [
  ['invoke-1.1.1', true],
  ['a', true],
  ['-a', false],
  ['a-', false],
  ['a b', false],
  ['', false],
];
for (const [input, valid] of validity) {
  test(`isValidProjectName(${JSON.stringify(input)}) = ${valid}`, () => {
    assert.equal(isValidProjectName(input), valid);
  });
}
