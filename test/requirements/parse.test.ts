import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { markerToString } from '../../src/pep508/index.js';
import { MAX_INCLUDE_DEPTH, PARSE_BUDGET, parseRequirementsFile } from '../../src/requirements/index.js';
import type { IncludeReader, RequirementEntry } from '../../src/requirements/index.js';

interface Want {
  line: number;
  endLine?: number;
  kind?: RequirementEntry['kind'];
  name?: string | null;
  normalizedName?: string | null;
  specifier?: string;
  pinnedVersion?: string | null;
  legacyVersion?: boolean;
  extras?: string[];
  marker?: string | null;
  hashes?: string[];
  url?: string | null;
}

function pick(e: RequirementEntry, want: Want): Want {
  const r = e.requirement;
  const all: Required<Want> = {
    line: e.line,
    endLine: e.endLine,
    kind: e.kind,
    name: e.name,
    normalizedName: e.normalizedName,
    specifier: r?.specifier ?? '',
    pinnedVersion: e.pinnedVersion,
    legacyVersion: e.legacyVersion,
    extras: r ? [...r.extras] : [],
    marker: r?.marker ? markerToString(r.marker) : null,
    hashes: e.hashes,
    url: r?.url ?? null,
  };
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(want) as Array<keyof Want>) out[k] = all[k];
  return out as unknown as Want;
}

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('requirement lines', () => {
  const cases: Array<[string, Want]> = [
    ['foo==1.0', { line: 1, kind: 'requirement', name: 'foo', specifier: '==1.0', pinnedVersion: '1.0' }],
    ['Foo_Bar.baz==1.0', { line: 1, name: 'Foo_Bar.baz', normalizedName: 'foo-bar-baz' }],
    ['foo===1.0-custom', { line: 1, pinnedVersion: '1.0-custom' }],
    ['foo==1.*', { line: 1, specifier: '==1.*', pinnedVersion: null }],
    ['cfn-pyplates>=0.5.0', { line: 1, specifier: '>=0.5.0', pinnedVersion: null }],
    ['wsgiref', { line: 1, name: 'wsgiref', specifier: '', pinnedVersion: null }],
    ['invoke-1.1.1', { line: 1, name: 'invoke-1.1.1', specifier: '', pinnedVersion: null }],
    ['buildbot==0.8.7p1', { line: 1, pinnedVersion: '0.8.7p1', legacyVersion: true }],
    ['buildbot==0.8.4-pre-moz2', { line: 1, pinnedVersion: '0.8.4-pre-moz2', legacyVersion: true }],
    ['buildbot==${version}', { line: 1, pinnedVersion: '${version}', legacyVersion: true }],
    ['prompt_toolkit==2.0.7  ', { line: 1, pinnedVersion: '2.0.7' }],
    ['requests[security,socks]==2.0', { line: 1, extras: ['security', 'socks'], pinnedVersion: '2.0' }],
    ['foo>=1,<2', { line: 1, specifier: '<2,>=1' }],
    ['foo==1.0 ; python_version < "3"', { line: 1, marker: 'python_version < "3"', pinnedVersion: '1.0' }],
    ['foo==1.0;', { line: 1, marker: null, pinnedVersion: '1.0' }],
    ['foo @ https://h/foo-1.0.tar.gz', { line: 1, kind: 'url', name: 'foo', url: 'https://h/foo-1.0.tar.gz' }],
    ['https://h/p/foo_bar-1.0-py3-none-any.whl', { line: 1, kind: 'url', name: 'foo-bar', pinnedVersion: '1.0' }],
    ['git+https://h/r.git@v1#egg=thing', { line: 1, kind: 'url', name: 'thing' }],
    ['https://h/archive.zip', { line: 1, kind: 'url', name: null }],
    ['./local/dir', { line: 1, kind: 'path', name: null }],
    ['dist/foo-1.0-py2.py3-none-any.whl', { line: 1, kind: 'path', name: 'foo', pinnedVersion: '1.0' }],
    ['-e git+https://h/r.git#egg=xy', { line: 1, kind: 'editable', name: 'xy' }],
    ['-e git://h/r.git#egg=xy', { line: 1, kind: 'editable', name: 'xy' }],
    ['-e ./src[extra]', { line: 1, kind: 'editable', name: null }],
    [`foo==1 --hash=sha256:${A} --hash=sha256:${B}`, { line: 1, hashes: [`sha256:${A}`, `sha256:${B}`] }],
    [`foo==1 \\\n  --hash=sha256:${A} \\\n  --hash=sha384:${'c'.repeat(96)}\n`, { line: 1, endLine: 3, hashes: [`sha256:${A}`, `sha384:${'c'.repeat(96)}`] }],
    ['\n\nfoo==1 --index-url https://ignored', { line: 3, pinnedVersion: '1' }],
    ['foo==1#frag', { line: 1, pinnedVersion: '1#frag', legacyVersion: true }],
  ];
  for (const [text, want] of cases) {
    test(JSON.stringify(text), () => {
      const parsed = parseRequirementsFile('r.txt', text);
      assert.deepEqual(parsed.diagnostics, []);
      assert.equal(parsed.entries.length, 1);
      const [entry] = parsed.entries;
      assert.ok(entry);
      assert.deepEqual(pick(entry, want), want);
    });
  }
});

