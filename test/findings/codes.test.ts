import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CHECKS } from '../../src/checks/index.js';
import { helpText, COMMANDS } from '../../src/cli/index.js';
import { CHECK_IDS, CODES, FINDING_CODES, codesOf, codesTable, meaningOf } from '../../src/findings/index.js';

describe('the codes table', () => {
  test('every code names at least one check, with a meaning, and at least one severity', () => {
    assert.ok(FINDING_CODES.length >= 21, `${FINDING_CODES.length} codes`);
    for (const code of FINDING_CODES) {
      const checks = Object.keys(CODES[code].checks);
      assert.ok(checks.length > 0, code);
      for (const check of checks) {
        assert.ok((CHECK_IDS as readonly string[]).includes(check), `${code}: ${check}`);
        assert.ok(meaningOf(code, check as (typeof CHECK_IDS)[number]).length > 10, `${code} on ${check} says what it means`);
      }
      assert.ok(CODES[code].severities.length > 0, code);
    }
  });

  test('a severity that depends on the case is in the table: conflict is an error, or a warning for an identical repeat', () => {
    assert.deepEqual([...CODES.conflict.severities], ['error', 'warning']);
    assert.deepEqual([...CODES.yanked.severities], ['warning']);
  });

  test('each Check.codes is derived from the table', () => {
    assert.equal(CHECKS.length, 3);
    for (const check of CHECKS) {
      assert.deepEqual([...check.codes], codesOf(check.id));
      assert.ok(check.codes.includes('index-error'), `${check.id} can be incomplete`);
    }
    assert.deepEqual(codesOf('inventory'), ['invalid-line']);
  });

  test("each check's --help lists its codes from the table", () => {
    let listed = 0;
    for (const id of ['inventory', ...CHECKS.map((c) => c.id)] as const) {
      const command = COMMANDS.find((c) => c.name === id);
      assert.ok(command, id);
      const help = helpText(command);
      assert.match(help, /\nfinding codes:\n/);
      for (const code of codesOf(id)) {
        assert.match(help, new RegExp(`\\n  ${code} +${CODES[code].severities.join('/')} +`), `${id} --help lists ${code}`);
        listed++;
      }
    }
    assert.equal(listed, CHECK_IDS.reduce((n, c) => n + codesOf(c).length, 0));
  });

  test("the README's codes table is the one generated from the table", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const match = /<!-- codes:begin -->\n([\s\S]*?)\n<!-- codes:end -->/.exec(readme);
    assert.ok(match, 'README.md has the codes:begin/codes:end markers');
    const expected = codesTable();
    assert.equal(match[1], expected, `README.md's codes table is out of date; paste this between the markers:\n${expected}`);
    assert.equal(expected.split('\n').length - 2, CHECK_IDS.reduce((n, c) => n + codesOf(c).length, 0), 'one row per (check, code)');
  });
});
