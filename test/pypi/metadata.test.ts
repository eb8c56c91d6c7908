import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MetadataParseError, parseCoreMetadata, parseRequiresTxt, type CoreMetadata } from '../../src/pypi/index.js';
import { buildSdist, buildWheel, type ReleaseSpec } from '../support/distributions.js';
import { findPython, sitePackages } from '../support/pythons.js';

const BASE: CoreMetadata = {
  metadataVersion: '2.1',
  name: 'a',
  version: '1.0',
  requiresDist: [],
  requiresPython: null,
  providesExtra: [],
  summary: null,
  homePage: null,
  projectUrls: [],
};

describe('parseCoreMetadata', () => {
  const cases: Array<[string, string, Partial<CoreMetadata>]> = [
    ['minimal', 'Metadata-Version: 2.1\nName: a\nVersion: 1.0\n', {}],
    [
      'multiple-use fields, case-insensitive names, body ignored',
      'metadata-version: 2.1\nNAME: a\nVersion: 1.0\nRequires-Dist: six (>=1.9)\nrequires-dist: pyasn1; extra == "rsa"\nProvides-Extra: rsa\n\nRequires-Dist: body-not-header\n',
      { requiresDist: ['six (>=1.9)', 'pyasn1; extra == "rsa"'], providesExtra: ['rsa'] },
    ],
    [
      'CRLF, continuation lines, BOM, first of a repeated single field',
      '\uFEFFMetadata-Version: 2.1\r\nName: a\r\nVersion: 1.0\r\nVersion: 2.0\r\nSummary: one\r\n\ttwo\r\nRequires-Python: >=2.7,\r\n  !=3.0.*\r\n\r\nbody',
      { summary: 'one two', requiresPython: '>=2.7, !=3.0.*' },
    ],
    ['bare CR line ends', 'Metadata-Version: 1.0\rName: a\rVersion: 1.0\rSummary: s\r', { metadataVersion: '1.0', summary: 's' }],
    [
      'UNKNOWN placeholders, Project-URL labels, Home-page, Dynamic',
      'Metadata-Version: 2.2\nName: a\nVersion: 1.0\nSummary: UNKNOWN\nHome-page: UNKNOWN\nProject-URL: Source Code, https://github.com/x/y\nProject-URL: https://no-label.example\nDynamic: Requires-Dist\n',
      { metadataVersion: '2.2', projectUrls: [{ label: 'Source Code', url: 'https://github.com/x/y' }, { label: '', url: 'https://no-label.example' }], dynamic: ['requires-dist'] },
    ],
    ['Home-Page spelling', 'Name: a\nVersion: 1.0\nHome-Page: https://h.example\n', { metadataVersion: null, homePage: 'https://h.example' }],
    ['a non-header line ends the headers (email.parser)', 'Metadata-Version: 2.1\nName: a\nVersion: 1.0\nthis is not a header\nRequires-Dist: after\n', {}],
    ['empty Requires-Dist ignored', 'Metadata-Version: 2.1\nName: a\nVersion: 1.0\nRequires-Dist: \n', {}],
  ];
  for (const [name, text, want] of cases) test(name, () => assert.deepEqual(parseCoreMetadata(text), { ...BASE, ...want }));

  const bad: Array<[string, string, RegExp]> = [
    ['no Name', 'Metadata-Version: 2.1\nVersion: 1\n', /no Name/],
    ['no Version', 'Name: a\n', /no Version/],
    ['Name only in the body', '\nName: a\nVersion: 1\n', /no Name/],
    ['binary junk', '\u0000\u0001PK\u0003\u0004', /no Name/],
  ];
  for (const [name, text, re] of bad) {
    test(`error: ${name}`, () => assert.throws(() => parseCoreMetadata(text), (e: unknown) => e instanceof MetadataParseError && re.test(e.message) && e.input === text));
  }

  test('fixture wheel and sdist metadata round-trip', async () => {
    const release: ReleaseSpec = {
      version: '3.1.0',
      requiresDist: ['six', 'pyasn1; extra == "rsa"'],
      requiresPython: '>=3.6',
      extras: ['rsa'],
      projectUrls: [['Source', 'https://github.com/mpdavis/python-jose']],
      homePage: 'https://h.example',
      summary: 'JOSE',
    };
    for (const built of [await buildWheel('Python_Jose', release), await buildSdist('Python_Jose', release)]) {
      assert.deepEqual(parseCoreMetadata(built.metadata), {
        metadataVersion: '2.1',
        name: 'Python_Jose',
        version: '3.1.0',
        requiresDist: ['six', 'pyasn1; extra == "rsa"'],
        requiresPython: '>=3.6',
        providesExtra: ['rsa'],
        summary: 'JOSE',
        homePage: 'https://h.example',
        projectUrls: [{ label: 'Source', url: 'https://github.com/mpdavis/python-jose' }],
      });
    }
    const legacy = parseCoreMetadata((await buildSdist('a', release, { kind: 'sdist', noRequires: true })).metadata);
    assert.equal(legacy.metadataVersion, '1.1');
    assert.deepEqual(legacy.requiresDist, []);
  });

  test("real-world: pip's own METADATA in each python's site-packages", (t) => {
    let seen = 0;
    for (const minor of ['2.7', '3.6', '3.11', '3.13']) {
      const python = findPython(minor);
      if (!python) continue;
      for (const sp of sitePackages(python)) {
        for (const d of readdirSync(sp).filter((n) => /^pip-[\d.]+\.dist-info$/.test(n))) {
          const md = parseCoreMetadata(readFileSync(join(sp, d, 'METADATA'), 'utf8'));
          assert.equal(md.name, 'pip');
          assert.equal(md.version, d.slice(4, -'.dist-info'.length));
          assert.match(md.metadataVersion ?? '', /^[12]\.\d$/);
          assert.match(md.requiresPython ?? '', /^>=/);
          assert.ok(md.summary && md.summary.length > 5);
          seen++;
        }
      }
    }
    if (seen === 0) {
      // the CI rule of requirePython: the oracle pythons must be there
      assert.notEqual(process.env.CI, 'true', 'no pythons with pip found in CI');
      t.skip('no pythons with pip found');
    }
  });
});

describe('parseRequiresTxt', () => {
  const cases: Array<[string, string, string[]]> = [
    ['plain', 'six>=1.9\nrequests\n', ['six>=1.9', 'requests']],
    ['extra section', 'six\n\n[rsa]\npyasn1\n', ['six', 'pyasn1; extra == "rsa"']],
    ['marker section', '[:python_version < "3"]\nfutures\n', ['futures; python_version < "3"']],
    ['extra and marker', '[ec:python_version < "3"]\necdsa\n', ['ecdsa; (python_version < "3") and extra == "ec"']],
    ['URL requirement gets a space before ;', '[:sys_platform == "win32"]\npywin32 @ https://h.example/p.whl\n', ['pywin32 @ https://h.example/p.whl ; sys_platform == "win32"']],
    ['comments, blank lines, CRLF, continuation', '# c\r\nsix \\\r\n>=1.0\r\n\r\nfoo # trailing\r\n', ['six >=1.0', 'foo']],
    ['empty section', '[docs]\n\n[test]\npytest\n', ['pytest; extra == "test"']],
    ['own marker inside a section', '[x]\nfoo; os_name == "nt"\n', ['foo; (os_name == "nt") and (extra == "x")']],
    ['empty', '', []],
  ];
  for (const [name, text, want] of cases) test(name, () => assert.deepEqual(parseRequiresTxt(text), want));
});
