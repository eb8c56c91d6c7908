import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKS, runChecks } from '../../src/checks/index.js';
import type { Finding } from '../../src/findings/index.js';
import { buildInventory } from '../../src/inventory/index.js';
import { normalizeName } from '../../src/names/index.js';
import { fetcherFrom, snapshotOf } from './snapshot.js';
import type { IndexDesc } from './snapshot.js';
import { TASKCLUSTER_INDEX as TC } from './snapshot.js';
import { FindingSchema } from '../../src/findings/index.js';

const compat = CHECKS.filter((c) => c.id === 'compat');
const empty = () => ({ index: new Map(), mirror: new Map(), metadata: new Map() });

async function runCompat(files: Record<string, string>, desc: IndexDesc, opts: { pythons?: string[]; errors?: string[]; mirror?: IndexDesc; mirrorErrors?: string[] } = {}) {
  const inventory = buildInventory(Object.entries(files).map(([path, text]) => ({ path, text })), opts.pythons ? { pythons: opts.pythons } : {});
  const log: string[] = [];
  const out = await runChecks(compat, inventory, empty(), fetcherFrom(snapshotOf(desc, opts), log));
  for (const f of out.findings) FindingSchema.parse(f); // every finding matches its code's row of the codes table
  return { ...out, log };
}


const M = 'modules/x/files/requirements.txt';
type Expect = { code: string; package: string; line: number | null; target?: string | null; to?: string | null; message?: RegExp; details?: object };

interface Case {
  name: string;
  text: string;
  index: IndexDesc;
  pythons?: string[];
  errors?: string[];
  mirrorErrors?: string[];
  /** What the mirror (find-links) lists. */
  mirror?: IndexDesc;
  expect: Expect[];
  status: Record<string, string>;
}

