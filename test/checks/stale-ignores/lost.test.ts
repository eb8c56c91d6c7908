// stale-ignores on pins whose project page or metadata the index failed to deliver: an index-error
// at the pin's line naming the host (as compat and wheels say it), the file's cells error; unreadable
// metadata (delivered, not readable) is no index-error and leaves the cells checkable. Then the same
// for a candidate the classification looks at (a newer release of the ignored pin, a dependent's
// proposal, a release the joint search reaches): no verdict that needed it, an index-error naming it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readBotConfigs } from '../../../src/bots/index.js';
import { runChecks } from '../../../src/checks/index.js';
import { staleIgnoresCheck } from '../../../src/checks/stale-ignores/index.js';
import { FindingSchema } from '../../../src/findings/index.js';
import type { Finding } from '../../../src/findings/index.js';
import { buildInventory } from '../../../src/inventory/index.js';
import { fetcherFrom, snapshotOf } from '../snapshot.js';
import type { IndexDesc } from '../snapshot.js';

const F = 'modules/m/files/requirements.txt';
const TEXT = '# python_version: 36\nmodule1==1.5.0\nmodule2==2.0.1  # pyup: ignore\n';

interface Case {
  name: string;
  index: IndexDesc;
  errors?: string[];
  /** package → what was lost, for every index-error expected. */
  lost: Record<string, 'page' | 'metadata'>;
  status: 'error' | 'pass';
}

const cases: Case[] = [
  {
    name: 'the ignored pin\'s project page failed',
    index: { module1: { '1.5.0': { requires: ['module2<3.0'] } } },
    errors: ['module2'],
    lost: { module2: 'page' },
    status: 'error',
  },
  {
    name: 'a dependent\'s metadata was lost to the index: the ignore cannot be judged',
    index: { module1: { '1.5.0': { metadata: 'infrastructure' } }, module2: { '2.0.1': {}, '3.0.0': {} } },
    lost: { module1: 'metadata' },
    status: 'error',
  },
  {
    name: 'both pins lost',
    index: { module2: { '2.0.1': { metadata: 'infrastructure' }, '3.0.0': {} } },
    errors: ['module1'],
    lost: { module1: 'page', module2: 'metadata' },
    status: 'error',
  },
  {
    name: 'a dependent whose metadata is unreadable (an sdist without static metadata) is no index-error',
    index: { module1: { '1.5.0': { sdist: true, metadata: 'unavailable' } }, module2: { '2.0.1': {}, '3.0.0': {} } },
    lost: {},
    status: 'pass',
  },
];

describe('stale-ignores: what the index failed to deliver', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const inventory = buildInventory([{ path: F, text: TEXT }]);
      const snapshot = snapshotOf(c.index, c.errors ? { errors: c.errors } : {});
      const out = await runChecks([staleIgnoresCheck], inventory, { index: new Map(), mirror: new Map(), metadata: new Map() }, fetcherFrom(snapshot));
      for (const f of out.findings) FindingSchema.parse(f);
      const lost = out.findings.filter((f) => f.code === 'index-error');
      assert.deepEqual(lost.map((f) => f.package).sort(), Object.keys(c.lost).sort(), JSON.stringify(out.findings.map((f) => [f.code, f.message])));
      for (const f of lost) {
        const kind = c.lost[f.package ?? ''];
        assert.equal(f.severity, 'error');
        assert.equal(f.file, F);
        assert.equal(f.line, f.package === 'module1' ? 2 : 3, 'the pin\'s own line');
        assert.match(f.message, /^Could not fetch URL http:\/\/127\.0\.0\.1:1\/(simple|files)\/\S+: (500|503) Server Error \(/);
        assert.match(f.message, kind === 'page' ? / the index page of \S+ could not be fetched from 127\.0\.0\.1:1,/ : / the metadata of \S+ \S+ could not be fetched from 127\.0\.0\.1:1,/);
        assert.deepEqual({ ...f.details as object, reason: undefined, url: undefined }, { where: 'index', lost: kind, host: '127.0.0.1:1', reason: undefined, url: undefined });
        assert.match(f.suggestion?.text ?? '', /^check that 127\.0\.0\.1:1 answers \(curl -sI http:\/\/127\.0\.0\.1:1\//);
      }
      assert.equal(out.results.length, 1);
      assert.deepEqual(out.results.map((r) => r.status), [c.status]);
      if (c.status === 'pass') assert.ok(out.findings.every((f) => f.severity !== 'error'));
    });
  }
});

