import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSeeded } from '../../../src/checks/shared/index.js';
import { normalizeName } from '../../../src/names/index.js';
import { makeTarget } from '../../../src/targets/index.js';

// What a fresh virtual environment already holds, met whatever its version: test/oracle/seeded-pip.test.ts checks it against real venvs.
const cases: Array<[python: string, name: string, specifier: string, seeded: boolean]> = [
  ['3.6', 'setuptools', '', true],
  ['2.7', 'setuptools', '', true],
  ['3.11', 'setuptools', '', true],
  ['3.12', 'setuptools', '', false],
  ['3.13', 'setuptools', '', false],
  ['3.6', 'pip', '', true],
  ['3.13', 'pip', '', true],
  ['3.6', 'setuptools', '>=40', false], // the venv's version is unknown: a version needs a pin
  ['3.6', 'pip', '>=9', false],
  ['3.6', 'wheel', '', false], // virtualenv installs it, venv does not
  ['3.6', 'six', '', false],
];

for (const [python, name, specifier, seeded] of cases) {
  test(`${name}${specifier} on python ${python}: ${seeded ? 'seeded' : 'not seeded'}`, () => {
    assert.equal(isSeeded(makeTarget(python, 'linux'), normalizeName(name), specifier), seeded);
  });
}
