import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeName } from '../../src/names/index.js';
import { canonicalVersion, distributionOf, eggsAdmitted, fileRequiresPythonOk, filesOfRelease, groupByRelease, releasesOf, type ProjectFile, type ProjectPage } from '../../src/pypi/index.js';

function f(filename: string, requiresPython: string | null = null): ProjectFile {
  return { filename, url: `https://h/${filename}`, hashes: {}, requiresPython, yanked: null, coreMetadata: false, size: null, source: 'test' };
}

function pageOf(name: string, filenames: string[]): ProjectPage {
  return { name: normalizeName(name), url: 'https://h/simple/x/', files: filenames.map((n) => f(n)), versions: null, warnings: [] };
}

describe('releasesOf', () => {
  const cases: Array<{ name: string; project: string; files: string[]; want: Array<[string, string[]]>; warnings: RegExp[] }> = [
    {
      name: 'wheels and sdists of one release group; normalised keys; 1.0 and 1.0.0 stay apart',
      project: 'Python-Jose',
      files: ['python_jose-1.0-py3-none-any.whl', 'python-jose-1.0.tar.gz', 'Python_Jose-1.0.0.zip', 'python_jose-2.0RC1-py3-none-any.whl', 'python-jose-2.0.rc.1.tar.gz'],
      want: [
        ['1.0', ['python_jose-1.0-py3-none-any.whl', 'python-jose-1.0.tar.gz']],
        ['1.0.0', ['Python_Jose-1.0.0.zip']],
        ['2.0rc1', ['python_jose-2.0RC1-py3-none-any.whl', 'python-jose-2.0.rc.1.tar.gz']],
      ],
      warnings: [],
    },
    {
      name: 'legacy sdist names split with the project name (name-with-dashes-1.0-2)',
      project: 'foo-bar',
      files: ['foo-bar-1.0-2.tar.gz', 'foo_bar-1.0.post2-py2.py3-none-any.whl'],
      want: [['1.0.post2', ['foo-bar-1.0-2.tar.gz', 'foo_bar-1.0.post2-py2.py3-none-any.whl']]],
      warnings: [],
    },
    {
      name: 'non-PEP 440 versions kept raw and reported; foreign and non-dist files left out',
      project: 'pyyaml',
      files: ['PyYAML-3.10.tar.gz', 'PyYAML-3.10p1.tar.gz', 'PyYAML-dev.zip', 'other-1.0.tar.gz', 'PyYAML-3.10.win32-py2.7.exe', 'README'],
      want: [
        ['3.10', ['PyYAML-3.10.tar.gz']],
        ['3.10p1', ['PyYAML-3.10p1.tar.gz']],
        ['dev', ['PyYAML-dev.zip']],
      ],
      warnings: [/not PEP 440.*3\.10p1, dev/, /not distributions of this project.*other-1\.0\.tar\.gz, PyYAML-3\.10\.win32-py2\.7\.exe, README/],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const warnings: string[] = [];
      const got = releasesOf(pageOf(c.project, c.files), warnings);
      assert.deepEqual([...got].map(([v, fs]) => [v, fs.map((x) => x.filename)]), c.want);
      assert.equal(warnings.length, c.warnings.length, JSON.stringify(warnings));
      c.warnings.forEach((w, i) => assert.match(warnings[i] ?? '', w));
      assert.deepEqual(releasesOf(pageOf(c.project, c.files)), got); // warnings are optional and do not change the result
    });
  }
});

describe('canonicalVersion: one spelling per equal version', () => {
  const cases: Array<[string, string]> = [
    ['2.0', '2'], ['2.0.0', '2'], ['2', '2'], ['1.0a1', '1a1'], ['1.0.A1', '1a1'], ['1.0.post0', '1.post0'],
    ['0!1.0.dev1', '1.dev1'], ['1!2.0', '1!2'], ['1.0+local.7', '1+local.7'], ['1.10', '1.10'], ['0.8.7p1', '0.8.7p1'],
  ];
  for (const [input, want] of cases) test(`${input} → ${want}`, () => assert.equal(canonicalVersion(input), want));
});

