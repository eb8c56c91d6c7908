// compat when a candidate its fix looks at (a release to pin instead, a release to add, a newer
// dependent) had its metadata lost by the index: the finding stays (it is a verdict by itself), its
// suggestion moves nothing and says what was not judged, and an index-error at the same line and
// target names the release and host; the cell is error (exit 3). A lost candidate below the answer
// changes nothing; unavailable metadata (delivered, unreadable) keeps today's behaviour.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKS, runChecks } from '../../../src/checks/index.js';
import { FindingSchema } from '../../../src/findings/index.js';
import type { Finding } from '../../../src/findings/index.js';
import { buildInventory } from '../../../src/inventory/index.js';
import { fetcherFrom, snapshotOf, TASKCLUSTER_INDEX as TC } from '../snapshot.js';
import type { IndexDesc } from '../snapshot.js';

const M = 'modules/x/files/requirements.txt';
const T = 'py3.6-linux-x86_64';
const LOST = { metadata: 'infrastructure' as const };

interface Case {
  name: string;
  text: string;
  index: IndexDesc;
  /** The verdict finding: its code, line, and the suggestion's change (null: none). */
  verdict: { code: Finding['code']; line: number; to: string | null; text: RegExp };
  /** The lost candidate named by the index-error (package==version), or null for none. */
  lost: string | null;
  notJudged?: RegExp;
  status: 'fail' | 'error';
}

const CONFLICT = '# python_version: 36\nx==1.0\ny==2.0\n';
const cases: Case[] = [
  {
    name: 'conflict: the lost candidate would be the fix',
    text: CONFLICT,
    index: { x: { '1.0': { requires: ['y<2'] } }, y: { '1.0': {}, '1.5': LOST, '2.0': {} } },
    verdict: { code: 'conflict', line: 3, to: null, text: /^no fix suggested: the metadata of y 1\.5 could not be fetched \(see the index-error\), so the fix for y 2\.0 was not judged: y 1\.5 satisfies every pinned dependent, but whether its Requires-Python admits every target python is unknown; run again once the index answers$/ },
    lost: 'y==1.5', notJudged: /, so the fix for y 2\.0 was not judged: y 1\.5 satisfies every pinned dependent/,
    status: 'error',
  },
  {
    name: 'conflict: a lost candidate below the fix changes nothing',
    text: CONFLICT,
    index: { x: { '1.0': { requires: ['y<2'] } }, y: { '1.0': LOST, '1.5': {}, '2.0': {} } },
    verdict: { code: 'conflict', line: 3, to: '1.5', text: /^pin y==1\.5 \(highest release satisfying every pinned dependent\)$/ },
    lost: null, status: 'fail',
  },
  {
    name: 'conflict: a lost candidate above a fully known one (1.8 refused by its METADATA Requires-Python) is no fallback',
    text: CONFLICT,
    index: { x: { '1.0': { requires: ['y<2'] } }, y: { '1.0': {}, '1.5': LOST, '1.8': { requiresPython: '>=3.8', fileRequiresPython: '' }, '2.0': {} } },
    verdict: { code: 'conflict', line: 3, to: null, text: /^no fix suggested: the metadata of y 1\.5 could not be fetched/ },
    lost: 'y==1.5', status: 'error',
  },
  {
    name: 'conflict: no release of the dependency fits, and the lowest newer dependent that could accept it was lost',
    text: CONFLICT,
    index: { x: { '1.0': { requires: ['y<1.5'] }, '1.1': LOST, '1.2': { requires: ['y>=2'] } }, y: { '2.0': {}, '3.0': {} } },
    verdict: { code: 'conflict', line: 3, to: null, text: /^no fix suggested: the metadata of x 1\.1 could not be fetched \(see the index-error\), so the fix for y 2\.0 was not judged: whether x 1\.1 accepts y 2\.0 is unknown;/ },
    lost: 'x==1.1', notJudged: /the metadata of x 1\.1 could not be fetched from 127\.0\.0\.1:1, so the fix for y 2\.0 was not judged: whether x 1\.1 accepts y 2\.0 is unknown$/,
    status: 'error',
  },
  {
    name: 'conflict: a lost newer dependent above the lowest that accepts changes nothing',
    text: CONFLICT,
    index: { x: { '1.0': { requires: ['y<1.5'] }, '1.1': { requires: ['y>=2'] }, '1.2': LOST }, y: { '2.0': {}, '3.0': {} } },
    verdict: { code: 'conflict', line: 3, to: '1.1', text: /^upgrade x to 1\.1 \(lowest newer release that accepts y 2\.0\)$/ },
    lost: null, status: 'fail',
  },
  {
    name: 'unknown-version: the replacement that would be suggested was lost',
    text: '# python_version: 36\nslugid==9.9\n',
    index: { ...TC, slugid: { '1.0.7': {}, '2.0.0': LOST } },
    verdict: { code: 'unknown-version', line: 2, to: null, text: /^no fix suggested: the metadata of slugid 2\.0\.0 could not be fetched \(see the index-error\), so the replacement for slugid 9\.9 was not judged/ },
    lost: 'slugid==2.0.0', status: 'error',
  },
  {
    name: 'missing-dependency: the release to add was lost',
    text: '# python_version: 36\ntaskcluster==4.0.1\ntaskcluster-urls==10.1.2\n',
    index: { ...TC, slugid: { '1.0.7': {}, '2.0.0': LOST } },
    verdict: { code: 'missing-dependency', line: 2, to: null, text: /^no fix suggested: the metadata of slugid 2\.0\.0 could not be fetched \(see the index-error\), so the release of slugid to add was not judged/ },
    lost: 'slugid==2.0.0', status: 'error',
  },
  {
    name: 'missing-dependency: a lost release the dependents refuse is no candidate',
    text: '# python_version: 36\ntaskcluster==4.0.1\ntaskcluster-urls==10.1.2\nother==1.0\n',
    index: { ...TC, other: { '1.0': { requires: ['slugid<2'] } }, slugid: { '1.0.7': {}, '2.0.0': LOST } },
    verdict: { code: 'missing-dependency', line: 2, to: '1.0.7', text: /^add slugid==1\.0\.7 \(highest release every pinned dependent accepts\)$/ },
    lost: null, status: 'fail',
  },
  {
    name: 'unavailable metadata (an sdist without static metadata) is no loss: it is suggested on its listing, as before',
    text: CONFLICT,
    index: { x: { '1.0': { requires: ['y<2'] } }, y: { '1.0': {}, '1.5': { sdist: true, metadata: 'unavailable' }, '2.0': {} } },
    verdict: { code: 'conflict', line: 3, to: '1.5', text: /^pin y==1\.5 / },
    lost: null, status: 'fail',
  },
];

