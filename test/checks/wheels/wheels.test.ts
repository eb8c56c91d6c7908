import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckSettings } from '../../../src/checks/index.js';
import type { FileTargetConfig } from '../../../src/inventory/index.js';
import { MIRROR, runWheels, sha, universe } from './fixtures.js';
import type { Listing } from './fixtures.js';

const L = 'modules/x/files/requirements.txt';
const MAC = 'modules/x/files/mac_requirements.txt';
const PY2_MIRROR = '/srv/mirror/packages';
const HTTP_MIRROR = 'http://puppet.test:8080/python/packages-3.6/';
const HTTP_MIRROR_2 = 'http://puppet2.test/python/packages-3.6/';
const one: CheckSettings = { mirrors: [{ url: MIRROR, pythons: null }] };

type Expect = { code: string; target: string | null; package?: string; file?: string; severity?: string; message?: RegExp; suggestion?: RegExp; pip?: string };

interface Case {
  name: string;
  files: Record<string, string>;
  targets?: Record<string, FileTargetConfig>;
  index: Listing;
  mirror: Listing;
  settings?: CheckSettings;
  mirrorErrors?: string[];
  indexErrors?: string[];
  expect: Expect[];
  status: Record<string, string>;
  /** Projects the check may ask the index for (default: whatever it asks is not checked). */
  indexAsked?: string[];
}

const YARL_INDEX = [
  'yarl-1.2.6-cp36-cp36m-manylinux1_x86_64.whl',
  'yarl-1.2.6-cp37-cp37m-manylinux1_x86_64.whl',
  'yarl-1.2.6-cp36-cp36m-macosx_10_6_intel.whl',
  'yarl-1.2.6.tar.gz',
  'urllib3-1.24-py2.py3-none-any.whl',
  'urllib3-1.24.tar.gz',
];