describe('lines pip rejects: one diagnostic each, with pip\'s wording, and parsing carries on', () => {
  const cases: Array<[string, RegExp]> = [
    ['scriptworker=12.0.0', /^Invalid requirement: 'scriptworker=12\.0\.0' \(from line 2 of r\.txt\)\nHint: = is not a valid operator\. Did you mean == \?$/],
    ['foo==1.0[bar]', /^Extras after version '==1\.0\[bar\]'\.$/],
    ['foo==1\t--hash=sha256:aa', /^Invalid requirement: 'foo==1\\t--hash=sha256:aa'/],
    ['foo==1 --hash=md5:aa', /^Invalid requirement: foo==1 --hash=md5:aa\npip: error: Allowed hash algorithms/],
    ['--frobnicate', /^Invalid requirement: --frobnicate\npip: error: no such option: --frobnicate$/],
    ['-e https://h/x.tar.gz', /is not a valid editable requirement/],
    ['-e git+https://h/r.git', /^Could not detect requirement name for 'git\+https:\/\/h\/r\.git', please specify one with #egg=/],
    ['https://h/not-a-wheel.whl', /^not-a-wheel\.whl is not a valid wheel filename\.$/],
    ['foo ; python_version <', /^Invalid marker: 'python_version <'/],
    ['foo\0bar==1', /^Invalid requirement: 'foo\\x00bar==1'/],
  ];
  for (const [text, message] of cases) {
    test(JSON.stringify(text), () => {
      const parsed = parseRequirementsFile('r.txt', `a==1\n${text}\nb==2\n`);
      assert.deepEqual(parsed.entries.map((e) => e.name), ['a', 'b']);
      assert.equal(parsed.diagnostics.length, 1);
      const [d] = parsed.diagnostics;
      assert.equal(d?.code, 'invalid-line');
      assert.equal(d?.line, 2);
      assert.match(d?.message ?? '', message);
    });
  }
  test('the column points at the parse error', () => {
    const [d] = parseRequirementsFile('r.txt', '  scriptworker=12.0.0\n').diagnostics;
    assert.equal(d?.column, 15);
  });
});

describe('options and directives on entries', () => {
  const text = [
    '# pyup: ignore file',
    '# python_version: 27',
    '-i https://pypi.example/simple',
    '--extra-index-url https://extra/simple',
    '-f https://mirror/wheels/',
    '--no-index',
    '--pre',
    '--trusted-host mirror',
    'foo==1.0  # pyup: ignore, puppet: nodownload',
    '#buildbot==0.8.7p1  # pyup: ignore, puppet: nodownload',
    'bar==2.0 # pyup: <3.0',
    'baz==1 # pyup < 2.0',
  ].join('\n');
  const parsed = parseRequirementsFile('mod/requirements.txt', text);
  test('header and file marker', () => {
    assert.deepEqual(parsed.pythonVersion, { value: '2.7', line: 2 });
    assert.deepEqual(parsed.ignoreFile, { line: 1 });
  });
  test('file options, canonical long names', () => {
    assert.deepEqual(
      parsed.options.map((o) => [o.line, o.option, o.value]),
      [
        [3, '--index-url', 'https://pypi.example/simple'],
        [4, '--extra-index-url', 'https://extra/simple'],
        [5, '--find-links', 'https://mirror/wheels/'],
        [6, '--no-index', null],
        [7, '--pre', null],
        [8, '--trusted-host', 'mirror'],
      ],
    );
  });
  test('entries carry their directives; the commented-out pin is not an entry', () => {
    assert.deepEqual(
      parsed.entries.map((e) => [e.line, e.name, e.directives.ignore, e.directives.nodownload, e.directives.filter?.specifier ?? null, e.directives.noColon]),
      [
        [9, 'foo', true, true, null, null],
        [11, 'bar', false, false, '<3.0', null],
        [12, 'baz', false, false, null, 'pyup < 2.0'],
      ],
    );
    assert.ok(parsed.entries.every((e) => e.source === 'mod/requirements.txt' && !e.constraint));
  });
  test('a comment line after a continued requirement carries its directives', () => {
    const [e] = parseRequirementsFile('r.txt', 'foo==1 \\\n  --hash=sha256:aa \\\n  # pyup: ignore\n').entries;
    assert.equal(e?.directives.ignore, true);
    assert.deepEqual([e?.line, e?.endLine], [1, 3]);
  });
  test('env expansion comes only from opts.env', () => {
    const text2 = 'foo==${FOO_VERSION}\n';
    assert.equal(parseRequirementsFile('r.txt', text2, { env: { FOO_VERSION: '2.1' } }).entries[0]?.pinnedVersion, '2.1');
    assert.equal(parseRequirementsFile('r.txt', text2).entries[0]?.legacyVersion, true);
  });
});

describe('includes', () => {
  const files: Record<string, string> = {
    'top.txt': 'a==1\n-r base.txt\n-c cons.txt\n-r missing.txt\nz==9\n',
    'base.txt': 'b==2\n',
    'cons.txt': 'c==3\n-r again.txt\n',
    'again.txt': 'd==4\n',
    'loop1.txt': 'x==1\n-r loop2.txt\n',
    'loop2.txt': '-r loop1.txt\n',
  };
  const reader: IncludeReader = (_from, target) => (target in files ? { path: target, text: files[target] ?? '' } : null);
  test('-r and -c are followed through the reader; -r inside -c is a requirements file again', () => {
    const parsed = parseRequirementsFile('top.txt', files['top.txt'] ?? '', { readInclude: reader });
    assert.deepEqual(
      parsed.entries.map((e) => [e.name, e.source, e.line, e.constraint]),
      [
        ['a', 'top.txt', 1, false],
        ['b', 'base.txt', 1, false],
        ['c', 'cons.txt', 1, true],
        ['d', 'again.txt', 1, false],
        ['z', 'top.txt', 5, false],
      ],
    );
    assert.deepEqual(
      parsed.diagnostics.map((d) => [d.code, d.source, d.line, d.message]),
      [['include-missing', 'top.txt', 4, "Could not open requirements file: [Errno 2] No such file or directory: 'missing.txt'"]],
    );
    assert.deepEqual(parsed.options.map((o) => [o.option, o.value]).slice(0, 2), [['--requirement', 'base.txt'], ['--constraint', 'cons.txt']]);
  });
  test('without a reader every include is missing', () => {
    assert.equal(parseRequirementsFile('top.txt', '-r base.txt\n').diagnostics[0]?.code, 'include-missing');
  });
  test('a cycle is one diagnostic, not endless recursion', () => {
    const parsed = parseRequirementsFile('loop1.txt', files['loop1.txt'] ?? '', { readInclude: reader });
    assert.deepEqual(parsed.entries.map((e) => e.name), ['x']);
    assert.deepEqual(parsed.diagnostics.map((d) => [d.code, d.source, d.message]), [
      ['include-cycle', 'loop2.txt', 'Requirements files include each other: loop1.txt → loop2.txt → loop1.txt'],
    ]);
  });
  test('a deep chain stops at the cap', () => {
    const deep: IncludeReader = (_from, target) => {
      const n = Number(target.replace(/\D/g, ''));
      return { path: target, text: `p${n}==1\n-r f${n + 1}.txt\n` };
    };
    const parsed = parseRequirementsFile('f0.txt', '-r f1.txt\n', { readInclude: deep });
    assert.equal(parsed.entries.length, MAX_INCLUDE_DEPTH - 1);
    assert.deepEqual(parsed.diagnostics.map((d) => d.code), ['include-cycle']);
  });
});

describe('include reuse and budgets', () => {
  /** A reader over `files` that counts its reads. */
  const counting = (files: Record<string, string>) => {
    const reads: string[] = [];
    const reader: IncludeReader = (_from, target) => {
      reads.push(target);
      return target in files ? { path: target, text: files[target]! } : null;
    };
    return { reader, reads };
  };
  test('an include named twice is read and parsed once; its entries come again, as pip reads them again', () => {
    const { reader, reads } = counting({ 'one.txt': 'six==1.0\n' });
    const parsed = parseRequirementsFile('top.txt', '-r one.txt\n-r one.txt\n-r one.txt\n', { readInclude: reader });
    assert.deepEqual(reads, ['one.txt']);
    assert.deepEqual(parsed.entries.map((e) => [e.name, e.source, e.line]), [['six', 'one.txt', 1], ['six', 'one.txt', 1], ['six', 'one.txt', 1]]);
    assert.deepEqual(parsed.diagnostics, []);
  });
  test('a bad line of an include read twice is one diagnostic', () => {
    const { reader } = counting({ 'one.txt': 'six=1.0\n' });
    const parsed = parseRequirementsFile('top.txt', '-r one.txt\n-r one.txt\n', { readInclude: reader });
    assert.deepEqual(parsed.diagnostics.map((d) => [d.code, d.source, d.line]), [['invalid-line', 'one.txt', 1]]);
  });
  test('-r and -c of the same file: read once, parsed once per kind (the entries differ in constraint)', () => {
    const { reader, reads } = counting({ 'one.txt': 'six==1.0\n' });
    const parsed = parseRequirementsFile('top.txt', '-r one.txt\n-c one.txt\n', { readInclude: reader });
    assert.deepEqual(reads, ['one.txt']);
    assert.deepEqual(parsed.entries.map((e) => e.constraint), [false, true]);
  });
  test('an unreadable include (a FIFO, a directory) is include-unreadable naming the path', () => {
    const reader: IncludeReader = () => ({ path: 'fifo.txt', error: 'fifo.txt is a FIFO (named pipe), not a regular file: only regular files are read' });
    const parsed = parseRequirementsFile('top.txt', 'a==1\n-r fifo.txt\n', { readInclude: reader });
    assert.deepEqual(parsed.diagnostics.map((d) => [d.code, d.line, d.message]), [['include-unreadable', 2, 'Could not open requirements file: fifo.txt is a FIFO (named pipe), not a regular file: only regular files are read']]);
  });
  const amplifications: Array<[string, string, Record<string, string>, RegExp]> = [
    ['50,000 -r of one file', '-r one.txt\n'.repeat(50_000), { 'one.txt': 'six==1.0\n' }, new RegExp(`more than ${PARSE_BUDGET.includes} -r/-c includes`)],
    ['an 8^5 fan-out through reuse', '-r l1.txt\n'.repeat(8), { 'l1.txt': '-r l2.txt\n'.repeat(8), 'l2.txt': '-r l3.txt\n'.repeat(8), 'l3.txt': '-r l4.txt\n'.repeat(8), 'l4.txt': '-r l5.txt\n'.repeat(8), 'l5.txt': 'six==1.0\n' }, /more than 1000 -r\/-c includes/],
    ['a file of 30,000 requirements included four times', '-r big.txt\n'.repeat(4), { 'big.txt': 'six==1.0\n'.repeat(30_000) }, /more than 100000 requirements/],
  ];
  for (const [what, top, files, message] of amplifications) {
    test(`${what}: one too-large diagnostic, in well under a second`, () => {
      const { reader } = counting(files);
      const started = performance.now();
      const parsed = parseRequirementsFile('top.txt', top, { readInclude: reader });
      const ms = performance.now() - started;
      const big = parsed.diagnostics.filter((d) => d.code === 'too-large');
      assert.equal(big.length, 1, JSON.stringify(parsed.diagnostics.slice(0, 3)));
      assert.match(big[0]!.message, message);
      assert.ok(parsed.entries.length <= PARSE_BUDGET.requirements);
      assert.ok(ms < 3000, `${what} took ${Math.round(ms)} ms`);
    });
  }
  test('50,000 lines of one file parse within the budget, quickly', () => {
    const text = Array.from({ length: 50_000 }, (_, i) => `pkg${i}==1.${i}  # pyup: ignore\n`).join('');
    const started = performance.now();
    const parsed = parseRequirementsFile('big.txt', text);
    const ms = performance.now() - started;
    assert.equal(parsed.entries.length, 50_000);
    assert.deepEqual(parsed.diagnostics, []);
    // Well under a second on an idle core; the bound leaves room for a loaded CI machine.
    assert.ok(ms < 5000, `50,000 lines took ${Math.round(ms)} ms`);
  });
});

describe('hostile input never throws', () => {
  const cases: Array<[string, string, (p: ReturnType<typeof parseRequirementsFile>) => void]> = [
    ['BOM + CRLF', '\uFEFF# python_version: 36\r\nfoo==1\r\n', (p) => {
      assert.deepEqual(p.pythonVersion, { value: '3.6', line: 1 });
      assert.deepEqual(p.entries.map((e) => [e.name, e.line]), [['foo', 2]]);
    }],
    ['lone CR moves line numbers as pip does', 'a==1\rb==2\r', (p) => assert.deepEqual(p.entries.map((e) => e.line), [1, 2])],
    ['U+FFFD is an encoding diagnostic plus whatever pip makes of the line', 'a==1\nfo\uFFFDo==1\n', (p) => {
      assert.deepEqual(p.diagnostics.map((d) => [d.code, d.line]), [['encoding', 2], ['invalid-line', 2]]);
      assert.deepEqual(p.entries.map((e) => e.name), ['a']);
    }],
    ['NUL bytes', 'a==1\n\0\0\0\nb==2', (p) => {
      assert.deepEqual(p.entries.map((e) => e.name), ['a', 'b']);
      assert.equal(p.diagnostics.length, 1);
    }],
    ['only backslashes', '\\\n\\\n\\', (p) => assert.deepEqual([p.entries.length, p.diagnostics.length], [0, 0])],
    ['unbalanced brackets and quotes', 'foo[bar\nfoo ; os_name == "x\nfoo (==1', (p) => {
      assert.equal(p.entries.length, 0);
      assert.deepEqual(p.diagnostics.map((d) => d.line), [1, 2, 3]);
    }],
  ];
  for (const [name, text, check] of cases) test(name, () => check(parseRequirementsFile('r.txt', text)));

  test('a 10 MB line is one bounded diagnostic, quickly', () => {
    const big = `foo=1 ${'x'.repeat(10 * 1024 * 1024)}`;
    const started = Date.now();
    const p = parseRequirementsFile('r.txt', `a==1\n${big}\nb==2\n`);
    assert.ok(Date.now() - started < 5000, 'parsing a 10 MB line took too long');
    assert.deepEqual(p.entries.map((e) => e.name), ['a', 'b']);
    assert.equal(p.diagnostics.length, 1);
    assert.ok((p.diagnostics[0]?.message.length ?? 0) < 1000, 'messages quote a bounded excerpt');
  });
  test('10 MB of comment and a 10 MB valid-looking name', () => {
    const p = parseRequirementsFile('r.txt', `# ${'c'.repeat(10 * 1024 * 1024)}\n${'n'.repeat(10 * 1024 * 1024)}==1\n`);
    assert.equal(p.entries.length, 1);
    assert.equal(p.entries[0]?.pinnedVersion, '1');
  });
});

describe('hashes and hash-checking mode (pip 23.2 cmdoptions / req_command)', () => {
  const cases: Array<[string, string, { hashMode: string | null; hashes: string[][]; comment?: string[][]; diagnostics?: RegExp[] }]> = [
    ['no hashes, no mode', 'a==1\nb==2\n', { hashMode: null, hashes: [[], []] }],
    ['one --hash turns the mode on for every line', `a==1 --hash=sha256:${A}\nb==2\n`, { hashMode: 'hash:1', hashes: [[`sha256:${A}`], []] }],
    ['--require-hashes alone', '--require-hashes\na==1\n', { hashMode: 'require-hashes:1', hashes: [[]] }],
    [
      'a comment before the continuation swallows the hash lines',
      `a==1  # pyup: ignore \\\n    --hash=sha256:${A} \\\n    --hash=sha256:${B}\n`,
      { hashMode: null, hashes: [[]], comment: [[`sha256:${A}`, `sha256:${B}`]] },
    ],
    [
      'swallowed hashes on one pin, real ones on another: mode on, the first has none',
      `a==1  # note \\\n    --hash=sha256:${A}\nb==2 \\\n    --hash=sha256:${B}\n`,
      { hashMode: 'hash:3', hashes: [[], [`sha256:${B}`]], comment: [[`sha256:${A}`], []] },
    ],
    [
      'pip-compile output: # via lines close the continuation',
      `anyio==4.5.2 ; python_full_version < "3.9" \\\n    --hash=sha256:${A}\n    # via httpx\nanyio==4.9.0 ; python_full_version >= "3.9" \\\n    --hash=sha256:${B}\n    # via\n    #   httpx\n`,
      { hashMode: 'hash:1', hashes: [[`sha256:${A}`], [`sha256:${B}`]] },
    ],
    ['a short digest: pip reads it, no file matches it', 'a==1 --hash=sha256:abcd\n', { hashMode: 'hash:1', hashes: [['sha256:abcd']], diagnostics: [/^Invalid hash --hash=sha256:abcd: the sha256 digest is not 64 hexadecimal digits/] }],
    ['an upper-case digest never matches in pip 23', `a==1 --hash=sha256:${A.toUpperCase()}\n`, { hashMode: 'hash:1', hashes: [[`sha256:${A.toUpperCase()}`]], diagnostics: [/is not lower-case/] }],
    ['a sha512 digest of sha256 length', `a==1 --hash=sha512:${A}\n`, { hashMode: 'hash:1', hashes: [[`sha512:${A}`]], diagnostics: [/the sha512 digest is not 128 hexadecimal digits/] }],
  ];
  for (const [title, text, want] of cases) {
    test(title, () => {
      const parsed = parseRequirementsFile('r.txt', text);
      const mode = parsed.hashMode ? `${parsed.hashMode.reason}:${parsed.hashMode.line}` : null;
      assert.equal(mode, want.hashMode);
      assert.deepEqual(parsed.entries.map((e) => e.hashes), want.hashes);
      if (want.comment) assert.deepEqual(parsed.entries.map((e) => e.commentHashes), want.comment);
      const problems = want.diagnostics ?? [];
      assert.equal(parsed.diagnostics.length, problems.length, JSON.stringify(parsed.diagnostics));
      problems.forEach((re, i) => {
        assert.equal(parsed.diagnostics[i]?.code, 'invalid-hash');
        assert.match(parsed.diagnostics[i]?.message ?? '', re);
      });
    });
  }
  test('an included file with hashes puts the including file in hash mode', () => {
    const reader: IncludeReader = (_from, target) => (target === 'base.txt' ? { path: 'base.txt', text: `b==2 --hash=sha256:${B}\n` } : null);
    const parsed = parseRequirementsFile('top.txt', 'a==1\n-r base.txt\n', { readInclude: reader });
    assert.deepEqual(parsed.hashMode, { reason: 'hash', source: 'base.txt', line: 1 });
  });
  test('50,000 hash lines parse in well under a second', () => {
    const lines: string[] = [];
    for (let p = 0; p < 5000; p++) {
      lines.push(`pkg${p}==1.0.${p} \\`);
      for (let h = 0; h < 10; h++) lines.push(`    --hash=sha256:${(p * 10 + h).toString(16).padStart(64, '0')}${h < 9 ? ' \\' : ''}`);
      lines.push('    # via something');
    }
    // CPU time, after a warm-up: the machine running the tests is shared, wall time is noise.
    const cpuMs = (run: () => void): number => {
      const before = process.cpuUsage();
      run();
      const used = process.cpuUsage(before);
      return (used.user + used.system) / 1000;
    };
    parseRequirementsFile('warm.txt', lines.slice(0, 6000).join('\n'));
    let parsed = parseRequirementsFile('empty.txt', '');
    const elapsed = cpuMs(() => {
      parsed = parseRequirementsFile('big.txt', lines.join('\n'));
    });
    assert.equal(parsed.entries.length, 5000);
    assert.equal(parsed.entries.reduce((n, e) => n + e.hashes.length, 0), 50_000);
    assert.ok(elapsed < 700, `took ${elapsed.toFixed(0)} ms of CPU`);
    // One logical line holding all of them (a pathological continuation) too.
    const one = `pkg==1 \\\n${Array.from({ length: 50_000 }, (_, i) => `  --hash=sha256:${i.toString(16).padStart(64, '0')}`).join(' \\\n')}\n`;
    let single = parsed;
    const oneMs = cpuMs(() => {
      single = parseRequirementsFile('one.txt', one);
    });
    assert.equal(single.entries[0]?.hashes.length, 50_000);
    assert.ok(oneMs < 700, `one line took ${oneMs.toFixed(0)} ms of CPU`);
  });
});