const LOST = { metadata: 'infrastructure' as const };

interface CandidateCase {
  name: string;
  index: IndexDesc;
  /** Renovate's config: the directive is its rule (line 3) instead of the comment. */
  renovate?: boolean;
  /** Every finding but directive notes, as [code, line, the suggestion's changes]. */
  expect: Array<[Finding['code'], number, Record<string, string>?]>;
  /** The lost release each index-error names, and what it says was not judged. */
  lost: Array<[string, RegExp]>;
  /** Text the verdict's message or suggestion must hold. */
  says?: RegExp;
  status: 'error' | 'pass';
}

const candidateCases: CandidateCase[] = [
  {
    name: 'the newer release that would be the move was lost: no stale verdict, no justified-ignore, an index-error',
    index: { module1: { '1.5.0': {} }, module2: { '2.0.1': {}, '3.0.0': LOST } },
    expect: [['index-error', 3]],
    lost: [['module2==3.0.0', /, so whether module2 can move to 3\.0\.0 \(which every pinned dependent accepts\) was not judged: its own requirements and Requires-Python are unknown$/]],
    status: 'error',
  },
  {
    name: 'a lost release below the move changes nothing',
    index: { module1: { '1.5.0': {} }, module2: { '2.0.1': {}, '3.0.0': LOST, '3.1.0': {} } },
    expect: [['stale-ignore', 3, { module2: '3.1.0' }]],
    lost: [], status: 'pass',
  },
  {
    name: 'a lost release above a fully known move: stale stands, the move is not claimed',
    index: { module1: { '1.5.0': {} }, module2: { '2.0.1': {}, '3.0.0': {}, '3.1.0': LOST } },
    expect: [['stale-ignore', 3, {}], ['index-error', 3]],
    lost: [['module2==3.1.0', /so whether module2 can move to 3\.1\.0/]],
    says: /but 3\.0\.0 is available and no other pin in the file requires module2; 3\.1\.0, newer, could not be checked \(see the index-error\): drop the ignore and update\. \| remove "# pyup: ignore" and pin module2==3\.0\.0, or 3\.1\.0 once its metadata can be read$/,
    status: 'error',
  },
  {
    name: 'a lost release the dependents refuse is no candidate: justified, as before',
    index: { module1: { '1.5.0': { requires: ['module2<3.0'] } }, module2: { '2.0.1': {}, '3.0.0': LOST } },
    expect: [['justified-ignore', 3]],
    lost: [], status: 'pass',
  },
  {
    name: 'the dependent\'s proposal was lost: whether it blocks is unknown, so no justified-ignore',
    index: { module1: { '1.5.0': { requires: ['module2<3.0'] }, '2.0.0': LOST }, module2: { '2.0.1': {}, '3.0.0': {} } },
    expect: [['index-error', 3]],
    lost: [['module1==2.0.0', /, so whether module1 2\.0\.0 \(the update pyup proposes for module1 1\.5\.0\) needs a module2 that "# pyup: ignore" keeps out was not judged$/]],
    status: 'error',
  },
  {
    name: 'blocking: the highest module2 of the joint update was lost: the blocking stands, its joint update is not claimed',
    index: { module1: { '1.5.0': { requires: ['module2<3.0'] }, '2.0.0': { requires: ['module2>=3.0'] } }, module2: { '2.0.1': {}, '3.0.0': {}, '3.1.0': LOST } },
    expect: [['blocking-ignore', 3, {}], ['index-error', 3]],
    lost: [['module2==3.1.0', /, so the joint update of module1 and module2 was not judged$/]],
    says: /so module1 cannot move either: the joint update is not known: the metadata of module2 3\.1\.0 could not be fetched \(see the index-error\)/,
    status: 'error',
  },
  {
    name: 'blocking: the module1 release that would be the joint update was lost: never "no joint update exists"',
    index: { module1: { '1.5.0': { requires: ['module2<3.0'] }, '1.8.0': LOST, '2.0.0': { requires: ['module2>=4'] } }, module2: { '2.0.1': {}, '3.0.0': {} } },
    expect: [['blocking-ignore', 3, {}], ['index-error', 3]],
    lost: [['module1==1.8.0', /the metadata of module1 1\.8\.0 could not be fetched from 127\.0\.0\.1:1, so the joint update of module1 and module2 was not judged$/]],
    says: /the joint update is not known: the metadata of module1 1\.8\.0/,
    status: 'error',
  },
  {
    name: 'blocking: a lost module1 release below the joint update changes nothing',
    index: { module1: { '1.5.0': { requires: ['module2<3.0'] }, '1.6.0': LOST, '2.0.0': { requires: ['module2>=3.0'] } }, module2: { '2.0.1': {}, '3.0.0': {} } },
    expect: [['blocking-ignore', 3, { module1: '2.0.0', module2: '3.0.0' }]],
    lost: [], status: 'pass',
  },
  {
    name: 'a Renovate rule: the index-error is at the rule\'s line in the config',
    index: { module1: { '1.5.0': {} }, module2: { '2.0.1': {}, '3.0.0': LOST } },
    renovate: true,
    expect: [['index-error', 3]],
    lost: [['module2==3.0.0', /so whether module2 can move to 3\.0\.0/]],
    status: 'error',
  },
];

