import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fetchRounds, Lookups, planFixes } from '../../../src/checks/index.js';
import type { FilePlan, FixOptions } from '../../../src/checks/index.js';
import { buildInventory } from '../../../src/inventory/index.js';
import { fetcherFrom, snapshotOf } from '../snapshot.js';
import type { IndexDesc } from '../snapshot.js';
import { TASKCLUSTER_INDEX as TC } from '../snapshot.js';
import { normalizeName } from '../../../src/names/index.js';
import { bruteMinimum } from './brute.js';

let bruteChecked = 0;

const M = 'modules/x/files/requirements.txt';

export async function plan(text: string, desc: IndexDesc, opts: Partial<FixOptions> & { pythons?: string[] } = {}): Promise<FilePlan> {
  const inventory = buildInventory([{ path: M, text }], opts.pythons ? { pythons: opts.pythons } : {});
  const fix: FixOptions = { includeIgnored: opts.includeIgnored ?? false, ...(opts.bounds ? { bounds: opts.bounds } : {}) };
  const { snapshot } = await fetchRounds((l) => void planFixes(inventory, l, fix), { index: new Map(), mirror: new Map(), metadata: new Map() }, fetcherFrom(snapshotOf(desc)), undefined, 40);
  const [p] = planFixes(inventory, new Lookups(snapshot), fix);
  assert.ok(p);
  // The same file, brute force over the same candidates (every package of the index): no smaller plan, and none when the search has none.
  const names = Object.keys(desc).map((n) => normalizeName(n));
  const all = await fetchRounds((l) => void bruteMinimum(inventory.files[0]!, l, names, 3, fix.includeIgnored), snapshot, fetcherFrom(snapshotOf(desc)), undefined, 40);
  const brute = bruteMinimum(inventory.files[0]!, new Lookups(all.snapshot), names, 3, fix.includeIgnored);
  if (p.status === 'fixed') assert.equal(p.changes.length, brute, 'fix changes as many pins as the brute-force minimum');
  if (p.status === 'no-fix' && !p.exhausted) assert.equal(brute, null, 'brute force finds no fix either');
  if (p.status === 'clean') assert.equal(brute, 0);
  bruteChecked++;
  return p;
}


interface Case {
  name: string;
  text: string;
  index: IndexDesc;
  pythons?: string[];
  includeIgnored?: boolean;
  status: FilePlan['status'];
  changes?: Record<string, string>;
  conflict?: RegExp;
  blockedByIgnore?: string[];
}

