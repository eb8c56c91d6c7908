// The shared searches over candidate releases, with a candidate's metadata read four ways: ok,
// pending (asked for), lost (the index failed to deliver it: listed in `lost`, never the answer),
// unavailable (delivered, unreadable: judged on its listing, as before). For each search: a lost
// candidate that would be the answer, one below the answer (never reached), one above a fully known
// answer (the answer is then only the best fully known release, and `lost` says why).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { firstFit, highestUsable, Lookups, releaseMetadata, releasesOfState } from '../../../src/checks/shared/index.js';
import { normalizeName } from '../../../src/names/index.js';
import { makeTarget } from '../../../src/targets/index.js';
import { snapshotOf } from '../snapshot.js';
import type { ReleaseDesc } from '../snapshot.js';

const NAME = normalizeName('dep');
const targets = [makeTarget('3.6', 'linux-x86_64')];

function lookupsOf(releases: Record<string, ReleaseDesc>): Lookups {
  return new Lookups(snapshotOf({ dep: releases }));
}

interface Case {
  name: string;
  releases: Record<string, ReleaseDesc>;
  /** highestUsable with every release accepted, and fits = "requires nothing". */
  highest: string | null;
  highestLost: string[];
  /** firstFit over the releases ascending, fit = "requires nothing". */
  first: string | null;
  firstLost: string[];
}

const fits = (requiresDist: readonly string[]): boolean => requiresDist.length === 0;

const cases: Case[] = [
  {
    name: 'all known: the highest that fits, the lowest that fits',
    releases: { '1.0': {}, '2.0': { requires: ['x'] }, '3.0': {} },
    highest: '3.0', highestLost: [], first: '1.0', firstLost: [],
  },
  {
    name: 'a lost candidate that would be the answer: nothing fully known above, the next one down is only the best known',
    releases: { '1.0': {}, '2.0': {}, '3.0': { metadata: 'infrastructure' } },
    highest: '2.0', highestLost: ['3.0'], first: '1.0', firstLost: [],
  },
  {
    name: 'the only candidate lost: no answer, and the loss says why',
    releases: { '3.0': { metadata: 'infrastructure' } },
    highest: null, highestLost: ['3.0'], first: null, firstLost: ['3.0'],
  },
  {
    name: 'a lost candidate below the answer is never reached (for firstFit, which searches upwards, it comes before the answer)',
    releases: { '1.0': { metadata: 'infrastructure' }, '2.0': { requires: ['x'] }, '3.0': {} },
    highest: '3.0', highestLost: [], first: '3.0', firstLost: ['1.0'],
  },
  {
    name: 'a lost candidate above a fully known answer (the newer ones excluded by their METADATA)',
    releases: { '1.0': {}, '2.0': { metadata: 'infrastructure' }, '3.0': { requires: ['x'] }, '4.0': { requiresPython: '>=3.8', fileRequiresPython: '' } },
    highest: '1.0', highestLost: ['2.0'], first: '1.0', firstLost: [],
  },
  {
    name: 'firstFit: a lost candidate before the first fit is listed; the fit after it is only the first fully known',
    releases: { '1.0': { requires: ['x'] }, '1.1': { metadata: 'infrastructure' }, '1.2': {} },
    highest: '1.2', highestLost: [], first: '1.2', firstLost: ['1.1'],
  },
  {
    name: 'unavailable metadata (delivered, unreadable) is no loss: highestUsable judges it on its listing, firstFit passes it',
    releases: { '1.0': {}, '2.0': { sdist: true, metadata: 'unavailable' } },
    highest: '2.0', highestLost: [], first: '1.0', firstLost: [],
  },
  {
    name: 'listing-level refusals come before metadata: a yanked lost release is no candidate',
    releases: { '1.0': {}, '2.0': { yanked: 'broken', metadata: 'infrastructure' } },
    highest: '1.0', highestLost: [], first: '1.0', firstLost: [],
  },
];

describe('candidate searches: what the index lost', () => {
  for (const c of cases) {
    test(c.name, () => {
      const lookups = lookupsOf(c.releases);
      const releases = releasesOfState(lookups.project(NAME));
      const q = { name: NAME, targets, allowPrerelease: false };
      const high = highestUsable(lookups, q, releases, () => true, (_r, m) => fits(m.requiresDist));
      assert.equal(high.found?.version ?? null, c.highest, 'highestUsable');
      assert.deepEqual(high.lost.map((l) => l.version), c.highestLost, 'highestUsable lost');
      const usable = releases.filter((r) => !r.yanked);
      const first = firstFit(lookups, q, usable, 8, (r, m) => (fits(m.requiresDist) ? r.version : null));
      assert.equal(first.found, c.first, 'firstFit');
      assert.deepEqual(first.lost.map((l) => l.version), c.firstLost, 'firstFit lost');
      assert.equal(first.pending, false);
      assert.deepEqual(lookups.wanted().releases, [], 'everything was in the snapshot');
      for (const l of [...high.lost, ...first.lost]) {
        assert.equal(l.name, NAME);
        assert.match(l.reason, /HTTP 503 after 3 retries \(http:\/\/127\.0\.0\.1:1\/files\//, 'the index client\'s reason, naming the URL');
      }
    });
  }

  test('pending (not fetched) is asked for, not lost; a lost release is a final answer of the snapshot', () => {
    const full = snapshotOf({ dep: { '1.0': {}, '2.0': { metadata: 'infrastructure' }, '3.0': {} } });
    const partial = { ...full, metadata: new Map([...full.metadata].filter(([k]) => !k.endsWith('==3.0'))) };
    const lookups = new Lookups(partial);
    assert.deepEqual(releaseMetadata(lookups, NAME, '3.0'), { state: 'pending' });
    assert.equal(releaseMetadata(lookups, NAME, '2.0').state, 'lost');
    assert.equal(releaseMetadata(lookups, NAME, '1.0').state, 'ok');
    const high = highestUsable(lookups, { name: NAME, targets, allowPrerelease: false }, releasesOfState(lookups.project(NAME)), () => true);
    assert.equal(high.found?.version, '3.0', 'a pending release is the answer for now');
    assert.deepEqual(high.lost, [], 'a lost release below a pending one is not reached yet');
    assert.deepEqual(lookups.wanted().releases.map((r) => r.version), ['3.0']);
  });

  test(`${cases.length} cases`, () => assert.equal(cases.length, 8));
});