const cases: Case[] = [
  {
    name: "the runbook's yarl case: one linux cp36 wheel on the mirror, two targets need index files; urllib3's universal wheel serves all",
    files: { [L]: 'yarl==1.2.6\nurllib3==1.24\n', [MAC]: '# python_version: 36\nyarl==1.2.6\nurllib3==1.24\n' },
    targets: { [L]: { pythons: ['3.6', '3.7'] } },
    index: YARL_INDEX,
    mirror: ['yarl-1.2.6-cp36-cp36m-manylinux1_x86_64.whl', 'urllib3-1.24-py2.py3-none-any.whl'],
    expect: [
      { code: 'missing-on-mirror', target: 'py3.6-macos-x86_64', package: 'yarl', file: 'yarl-1.2.6-cp36-cp36m-macosx_10_6_intel.whl', severity: 'error', message: /manylinux1_x86_64 is for Linux \(target is macOS 10\.9 x86_64\)/ },
      { code: 'missing-on-mirror', target: 'py3.7-linux-x86_64', package: 'yarl', file: 'yarl-1.2.6-cp37-cp37m-manylinux1_x86_64.whl', severity: 'error', message: /cp36-cp36m is for CPython 3\.6 \(target is CPython 3\.7\)/, suggestion: /sha256 [0-9a-f]{64}.*\/srv\/mirror\/packages-3\.6|\/srv\/mirror\/packages-3\.6.*sha256 [0-9a-f]{64}/, pip: `pip install --no-deps --no-index --find-links ${MIRROR} yarl==1.2.6` },
    ],
    status: { 'py3.6-linux-x86_64': 'pass', 'py3.7-linux-x86_64': 'fail', 'py3.6-macos-x86_64': 'fail' },
    indexAsked: ['yarl'],
  },
  {
    name: 'only an sdist fits: a warning that names the wheel the index has',
    files: { [L]: '# python_version: 36\nmultidict==4.4.2\n' },
    index: ['multidict-4.4.2-cp36-cp36m-manylinux1_x86_64.whl', 'multidict-4.4.2.tar.gz'],
    mirror: ['multidict-4.4.2.tar.gz'],
    expect: [{ code: 'sdist-only', target: 'py3.6-linux-x86_64', severity: 'warning', file: 'multidict-4.4.2.tar.gz', suggestion: /put multidict-4\.4\.2-cp36-cp36m-manylinux1_x86_64\.whl/ }],
    status: { 'py3.6-linux-x86_64': 'pass' },
  },
  {
    name: 'no file for the target anywhere: no-distribution, with what each side has',
    files: { [L]: '# python_version: 36\nfoo==1.0\n' },
    index: ['foo-1.0-cp37-cp37m-manylinux1_x86_64.whl'],
    mirror: ['foo-1.0-cp37-cp37m-manylinux1_x86_64.whl'],
    expect: [{ code: 'no-distribution', target: 'py3.6-linux-x86_64', severity: 'error', message: /the index has only foo-1\.0-cp37-cp37m-manylinux1_x86_64\.whl \(cp37-cp37m is for CPython 3\.7/ }],
    status: { 'py3.6-linux-x86_64': 'fail' },
  },
  {
    name: 'a release of eggs only, on the mirror and the index: no-distribution naming each egg, and that pip does not install eggs',
    files: { [L]: '# python_version: 36\nfoo==1.0\n' },
    index: ['foo-1.0-py3.6.egg', 'foo-1.0-py2.7.egg', 'foo-0.9-py3-none-any.whl'],
    mirror: ['foo-1.0-py3.6.egg'],
    expect: [{
      code: 'no-distribution', target: 'py3.6-linux-x86_64', severity: 'error',
      message: /the mirror has only foo-1\.0-py3\.6\.egg \(unsupported archive format: \.egg; pip does not install eggs\); the index has only foo-1\.0-py3\.6\.egg \(unsupported archive format: \.egg; pip does not install eggs\); foo-1\.0-py2\.7\.egg \(/,
      suggestion: /^pip does not install eggs \(foo-1\.0-py3\.6\.egg, foo-1\.0-py2\.7\.egg\), and no file of foo==1\.0 installs on py3\.6-linux-x86_64: pin a release that publishes a wheel or sdist/,
    }],
    status: { 'py3.6-linux-x86_64': 'fail' },
  },
  {
    name: 'an egg on the mirror, a wheel on the index: missing-on-mirror, naming the egg the mirror has',
    files: { [L]: '# python_version: 36\nfoo==1.0\n' },
    index: ['foo-1.0-py3-none-any.whl'],
    mirror: ['foo-1.0-py3.6.egg'],
    expect: [{ code: 'missing-on-mirror', target: 'py3.6-linux-x86_64', severity: 'error', file: 'foo-1.0-py3-none-any.whl', message: /the mirror has only foo-1\.0-py3\.6\.egg \(unsupported archive format: \.egg; pip does not install eggs\); the index has foo-1\.0-py3-none-any\.whl$/ }],
    status: { 'py3.6-linux-x86_64': 'fail' },
  },
  {
    name: 'a release the index does not have, and a project it does not know',
    files: { [L]: '# python_version: 36\nfoo==9.9\nghost==1.0\n' },
    index: ['foo-1.0-py3-none-any.whl'],
    mirror: [],
    expect: [
      { code: 'no-distribution', target: 'py3.6-linux-x86_64', package: 'foo', message: /the index has no file of foo==9\.9/ },
      { code: 'no-distribution', target: 'py3.6-linux-x86_64', package: 'ghost', message: /the index has no project ghost/ },
    ],
    status: { 'py3.6-linux-x86_64': 'fail' },
  },
  {
    name: 'nodownload pins: info when the mirror has them, a warning when not; never looked up on the index',
    files: { [L]: '# python_version: 36\nsigntool==2.0.3  # puppet: nodownload\nsecret==1.0  # puppet: nodownload\n' },
    index: [],
    mirror: ['signtool-2.0.3.tar.gz'],
    expect: [
      { code: 'nodownload-skipped', target: 'py3.6-linux-x86_64', package: 'signtool', severity: 'info' },
      { code: 'nodownload-missing', target: 'py3.6-linux-x86_64', package: 'secret', severity: 'warning', message: /mirror holds no file/ },
    ],
    status: { 'py3.6-linux-x86_64': 'pass' },
    indexAsked: [],
  },
  {
    name: "a mirror wheel whose Requires-Python excludes the target does not count; the index's older-python file does",
    files: { [L]: '# python_version: 36\nbar==2.0\n' },
    index: [{ filename: 'bar-2.0-py3-none-any.whl', requiresPython: '>=3.7' }, { filename: 'bar-2.0.tar.gz' }],
    mirror: [{ filename: 'bar-2.0-py3-none-any.whl', requiresPython: '>=3.7' }],
    expect: [{ code: 'missing-on-mirror', target: 'py3.6-linux-x86_64', file: 'bar-2.0.tar.gz', message: /Requires-Python >=3\.7 excludes 3\.6\.15/ }],
    status: { 'py3.6-linux-x86_64': 'fail' },
  },
  {
    name: 'yanked: a non-yanked file is preferred; a pin only yanked files offer still installs',
    files: { [L]: '# python_version: 36\nredo==2.0.3\nonly==1.0\n' },
    index: [
      { filename: 'redo-2.0.3-py2.py3-none-any.whl', yanked: 'broken' },
      'redo-2.0.3.tar.gz',
      { filename: 'only-1.0-py3-none-any.whl', yanked: '' },
    ],
    mirror: [],
    expect: [
      { code: 'missing-on-mirror', target: 'py3.6-linux-x86_64', package: 'redo', file: 'redo-2.0.3.tar.gz' },
      { code: 'missing-on-mirror', target: 'py3.6-linux-x86_64', package: 'only', file: 'only-1.0-py3-none-any.whl', message: /yanked/ },
    ],
    status: { 'py3.6-linux-x86_64': 'fail' },
  },
  {
    name: 'PEP 503 names: python_jose on the mirror serves Python.Jose',
    files: { [L]: '# python_version: 36\nPython.Jose==3.0.1\n' },
    index: [],
    mirror: ['python_jose-3.0.1-py2.py3-none-any.whl'],
    expect: [],
    status: { 'py3.6-linux-x86_64': 'pass' },
    indexAsked: [],
  },
  {
    name: 'py2 and py3 mirrors differ: the py2 target only sees its own mirror, and the file belongs there',
    files: { [L]: 'six==1.12.0\n' },
    targets: { [L]: { pythons: ['2.7', '3.6'] } },
    index: ['six-1.12.0-py2.py3-none-any.whl'],
    mirror: ['six-1.12.0-py2.py3-none-any.whl'],
    settings: { mirrors: [{ url: MIRROR, pythons: ['3.6', '3.7'] }, { url: PY2_MIRROR, pythons: ['2.7'] }] },
    expect: [{ code: 'missing-on-mirror', target: 'py2.7-linux-x86_64', suggestion: /mirror folder \/srv\/mirror\/packages:/, pip: `pip install --no-deps --no-index --find-links ${PY2_MIRROR} six==1.12.0` }],
    status: { 'py2.7-linux-x86_64': 'fail', 'py3.6-linux-x86_64': 'pass' },
  },
  {
    name: 'several mirrors: the union serves; a file only some list is an out-of-sync info; http mirrors are trusted hosts',
    files: { [L]: '# python_version: 36\nsix==1.12.0\n' },
    index: [],
    mirror: [{ filename: 'six-1.12.0-py2.py3-none-any.whl', source: HTTP_MIRROR }],
    settings: { mirrors: [{ url: HTTP_MIRROR, pythons: null }, { url: HTTP_MIRROR_2, pythons: null }] },
    expect: [{
      code: 'mirror-out-of-sync', target: null, severity: 'info', message: /not on http:\/\/puppet2\.test/,
      pip: `pip install --no-deps --no-index --find-links ${HTTP_MIRROR} --find-links ${HTTP_MIRROR_2} --trusted-host puppet.test:8080 --trusted-host puppet2.test six==1.12.0`,
    }],
    status: { 'py3.6-linux-x86_64': 'pass' },
  },
  {
    name: 'a file on a mirror the target does not use does not serve it',
    files: { [L]: '# python_version: 36\nsix==1.12.0\n' },
    index: ['six-1.12.0-py2.py3-none-any.whl'],
    mirror: [{ filename: 'six-1.12.0-py2.py3-none-any.whl', source: PY2_MIRROR }],
    settings: { mirrors: [{ url: MIRROR, pythons: ['3.6'] }, { url: PY2_MIRROR, pythons: ['2.7'] }] },
    expect: [{ code: 'missing-on-mirror', target: 'py3.6-linux-x86_64' }],
    status: { 'py3.6-linux-x86_64': 'fail' },
  },
  {
    name: 'an unreadable mirror listing is an error cell, never a missing file',
    files: { [L]: '# python_version: 36\nsix==1.12.0\n' },
    index: ['six-1.12.0-py2.py3-none-any.whl'],
    mirror: [],
    mirrorErrors: ['six'],
    expect: [{
      code: 'index-error', target: 'py3.6-linux-x86_64',
      message: /^Could not fetch URL https:\/\/mirror\.test\/pub\/: Connection aborted: ConnectionResetError\(104, 'Connection reset by peer'\) \(read ECONNRESET \(ECONNRESET\) after 3 retries\): the mirror listing of six could not be fetched from mirror\.test, so six==1\.12\.0 was not checked for py3\.6-linux-x86_64$/,
      suggestion: /^check that mirror\.test answers \(curl -sI https:\/\/mirror\.test\/pub\/\) and run again.*check --find-links \/ mirrors in \.pyup-checks\.yml$/,
    }],
    status: { 'py3.6-linux-x86_64': 'error' },
  },
  {
    name: 'the mirror lacks the file and the index page failed: an index-error naming the index host, never a missing-on-mirror',
    files: { [L]: '# python_version: 36\nsix==1.12.0\n' },
    index: [],
    mirror: [],
    indexErrors: ['six'],
    expect: [{
      code: 'index-error', target: 'py3.6-linux-x86_64',
      message: /^Could not fetch URL https:\/\/pypi\.test\/simple\/six\/: 503 Server Error \(HTTP 503 after 3 retries\): the index page of six could not be fetched from pypi\.test, so six==1\.12\.0 was not checked for py3\.6-linux-x86_64$/,
      suggestion: /check --index-url$/,
    }],
    status: { 'py3.6-linux-x86_64': 'error' },
  },
  {
    name: 'markers: a pin for python 2 only is not checked on python 3',
    files: { [L]: '# python_version: 36\nfutures==3.2.0; python_version < "3"\n' },
    index: [],
    mirror: [],
    expect: [],
    status: { 'py3.6-linux-x86_64': 'pass' },
    indexAsked: [],
  },
  {
    name: 'no mirror serves the target python: the cell cannot be checked',
    files: { [L]: '# python_version: 27\nsix==1.12.0\n' },
    index: [],
    mirror: [],
    settings: { mirrors: [{ url: MIRROR, pythons: ['3.6'] }] },
    expect: [],
    status: { 'py2.7-linux-x86_64': 'error' },
  },
];

describe('wheels check (pure, in-memory index and mirrors)', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const out = await runWheels(c.files, universe(c.index, c.mirror, { mirrorErrors: c.mirrorErrors ?? [], indexErrors: c.indexErrors ?? [] }), c.settings ?? one, c.targets ?? {});
      const got = out.findings.map((f) => `${f.code} ${f.target} ${f.package}`).sort();
      const want = c.expect.map((e) => `${e.code} ${e.target} ${e.package ?? out.findings.find((f) => f.code === e.code && f.target === e.target)?.package}`).sort();
      assert.deepEqual(got, want);
      for (const e of c.expect) {
        const f = out.findings.find((x) => x.code === e.code && x.target === e.target && (e.package === undefined || x.package === e.package));
        assert.ok(f, `${e.code} on ${e.target}`);
        assert.equal(f.check, 'wheels');
        assert.ok('pipCommand' in f.details && f.details.pipCommand.length > 0, 'every wheels finding carries the pip command');
        if (e.severity) assert.equal(f.severity, e.severity);
        if (e.message) assert.match(f.message, e.message);
        if (e.suggestion) assert.match(f.suggestion?.text ?? '', e.suggestion);
        if (e.pip) assert.equal(f.details.pipCommand, e.pip);
        if (f.code === 'index-error') {
          assert.ok('host' in f.details && f.details.host !== null && f.message.includes(`from ${f.details.host}`), 'an index-error names the host');
          assert.equal(f.severity, 'error');
        }
        if (e.file) {
          assert.ok('file' in f.details, `${f.code} names its file`);
          const file = f.details.file;
          assert.equal(file.filename, e.file);
          if (f.code === 'missing-on-mirror') {
            assert.equal(file.sha256, sha(e.file));
            assert.ok(file.url.endsWith(`/${e.file}`));
            assert.match(f.suggestion?.text ?? '', new RegExp(file.sha256 ?? 'no sha256'));
          }
        }
      }
      const status = Object.fromEntries(out.results.map((r) => [r.target, r.status]));
      assert.deepEqual(status, c.status);
      if (c.indexAsked) {
        assert.deepEqual([...new Set(out.asked.flatMap((n) => n.projects))].sort(), c.indexAsked);
      }
    });
  }

  test('the index URL named in missing-on-mirror is the index file, not a mirror one', async () => {
    const out = await runWheels({ [L]: '# python_version: 37\nyarl==1.2.6\n' }, universe(YARL_INDEX, []), one);
    const f = out.findings.find((x) => x.code === 'missing-on-mirror');
    assert.ok(f?.code === 'missing-on-mirror');
    assert.equal(f.details.file.url, 'https://files.pypi.test/yarl-1.2.6-cp37-cp37m-manylinux1_x86_64.whl');
    assert.equal(f.details.mirror, MIRROR);
  });
});