describe('filesOfRelease: the files of one release, by PEP 440 equality', () => {
  const page = pageOf('Python-Jose', [
    'python_jose-2.0-py3-none-any.whl', 'python-jose-2.0.0.tar.gz', 'python_jose-2.0+local.1-py3-none-any.whl',
    'python_jose-1.0.A1-py3-none-any.whl', 'python-jose-1.0a1.zip', 'python-jose-2.0.tar.bz2', 'python-jose-0.8.7p1.tar.gz', 'other-2.0.tar.gz',
  ]);
  const cases: Array<[string, string[]]> = [
    ['2.0', ['python_jose-2.0-py3-none-any.whl', 'python-jose-2.0.tar.bz2', 'python-jose-2.0.0.tar.gz']], // 2.0 and 2.0.0 joined; every sdist format
    ['2', ['python_jose-2.0-py3-none-any.whl', 'python-jose-2.0.tar.bz2', 'python-jose-2.0.0.tar.gz']],
    ['2.0+local.1', ['python_jose-2.0+local.1-py3-none-any.whl']], // the local label must match
    ['1.0.a1', ['python_jose-1.0.A1-py3-none-any.whl', 'python-jose-1.0a1.zip']],
    ['0.8.7p1', ['python-jose-0.8.7p1.tar.gz']], // not PEP 440: itself only
    ['0.8.7', []],
    ['3.0', []],
  ];
  for (const [version, want] of cases) {
    test(`${version} → ${want.length} files`, () => assert.deepEqual(filesOfRelease(page, page.name, version).map((x) => x.filename), want));
  }
  test('a copy each time: a caller that changes its list does not change the next answer', () => {
    const first = filesOfRelease(page, page.name, '2.0');
    first.length = 0;
    assert.equal(filesOfRelease(page, page.name, '2.0').length, 3);
  });
  test('grouped for the name asked (a page read as another project regroups)', () => {
    assert.deepEqual(filesOfRelease(page, normalizeName('other'), '2.0').map((x) => x.filename), ['other-2.0.tar.gz']);
    assert.equal(filesOfRelease(page, page.name, '2.0').length, 3);
  });
  test('groupByRelease over a file list is releasesOf of the same files; distributionOf parses once per file and project', () => {
    assert.deepEqual(groupByRelease(page.files, page.name), releasesOf(page));
    const file = page.files[0]!;
    assert.equal(distributionOf(file, page.name), distributionOf(file, page.name));
    assert.equal(distributionOf(file, 'other').name, null);
    assert.equal(distributionOf(file, page.name).version?.toString(), '2.0');
  });
  test('a 4,000-file page is grouped once for many releases (50 look-ups well under a second)', () => {
    const big = pageOf('big', Array.from({ length: 4000 }, (_, i) => `big-${Math.floor(i / 4)}.${i % 4}.tar.gz`));
    const started = performance.now();
    let found = 0;
    for (let r = 0; r < 50; r++) found += filesOfRelease(big, big.name, `${r * 7}.1`).length;
    assert.equal(found, 50);
    assert.ok(performance.now() - started < 1000, `${Math.round(performance.now() - started)} ms`);
  });
});

describe('fileRequiresPythonOk', () => {
  const cases: Array<[string | null, string, boolean]> = [
    [null, '2.7.18', true],
    ['', '2.7.18', true],
    ['>=3.6', '3.6.15', true],
    ['>=3.6', '2.7.18', false],
    ['>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*', '3.3.7', false],
    ['>=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*', '3.4.0', true],
    ['~=3.7', '3.11.7', true],
    ['<3.11', '3.11.0', false],
    ['==3.6.*', '3.6.15', true],
    ['>3.6', '3.6.15', true], // > excludes post-releases of 3.6, not 3.6.15
    ['not a specifier', '2.7.18', true], // pip ignores an unparseable Requires-Python
    ['>=3.6.*', '2.7.18', true], // invalid under packaging 22+: ignored
    ['>= 3.6', '3.6.0', true],
    ['>=3.13', '3.13.0rc1', true], // pip compares sys.version_info[:3] (3.13.0), never the interpreter's rc tag
  ];
  for (const [rp, py, want] of cases) test(`${JSON.stringify(rp)} on ${py}`, () => assert.equal(fileRequiresPythonOk(f('a-1.zip', rp), py), want));
});

describe('eggsAdmitted: the eggs a listing holds of an exact pin or a range (no release groups them)', () => {
  const files = ['Foo_Bar-1.0-py3.6.egg', 'foo_bar-1.0.0-py2.7-linux-x86_64.egg', 'foo_bar-1.0-py3-none-any.whl', 'foo_bar-2.0-py3.6.egg', 'foo-1.0-py3.6.egg', 'foo_bar.egg'].map((n) => f(n));
  const cases: Array<[string, string[]]> = [
    ['==1.0', ['Foo_Bar-1.0-py3.6.egg', 'foo_bar-1.0.0-py2.7-linux-x86_64.egg']], // PEP 440 equality: 1.0.0 is 1.0
    ['==2.0', ['foo_bar-2.0-py3.6.egg']],
    ['==3.0', []],
  ];
  for (const [spec, want] of cases) test(`foo-bar ${spec}`, () => assert.deepEqual(eggsAdmitted(files, 'foo-bar', spec).map((e) => e.filename), want));

  // A range names the eggs it admits, as pip would choose among releases (pre-releases only when nothing else fits).
  const ranged: Array<[string, string[]]> = [
    ['>=2.0', ['foo_bar-2.0-py3.6.egg']],
    ['<2', ['Foo_Bar-1.0-py3.6.egg', 'foo_bar-1.0.0-py2.7-linux-x86_64.egg']],
    ['', ['Foo_Bar-1.0-py3.6.egg', 'foo_bar-1.0.0-py2.7-linux-x86_64.egg', 'foo_bar-2.0-py3.6.egg']],
    ['>=3', []],
    ['=>2', []], // a specifier pip refuses admits nothing
  ];
  for (const [spec, want] of ranged) test(`foo-bar ${JSON.stringify(spec)}`, () => assert.deepEqual(eggsAdmitted(files, 'foo-bar', spec).map((e) => e.filename), want));

  test('eggs are in no release', () => assert.deepEqual([...releasesOf(pageOf('foo-bar', files.map((e) => e.filename))).keys()], ['1.0']));
});