const cases: Case[] = [
  {
    name: 'the taskcluster / taskcluster-urls conflict, fixed from the release history',
    text: '# python_version: 36\nslugid==1.0.7\ntaskcluster==5.0.0\ntaskcluster-urls==11.0.0\n',
    index: TC,
    expect: [{ code: 'conflict', package: 'taskcluster-urls', line: 4, target: 'py3.6-linux-x86_64', to: '10.1.2', message: /^taskcluster 5\.0\.0 has requirement taskcluster-urls<11,>=10\.1\.0, but you'll have taskcluster-urls 11\.0\.0 which is incompatible\.$/ }],
    status: { 'py3.6-linux-x86_64': 'fail' },
  },
  {
    name: 'a missing transitive dependency names the highest release every dependent accepts for every target python',
    text: 'taskcluster==4.0.1\ntaskcluster-urls==11.0.0\n',
    index: TC,
    pythons: ['2.7', '3.6'],
    expect: [
      { code: 'missing-dependency', package: 'slugid', line: 1, target: 'py2.7-linux-x86_64', to: '1.0.7', message: /^taskcluster 4\.0\.1 requires slugid, which is not installed\.$/ },
      { code: 'missing-dependency', package: 'slugid', line: 1, target: 'py3.6-linux-x86_64', to: '1.0.7' },
    ],
    status: { 'py2.7-linux-x86_64': 'fail', 'py3.6-linux-x86_64': 'fail' },
  },
  {
    name: 'a pre-release python is compared as pip does, by its release (3.13.0rc1 as 3.13.0), in METADATA and file Requires-Python alike',
    text: 'newlib==1.0\noldlib==1.0\n',
    index: { newlib: { '1.0': { requiresPython: '>=3.13' } }, oldlib: { '1.0': { requiresPython: '<3.13', fileRequiresPython: '' } } },
    pythons: ['3.13.0rc1'],
    expect: [{ code: 'requires-python', package: 'oldlib', line: 2, target: 'py3.13-linux-x86_64', message: /requires a different Python: 3\.13\.0rc1 not in '<3\.13'/ }],
    status: { 'py3.13-linux-x86_64': 'fail' },
  },
  {
    name: 'a pin the index does not have',
    text: '# python_version: 36\nslugid==9.9\n',
    index: TC,
    expect: [{ code: 'unknown-version', package: 'slugid', line: 2, to: '2.0.0', message: /from versions: 1\.0\.7, 2\.0\.0/ }],
    status: { 'py3.6-linux-x86_64': 'fail' },
  },
  {
    name: 'a release of eggs only is no release to pip: unknown-version, naming the eggs and why',
    text: '# python_version: 36\nslugid==3.0\n',
    index: { slugid: { '2.0.0': {}, '3.0': { wheels: [], eggs: ['3.6', '2.7'] } } },
    expect: [{
      code: 'unknown-version', package: 'slugid', line: 2, to: '2.0.0',
      message: /\(from versions: 2\.0\.0\)\. No matching distribution found for slugid==3\.0: the index has only slugid-3\.0-py3\.6\.egg, slugid-3\.0-py2\.7\.egg of it \(unsupported archive format: \.egg; pip does not install eggs\)$/,
      details: { index: 'release not listed', eggs: ['slugid-3.0-py3.6.egg', 'slugid-3.0-py2.7.egg'] },
    }],
    status: { 'py3.6-linux-x86_64': 'fail' },
  },
  {
    name: 'a range only eggs meet: unknown-version, naming the eggs it admits and why',
    text: '# python_version: 36\nslugid>=3.0\n',
    index: { slugid: { '2.0.0': {}, '3.0': { wheels: [], eggs: ['3.6'] }, '3.1': { wheels: [], eggs: ['3.6'] } } },
    expect: [{
      code: 'unknown-version', package: 'slugid', line: 2,
      message: /\(from versions: 2\.0\.0\)\. No matching distribution found for slugid>=3\.0: the index has only slugid-3\.0-py3\.6\.egg, slugid-3\.1-py3\.6\.egg of it \(unsupported archive format: \.egg; pip does not install eggs\)$/,
      details: { eggs: ['slugid-3.0-py3.6.egg', 'slugid-3.1-py3.6.egg'] },
    }, { code: 'not-pinned', package: 'slugid', line: 2 }],
    status: { 'py3.6-linux-x86_64': 'fail' },
  },
  {
    name: 'a bare requirement on setuptools is met by the venv below python 3.12 (a warning, the cell passes), and missing on 3.12; with a version it needs a pin',
    text: 'jsonschema==3.1.1\nlegacy==1.0\n',
    index: { jsonschema: { '3.1.1': { requires: ['setuptools'] } }, legacy: { '1.0': { requires: ['setuptools>=40'] } }, setuptools: { '40.6.2': {}, '41.0.0': {} } },
    pythons: ['3.6', '3.12'],
    expect: [
      { code: 'missing-dependency', package: 'setuptools', line: 1, target: 'py3.12-linux-x86_64', message: /^jsonschema 3\.1\.1 requires setuptools, which is not installed\.$/ },
      { code: 'missing-dependency', package: 'setuptools', line: 2, target: 'py3.12-linux-x86_64' },
      { code: 'seeded-dependency', package: 'setuptools', line: 1, target: 'py3.6-linux-x86_64', to: '41.0.0', message: /^jsonschema 3\.1\.1 requires setuptools, which the file does not pin: a virtual environment for python 3\.6 starts with its own setuptools/ },
      { code: 'missing-dependency', package: 'setuptools', line: 2, target: 'py3.6-linux-x86_64', to: '41.0.0' },
    ],
    status: { 'py3.6-linux-x86_64': 'fail', 'py3.12-linux-x86_64': 'fail' },
  },
  {
    name: 'a bare requirement on setuptools alone: the cell passes below python 3.12',
    text: 'jsonschema==3.1.1\n',
    index: { jsonschema: { '3.1.1': { requires: ['setuptools'] } }, setuptools: { '40.6.2': {} } },
    pythons: ['3.6'],
    expect: [{ code: 'seeded-dependency', package: 'setuptools', line: 1, target: 'py3.6-linux-x86_64', to: '40.6.2' }],
    status: { 'py3.6-linux-x86_64': 'pass' },
  },
  {
    name: 'a release that dropped the target python',
    text: '# python_version: 27\nmore-itertools==6.0.0\nsix==1.12.0\n',
    index: { 'more-itertools': { '5.0.0': { requires: ['six<2.0.0,>=1.0.0'] }, '6.0.0': { requiresPython: '>=3.4' } }, six: { '1.12.0': {} } },
    expect: [{ code: 'requires-python', package: 'more-itertools', line: 2, to: '5.0.0', message: /requires a different Python: 2\.7\.18 not in '>=3\.4'/ }],
    status: { 'py2.7-linux-x86_64': 'fail' },
  },
  {
    name: 'a yanked pin warns, and passes',
    text: '# python_version: 36\nredo==2.0.3\n',
    index: { redo: { '1.6': {}, '2.0.2': {}, '2.0.3': { yanked: 'broken retry' } } },
    expect: [{ code: 'yanked', package: 'redo', line: 2, to: '2.0.2' }],
    status: { 'py3.6-linux-x86_64': 'pass' },
  },
  {
    name: 'a dependency behind a python_version marker applies to one target only',
    text: 'aiohttp==3.4.4\n',
    index: { aiohttp: { '3.4.4': { requires: ['idna-ssl>=1.0; python_version<"3.7"'] } }, 'idna-ssl': { '1.1.0': {} } },
    pythons: ['3.6', '3.7'],
    expect: [{ code: 'missing-dependency', package: 'idna-ssl', line: 1, target: 'py3.6-linux-x86_64', to: '1.1.0' }],
    status: { 'py3.6-linux-x86_64': 'fail', 'py3.7-linux-x86_64': 'pass' },
  },
  {
    name: 'extras requested on the pin pull in their requirements',
    text: '# python_version: 36\nrequests[security]==2.20.0\n',
    index: { requests: { '2.20.0': { requires: ['pyOpenSSL>=0.14; extra == "security"'] } }, pyopenssl: { '18.0.0': {} } },
    expect: [{ code: 'missing-dependency', package: 'pyopenssl', line: 2, to: '18.0.0' }],
    status: { 'py3.6-linux-x86_64': 'fail' },
  },
  {
    name: 'extras not requested are not required',
    text: '# python_version: 36\nrequests==2.20.0\n',
    index: { requests: { '2.20.0': { requires: ['pyOpenSSL>=0.14; extra == "security"'] } } },
    expect: [],
    status: { 'py3.6-linux-x86_64': 'pass' },
  },
  {
    name: 'extras requested by a dependent are followed (extras closure)',
    text: '# python_version: 36\napp==1.0\nrequests==2.20.0\n',
    index: { app: { '1.0': { requires: ['requests[security]>=2'] } }, requests: { '2.20.0': { requires: ['pyOpenSSL>=0.14; extra == "security"'] } }, pyopenssl: { '18.0.0': {} } },
    expect: [{ code: 'missing-dependency', package: 'pyopenssl', line: 3, to: '18.0.0' }],
    status: { 'py3.6-linux-x86_64': 'fail' },
  },
  {
    name: 'an extra that names its own project pulls in the extras it lists (pkg[all] → pkg[security])',
    text: '# python_version: 36\nrequests[all]==2.20.0\n',
    index: { requests: { '2.20.0': { requires: ['requests[security]; extra == "all"', 'pyOpenSSL>=0.14; extra == "security"'] } }, pyopenssl: { '18.0.0': {} } },
    expect: [{ code: 'missing-dependency', package: 'pyopenssl', line: 2, to: '18.0.0' }],
    status: { 'py3.6-linux-x86_64': 'fail' },
  },
  {
    name: 'an installed pre-release satisfies a requirement, as pip check decides',
    text: '# python_version: 36\nx==1.0\ny==2.0b1\n',
    index: { x: { '1.0': { requires: ['y>=1.0'] } }, y: { '1.0': {}, '2.0b1': {} } },
    expect: [],
    status: { 'py3.6-linux-x86_64': 'pass' },
  },
  {
    name: 'names compare by PEP 503 normalisation',
    text: '# python_version: 36\nx==1.0\nZope.Interface==4.5.0\n',
    index: { x: { '1.0': { requires: ['zope_interface<4.5'] } }, 'zope.interface': { '4.4.3': {}, '4.5.0': {} } },
    expect: [{ code: 'conflict', package: 'zope-interface', line: 3, to: '4.4.3' }],
    status: { 'py3.6-linux-x86_64': 'fail' },
  },
  {
    name: 'when no release of the dependency fits, the lowest newer dependent that accepts the pin',
    text: '# python_version: 36\nx==1.0\ny==2.0\n',
    index: { x: { '1.0': { requires: ['y<1.5,>=1'] }, '1.1': { requires: ['y<1.5,>=1'] }, '1.2': { requires: ['y>=2'] }, '1.3': { requires: ['y>=2'] } }, y: { '2.0': {}, '3.0': {} } },
    expect: [{ code: 'conflict', package: 'y', line: 3, to: '1.2' }],
    status: { 'py3.6-linux-x86_64': 'fail' },
  },
  {
    name: 'a pin written 1.0 matches the release 1.0.0 (PEP 440 equality)',
    text: '# python_version: 36\nx==1.0\n',
    index: { x: { '1.0.0': {} } },
    expect: [],
    status: { 'py3.6-linux-x86_64': 'pass' },
  },
  {
    name: 'metadata that cannot be known is an error, never a silent pass',
    text: '# python_version: 36\nx==1.0\n',
    index: { x: { '1.0': { sdist: true, metadata: 'unavailable' } } },
    expect: [{ code: 'metadata-unavailable', package: 'x', line: 2 }],
    status: { 'py3.6-linux-x86_64': 'fail' },
  },
  {
    name: 'metadata the index failed to deliver is an index-error naming the host (the cell an error, exit 3), not metadata-unavailable',
    text: '# python_version: 36\nx==1.0\n',
    index: { x: { '1.0': { metadata: 'infrastructure' } } },
    expect: [{ code: 'index-error', package: 'x', line: 2, message: /^Could not fetch URL http:\/\/127\.0\.0\.1:1\/files\/x-1\.0-py2\.py3-none-any\.whl: 503 Server Error \(.*\): the metadata of x 1\.0 could not be fetched from 127\.0\.0\.1:1, so its dependencies were not checked$/ }],
    status: { 'py3.6-linux-x86_64': 'error' },
  },
  {
    name: 'metadata lost to the index still lets the listing\'s own verdicts stand (yanked)',
    text: '# python_version: 36\nx==1.0\n',
    index: { x: { '1.0': { metadata: 'infrastructure', yanked: 'broken' } } },
    expect: [{ code: 'yanked', package: 'x', line: 2 }, { code: 'index-error', package: 'x', line: 2, message: /127\.0\.0\.1:1/ }],
    status: { 'py3.6-linux-x86_64': 'error' },
  },
  {
    name: 'an index page that failed makes the cell an error',
    text: '# python_version: 36\nx==1.0\n',
    index: {},
    errors: ['x'],
    expect: [{ code: 'index-error', package: 'x', line: 2, message: /^Could not fetch URL http:\/\/127\.0\.0\.1:1\/simple\/x\/: 500 Server Error \(HTTP 500 after 3 retries\): the index page of x could not be fetched from 127\.0\.0\.1:1, so x==1\.0 was not checked$/ }],
    status: { 'py3.6-linux-x86_64': 'error' },
  },
  {
    name: 'a nodownload pin whose mirror listing failed is an index-error naming the mirror host, not a skip',
    text: '# python_version: 36\nsigntool==2.0.3  # puppet: nodownload\nsix==1.11.0\n',
    index: { six: { '1.11.0': {} } },
    mirrorErrors: ['signtool'],
    expect: [{ code: 'index-error', package: 'signtool', line: 2, target: 'py3.6-linux-x86_64', message: /^Could not fetch URL http:\/\/127\.0\.0\.2:8\/links\/: 502 Server Error \(HTTP 502 after 3 retries\): the mirror listing of signtool could not be fetched from 127\.0\.0\.2:8, so signtool==2\.0\.3 was not checked$/ }],
    status: { 'py3.6-linux-x86_64': 'error' },
  },
  {
    name: 'a nodownload pin whose metadata the mirror failed to deliver is an index-error, not a skip',
    text: '# python_version: 36\nsigntool==2.0.3  # puppet: nodownload\nsix==1.11.0\n',
    index: { six: { '1.11.0': {} } },
    mirror: { signtool: { '2.0.3': { metadata: 'infrastructure' } } },
    expect: [{ code: 'index-error', package: 'signtool', line: 2, target: 'py3.6-linux-x86_64', message: /: the metadata of signtool 2\.0\.3 could not be fetched from 127\.0\.0\.1:1, so its dependencies were not checked$/ }],
    status: { 'py3.6-linux-x86_64': 'error' },
  },
  {
    name: 'a range pin is checked with the release pip would pick, and warned about',
    text: '# python_version: 36\nx>=1.0\ny==1.0\n',
    index: { x: { '1.0': { requires: ['y>=1'] }, '2.0': { requires: ['y>=2'] } }, y: { '1.0': {}, '2.0': {} } },
    expect: [
      { code: 'not-pinned', package: 'x', line: 2, target: null },
      { code: 'conflict', package: 'y', line: 3, to: '2.0' },
    ],
    status: { 'py3.6-linux-x86_64': 'fail' },
  },
  {
    name: 'nodownload pins are skipped with an info, and still count for dependents',
    text: '# python_version: 36\nx==1.0\nsigntool==2.0.3  # puppet: nodownload\n',
    index: { x: { '1.0': { requires: ['signtool>=2'] } } },
    expect: [{ code: 'nodownload-skipped', package: 'signtool', line: 3, target: null }],
    status: { 'py3.6-linux-x86_64': 'pass' },
  },
  {
    name: 'a nodownload pin the mirror holds is read from the mirror: its own dependencies are checked',
    text: '# python_version: 36\nsigntool==2.0.3  # puppet: nodownload\nsix==1.11.0\n',
    index: { six: { '1.11.0': {}, '1.12.0': {} } },
    mirror: { signtool: { '2.0.3': { requires: ['six>=1.12.0'] } }, six: { '1.11.0': {} } },
    expect: [{ code: 'conflict', package: 'six', line: 3, target: 'py3.6-linux-x86_64', to: '1.12.0', message: /^signtool 2\.0\.3 has requirement six>=1\.12\.0, but you'll have six 1\.11\.0 which is incompatible\.$/ }],
    status: { 'py3.6-linux-x86_64': 'fail' },
  },
  {
    name: 'a nodownload pin the mirror lacks is still skipped, saying so',
    text: '# python_version: 36\nsigntool==2.0.3  # puppet: nodownload\nsix==1.11.0\n',
    index: { six: { '1.11.0': {} } },
    mirror: { signtool: { '2.0.2': { requires: ['six>=1.12.0'] } } },
    expect: [{ code: 'nodownload-skipped', package: 'signtool', line: 2, target: null, message: /the mirror has no file of it/ }],
    status: { 'py3.6-linux-x86_64': 'pass' },
  },
  {
    // The inventory reports the line (`invalid-line`); the cell must not pass a file pip refuses to read.
    name: 'a line pip cannot parse fails the file on every target',
    text: 'six==1.11.0\nscriptworker=12.0.0\n',
    index: { six: { '1.11.0': {} } },
    pythons: ['2.7', '3.6'],
    expect: [],
    status: { 'py2.7-linux-x86_64': 'fail', 'py3.6-linux-x86_64': 'fail' },
  },
  {
    name: 'the same name pinned twice at different versions',
    text: '# python_version: 36\nx==1.0\nx==2.0\n',
    index: { x: { '1.0': {}, '2.0': {} } },
    expect: [{ code: 'conflict', package: 'x', line: 3, message: /^Double requirement given: x==2\.0 \(already in x==1\.0, name='x'\)$/ }],
    status: { 'py3.6-linux-x86_64': 'fail' },
  },
];

function summary(f: Finding) {
  return { code: f.code, package: f.package, line: f.line };
}

describe('compat', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const out = await runCompat({ [M]: c.text }, c.index, { ...(c.pythons ? { pythons: c.pythons } : {}), ...(c.errors ? { errors: c.errors } : {}), ...(c.mirror ? { mirror: c.mirror } : {}), ...(c.mirrorErrors ? { mirrorErrors: c.mirrorErrors } : {}) });
      const got = out.findings.map(summary).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      const want = c.expect.map((e) => ({ code: e.code, package: e.package, line: e.line }));
      // Every expected finding once per target it names (or per target when unnamed and target-specific).
      for (const e of c.expect) {
        const matches = out.findings.filter((f) => f.code === e.code && f.package === e.package && f.line === e.line && (e.target === undefined || f.target === e.target));
        assert.ok(matches.length > 0, `expected ${JSON.stringify(e)} in ${JSON.stringify(out.findings, null, 1)}`);
        for (const m of matches) {
          if (e.message) assert.match(m.message, e.message);
          if (e.details) assert.deepEqual(m.details, e.details);
          if (e.to !== undefined) {
            const to = m.suggestion?.changes[0]?.to ?? null;
            assert.equal(to, e.to, `suggestion for ${e.code}: ${m.suggestion?.text}`);
          }
        }
      }
      assert.deepEqual([...new Set(got.map((g) => JSON.stringify(g)))].sort(), [...new Set(want.map((w) => JSON.stringify(w)))].sort());
      const status = Object.fromEntries(out.results.map((r) => [r.target, r.status]));
      assert.deepEqual(status, c.status);
      for (const f of out.findings) {
        assert.ok(f.file === M && f.module === 'x', 'every finding names its file and module');
        if (f.severity === 'error') assert.ok(f.suggestion, `error ${f.code} carries a fix`);
      }
    });
  }

  test('a project a local index holds where pip does not look: unknown-version, with what is on disk and the way out', async () => {
    const full = snapshotOf(TC);
    const hint = '/srv/index/six/ holds files of six but no index.html, and pip reads only the index.html of a local index\'s project folder';
    full.index.set(normalizeName('six'), { status: 'not-found', url: 'file:///srv/index/six/', hint });
    const inventory = buildInventory([{ path: M, text: '# python_version: 36\nsix==1.12.0\n' }]);
    const out = await runChecks(compat, inventory, empty(), fetcherFrom(full));
    const f = out.findings.find((x) => x.code === 'unknown-version');
    FindingSchema.parse(f);
    assert.equal(f?.message, `Could not find a version that satisfies the requirement six==1.12.0 (from versions: none). No matching distribution found for six==1.12.0: ${hint}`);
    assert.deepEqual(f?.details, { index: 'project not found', hint });
    assert.deepEqual(out.results.map((r) => r.status), ['fail']);
  });

  test('a long run of releases whose METADATA Requires-Python excludes the target costs a few rounds, and is never suggested', async () => {
    // No file says Requires-Python (an index without data-requires-python): only the metadata does.
    const x: IndexDesc[string] = { '1.0': {} };
    for (let i = 1; i <= 40; i++) x[`2.${i}`] = { requiresPython: '>=3.8', fileRequiresPython: '' };
    const out = await runCompat({ [M]: '# python_version: 36\nx==9.9\n' }, { x });
    const unknown = out.findings.find((f) => f.code === 'unknown-version');
    assert.equal(unknown?.suggestion?.changes[0]?.to, '1.0', unknown?.suggestion?.text);
    assert.ok(out.rounds <= 8, `${out.rounds} rounds`);
  });

  test('each (package, version) is fetched once, whatever the number of modules and targets', async () => {
    const text = '# python_version: 36\nslugid==1.0.7\ntaskcluster==5.0.0\ntaskcluster-urls==11.0.0\n';
    const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`modules/m${i}/files/requirements.txt`, text]));
    const out = await runCompat(files, TC, { pythons: ['3.6', '3.7', '3.11'] });
    assert.equal(new Set(out.log).size, out.log.length, 'no request repeated');
    // The three pinned releases, plus the suggested taskcluster-urls 10.1.2 (its Requires-Python is checked).
    assert.deepEqual(out.log.filter((l) => l.startsWith('metadata')).sort(), ['metadata slugid==1.0.7', 'metadata taskcluster-urls==10.1.2', 'metadata taskcluster-urls==11.0.0', 'metadata taskcluster==5.0.0']);
    assert.equal(out.results.length, 36);
    assert.equal(out.findings.filter((f) => f.code === 'conflict').length, 36);
  });
});