describe('stale-ignores: a candidate whose metadata the index lost', () => {
  for (const c of candidateCases) {
    test(c.name, async () => {
      const text = c.renovate ? '# python_version: 36\nmodule1==1.5.0\nmodule2==2.0.1\n' : TEXT;
      const bots = c.renovate ? readBotConfigs({ files: [{ path: 'renovate.json', text: '{\n  "extends": ["config:recommended"],\n  "ignoreDeps": ["module2"]\n}\n' }], complete: true }) : undefined;
      const out = await runChecks([staleIgnoresCheck], buildInventory([{ path: F, text }]), { index: new Map(), mirror: new Map(), metadata: new Map() }, fetcherFrom(snapshotOf(c.index)), undefined, { mirrors: [], ...(bots ? { bots } : {}) });
      for (const f of out.findings) FindingSchema.parse(f);
      const where = c.renovate ? 'renovate.json' : F;
      const mine = out.findings.filter((f) => f.code !== 'directive-no-effect' && f.code !== 'not-updated');
      const got = mine.map((f) => [f.code, f.line, ...(f.code === 'index-error' || f.code === 'justified-ignore' ? [] : [Object.fromEntries((f.suggestion?.changes ?? []).map((x) => [x.package, x.to]))])]);
      assert.deepEqual(got, c.expect, JSON.stringify(mine.map((f) => [f.code, f.message, f.suggestion?.text])));
      assert.ok(mine.every((f) => f.file === where && f.package === 'module2' && f.version === '2.0.1'), 'every finding on the directive names its file, line and pin');
      const lost = mine.filter((f) => f.code === 'index-error');
      assert.equal(lost.length, c.lost.length);
      for (const [i, [release, notJudged]] of c.lost.entries()) {
        const f = lost[i]!;
        const [pkg, version] = release.split('==');
        const d = f.details as { candidate?: unknown; host: string | null; lost: string };
        assert.deepEqual([d.candidate, d.host, d.lost, f.severity, f.target], [{ package: pkg, version }, '127.0.0.1:1', 'metadata', 'error', null]);
        assert.match(f.message, new RegExp(`^Could not fetch URL http://127\\.0\\.0\\.1:1/files/${pkg}-${version}-py2\\.py3-none-any\\.whl: 503 Server Error \\(HTTP 503 after 3 retries\\): the metadata of ${pkg} ${version} could not be fetched from 127\\.0\\.0\\.1:1, so `));
        assert.match(f.message, notJudged);
        assert.match(f.suggestion?.text ?? '', /^check that 127\.0\.0\.1:1 answers/);
      }
      if (c.says) {
        const verdict = mine.find((f) => f.code !== 'index-error')!;
        assert.match(`${verdict.message} | ${verdict.suggestion?.text ?? ''}`, c.says);
      }
      assert.deepEqual(out.results.map((r) => r.status), [c.status]);
    });
  }
  test(`${candidateCases.length} cases`, () => assert.equal(candidateCases.length, 9));
});
