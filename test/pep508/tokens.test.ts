import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RULES, LEGACY_RULES } from '../../src/pep508/tokens.js';
import type { TokenName } from '../../src/pep508/tokens.js';

// The word-boundary rules keep an ASCII twin for ASCII text (tokens.ts): at every position of ASCII
// text it must answer as the Unicode rule does; on non-ASCII text the Unicode rule answers.
const ASCII_SOURCES = [
  'requests[security,socks]>=2.8.1,<3; python_version < "3.7" and os_name == "posix" or extra == "x"',
  'foo; os_name=="a"and os_name=="b"',
  'foo; os_name=="a" orx',
  'foo;sys_platform in"linux"',
  'foo; "x" not in sys.platform',
  'a_b-c.d_1; platform.python_implementation=="CPython"',
  '_foo', 'foo-', 'foo.', '9lives', 'inx notin in not and or', 'x==1.0', 'FOO==V1.0',
];

const WORD_RULES: TokenName[] = ['BOOLOP', 'IN', 'NOT', 'VARIABLE', 'IDENTIFIER'];

test('word-boundary rules: the ASCII twin answers as the Unicode rule at every position of ASCII text', () => {
  for (const rules of [DEFAULT_RULES, LEGACY_RULES]) {
    for (const name of WORD_RULES) {
      for (const source of ASCII_SOURCES) {
        for (let pos = 0; pos <= source.length; pos++) {
          assert.equal(rules[name](source, pos, true), rules[name](source, pos, false), `${name} at ${pos} of ${source}`);
        }
      }
    }
  }
});

test('word-boundary rules on non-ASCII text: Python\'s Unicode \\w', () => {
  const cases: Array<{ rule: TokenName; source: string; pos: number; want: string | null }> = [
    // é is a word character: no boundary between "foo" and it, so no identifier ends there.
    { rule: 'IDENTIFIER', source: 'fooé', pos: 0, want: null },
    { rule: 'IDENTIFIER', source: 'foo é', pos: 0, want: 'foo' },
    { rule: 'IN', source: 'inü', pos: 0, want: null },
    { rule: 'IN', source: 'in\u00a0"x"', pos: 0, want: 'in' },
    { rule: 'NOT', source: 'not٣', pos: 0, want: null },
    { rule: 'BOOLOP', source: 'éand x', pos: 1, want: null },
    { rule: 'BOOLOP', source: '"é" and x', pos: 4, want: 'and' },
    { rule: 'VARIABLE', source: 'extraß', pos: 0, want: null },
    { rule: 'VARIABLE', source: 'extra=="é"', pos: 0, want: 'extra' },
  ];
  for (const c of cases) assert.equal(DEFAULT_RULES[c.rule](c.source, c.pos, false), c.want, `${c.rule} at ${c.pos} of ${c.source}`);
});
