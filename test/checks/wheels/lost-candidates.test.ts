// wheels when the metadata of a release pip's choice walks through was lost to the index (a listing
// without data-requires-python, so pip would read Requires-Python from the file): lost before the
// choice (it could be the file pip installs) is an index-error, never a missing-on-mirror naming a
// lower release; lost below the choice changes nothing; lost only for a suggestion (the index wheel
// that would spare an sdist build) keeps the verdict, names no wheel, and adds the index-error.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckSettings } from '../../../src/checks/index.js';
import { normalizeName } from '../../../src/names/index.js';
import { releaseKey } from '../../../src/pypi/index.js';
import type { IndexSnapshot } from '../../../src/pypi/index.js';
import { MIRROR, runWheels, universe } from './fixtures.js';
import type { Listing } from './fixtures.js';

const L = 'modules/x/files/requirements.txt';
const one: CheckSettings = { mirrors: [{ url: MIRROR, pythons: null }] };
const lostReason = (v: string): string => `foo-${v}-py3-none-any.whl: HTTP 503 after 3 retries (https://files.pypi.test/foo-${v}-py3-none-any.whl)`;

/** foo's releases: 'ok' (Requires-Python >=3.6 in METADATA) or 'lost'. */
function withFoo(snap: IndexSnapshot, releases: Record<string, 'ok' | 'lost'>): IndexSnapshot {
  for (const [version, state] of Object.entries(releases)) {
    snap.metadata.set(releaseKey(normalizeName('foo'), version), state === 'ok'
      ? { status: 'ok', metadata: { metadataVersion: '2.1', name: 'foo', version, requiresDist: [], requiresPython: '>=3.6', providesExtra: [], summary: null, homePage: null, projectUrls: [] }, source: 'pep658', file: `foo-${version}-py3-none-any.whl` }
      : { status: 'unavailable', reason: lostReason(version), infrastructure: true });
  }
  return snap;
}

interface Case {
  name: string;
  pin: string;
  index: Listing;
  mirror: Listing;
  releases: Record<string, 'ok' | 'lost'>;
  /** Every finding as code (and the file it names). */
  findings: string[];
  lost?: string;
  suggestion?: RegExp;
  status: 'pass' | 'fail' | 'error';
}

const cases: Case[] = [
  {
    name: 'a range pin: the newest release, pip\'s choice, was lost: index-error, no missing-on-mirror',
    pin: 'foo>=1.0', index: ['foo-1.5-py3-none-any.whl', 'foo-2.0-py3-none-any.whl'], mirror: [], releases: { '1.5': 'ok', '2.0': 'lost' },
    findings: ['index-error'], lost: '2.0', status: 'error',
  },
  {
    name: 'a range pin: a lost release below pip\'s choice changes nothing',
    pin: 'foo>=1.0', index: ['foo-1.5-py3-none-any.whl', 'foo-2.0-py3-none-any.whl'], mirror: [], releases: { '1.5': 'lost', '2.0': 'ok' },
    findings: ['missing-on-mirror foo-2.0-py3-none-any.whl'], status: 'fail',
  },
  {
    name: 'a range pin: lost above a fully known release is no missing-on-mirror naming the lower one',
    pin: 'foo>=1.0', index: ['foo-2.0-py3-none-any.whl', 'foo-2.1-py3-none-any.whl'], mirror: [], releases: { '2.0': 'ok', '2.1': 'lost' },
    findings: ['index-error'], lost: '2.1', status: 'error',
  },
  {
    name: 'sdist-only: the index wheel that would spare the build was not judged: the warning stays, names no wheel, with the index-error',
    pin: 'foo==2.0', index: ['foo-2.0-py3-none-any.whl', 'foo-2.0.tar.gz'], mirror: [{ filename: 'foo-2.0.tar.gz', requiresPython: '>=3' }], releases: { '2.0': 'lost' },
    findings: ['sdist-only', 'index-error'], lost: '2.0', status: 'error',
    suggestion: /^make sure py3\.6-linux-x86_64 hosts have a compiler .* \(whether the index has a wheel for it was not judged: see the index-error\)$/,
  },
  {
    name: 'sdist-only with the index wheel\'s metadata known: the wheel is named, as before',
    pin: 'foo==2.0', index: ['foo-2.0-py3-none-any.whl', 'foo-2.0.tar.gz'], mirror: [{ filename: 'foo-2.0.tar.gz', requiresPython: '>=3' }], releases: { '2.0': 'ok' },
    findings: ['sdist-only'], status: 'pass',
    suggestion: /^put foo-2\.0-py3-none-any\.whl \(from the index\) in the mirror folder/,
  },
];

describe('wheels: a release pip\'s choice needed, lost to the index', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const out = await runWheels({ [L]: `# python_version: 36\n${c.pin}\n` }, withFoo(universe(c.index, c.mirror), c.releases), one);
      const named = out.findings.map((f) => (f.code === 'missing-on-mirror' ? `${f.code} ${f.details.file.filename}` : f.code));
      assert.deepEqual(named, c.findings, JSON.stringify(out.findings.map((f) => f.message)));
      assert.deepEqual(out.results.map((r) => r.status), [c.status]);
      const lost = out.findings.find((f) => f.code === 'index-error');
      if (c.lost) {
        assert.equal(lost?.line, 2, 'at the pin\'s line');
        assert.match(lost?.message ?? '', new RegExp(`^Could not fetch URL https://files\\.pypi\\.test/foo-${c.lost}-py3-none-any\\.whl: 503 Server Error \\(HTTP 503 after 3 retries\\): the metadata of foo ${c.lost} could not be fetched from files\\.pypi\\.test, so `));
        // A range pin's walk reaches other releases than a pinned one: details name which.
        const exact = c.pin.includes('==');
        assert.deepEqual((lost?.details as { candidate?: unknown }).candidate, exact ? undefined : { package: 'foo', version: c.lost });
      }
      if (c.suggestion) assert.match(out.findings.find((f) => f.code === 'sdist-only')?.suggestion?.text ?? '', c.suggestion);
      const sdist = out.findings.find((f) => f.code === 'sdist-only');
      if (sdist?.code === 'sdist-only' && c.lost) assert.equal('indexWheel' in sdist.details, false, 'no wheel it could not judge');
    });
  }
  test(`${cases.length} cases`, () => assert.equal(cases.length, 5));
});
