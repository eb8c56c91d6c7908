import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizePythonVersion, parseDirectives } from '../../src/requirements/index.js';
import type { Directives } from '../../src/requirements/index.js';
import { findIgnoreFile, findPythonVersion } from '../../src/requirements/directives.js';
import { splitPhysicalLines } from '../../src/requirements/lines.js';

const NONE: Omit<Directives, 'comment'> = {
  ignore: false,
  ignoreFile: false,
  filter: null,
  nodownload: false,
  policies: [],
  noColon: null,
};

describe('parseDirectives: every form the build-puppet corpus shows', () => {
  const cases: Array<[string | null, Partial<Directives>]> = [
    [null, {}],
    ['# held at 1.3.5 because it is not worth upgrading', {}],
    ['# pyup: ignore', { ignore: true }],
    ['#pyup:ignore', { ignore: true }],
    ['# foo; pyup: ignore', { ignore: true }],
    ['# pyup: ignore file', { ignore: true, ignoreFile: true }],
    ['# puppet: nodownload', { nodownload: true }],
    ['# pyup: ignore, puppet: nodownload', { ignore: true, nodownload: true }],
    ["# puppet: nodownload - because there's no package for this version on pypi", { nodownload: true }],
    ['# pyup: <3.0', { filter: { text: '<3.0', specifier: '<3.0' } }],
    ['# pyup: <2.0.0,>=1.0.15', { filter: { text: '<2.0.0,>=1.0.15', specifier: '<2.0.0,>=1.0.15' } }],
    ['# pyup: >=1.0, <2 # keep on 1.x', { filter: { text: '>=1.0, <2', specifier: '<2,>=1.0' } }],
    ['# fluf.lock 3.0+ requires python 3 # pyup: <3.0', { filter: { text: '<3.0', specifier: '<3.0' } }],
    ['# rq.filter: <4', { filter: { text: '<4', specifier: '<4' } }],
    ['# pyup: <2.0 until 2019-06-01', { filter: { text: '<2.0 until 2019-06-01', specifier: '<2.0' }, policies: ['until 2019-06-01'] }],
    ['# pyup: ~=', { filter: { text: '~=', specifier: null } }],
    ['# pyup: noupdate', { policies: ['noupdate'] }],
    ['# pyup: update minor', { policies: ['update minor'] }],
    ['# pyup: update major # why', { policies: ['update major'] }],
    ['# pyup < 2.0', { noColon: 'pyup < 2.0' }],
    ['# pyup<2', { noColon: 'pyup<2' }],
    ['# pyup ignore', { noColon: 'pyup ignore' }],
    ['# the pyup bot is noisy', {}],
  ];
  for (const [comment, want] of cases) {
    test(String(comment), () => assert.deepEqual(parseDirectives(comment), { ...NONE, ...want, comment }));
  }
});

describe('python_version header', () => {
  const cases: Array<[string, { value: string; line: number } | null]> = [
    ['# python_version: 36\nfoo==1', { value: '3.6', line: 1 }],
    ['# python_version: 27\n', { value: '2.7', line: 1 }],
    ['# pyup: ignore file\n# python_version: 36\n', { value: '3.6', line: 2 }],
    ['\n#python_version:310\n', { value: '3.10', line: 2 }],
    ['# python_version: 3.7\n', { value: '3.7', line: 1 }],
    ['foo==1\n# python_version: 36\n', null],
    ['foo==1\n', null],
  ];
  for (const [text, want] of cases) test(JSON.stringify(text), () => assert.deepEqual(findPythonVersion(splitPhysicalLines(text)), want));
  test('normalizePythonVersion', () => {
    assert.deepEqual(['36', '27', '310', '3.6', 'x'].map(normalizePythonVersion), ['3.6', '2.7', '3.10', '3.6', 'x']);
  });
});

describe('pyup: ignore file is honoured on the first three lines (dparse)', () => {
  const cases: Array<[string, { line: number } | null]> = [
    ['# pyup: ignore file\nfoo==1', { line: 1 }],
    ['# python_version: 36\n# pyup: ignore file\n', { line: 2 }],
    ['a==1\nb==2\n# pyup:ignore file\n', { line: 3 }],
    ['a==1\nb==2\nc==3\n# pyup: ignore file\n', null],
  ];
  for (const [text, want] of cases) test(JSON.stringify(text), () => assert.deepEqual(findIgnoreFile(splitPhysicalLines(text)), want));
});
