// Table-driven tests for markers: parsing to packaging's canonical text, parse errors with spans,
// and evaluation against explicit environments (values as packaging 24.1 answers them).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MarkerEvaluationError,
  RequirementParseError,
  evaluateMarker,
  markerMentionsExtra,
  markerToString,
  parseMarker,
} from '../../src/pep508/index.js';
import type { MarkerEnvironment } from '../../src/pep508/index.js';

const CANONICAL: Array<[string, string]> = [
  ['python_version>="3.6"', 'python_version >= "3.6"'],
  ["os.name=='nt'", 'os_name == "nt"'],
  ['sys.platform == "linux"', 'sys_platform == "linux"'],
  ['platform.machine == "x86_64"', 'platform_machine == "x86_64"'],
  ['platform.version == "1"', 'platform_version == "1"'],
  ['python_implementation == "CPython"', 'platform_python_implementation == "CPython"'],
  ['platform.python_implementation == "CPython"', 'platform_python_implementation == "CPython"'],
  ['os_name  not \t in "a"', 'os_name not in "a"'],
  ['"linux"in sys_platform', '"linux" in sys_platform'],
  ['os_name=="a"and os_name=="b"', 'os_name == "a" and os_name == "b"'],
  ['(os_name == "a" or os_name == "b") and os_name == "c"', '(os_name == "a" or os_name == "b") and os_name == "c"'],
  ['((os_name == "a"))', 'os_name == "a"'],
  ['os_name == "a" and (os_name == "b")', 'os_name == "a" and os_name == "b"'],
  // packaging drops the parentheses of a doubly wrapped group (its printer treats it as top level).
  ['os_name == "a" and ((os_name == "b" or os_name == "c"))', 'os_name == "a" and os_name == "b" or os_name == "c"'],
  // PEP 685 normalisation of the extra literal, first top-level term only (as packaging).
  ['extra == "Foo_Bar"', 'extra == "foo-bar"'],
  ['"Foo.Bar" == extra', '"foo-bar" == extra'],
  ['os_name == "a" and extra == "Foo_Bar"', 'os_name == "a" and extra == "Foo_Bar"'],
  // Strings are Python literals.
  ["os_name == '\\x41\\n'", 'os_name == "A\n"'],
  ['os_name == "a\\d"', 'os_name == "a\\d"'],
  ["os_name == 'say \"hi\"'", 'os_name == "say "hi""'],
];

const INVALID: Array<[string, string, [number, number]]> = [
  ['', 'Expected a marker variable or quoted string', [0, 0]],
  ['osname == "a"', 'Expected a marker variable or quoted string', [0, 0]],
  ['os_name notin "x"', 'Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in', [8, 8]],
  ['os_name not "x"', "Expected 'in' after 'not'", [12, 12]],
  ['(os_name == "a"', 'Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression', [0, 15]],
  ['os_name == "a")', 'Expected end of marker expression', [14, 14]],
  ['os_name == "a" orx os_name == "b"', 'Expected end of marker expression', [15, 15]],
  ['os_name == "a', 'Expected a marker variable or quoted string', [11, 11]],
];

describe('parseMarker', () => {
  for (const [input, expected] of CANONICAL) {
    test(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(markerToString(parseMarker(input)), expected);
    });
  }
  for (const [input, reason, span] of INVALID) {
    test(`invalid ${JSON.stringify(input)}`, () => {
      assert.throws(
        () => parseMarker(input),
        (e: unknown) => e instanceof RequirementParseError && e.reason === reason && e.spanStart === span[0] && e.offset === span[1],
      );
    });
  }
  for (const input of ['os_name == "a\\"', 'os_name == "\\x4"', 'os_name == "a\nb"']) {
    test(`invalid Python string literal ${JSON.stringify(input)}`, () => {
      assert.throws(() => parseMarker(input), RequirementParseError);
    });
  }
  test('markerMentionsExtra', () => {
    assert.equal(markerMentionsExtra(parseMarker('os_name == "a" or (python_version < "3" and "x" == extra)')), true);
    assert.equal(markerMentionsExtra(parseMarker('os_name == "extra"')), false);
  });
});

