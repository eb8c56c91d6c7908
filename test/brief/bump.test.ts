import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import semver from 'semver';
import { BUMP_ORDER, bumpOf, highestBump } from '../../src/brief/index.js';
import type { BumpKind } from '../../src/brief/index.js';

// [from, to, kind, semver diff (undefined: no semver comparison), note pattern]
type Row = [string, string, BumpKind, (semver.ReleaseType | null)?, RegExp?];

const ROWS: Row[] = [
  // release segments
  ['4.0.1', '5.0.0', 'major', 'major'],
  ['0.9', '1.0', 'major', 'major'],
  ['1.2.3', '2.0.0', 'major', 'major'],
  ['1.2.3', '1.3.0', 'minor', 'minor'],
  ['2.9', '2.10', 'minor', 'minor'],
  ['1.2.3', '1.2.4', 'patch', 'patch'],
  ['1.0', '1.0.1', 'patch', 'patch'],
  ['0.1.0', '0.2.0', 'minor', 'minor', /below 1\.0\.0 any bump may break/],
  ['0.3.4', '0.3.5', 'patch', 'patch', /below 1\.0\.0/],
  ['1', '2', 'major', 'major'],
  ['10.1.0', '10.1.2', 'patch', 'patch'],
  ['2.20.0', '2.21.0', 'minor', 'minor'],
  // four-part releases and calendar versions: PEP 440 kinds, no semver
  ['1.2.3.4', '1.2.3.5', 'patch', undefined, /4-part release/],
  ['1.2.3', '1.2.3.1', 'patch', undefined, /4-part release/],
  ['1.2.3.4', '1.3', 'minor', undefined, /4-part release/],
  ['2024.1', '2024.10', 'minor', undefined, /calendar version/],
  ['2018.10.15', '2018.11.29', 'minor', undefined, /calendar version/],
  ['2023.12.31', '2024.1.1', 'major', undefined, /calendar version/],
  ['2024.1.1', '2024.1.2', 'patch', undefined, /calendar version/],
  // epochs
  ['1.0', '1!1.0', 'epoch', undefined, /epoch/],
  ['1!1.0', '1!2.0', 'major', undefined, /epoch/],
  ['1!1.0', '2!0.1', 'epoch', undefined, /epoch/],
  ['1!1.0', '2.0', 'downgrade', undefined, /epoch/],
  // pre-releases
  ['1.0rc1', '1.0', 'pre-release', 'major'],
  ['1.0a1', '1.0b1', 'pre-release', 'prerelease'],
  ['1.0b2', '1.0rc1', 'pre-release', 'prerelease'],
  ['1.0a1', '1.0a2', 'pre-release', 'prerelease'],
  ['1.2.0rc1', '1.2.0', 'pre-release', 'minor'],
  ['1.0', '2.0b1', 'major', 'premajor'],
  ['1.0', '1.1rc1', 'minor', 'preminor'],
  ['1.2.3', '1.2.4a1', 'patch', 'prepatch'],
  ['1.0.dev1', '1.0a1', 'pre-release', undefined, /dev release/],
  // post, dev, local
  ['1.0', '1.0.post1', 'post', undefined, /post-release/],
  ['2.9.0', '2.9.0.post0', 'post', undefined, /post-release/],
  ['1.0.post1', '1.0.post2', 'post', undefined, /post-release/],
  ['1.0-1', '1.0-2', 'post', undefined, /post-release/],
  ['1.0.dev1', '1.0.dev2', 'dev', undefined, /dev release/],
  ['1.0.dev3', '1.0', 'dev', undefined, /dev release/],
  ['1.0.post1.dev1', '1.0.post1', 'dev', undefined, /post-release/],
  ['1.0+abc.1', '1.0+abc.2', 'local', undefined, /local segment/],
  ['1.0', '1.0+ubuntu1', 'local', undefined, /local segment/],
  // downgrades and no change
  ['5.0.0', '4.0.1', 'downgrade', 'major'],
  ['1.0', '1.0rc1', 'downgrade', 'major'],
  ['1.0.post1', '1.0', 'downgrade', undefined, /post-release/],
  ['2.10', '2.9', 'downgrade', 'minor'],
  ['1.0', '1.0.0', 'none', null],
  ['1.0', 'v1.0', 'none', null],
  ['1.0A1', '1.0a1', 'none', null],
  // not PEP 440
  ['1.0', 'dev-branch', 'unknown', undefined, /not PEP 440/],
  ['2.0-beta-3-x', '2.1', 'unknown', undefined, /not PEP 440/],
];

describe('bump kinds on PEP 440 segments', () => {
  test(`the table has at least 40 version pairs (${ROWS.length})`, () => {
    assert.ok(ROWS.length >= 40);
  });

  for (const [from, to, kind, diff, note] of ROWS) {
    test(`${from} → ${to}: ${kind}`, () => {
      const bump = bumpOf(from, to);
      assert.equal(bump.kind, kind, bump.detail);
      if (diff === undefined) {
        assert.equal(bump.semver, null, 'no semver comparison');
        assert.ok(bump.semverNote, 'the brief says why semver does not apply');
      } else {
        assert.ok(bump.semver, `${from} and ${to} map onto semver`);
        assert.equal(bump.semver.diff, diff);
      }
      if (note) assert.match(bump.semverNote ?? '', note);
    });
  }

  test('where both map onto semver, the PEP 440 kind agrees with semver on direction and size', () => {
    const size: Record<string, BumpKind> = { major: 'major', premajor: 'major', minor: 'minor', preminor: 'minor', patch: 'patch', prepatch: 'patch' };
    let compared = 0;
    for (const [from, to] of ROWS) {
      const bump = bumpOf(from, to);
      if (!bump.semver) continue;
      compared++;
      const order = semver.compare(bump.semver.from, bump.semver.to);
      assert.equal(order > 0, bump.kind === 'downgrade', `${from} → ${to} direction`);
      assert.equal(order === 0, bump.kind === 'none', `${from} → ${to} equality`);
      const d = bump.semver.diff;
      // rc → final: semver names the release it completes; PEP 440 names the segment that moved.
      if (bump.kind === 'pre-release' || bump.kind === 'downgrade' || !d) continue;
      assert.equal(size[d], bump.kind, `${from} → ${to}: semver ${d}`);
    }
    assert.ok(compared >= 20, `compared ${compared}`);
  });

  test('a bump to a pre-release is flagged', () => {
    assert.equal(bumpOf('1.0', '2.0b1').toPrerelease, true);
    assert.equal(bumpOf('1.0a1', '1.0b1').toPrerelease, false);
    assert.equal(bumpOf('1.0', '1.0.1.dev1').toPrerelease, true);
    assert.equal(bumpOf('1.0rc1', '1.0').toPrerelease, false);
  });

  test('the highest bump of a module follows the attention order', () => {
    const cases: Array<[BumpKind[], BumpKind | null]> = [
      [['patch', 'major', 'minor'], 'major'],
      [['post', 'local'], 'post'],
      [['minor', 'downgrade'], 'downgrade'],
      [['epoch', 'major'], 'epoch'],
      [['pre-release', 'patch'], 'patch'],
      [['none'], 'none'],
      [[], null],
    ];
    for (const [kinds, want] of cases) assert.equal(highestBump(kinds), want, kinds.join(','));
    assert.equal(new Set(BUMP_ORDER).size, 11);
  });
});
