import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeName } from '../../src/names/index.js';
import { fileRequiresPythonOk, releasesOf, type ProjectFile, type ProjectPage } from '../../src/pypi/index.js';

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
