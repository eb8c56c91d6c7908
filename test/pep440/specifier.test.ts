import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  InvalidSpecifierError,
  InvalidVersionError,
  SpecifierSet,
  exactPinVersion,
  parseSpecifier,
  parseVersion,
} from '../../src/pep440/index.js';
import {
  CONTAINS,
  CONTAINS_WITH_PRERELEASES,
  FILTERS,
  FILTERS_SKIPPING_INVALID,
  INVALID_SPECIFIERS,
  SPECIFIER_SET_STR,
} from '../vectors/pep440.js';

describe('SpecifierSet.contains', () => {
  for (const [version, spec, expected] of CONTAINS) {
    test(`${JSON.stringify(spec)} ${expected ? 'contains' : 'excludes'} ${version}`, () => {
      const set = SpecifierSet.parse(spec);
      assert.equal(set.contains(version), expected);
      assert.equal(set.contains(parseVersion(version)), expected);
    });
  }

  for (const [version, spec, prereleases, expected] of CONTAINS_WITH_PRERELEASES) {
    test(`${spec} with prereleases=${prereleases} ${expected ? 'contains' : 'excludes'} ${version}`, () => {
      assert.equal(SpecifierSet.parse(spec).contains(version, { prereleases }), expected);
    });
  }

  test('throws InvalidVersionError for a candidate that is not a version', () => {
    assert.throws(() => SpecifierSet.parse('>=1').contains('one'), InvalidVersionError);
  });

  test('a === text that is no version cannot decide the implicit pre-release rule (as packaging)', () => {
    const set = SpecifierSet.parse('===foo');
    assert.throws(() => set.contains('1.0'), InvalidVersionError);
    assert.equal(set.contains('1.0', { prereleases: true }), false);
  });
});

describe('Specifier', () => {
  test('exposes operator and version as written, and its own contains', () => {
    const [spec] = SpecifierSet.parse(' ~= 2.2.post3 ').specifiers;
    assert.ok(spec);
    assert.equal(spec.operator, '~=');
    assert.equal(spec.version, '2.2.post3');
    assert.equal(spec.toString(), '~=2.2.post3');
    assert.equal(spec.contains('2.5'), true);
    assert.equal(spec.contains('3.0'), false);
    assert.equal(parseSpecifier('>=1.0a1').contains('1.0b1'), true);
    assert.equal(parseSpecifier('>=1.0').contains('1.0b1'), false);
  });
});

describe('SpecifierSet.filter', () => {
  for (const [spec, versions, prereleases, expected] of FILTERS) {
    test(`${JSON.stringify(spec)} filters ${versions.join(' ')} (prereleases=${prereleases})`, () => {
      const opts = prereleases === undefined ? undefined : { prereleases };
      assert.deepEqual(SpecifierSet.parse(spec).filter(versions, opts), expected);
    });
  }
  for (const [spec, versions, expected] of FILTERS_SKIPPING_INVALID) {
    test(`${JSON.stringify(spec)} skips strings that are not versions`, () => {
      assert.deepEqual(SpecifierSet.parse(spec).filter(versions), expected);
    });
  }
});

describe('SpecifierSet.parse', () => {
  for (const [text, legacy] of INVALID_SPECIFIERS) {
    test(`rejects ${JSON.stringify(text)}${legacy ? ' (pip <= 24.0 accepted it)' : ''}`, () => {
      assert.throws(
        () => SpecifierSet.parse(text),
        (e: unknown) =>
          e instanceof InvalidSpecifierError &&
          e.input === text &&
          e.legacy === legacy &&
          /not a (valid )?PEP 440 specifier/.test(e.message),
      );
    });
  }

  test('points the error at the offending item', () => {
    try {
      SpecifierSet.parse('>=1.0,  ==0.8.7p1');
      assert.fail('parsed');
    } catch (e) {
      assert.ok(e instanceof InvalidSpecifierError);
      assert.equal(e.offset, 8);
      assert.equal(e.specifier, '==0.8.7p1');
      assert.match(e.message, /'==0\.8\.7p1' is not a PEP 440 specifier/);
    }
  });

  for (const [text, expected] of SPECIFIER_SET_STR) {
    test(`str(${JSON.stringify(text)}) is ${JSON.stringify(expected)}`, () => {
      const set = SpecifierSet.parse(text);
      assert.equal(set.toString(), expected);
      assert.equal(set.isEmpty, expected === '');
    });
  }
});

describe('exactPinVersion', () => {
  const cases: [string, string | null][] = [
    ['==1.2.3', '1.2.3'],
    [' == v1.2.3 ', 'v1.2.3'],
    ['===1.0-weird', '1.0-weird'],
    ['==1.2.*', null],
    ['>=1.2', null],
    ['==1.2,!=1.3', null],
    ['==1.2,==1.2.0', '1.2'],
    ['', null],
  ];
  for (const [text, expected] of cases) {
    test(`${JSON.stringify(text)} pins ${expected}`, () => {
      assert.equal(exactPinVersion(SpecifierSet.parse(text)), expected);
    });
  }
});
