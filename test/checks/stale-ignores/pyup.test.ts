import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { botEffects, pyupFilter, renovateSkips } from '../../../src/checks/stale-ignores/index.js';
import { buildInventory } from '../../../src/inventory/index.js';
import { parseDirectives } from '../../../src/requirements/index.js';

describe("Renovate's pip_requirements skip test (lib/util/ignore.ts isSkipComment on the first comment)", () => {
  const cases: Array<[string | null, boolean]> = [
    ['# pyup: ignore', true],
    ['#pyup:ignore', true],
    ['# renovate: ignore', true],
    ['# pyup: ignore  # python 2 only', true],
    ['# pyup: ignore, puppet: nodownload', false],
    ['# pyup: ignore file', false],
    ['# pyup: <3.0', false],
    ['# py2 only; pyup: ignore', false],
    ['# pyup < 2.0', false],
    [null, false],
  ];
  for (const [comment, skips] of cases) test(`${comment} → ${skips}`, () => assert.equal(renovateSkips(comment), skips));
});

describe('pyup applies filters as its source does', () => {
  const cases: Array<[string, string | null, boolean]> = [
    ['# pyup: <3.0', '<3.0', false],
    ['# pyup: <2.0.0,>=1.0.15', '<2.0.0,>=1.0.15', false],
    ['# pyup: ~=1.2', '==1.2', true],
    ['# rq.filter: >=1.8,<1.9', '<1.9,>=1.8', false],
    ['# pyup: noupdate', null, false],
    ['# pyup < 2.0', null, false],
    ['# pyup: update minor', null, false],
  ];
  for (const [comment, applied, rewritten] of cases) {
    test(comment, () => {
      const f = pyupFilter(parseDirectives(comment));
      assert.equal(f?.applied ?? null, applied);
      if (f) assert.equal(f.rewritten, rewritten);
    });
  }
});

describe('which bots each directive affects', () => {
  const pinOf = (line: string, head = '') => {
    const inv = buildInventory([{ path: 'modules/m/files/requirements.txt', text: `${head}${line}\n` }]);
    const file = inv.files[0]!;
    return { pin: file.pins[0]!, ignored: file.ignoreFile };
  };
  const cases: Array<[string, string, RegExp, RegExp]> = [
    ['a==1  # pyup: ignore', '', /^skips/, /^skips/],
    ['a==1  # pyup: ignore, puppet: nodownload', '', /^skips/, /^no effect/],
    ['a==1', '# pyup: ignore file\n', /^skips .*ignore file/, /no file-level/],
    ['a==1  # pyup: <3.0', '', /^proposes only releases matching <3\.0/, /no version filters/],
    ['a==1  # pyup < 2.0', '', /^no effect/, /^no effect/],
    ['a==1  # pyup: noupdate', '', /has no effect/, /^no effect/],
  ];
  for (const [line, head, pyup, renovate] of cases) {
    test(`${head.trim()} ${line}`, () => {
      const { pin, ignored } = pinOf(line, head);
      const bots = botEffects(pin, ignored);
      assert.match(bots.pyup, pyup);
      assert.match(bots.renovate, renovate);
      assert.match(bots.dependabot, /^no effect: Dependabot reads no requirement comments/);
    });
  }
});
