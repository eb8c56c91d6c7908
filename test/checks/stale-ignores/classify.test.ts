import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runChecks } from '../../../src/checks/index.js';
import { staleIgnoresCheck } from '../../../src/checks/stale-ignores/index.js';
import type { Finding } from '../../../src/findings/index.js';
import { buildInventory } from '../../../src/inventory/index.js';
import { fetcherFrom, snapshotOf } from '../snapshot.js';
import type { IndexDesc } from '../snapshot.js';
import { FindingSchema } from '../../../src/findings/index.js';

const empty = () => ({ index: new Map(), mirror: new Map(), metadata: new Map() });

export async function runStale(files: Record<string, string>, desc: IndexDesc, opts: { pythons?: string[] } = {}) {
  const inventory = buildInventory(Object.entries(files).map(([path, text]) => ({ path, text })), opts.pythons ? { pythons: opts.pythons } : {});
  const out = await runChecks([staleIgnoresCheck], inventory, empty(), fetcherFrom(snapshotOf(desc)));
  for (const f of out.findings) FindingSchema.parse(f); // every finding matches its code's row of the codes table
  return out;
}

const F = 'modules/m/files/requirements.txt';

/** The runbook story: module1 1.5.0 needs module2<3.0, so module2 was ignored at 2.0.1. */
const STAGE1: IndexDesc = {
  module1: { '1.5.0': { requires: ['module2<3.0,>=2.0'] } },
  module2: { '2.0.1': {}, '3.0.0': {}, '3.1.0': {} },
};
const STAGE2: IndexDesc = {
  module1: { '1.5.0': { requires: ['module2<3.0,>=2.0'] }, '2.0.0': { requires: ['module2>=3.0'] } },
  module2: { '2.0.1': {}, '3.0.0': {}, '3.1.0': {} },
};
const STORY = '# python_version: 36\nmodule1==1.5.0\nmodule2==2.0.1  # pyup: ignore\n';

interface Expect {
  code: Finding['code'];
  package: string;
  line: number;
  target?: string | null;
  changes?: Record<string, string>;
  message: RegExp;
}

interface Case {
  name: string;
  text: string;
  index: IndexDesc;
  pythons?: string[];
  expect: Expect[];
}

