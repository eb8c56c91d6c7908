import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { breakArgsOptions, parseLineOptions, shlexSplit } from '../../src/requirements/options.js';

describe('breakArgsOptions: split on single spaces at the first -token', () => {
  const cases: Array<[string, string, string]> = [
    ['foo==1', 'foo==1', ''],
    ['foo==1 --hash=sha256:aa', 'foo==1', '--hash=sha256:aa'],
    ['-r other.txt', '', '-r other.txt'],
    ['foo==1\t--hash=sha256:aa', 'foo==1\t--hash=sha256:aa', ''],
    ['foo ; python_version < "3" --hash=sha256:a', 'foo ; python_version < "3"', '--hash=sha256:a'],
    ['foo-bar==1', 'foo-bar==1', ''],
  ];
  for (const [line, args, options] of cases) {
    test(line, () => assert.deepEqual(breakArgsOptions(line), { args, options }));
  }
});

describe('shlexSplit (POSIX)', () => {
  const cases: Array<[string, string[] | Error]> = [
    ['-r a.txt', ['-r', 'a.txt']],
    ['--index-url "https://x/y z"', ['--index-url', 'https://x/y z']],
    ["-f 'a b'c", ['-f', 'a bc']],
    ['a\\ b', ['a b']],
    ['"a\\"b\\x"', ['a"b\\x']],
    ["''", ['']],
    ['"unterminated', new Error('No closing quotation')],
    ['trailing\\', new Error('No escaped character')],
  ];
  for (const [input, want] of cases) {
    test(input, () => {
      if (want instanceof Error) assert.throws(() => shlexSplit(input), { message: want.message });
      else assert.deepEqual(shlexSplit(input), want);
    });
  }
});

describe('parseLineOptions (optparse rules)', () => {
  type Want = Array<[string, string | null]> | string;
  const cases: Array<[string, Want]> = [
    ['-i https://x/simple', [['--index-url', 'https://x/simple']]],
    ['--index-url=https://x/simple', [['--index-url', 'https://x/simple']]],
    ['-ihttps://x/simple', [['--index-url', 'https://x/simple']]],
    ['--pypi-url https://x', [['--index-url', 'https://x']]],
    ['--extra-index-url https://e', [['--extra-index-url', 'https://e']]],
    ['--no-index', [['--no-index', null]]],
    ['-f https://mirror/', [['--find-links', 'https://mirror/']]],
    ['--find https://mirror/', [['--find-links', 'https://mirror/']]],
    ['--pre --prefer-binary --require-hashes', [['--pre', null], ['--prefer-binary', null], ['--require-hashes', null]]],
    ['--trusted-host h', [['--trusted-host', 'h']]],
    ['--only-binary :all: --no-binary foo', [['--only-binary', ':all:'], ['--no-binary', 'foo']]],
    ['-r base.txt', [['--requirement', 'base.txt']]],
    ['-c constraints.txt', [['--constraint', 'constraints.txt']]],
    ['-e git+https://h/r.git#egg=x', [['--editable', 'git+https://h/r.git#egg=x']]],
    ['-e.', [['--editable', '.']]],
    ['-r -weird.txt', [['--requirement', '-weird.txt']]],
    ['--hash=sha256:aa --hash sha512:bb', [['--hash', 'sha256:aa'], ['--hash', 'sha512:bb']]],
    ['--global-option=--no-user-cfg', [['--global-option', '--no-user-cfg']]],
    ['--install-option=--prefix=/x', [['--install-option', '--prefix=/x']]],
    ['-C key=value', [['--config-settings', 'key=value']]],
    ['--pre stray words', [['--pre', null]]],
    ['-- --pre', []],
    ['--nope', 'pip: error: no such option: --nope'],
    ['-x', 'pip: error: no such option: -x'],
    ['--no', 'pip: error: ambiguous option: --no (--no-binary, --no-index?)'],
    ['--pre=1', 'pip: error: --pre option does not take a value'],
    ['-r', 'pip: error: -r option requires 1 argument'],
    ['--index-url', 'pip: error: --index-url option requires 1 argument'],
    ['--hash=md5:aa', 'pip: error: Allowed hash algorithms for --hash are sha256, sha384, sha512.'],
    ['--hash=sha256', 'pip: error: Arguments to --hash must be a hash name followed by a value, like --hash=sha256:abcde...'],
    ['-C novalue', 'pip: error: Arguments to -C must be of the form KEY=VAL'],
    ['--no-binary -x', '--no-binary / --only-binary option requires 1 argument.'],
    ['--use-feature nope', "pip: error: option --use-feature: invalid choice: 'nope' (choose from 'fast-deps', 'truststore', 'no-binary-enable-wheel-cache')"],
    ['--index-url "unterminated', 'Could not split options: --index-url "unterminated'],
  ];
  for (const [line, want] of cases) {
    test(line, () => {
      const { result } = parseLineOptions(line);
      if (typeof want === 'string') assert.deepEqual(result, { ok: false, reason: want });
      else assert.deepEqual(result, { ok: true, options: want.map(([option, value]) => ({ option, value })) });
    });
  }
});