const cases: Case[] = [
  { name: 'a clean file needs nothing', text: '# python_version: 36\nslugid==1.0.7\ntaskcluster==5.0.0\ntaskcluster-urls==10.1.2\n', index: TC, status: 'clean', changes: {} },
  {
    name: 'the taskcluster conflict and the missing slugid: one move and one addition at the highest release that fits',
    text: '# python_version: 36\ntaskcluster==5.0.0\ntaskcluster-urls==11.0.0\n', index: TC, status: 'fixed',
    changes: { 'taskcluster-urls': '10.1.2', slugid: '2.0.0' },
  },
  {
    name: 'a bare setuptools requirement is the venv\'s below python 3.12: nothing to add',
    text: 'jsonschema==3.1.1\n', index: { jsonschema: { '3.1.1': { requires: ['setuptools'] } }, setuptools: { '41.0.0': {} } }, pythons: ['3.6'], status: 'clean', changes: {},
  },
  {
    name: 'the same file on python 3.12, whose venv has no setuptools',
    text: 'jsonschema==3.1.1\n', index: { jsonschema: { '3.1.1': { requires: ['setuptools'] } }, setuptools: { '41.0.0': {} } }, pythons: ['3.12'], status: 'fixed', changes: { setuptools: '41.0.0' },
  },
  {
    name: 'the addition fits every target python (slugid 2.0.0 requires >=3.5)',
    text: 'taskcluster==4.0.1\ntaskcluster-urls==11.0.0\n', index: TC, pythons: ['2.7', '3.6'], status: 'fixed', changes: { slugid: '1.0.7' },
  },
  {
    name: 'the moved release is checked against its own requirements: lib 2.0 needs dep>=2, so both move',
    text: 'app==1.0\nlib==1.0\ndep==1.0\n',
    index: { app: { '1.0': { requires: ['lib>=2'] } }, lib: { '1.0': {}, '2.0': { requires: ['dep>=2'] } }, dep: { '1.0': {}, '2.0': {} } },
    status: 'fixed', changes: { lib: '2.0', dep: '2.0' },
  },
  {
    name: 'an ignored pin is not moved; the plan says the ignore blocked the fix',
    text: 'app==1.0\ndep==1.0  # pyup: ignore\n',
    index: { app: { '1.0': { requires: ['dep>=2'] } }, dep: { '1.0': {}, '2.0': {} } },
    status: 'no-fix', blockedByIgnore: ['dep'], conflict: /app 1\.0 has requirement dep>=2, but you'll have dep 1\.0/,
  },
  {
    name: 'with --include-ignored the ignored pin moves',
    text: 'app==1.0\ndep==1.0  # pyup: ignore\n', includeIgnored: true,
    index: { app: { '1.0': { requires: ['dep>=2'] } }, dep: { '1.0': {}, '2.0': {} } },
    status: 'fixed', changes: { dep: '2.0' },
  },
  {
    name: 'a pyup filter keeps the move inside it: the dependent moves instead',
    text: 'app==1.0\ndep==1.0  # pyup: <2\n',
    index: { app: { '1.0': { requires: ['dep>=2'] }, '1.1': { requires: ['dep>=1'] } }, dep: { '1.0': {}, '2.0': {} } },
    status: 'fixed', changes: { app: '1.1' },
  },
  {
    name: 'the nearest release wins over the newest, and an upgrade over a downgrade at the same distance',
    text: 'app==1.0\ndep==2.0\n',
    index: { app: { '1.0': { requires: ['dep!=2.0'] } }, dep: { '1.0': {}, '2.0': {}, '3.0': {}, '4.0': {} } },
    status: 'fixed', changes: { dep: '3.0' },
  },
  {
    name: 'two dependents that want disjoint ranges: no fix, naming the conflict',
    text: 'a==1.0\nb==1.0\ndep==1.0\n',
    index: { a: { '1.0': { requires: ['dep<2'] } }, b: { '1.0': { requires: ['dep>=2'] } }, dep: { '1.0': {}, '2.0': {} } },
    status: 'no-fix', conflict: /b 1\.0 has requirement dep>=2/,
  },
  {
    name: 'a pin whose release does not exist is replaced by the nearest one that fits',
    text: '# python_version: 36\nslugid==9.9\n', index: TC, status: 'fixed', changes: { slugid: '2.0.0' },
  },
  {
    name: 'yanked and pre-releases are never proposed',
    text: 'app==1.0\ndep==1.0\n',
    index: { app: { '1.0': { requires: ['dep>=2'] } }, dep: { '1.0': {}, '2.0': { yanked: 'broken' }, '2.1rc1': {}, '2.1': {} } },
    status: 'fixed', changes: { dep: '2.1' },
  },
  {
    name: 'a pin whose metadata the index failed to deliver: not searched (index-error), saying which URL and host failed',
    text: 'app==1.0\ndep==1.0\n',
    index: { app: { '1.0': { requires: ['dep>=2'], metadata: 'infrastructure' } }, dep: { '1.0': {}, '2.0': {} } },
    status: 'index-error', changes: {},
    conflict: /^Could not fetch URL http:\/\/127\.0\.0\.1:1\/files\/app-1\.0-py2\.py3-none-any\.whl: 503 Server Error \(HTTP 503 after 3 retries\)$/,
  },
  {
    name: 'a candidate whose metadata the index failed to deliver: no fix is claimed without it (index-error)',
    text: 'app==1.0\ndep==1.0\n',
    index: { app: { '1.0': { requires: ['dep>=2'] } }, dep: { '1.0': {}, '2.0': { metadata: 'infrastructure' } } },
    status: 'index-error', changes: {},
    conflict: /^Could not fetch URL http:\/\/127\.0\.0\.1:1\/files\/dep-2\.0-py2\.py3-none-any\.whl: 503 Server Error \(HTTP 503 after 3 retries\): the metadata of dep 2\.0 could not be fetched from 127\.0\.0\.1:1, so the fix search could not judge dep 2\.0 \(tried for: app 1\.0 has requirement dep>=2, but you'll have dep 1\.0 \(py3\.6-linux-x86_64\)\), which could have been part of the smallest fix$/,
  },
  {
    name: 'a lost candidate nearer than the fix found (above a fully known answer): index-error, naming it',
    text: 'app==1.0\ndep==1.0\n',
    index: { app: { '1.0': { requires: ['dep>=2'] } }, dep: { '1.0': {}, '2.0': { metadata: 'infrastructure' }, '3.0': {} } },
    status: 'index-error', changes: {},
    conflict: /: the metadata of dep 2\.0 could not be fetched from 127\.0\.0\.1:1, so the fix search could not judge dep 2\.0 /,
  },
  {
    name: 'a lost candidate that costs more than the fix found (below the answer) could not have bettered it: fixed',
    text: 'app==1.0\ndep==1.0\n',
    index: { app: { '1.0': { requires: ['dep>=3'] }, '1.1': { requires: ['dep>=1'] } }, dep: { '1.0': {}, '2.0': {}, '3.0': { metadata: 'infrastructure' }, '4.0': {} } },
    status: 'fixed', changes: { app: '1.1' },
  },
  {
    name: 'a newer dependent whose metadata was lost is tried, not skipped: the nearer lost one makes the answer unknown',
    text: 'app==1.0\ndep==1.0  # pyup: ignore\n',
    index: { app: { '1.0': { requires: ['dep>=2'] }, '1.1': { metadata: 'infrastructure' }, '1.2': { requires: ['dep>=1'] } }, dep: { '1.0': {}, '2.0': {} } },
    status: 'index-error', changes: {},
    conflict: /the metadata of app 1\.1 could not be fetched from 127\.0\.0\.1:1, so the fix search could not judge app 1\.1 \(tried for: app 1\.0 has requirement dep>=2/,
  },
  {
    name: 'a newer dependent lost above the nearest one that accepts: fixed',
    text: 'app==1.0\ndep==1.0  # pyup: ignore\n',
    index: { app: { '1.0': { requires: ['dep>=2'] }, '1.1': { requires: ['dep>=1'] }, '1.2': { metadata: 'infrastructure' } }, dep: { '1.0': {}, '2.0': {} } },
    status: 'fixed', changes: { app: '1.1' },
  },
];

describe('fix search', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const p = await plan(c.text, c.index, { ...(c.pythons ? { pythons: c.pythons } : {}), ...(c.includeIgnored ? { includeIgnored: true } : {}) });
      assert.equal(p.status, c.status, JSON.stringify(p));
      if (c.changes) assert.deepEqual(Object.fromEntries(p.changes.map((x) => [x.package, x.to])), c.changes);
      if (c.conflict) assert.match(p.conflict.join('\n'), c.conflict);
      if (c.status === 'index-error') assert.equal(p.conflict.length, 1, 'what the index failed to deliver, once');
      if (c.blockedByIgnore) assert.deepEqual(p.blockedByIgnore, c.blockedByIgnore);
      if (c.status !== 'index-error') assert.ok(c.status === 'clean' ? p.nodes === 0 : p.nodes >= 1);
    });
  }
  test('every case ran, each against the brute force', () => {
    assert.equal(cases.length, 19);
    assert.equal(bruteChecked, 19);
  });
});