const cases: Case[] = [
  {
    name: 'story stage 1: module1 1.5.0 still needs module2<3.0, so the ignore is justified',
    text: STORY,
    index: STAGE1,
    expect: [{ code: 'justified-ignore', package: 'module2', line: 3, target: null, message: /"# pyup: ignore" on module2 2\.0\.1 is still needed: module1 1\.5\.0 requires module2<3\.0,>=2\.0, which excludes 3\.1\.0/ }],
  },
  {
    name: 'an extra another pin requests is followed (app needs lib[sec], whose extra caps dep): the ignore is justified, not stale',
    text: '# python_version: 36\napp==1.0\nlib==1.0\ndep==1.0  # pyup: ignore\n',
    index: { app: { '1.0': { requires: ['lib[sec]'] } }, lib: { '1.0': { requires: ['dep<2; extra == "sec"'] } }, dep: { '1.0': {}, '2.0': {} } },
    expect: [{ code: 'justified-ignore', package: 'dep', line: 4, target: null, message: /still needed: lib 1\.0 requires dep<2, which excludes 2\.0/ }],
  },
  {
    name: 'story stage 1 with a 2.x release out: the ignore is stale',
    text: STORY,
    index: { ...STAGE1, module2: { '2.0.1': {}, '2.1.0': {}, '3.0.0': {} } },
    expect: [{ code: 'stale-ignore', package: 'module2', line: 3, target: null, changes: { module2: '2.1.0' }, message: /module2 2\.0\.1 is held by "# pyup: ignore", but 2\.1\.0 is available and every pinned dependent accepts it/ }],
  },
  {
    name: 'story stage 2: module1 2.0.0 needs module2>=3.0: blocking, with the joint update',
    text: STORY,
    index: STAGE2,
    expect: [{ code: 'blocking-ignore', package: 'module2', line: 3, target: null, changes: { module1: '2.0.0', module2: '3.1.0' }, message: /module1 2\.0\.0 \(the update pyup proposes for module1 1\.5\.0\) requires module2>=3\.0, so module1 cannot move either: update module1 to 2\.0\.0 and module2 to 3\.1\.0 together/ }],
  },
  {
    name: 'story stage 2 with no module2 3.x on the index: no joint update exists',
    text: STORY,
    index: { ...STAGE2, module1: { '1.5.0': { requires: ['module2<3.0,>=2.0'] }, '2.0.0': { requires: ['module2>=4.0'] } } },
    expect: [{ code: 'blocking-ignore', package: 'module2', line: 3, changes: {}, message: /no joint update exists/ }],
  },
  {
    name: 'a joint update respects the other pinned dependents of P',
    text: '# python_version: 36\nmodule1==1.5.0\nother==1.0\nmodule2==2.0.1  # pyup: ignore\n',
    index: { ...STAGE2, other: { '1.0': { requires: ['module2<3.1'] } } },
    expect: [{ code: 'blocking-ignore', package: 'module2', line: 4, changes: { module1: '2.0.0', module2: '3.0.0' }, message: /update module1 to 2\.0\.0 and module2 to 3\.0\.0 together/ }],
  },
  {
    name: 'story with module1 filtered below 2.0: neither is stale, and the filter names what 2.0.0 would need',
    text: '# python_version: 36\nmodule1==1.5.0  # pyup: <2.0\nmodule2==2.0.1  # pyup: ignore\n',
    index: STAGE2,
    expect: [
      { code: 'justified-ignore', package: 'module1', line: 2, message: /"# pyup: <2\.0" on module1 1\.5\.0 is still needed: module1 2\.0\.0 requires module2>=3\.0, but the file pins module2 2\.0\.1/ },
      { code: 'justified-ignore', package: 'module2', line: 3, message: /module1 1\.5\.0 requires module2<3\.0,>=2\.0/ },
    ],
  },
  {
    name: 'a "# pyup: <3.0" filter that excludes a release every dependent accepts is stale',
    text: '# python_version: 36\nflufl.lock==2.4.1  # pyup: <3.0\n',
    index: { 'flufl.lock': { '2.4.1': {}, '3.0': {}, '3.2': {} } },
    expect: [{ code: 'stale-filter', package: 'flufl-lock', line: 2, changes: { 'flufl-lock': '3.2' }, message: /"# pyup: <3\.0" keeps flufl\.lock from 3\.2, but no other pin in the file requires flufl\.lock/ }],
  },
  {
    name: 'a "# pyup: <3.0" filter whose excluded releases need a newer python is justified',
    text: '# python_version: 27\nflufl.lock==2.4.1  # pyup: <3.0\n',
    index: { 'flufl.lock': { '2.4.1': {}, '3.0': { requiresPython: '>=3.5' } } },
    expect: [{ code: 'justified-ignore', package: 'flufl-lock', line: 2, message: /"# pyup: <3\.0" on flufl\.lock 2\.4\.1 holds back nothing installable here: 3\.0 has no file for Python 2\.7\.18/ }],
  },
  {
    name: 'a filter the dependents hold: justified, naming the dependent',
    text: '# python_version: 36\nscriptworker==14.0.0  # pyup: <15.0.0\napp==1.0\n',
    index: { scriptworker: { '14.0.0': {}, '15.0.0': {} }, app: { '1.0': { requires: ['scriptworker<15'] } } },
    expect: [{ code: 'justified-ignore', package: 'scriptworker', line: 2, message: /app 1\.0 requires scriptworker<15, which excludes 15\.0\.0/ }],
  },
  {
    name: 'a filter blocking a dependent\'s update',
    text: '# python_version: 36\ntaskcluster==3.0.2  # pyup: <4.0.0\nscriptworker==1.0\n',
    index: { taskcluster: { '3.0.2': {}, '4.0.0': {}, '4.1.0': {} }, scriptworker: { '1.0': { requires: ['taskcluster<4'] }, '2.0': { requires: ['taskcluster>=4.0'] } } },
    expect: [{ code: 'blocking-ignore', package: 'taskcluster', line: 2, changes: { scriptworker: '2.0', taskcluster: '4.1.0' }, message: /held at what "# pyup: <4\.0\.0" admits/ }],
  },
  {
    name: 'a file-level ignore covers every pin of the file',
    text: '# pyup: ignore file\n# python_version: 36\narrow==0.10.0\nsix==1.12.0\n',
    index: { arrow: { '0.10.0': {}, '0.13.0': {} }, six: { '1.12.0': {} } },
    expect: [
      { code: 'stale-ignore', package: 'arrow', line: 3, changes: { arrow: '0.13.0' }, message: /held by "# pyup: ignore file"/ },
      { code: 'justified-ignore', package: 'six', line: 4, message: /No usable release of six newer than 1\.12\.0 exists on the index, so "# pyup: ignore file" holds nothing back/ },
    ],
  },
  {
    name: 'a dependency that applies on one target only: justified on that target',
    text: 'app==1.0\nlib==1.0  # pyup: ignore\n',
    pythons: ['2.7', '3.6'],
    index: { app: { '1.0': { requires: ['lib<2; python_version >= "3"'] } }, lib: { '1.0': {}, '2.0': {} } },
    expect: [{ code: 'justified-ignore', package: 'lib', line: 2, target: 'py3.6-linux-x86_64', message: /app 1\.0 requires lib<2 on py3\.6-linux-x86_64/ }],
  },
  {
    name: 'a pin that applies on one target only is judged there',
    text: 'futures==3.1.0; python_version < "3"  # pyup: ignore\n',
    pythons: ['2.7', '3.6'],
    index: { futures: { '3.1.0': {}, '3.2.0': { requiresPython: '>=2.6, <3' } } },
    expect: [{ code: 'stale-ignore', package: 'futures', line: 1, changes: { futures: '3.2.0' }, message: /3\.2\.0 is available/ }],
  },
  {
    name: 'pre-releases are not moves for a final pin',
    text: '# python_version: 36\nlib==1.0  # pyup: ignore\n',
    index: { lib: { '1.0': {}, '2.0rc1': {} } },
    expect: [{ code: 'justified-ignore', package: 'lib', line: 2, message: /No usable release of lib newer than 1\.0/ }],
  },
  {
    name: 'pre-releases are moves for a pre-release pin',
    text: '# python_version: 36\nlib==2.0b1  # pyup: ignore\n',
    index: { lib: { '1.0': {}, '2.0b1': {}, '2.0rc1': {} } },
    expect: [{ code: 'stale-ignore', package: 'lib', line: 2, changes: { lib: '2.0rc1' }, message: /2\.0rc1 is available/ }],
  },
  {
    name: 'a yanked release is no move; the filter that excludes only it holds nothing back',
    text: '# python_version: 36\nredo==2.0.2  # pyup: <2.0.3\n',
    index: { redo: { '1.6': {}, '2.0.2': {}, '2.0.3': { yanked: 'broken retry decorator' } } },
    expect: [{ code: 'justified-ignore', package: 'redo', line: 2, message: /2\.0\.3 is yanked: "broken retry decorator"/ }],
  },
  {
    name: 'the newer release that drops the target python is skipped for a lower one',
    text: '# python_version: 27\nlib==1.0  # pyup: ignore\n',
    index: { lib: { '1.0': {}, '1.5': {}, '2.0': { requiresPython: '>=3.5' } } },
    expect: [{ code: 'stale-ignore', package: 'lib', line: 2, changes: { lib: '1.5' }, message: /1\.5 is available/ }],
  },
  {
    name: 'a filter without the colon has no effect',
    text: '# python_version: 36\nFabric==1.14.0  # pyup < 2.0\n',
    index: { fabric: { '1.14.0': {}, '2.0.0': {} } },
    expect: [{ code: 'directive-no-effect', package: 'fabric', line: 2, message: /"# pyup < 2\.0" on Fabric restricts nothing: .*with the colon/ }],
  },
  {
    name: '~= is applied as == (pyup rewrites it), and said so',
    text: '# python_version: 36\nlib==1.2  # pyup: ~=1.2\n',
    index: { lib: { '1.2': {}, '1.3': {} } },
    expect: [
      { code: 'directive-no-effect', package: 'lib', line: 2, message: /as "==1\.2" \(it rewrites ~= to ==\).*\(>=1\.2,==1\.\*\)/ },
      { code: 'stale-filter', package: 'lib', line: 2, changes: { lib: '1.3' }, message: /"# pyup: ~=1\.2" keeps lib from 1\.3/ },
    ],
  },
  {
    name: 'noupdate and update minor are policies, not filters',
    text: '# python_version: 36\ntaskcluster==0.0.24  # pyup: noupdate\nsix==1.0  # pyup: update minor\n',
    index: { taskcluster: { '0.0.24': {} }, six: { '1.0': {} } },
    expect: [
      { code: 'directive-no-effect', package: 'taskcluster', line: 2, message: /pyup has no "noupdate" directive/ },
      { code: 'directive-no-effect', package: 'six', line: 3, message: /is a policy, not a filter/ },
    ],
  },
  {
    // Each newer release is refused only once its METADATA is read: asked in growing batches, not one per round.
    name: 'an ignore held by the own requirements of 30 newer releases is justified',
    text: '# python_version: 36\nb==1.0\na==1.0  # pyup: ignore\n',
    index: { a: Object.fromEntries([['1.0', {}], ...Array.from({ length: 30 }, (_, i) => [`1.${i + 1}`, { requires: ['b>=2'] }])]), b: { '1.0': {} } },
    expect: [{ code: 'justified-ignore', package: 'a', line: 3, target: null, message: /"# pyup: ignore" on a 1\.0 is still needed: a 1\.30 requires b>=2, but the file pins b 1\.0/ }],
  },
  {
    // balrog_scriptworker: jsonschema==2.6.0 # pyup: ignore, where 3.x requires attrs, pyrsistent, … the file does not pin
    name: 'a newer release that needs a package the file does not pin is not a stale ignore: justified, naming it',
    text: '# python_version: 27\nsix==1.12.0\njsonschema==2.6.0  # pyup: ignore\n',
    index: { jsonschema: { '2.6.0': {}, '3.1.1': { requires: ['attrs>=17.4.0', 'six>=1.11.0'] } }, six: { '1.12.0': {} }, attrs: { '19.3.0': {} } },
    expect: [{ code: 'justified-ignore', package: 'jsonschema', line: 3, target: null, message: /"# pyup: ignore" on jsonschema 2\.6\.0 is still needed: jsonschema 3\.1\.1 requires attrs>=17\.4\.0, which the file does not pin/ }],
  },
  {
    name: 'a newer release that needs what the pinned release already needed (unpinned) still moves: compat reports that one',
    text: '# python_version: 36\nlib==1.0  # pyup: ignore\n',
    index: { lib: { '1.0': { requires: ['dep'] }, '1.1': { requires: ['dep>=1'] } }, dep: { '1.0': {} } },
    expect: [{ code: 'stale-ignore', package: 'lib', line: 2, target: null, changes: { lib: '1.1' }, message: /lib 1\.0 is held by "# pyup: ignore", but 1\.1 is available/ }],
  },
  {
    name: 'a newer release whose new requirement is a bare setuptools moves below python 3.12 (the venv has one), and not on 3.12',
    text: '# python_version: 36\nlib==1.0  # pyup: ignore\n',
    index: { lib: { '1.0': {}, '1.1': { requires: ['setuptools'] } }, setuptools: { '40.6.2': {} } },
    expect: [{ code: 'stale-ignore', package: 'lib', line: 2, target: null, changes: { lib: '1.1' }, message: /lib 1\.0 is held by "# pyup: ignore", but 1\.1 is available/ }],
  },
  {
    name: 'the same on python 3.12, whose venv starts without setuptools: justified',
    text: '# python_version: 312\nlib==1.0  # pyup: ignore\n',
    index: { lib: { '1.0': {}, '1.1': { requires: ['setuptools'] } }, setuptools: { '40.6.2': {} } },
    expect: [{ code: 'justified-ignore', package: 'lib', line: 2, target: null, message: /lib 1\.1 requires setuptools, which the file does not pin/ }],
  },
  {
    name: 'a newer release whose new requirement the file pins moves',
    text: '# python_version: 36\nattrs==19.3.0\nlib==1.0  # pyup: ignore\n',
    index: { lib: { '1.0': {}, '1.1': { requires: ['attrs>=17'] } }, attrs: { '19.3.0': {} } },
    expect: [{ code: 'stale-ignore', package: 'lib', line: 3, target: null, changes: { lib: '1.1' }, message: /lib 1\.0 is held by "# pyup: ignore", but 1\.1 is available/ }],
  },
  {
    name: 'an ignored nodownload package missing from the index',
    text: '# python_version: 36\nsigntool==2.0.3  # pyup: ignore, puppet: nodownload\n',
    index: {},
    expect: [{ code: 'justified-ignore', package: 'signtool', line: 2, message: /signtool is not on the index \(it is a "# puppet: nodownload" package/ }],
  },
];

describe('stale-ignores classifications', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const out = await runStale({ [F]: c.text }, c.index, c.pythons ? { pythons: c.pythons } : {});
      const got = out.findings.map((f) => ({ code: f.code, package: f.package, line: f.line, target: f.target }));
      assert.equal(out.findings.length, c.expect.length, JSON.stringify(out.findings.map((f) => [f.code, f.message]), null, 1));
      for (const e of c.expect) {
        const f = out.findings.find((x) => x.code === e.code && x.package === e.package && x.line === e.line);
        assert.ok(f, `${e.code} ${e.package}:${e.line} not in ${JSON.stringify(got)}`);
        assert.match(f.message, e.message);
        if (e.target !== undefined) assert.equal(f.target, e.target);
        if (e.changes) assert.deepEqual(Object.fromEntries((f.suggestion?.changes ?? []).map((ch) => [ch.package, ch.to])), e.changes);
        assert.ok('bots' in f.details && f.details.bots.pyup, 'every finding says which bots read the directive');
      }
      assert.ok(out.results.every((r) => r.status === 'pass'));
    });
  }
});

describe('markers decide which of two same-name pins a target installs', () => {
  test('the twin pinned for 3.9+ holds the ignored package on 3.11: justified, not stale', async () => {
    const text = [
      "anyio==4.5.2 ; python_full_version < '3.9'",
      "anyio==4.9.0 ; python_full_version >= '3.9'",
      'sniffio==1.0  # pyup: ignore',
    ].join('\n');
    const index: IndexDesc = {
      anyio: { '4.5.2': { requires: ['sniffio>=1'] }, '4.9.0': { requires: ['sniffio<2'] } },
      sniffio: { '1.0': {}, '2.0': {} },
    };
    const out = await runStale({ [F]: text }, index, { pythons: ['3.8', '3.11'] });
    const f = out.findings.filter((x) => x.package === 'sniffio');
    assert.deepEqual(f.map((x) => x.code), ['justified-ignore'], JSON.stringify(f, null, 1));
    assert.match(f[0]?.message ?? '', /anyio 4\.9\.0 requires sniffio<2/);
  });
});
