import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  commentStart,
  expandEnv,
  joinContinuations,
  logicalLines,
  splitPhysicalLines,
} from '../../src/requirements/lines.js';

describe('splitPhysicalLines (Python str.splitlines)', () => {
  const cases: Array<[string, string, string[]]> = [
    ['LF', 'a\nb\n', ['a', 'b']],
    ['CRLF', 'a\r\nb\r\n', ['a', 'b']],
    ['lone CR', 'a\rb', ['a', 'b']],
    ['mixed', 'a\r\n\rb\n', ['a', '', 'b']],
    ['form feed and vertical tab break lines', 'a\fb\vc', ['a', 'b', 'c']],
    ['unicode separators', 'a\u2028b\u2029c\x85d', ['a', 'b', 'c', 'd']],
    ['BOM dropped', '\uFEFFfoo==1\n', ['foo==1']],
    ['no trailing newline', 'a', ['a']],
    ['blank lines kept', '\n\na', ['', '', 'a']],
    ['empty', '', []],
  ];
  for (const [name, input, want] of cases) {
    test(name, () => assert.deepEqual(splitPhysicalLines(input).map((l) => l.text), want));
  }
});

describe('commentStart: # at line start or after whitespace only', () => {
  const cases: Array<[string, number]> = [
    ['# all comment', 0],
    ['foo==1 # c', 7],
    ['foo==1\t# c', 7],
    ['foo#bar', -1],
    ['git+https://h/r.git#egg=x', -1],
    ['https://h/x#egg=y # real', 18],
    ['foo==1\u3000# ideographic space counts (Python \\s)', 7],
  ];
  for (const [line, want] of cases) test(JSON.stringify(line), () => assert.equal(commentStart(line), want));
});

describe('joinContinuations (pip join_lines)', () => {
  const cases: Array<[string, string, Array<[number, number, string]>]> = [
    ['plain', 'a\nb', [[1, 1, 'a'], [2, 2, 'b']]],
    ['two-line continuation', 'a \\\nb', [[1, 2, 'a b']]],
    ['three lines', 'a \\\n  --h=1 \\\n  --h=2', [[1, 3, 'a   --h=1   --h=2']]],
    ['comment line ends a continuation and is glued on', 'a \\\n# c\nb', [[1, 2, 'a  # c'], [3, 3, 'b']]],
    ['continuation at end of file', 'a \\', [[1, 1, 'a ']]],
    ['leading backslashes stripped too', 'a\\\n\\\\b', [[1, 2, 'a\\\\b']]],
    ['comment line ending in backslash does not continue', '# c \\\nb', [[1, 1, ' # c \\'], [2, 2, 'b']]],
  ];
  for (const [name, input, want] of cases) {
    test(name, () => {
      const got = joinContinuations(splitPhysicalLines(input)).map((j) => [j.line, j.endLine, j.text]);
      assert.deepEqual(got, want);
    });
  }
});

describe('logicalLines (pip preprocess)', () => {
  const cases: Array<[string, string, Array<[number, string, string | null]>]> = [
    ['comments and blanks dropped', '# head\n\nfoo==1  # pyup: ignore\n', [[3, 'foo==1', '# pyup: ignore']]],
    ['# inside a token is kept', 'foo#bar\n', [[1, 'foo#bar', null]]],
    ['trailing whitespace trimmed', 'prompt_toolkit==2.0.7  \n', [[1, 'prompt_toolkit==2.0.7', null]]],
    ['commented-out pin is no line', '#buildbot==0.8.7p1  # pyup: ignore, puppet: nodownload\n', []],
    [
      'hash lines then a comment belong to the requirement',
      'foo==1 \\\n    --hash=sha256:aa \\\n    --hash=sha256:bb \\\n    # via bar\nbaz==2',
      [
        [1, 'foo==1     --hash=sha256:aa     --hash=sha256:bb', '# via bar'],
        [5, 'baz==2', null],
      ],
    ],
    ['a comment before a backslash swallows the next line', 'foo==1 # c \\\nbar==2\nbaz==3', [[1, 'foo==1', '# c bar==2'], [3, 'baz==3', null]]],
    ['CRLF file', 'a==1\r\nb==2\r\n', [[1, 'a==1', null], [2, 'b==2', null]]],
  ];
  for (const [name, input, want] of cases) {
    test(name, () => assert.deepEqual(logicalLines(input).map((l) => [l.line, l.text, l.comment]), want));
  }
});

describe('expandEnv: only ${UPPER_CASE} names, and only when set and non-empty', () => {
  const env = { VERSION: '1.2', EMPTY: '', A_1: 'x' };
  const cases: Array<[string, string]> = [
    ['foo==${VERSION}', 'foo==1.2'],
    ['buildbot==${version}', 'buildbot==${version}'],
    ['foo==${EMPTY}', 'foo==${EMPTY}'],
    ['foo==${UNSET}', 'foo==${UNSET}'],
    ['${A_1}-${A_1}', 'x-x'],
    ['foo==$VERSION', 'foo==$VERSION'],
  ];
  for (const [input, want] of cases) test(input, () => assert.equal(expandEnv(input, env), want));
});
