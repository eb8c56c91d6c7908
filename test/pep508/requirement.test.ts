// Table-driven tests for parseRequirement: valid inputs with every parsed field, invalid inputs with
// packaging 24.1's reason and span (checked against pip 24.2 by test/oracle/pep508.test.ts too).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RequirementParseError, markerToString, parseRequirement } from '../../src/pep508/index.js';

interface Valid {
  input: string;
  name: string;
  extras?: string[];
  specifier?: string;
  url?: string | null;
  marker?: string | null;
  str: string;
}

const VALID: Valid[] = [
  { input: 'name', name: 'name', str: 'name' },
  { input: 'Foo.Bar_baz-1', name: 'Foo.Bar_baz-1', str: 'Foo.Bar_baz-1' },
  { input: 'foo >= 1.0 , < 2', name: 'foo', specifier: '<2,>=1.0', str: 'foo<2,>=1.0' },
  { input: 'foo (>=1.0, ==1.0.*)', name: 'foo', specifier: '==1.0.*,>=1.0', str: 'foo==1.0.*,>=1.0' },
  { input: 'foo()', name: 'foo', str: 'foo' },
  { input: 'foo>=1,', name: 'foo', specifier: '>=1', str: 'foo>=1' },
  { input: 'foo==1.0,==1.0.0', name: 'foo', specifier: '==1.0', str: 'foo==1.0' },
  { input: 'foo~=1.0,~=1.0.0', name: 'foo', specifier: '~=1.0,~=1.0.0', str: 'foo~=1.0,~=1.0.0' },
  { input: 'FOO==V1.0', name: 'FOO', specifier: '==V1.0', str: 'FOO==V1.0' },
  { input: 'foo ===arbitrary', name: 'foo', specifier: '===arbitrary', str: 'foo===arbitrary' },
  { input: 'foo[a, b,a] >=1', name: 'foo', extras: ['a', 'b'], specifier: '>=1', str: 'foo[a,b]>=1' },
  { input: 'foo[ ]', name: 'foo', str: 'foo' },
  { input: 'foo\n', name: 'foo', str: 'foo' },
  { input: '\tfoo ', name: 'foo', str: 'foo' },
  { input: 'name @ http://foo.com', name: 'name', url: 'http://foo.com', str: 'name@ http://foo.com' },
  {
    input: 'name [fred,bar] @ http://foo.com ; python_version=="2.7"',
    name: 'name', extras: ['bar', 'fred'], url: 'http://foo.com', marker: 'python_version == "2.7"',
    str: 'name[bar,fred]@ http://foo.com ; python_version == "2.7"',
  },
  // The URL runs to the next blank: no marker here.
  { input: 'foo @ https://x/a.whl;os_name=="a"', name: 'foo', url: 'https://x/a.whl;os_name=="a"', str: 'foo@ https://x/a.whl;os_name=="a"' },
  {
    input: "requests[security] (>=2.8.1) ; python_version < '2.7' and os.name=='nt'",
    name: 'requests', extras: ['security'], specifier: '>=2.8.1', marker: 'python_version < "2.7" and os_name == "nt"',
    str: 'requests[security]>=2.8.1; python_version < "2.7" and os_name == "nt"',
  },
  // PEP 685: the extra literal of the first term is normalised.
  { input: 'foo; extra == "Foo_Bar"', name: 'foo', marker: 'extra == "foo-bar"', str: 'foo; extra == "foo-bar"' },
];

interface Invalid {
  input: string;
  reason: string;
  span: [number, number];
}

const INVALID: Invalid[] = [
  { input: '', reason: 'Expected package name at the start of dependency specifier', span: [0, 0] },
  { input: 'foo >= 1.0 bar', reason: 'Expected end or semicolon (after version specifier)', span: [4, 11] },
  { input: 'foo (>= 1.0', reason: 'Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier', span: [4, 11] },
  { input: 'foo[bar', reason: 'Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras', span: [3, 7] },
  { input: 'foo[bar baz]', reason: 'Expected comma between extra names', span: [8, 8] },
  { input: 'foo[bar,]', reason: 'Expected extra name after comma', span: [8, 8] },
  { input: 'foo @ ', reason: 'Expected URL after @', span: [6, 6] },
  { input: 'foo >=1.0.*', reason: '.* suffix can only be used with `==` or `!=` operators', span: [4, 10] },
  { input: 'foo >=1.0+abc', reason: 'Local version label can only be used with `==` or `!=` operators', span: [4, 9] },
  // The local-label rule is case-sensitive, so upper case falls through to the generic error.
  { input: 'foo >=1.0+ABC', reason: 'Expected end or semicolon (after version specifier)', span: [4, 9] },
  { input: 'foo==0.8.7p1', reason: 'Expected end or semicolon (after version specifier)', span: [3, 10] },
  { input: 'foo==${version}', reason: 'Expected end or semicolon (after name and no valid version specifier)', span: [3, 3] },
  { input: 'foo ~= 1', reason: 'Expected end or semicolon (after name and no valid version specifier)', span: [4, 4] },
  { input: 'foo-', reason: 'Expected end or semicolon (after name and no valid version specifier)', span: [3, 3] },
  { input: 'foo; osname == "a"', reason: 'Expected a marker variable or quoted string', span: [5, 5] },
  { input: 'foo; os_name notin "x"', reason: 'Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in', span: [13, 13] },
  { input: 'foo; os_name not"x"', reason: "Expected whitespace after 'not'", span: [16, 16] },
  { input: 'foo; (os_name == "a"', reason: 'Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression', span: [5, 20] },
  { input: 'foo; os_name == "a")', reason: 'Expected end of dependency specifier', span: [19, 19] },
  { input: 'foo;', reason: 'Expected a marker variable or quoted string', span: [4, 4] },
  { input: 'name @ http://x;os_name=="a" x', reason: 'Expected end or semicolon (after URL and whitespace)', span: [7, 29] },
  { input: 'foo @ http://x ;', reason: 'Expected a marker variable or quoted string', span: [16, 16] },
  // Unicode word characters end an identifier only at a Python `\b`.
  { input: 'fooé', reason: 'Expected package name at the start of dependency specifier', span: [0, 0] },
];

