import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deepNestingLine, parseConfigYaml } from '../../src/cli/config-yaml.js';

const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`)].join('\n');

describe('parseConfigYaml', () => {
  const ok: Array<[string, unknown]> = [
    ['files: ["modules/*/files/*.txt"]\n', { files: ['modules/*/files/*.txt'] }],
    ['default-python: 3.6\n', { 'default-python': 3.6 }],
    ['a: &x [1]\nb: *x\n', { a: [1], b: [1] }], // a few aliases are fine
    ['', null],
    ['a: !!str 1\n', { a: '1' }], // the core schema's own tags
  ];
  for (const [text, want] of ok) test(`reads ${JSON.stringify(text)}`, () => assert.deepEqual(parseConfigYaml('c.yml', text), want));

  const bad: Array<[string, string, RegExp]> = [
    ['an alias bomb', bomb, /^c\.yml: not valid YAML: too many aliases/],
    ['10 MB of [', '['.repeat(10 * 1024 * 1024), /^c\.yml:1: not valid YAML: nested too deep \(more than 64 levels\): "\[{60}… \(10485760 characters\)"$/],
    ['deep nesting on line 3', 'a: 1\nb: 2\nc: ' + '{x: '.repeat(100), /^c\.yml:3: not valid YAML: nested too deep/],
    ['deep block sequences', '- '.repeat(500) + 'x', /^c\.yml:1: not valid YAML: nested too deep/],
    ['deep indentation', Array.from({ length: 400 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'), /nested too deep/],
    ['!!binary', 'files: !!binary aGVsbG8=', /^c\.yml:1: not valid YAML: tags .* are not allowed/],
    ['a custom tag', 'a: 1\nfiles: !js/function x', /^c\.yml:2: not valid YAML: tags/],
    ['!!set', 'mirrors: !!set {a}', /tags .* are not allowed/],
    ['duplicate keys', 'files: []\nfiles: []', /^c\.yml:2: not valid YAML: Map keys must be unique: "files: \[\]"$/],
    ['an unclosed quote on a 1 MB line', `a: "${'x'.repeat(1024 * 1024)}`, /^c\.yml:1: not valid YAML: Missing closing "quote: "a: \\"x+… \(1048580 characters\)"$/],
  ];
  for (const [what, text, want] of bad) {
    test(`refuses ${what} with file, line and a short excerpt`, () => {
      assert.throws(() => parseConfigYaml('c.yml', text), (error: Error) => {
        assert.equal(error.name, 'UsageError');
        assert.match(error.message, want);
        assert.ok(error.message.length < 400, `short message, got ${error.message.length} characters`);
        return true;
      });
    });
  }
});

describe('deepNestingLine', () => {
  const cases: Array<[string, number | null]> = [
    ['a: [1, [2, [3]]]', null],
    ['a: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["', null], // brackets inside quotes
    ["a: '{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{'", null],
    ['# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[', null], // a comment
    ['x\ny\n' + '['.repeat(65), 3],
    ['['.repeat(64) + ']'.repeat(64), null],
  ];
  for (const [text, want] of cases) test(`${JSON.stringify(text.slice(0, 30))} → ${want}`, () => assert.equal(deepNestingLine(text), want));
});