describe('compat: a fix that needed a candidate the index lost', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const inventory = buildInventory([{ path: M, text: c.text }]);
      const out = await runChecks(CHECKS.filter((k) => k.id === 'compat'), inventory, { index: new Map(), mirror: new Map(), metadata: new Map() }, fetcherFrom(snapshotOf(c.index)));
      for (const f of out.findings) FindingSchema.parse(f);
      const verdict = out.findings.filter((f) => f.code === c.verdict.code && f.line === c.verdict.line);
      assert.equal(verdict.length, 1, JSON.stringify(out.findings.map((f) => [f.code, f.line, f.message])));
      const v = verdict[0]!;
      assert.equal(v.severity, 'error', 'the verdict stands');
      assert.match(v.suggestion?.text ?? '', c.verdict.text);
      assert.deepEqual(v.suggestion?.changes.map((x) => x.to), c.verdict.to === null ? [] : [c.verdict.to]);
      const lost = out.findings.filter((f) => f.code === 'index-error');
      assert.deepEqual(lost.map((f) => { const d = f.details as { candidate?: { package: string; version: string } }; return d.candidate ? `${d.candidate.package}==${d.candidate.version}` : null; }), c.lost ? [c.lost] : []);
      for (const f of lost) {
        assert.deepEqual([f.file, f.line, f.target, f.package, f.version, f.severity], [M, v.line, T, v.package, v.version, 'error'], 'at the verdict\'s file, line and target');
        const [pkg, version] = c.lost!.split('==');
        assert.match(f.message, new RegExp(`^Could not fetch URL http://127\\.0\\.0\\.1:1/files/${pkg}-${version!.replace(/\./g, '\\.')}-py2\\.py3-none-any\\.whl: 503 Server Error \\(HTTP 503 after 3 retries\\): the metadata of ${pkg} ${version!.replace(/\./g, '\\.')} could not be fetched from 127\\.0\\.0\\.1:1, so `));
        if (c.notJudged) assert.match(f.message, c.notJudged);
        assert.deepEqual({ ...(f.details as object), reason: '' }, { where: 'index', lost: 'metadata', url: `http://127.0.0.1:1/files/${pkg}-${version}-py2.py3-none-any.whl`, host: '127.0.0.1:1', reason: '', candidate: { package: pkg, version } });
        assert.match(f.suggestion?.text ?? '', /^check that 127\.0\.0\.1:1 answers \(curl -sI http:\/\/127\.0\.0\.1:1\/files\//);
      }
      assert.deepEqual(out.results.map((r) => [r.target, r.status]), [[T, c.status]]);
    });
  }
  test(`${cases.length} cases`, () => assert.equal(cases.length, 9));
});