describe('parseRequirement: valid', () => {
  for (const c of VALID) {
    test(JSON.stringify(c.input), () => {
      const r = parseRequirement(c.input);
      assert.equal(r.name, c.name);
      assert.deepEqual([...r.extras].sort(), c.extras ?? []);
      assert.equal(r.specifier, c.specifier ?? '');
      assert.equal(r.url, c.url ?? null);
      assert.equal(r.marker ? markerToString(r.marker) : null, c.marker ?? null);
      assert.equal(r.toString(), c.str);
      assert.equal(String(r), c.str);
    });
  }
  test('normalizedName and specifiers', () => {
    const r = parseRequirement('Zope.Interface_x (>= 1.0 ,!=1.5)');
    assert.equal(r.normalizedName, 'zope-interface-x');
    assert.deepEqual(r.specifiers, [
      { operator: '!=', version: '1.5', legacy: false },
      { operator: '>=', version: '1.0', legacy: false },
    ]);
  });
});

describe('parseRequirement: invalid', () => {
  for (const c of INVALID) {
    test(JSON.stringify(c.input), () => {
      assert.throws(
        () => parseRequirement(c.input),
        (e: unknown) => {
          assert.ok(e instanceof RequirementParseError);
          assert.equal(e.reason, c.reason);
          assert.deepEqual([e.spanStart, e.offset], c.span);
          assert.equal(e.input, c.input);
          return true;
        },
      );
    });
  }
  test('message quotes the input under a caret, like packaging', () => {
    assert.throws(() => parseRequirement('foo >= 1.0 bar'), {
      message: 'Expected end or semicolon (after version specifier)\n    foo >= 1.0 bar\n        ~~~~~~~^',
    });
  });
  test('`===` swallows commas, and the piece after one is then an invalid specifier', () => {
    assert.throws(() => parseRequirement('foo===a,b'), (e: unknown) => e instanceof RequirementParseError && e.reason === "Invalid specifier: 'b'");
  });
});

describe('parseRequirement: allowLegacySpecifiers (packaging 21.3, pip ≤ 24.0)', () => {
  const LEGACY: Array<{ input: string; specifiers: Array<[string, string, boolean]> }> = [
    { input: 'foo==0.8.7p1', specifiers: [['==', '0.8.7p1', true]] },
    { input: 'foo==${version}', specifiers: [['==', '${version}', true]] },
    { input: 'foo >= 1.0.*, <2', specifiers: [['<', '2', false], ['>=', '1.0.*', true]] },
    { input: 'foo (== latest) ; python_version < "3"', specifiers: [['==', 'latest', true]] },
    { input: 'foo==', specifiers: [['==', '', true]] },
    { input: 'foo==1.0a1.*', specifiers: [['==', '1.0a1.*', false]] },
    // 21.3's `===` runs to the next blank, marker included.
    { input: 'foo===1.0;python_version<"3"', specifiers: [['===', '1.0;python_version<"3"', false]] },
  ];
  for (const c of LEGACY) {
    test(JSON.stringify(c.input), () => {
      const r = parseRequirement(c.input, { allowLegacySpecifiers: true });
      assert.deepEqual(r.specifiers.map((s) => [s.operator, s.version, s.legacy]), c.specifiers);
    });
  }
  const STILL_INVALID = ['foo~=latest', 'foo~=1.0alpha1', 'foo===1.0; python_version<"3"', 'foo(===1.0)', 'foo @'];
  for (const input of STILL_INVALID) {
    test(`still invalid: ${JSON.stringify(input)}`, () => {
      assert.throws(() => parseRequirement(input, { allowLegacySpecifiers: true }), RequirementParseError);
    });
  }
  test('without the option, legacy specifiers are rejected', () => {
    assert.throws(() => parseRequirement('foo==0.8.7p1'), RequirementParseError);
  });
});