const LINUX_311: MarkerEnvironment = {
  python_version: '3.11', python_full_version: '3.11.7', os_name: 'posix', sys_platform: 'linux',
  platform_release: '5.15.0-91-generic', platform_system: 'Linux', platform_version: '#101-Ubuntu SMP',
  platform_machine: 'x86_64', platform_python_implementation: 'CPython', implementation_name: 'cpython',
  implementation_version: '3.11.7',
};
const WIN_27: MarkerEnvironment = {
  python_version: '2.7', python_full_version: '2.7.18', os_name: 'nt', sys_platform: 'win32', platform_release: '10',
  platform_system: 'Windows', platform_version: '10.0.19045', platform_machine: 'AMD64',
  platform_python_implementation: 'CPython', implementation_name: 'cpython', implementation_version: '2.7.18',
};

type Outcome = boolean | MarkerEvaluationError['kind'];
// [marker, linux 3.11, windows 2.7]
const EVALUATIONS: Array<[string, Outcome, Outcome]> = [
  ['python_version >= "3.6"', true, false],
  ['python_version < "3.10"', false, true], // as versions, not strings ("3.11" < "3.10" as text)
  ['python_version > "3.11.0"', false, false],
  ['python_full_version < "3.11.7rc1"', false, true],
  ['python_full_version > "3.11.7rc1"', true, false],
  ['python_version == "3.*"', true, false],
  ['python_version ~= "3.6"', true, false],
  ['python_version === "3.11"', true, false],
  ['sys_platform == "win32" or python_version < "3" and os_name == "posix"', false, true],
  ['(sys_platform == "win32" or python_version < "3") and os_name == "posix"', false, false],
  ['"linux" in sys_platform', true, false],
  ['sys_platform not in "win32 cygwin"', true, false],
  ['platform_machine in "x86_64 AMD64"', true, true],
  ['sys_platform < "m"', true, false],
  ['python_version in "2.7 3.6"', false, true],
  ['python_version == "3.6,3.7"', false, false],
  ['"3.6" == "python_version"', false, false],
  ['python_version == python_full_version', false, false],
  ['os_name ~= "posix"', 'undefined-comparison', 'undefined-comparison'],
  ['os_name == "1.0"', 'invalid-version', 'invalid-version'],
  ['platform_release >= "5"', 'invalid-version', true],
  ['implementation_name === "cpython"', 'invalid-version', 'invalid-version'],
  ['"a" == "b"', 'undefined-variable', 'undefined-variable'],
  // No short-circuit: the error in the second term surfaces although the first decides.
  ['os_name == "posix" or os_name ~= "x"', 'undefined-comparison', 'undefined-comparison'],
];

function outcome(fn: () => boolean): Outcome {
  try {
    return fn();
  } catch (e) {
    if (e instanceof MarkerEvaluationError) return e.kind;
    throw e;
  }
}

describe('evaluateMarker', () => {
  for (const [text, linux, windows] of EVALUATIONS) {
    test(text, () => {
      const m = parseMarker(text);
      assert.equal(outcome(() => evaluateMarker(m, LINUX_311)), linux, 'linux 3.11');
      assert.equal(outcome(() => evaluateMarker(m, WIN_27)), windows, 'windows 2.7');
    });
  }
  test('extra: none requested evaluates with extra = ""', () => {
    assert.equal(evaluateMarker(parseMarker('extra == "test"'), LINUX_311), false);
    assert.equal(evaluateMarker(parseMarker('extra != "test"'), LINUX_311), true);
    assert.equal(evaluateMarker(parseMarker('extra == ""'), LINUX_311), true);
  });
  test('extra: requested extras compare PEP 685-normalised', () => {
    assert.equal(evaluateMarker(parseMarker('extra == "Foo.Bar"'), LINUX_311, ['foo_bar']), true);
    assert.equal(evaluateMarker(parseMarker('os_name == "posix" and extra == "test"'), LINUX_311, ['Test']), true);
    assert.equal(evaluateMarker(parseMarker('os_name == "nt" and extra == "test"'), LINUX_311, ['test']), false);
  });
  test('extra: several requested extras follow pip (true if true for any one of them)', () => {
    assert.equal(evaluateMarker(parseMarker('extra == "doc"'), LINUX_311, ['test', 'doc']), true);
    assert.equal(evaluateMarker(parseMarker('extra == "test" and extra == "doc"'), LINUX_311, ['test', 'doc']), false);
    assert.equal(evaluateMarker(parseMarker('extra == "other"'), LINUX_311, ['test', 'doc']), false);
  });
});
