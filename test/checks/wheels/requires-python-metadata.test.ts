// wheels and Requires-Python that only METADATA knows (issue 11): an autoindex mirror lists no
// data-requires-python, so pip downloads the best file, reads its METADATA and refuses it ("Package
// 'x' requires a different Python: 3.6.15 not in '>=3.10'"), then tries the next version, never
// another file of the same one. The check asks for the release's metadata and does the same.
// (The differential proof against pip is test/oracle/wheels-pip.test.ts, autoindex pass.)
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckSettings } from '../../../src/checks/index.js';
import { selectFile } from '../../../src/checks/wheels/index.js';
import { normalizeName } from '../../../src/names/index.js';
import { releaseKey } from '../../../src/pypi/index.js';
import type { CoreMetadata, IndexSnapshot } from '../../../src/pypi/index.js';
import { makeTarget } from '../../../src/targets/index.js';
import { MIRROR, projectFile, runWheels, universe } from './fixtures.js';
import type { Listing } from './fixtures.js';

const L = 'modules/x/files/requirements.txt';
const one: CheckSettings = { mirrors: [{ url: MIRROR, pythons: null }] };

const meta = (name: string, version: string, requiresPython: string | null): CoreMetadata => ({
  metadataVersion: '2.1', name, version, requiresDist: [], requiresPython, providesExtra: [], summary: null, homePage: null, projectUrls: [],
});

function withMetadata(snap: IndexSnapshot, entries: Array<[string, string, string | null]>): IndexSnapshot {
  for (const [name, version, rp] of entries) snap.metadata.set(releaseKey(normalizeName(name), version), { status: 'ok', metadata: meta(name, version, rp), source: 'pep658', file: `${name}-${version}-py3-none-any.whl` });
  return snap;
}

describe('wheels: Requires-Python from METADATA when the listing has none', () => {
  const cases: Array<{
    name: string; pin: string; index: Listing; mirror: Listing; metadata: Array<[string, string, string | null]>; code: string | null; file?: string; message?: RegExp; asks?: boolean;
    /** foo 2.0's metadata as the index client gave it up: lost to the index (infrastructure) or unreadable. */
    unavailable?: { reason: string; infrastructure: boolean };
  }> = [
    {
      name: 'the mirror wheel and the index files of the pin all need >=3.10: no-distribution, in pip\'s words',
      pin: 'foo==2.0', index: ['foo-2.0-py3-none-any.whl', 'foo-2.0.tar.gz'], mirror: ['foo-2.0-py3-none-any.whl'], metadata: [['foo', '2.0', '>=3.10']],
      code: 'no-distribution', message: /foo-2\.0-py3-none-any\.whl \(requires a different Python: 3\.6\.15 not in '>=3\.10' \(Requires-Python of its METADATA; the listing gives none\)\)/,
    },
    {
      name: 'a range pin: the mirror\'s newest release is refused, the index has an older one that fits: missing-on-mirror naming it',
      pin: 'foo>=1.0', index: ['foo-1.5-py3-none-any.whl', 'foo-2.0-py3-none-any.whl'], mirror: ['foo-2.0-py3-none-any.whl'], metadata: [['foo', '2.0', '>=3.10'], ['foo', '1.5', '>=3.6']],
      code: 'missing-on-mirror', file: 'foo-1.5-py3-none-any.whl',
    },
    { name: 'METADATA admits the target: the mirror wheel serves', pin: 'foo==2.0', index: [], mirror: ['foo-2.0-py3-none-any.whl'], metadata: [['foo', '2.0', '>=3.6']], code: null },
    { name: 'no Requires-Python in METADATA: the mirror wheel serves', pin: 'foo==2.0', index: [], mirror: ['foo-2.0-py3-none-any.whl'], metadata: [['foo', '2.0', null]], code: null },
    { name: 'METADATA unreadable: not refused (unknown is no refusal; compat reports metadata-unavailable)', pin: 'foo==2.0', index: [], mirror: ['foo-2.0-py3-none-any.whl'], metadata: [], code: null },
    {
      name: 'METADATA lost to the index (the wheel hung): pip\'s verdict on the file is unknown, an index-error naming the host, never a pass',
      pin: 'foo==2.0', index: [], mirror: ['foo-2.0-py3-none-any.whl'], metadata: [],
      unavailable: { reason: 'foo-2.0-py3-none-any.whl: timed out after 400 ms after 3 retries (http://127.0.0.1:9/files/foo-2.0-py3-none-any.whl)', infrastructure: true },
      code: 'index-error', message: /^Could not fetch URL http:\/\/127\.0\.0\.1:9\/files\/foo-2\.0-py3-none-any\.whl: Read timed out\. \(timed out after 400 ms after 3 retries\): the metadata of foo 2\.0 could not be fetched from 127\.0\.0\.1:9, so foo==2\.0 was not checked for py3\.6-linux-x86_64$/,
    },
    {
      name: 'METADATA delivered and unreadable (no METADATA in the wheel): not refused, as pip would not refuse it by Requires-Python either',
      pin: 'foo==2.0', index: [], mirror: ['foo-2.0-py3-none-any.whl'], metadata: [],
      unavailable: { reason: 'foo-2.0-py3-none-any.whl: no .dist-info/METADATA in the wheel', infrastructure: false },
      code: null,
    },
    {
      // PyPI derives data-requires-python from the same METADATA, so the two agree there; a page that
      // contradicts its own files is out of scope (pip would check both).
      name: 'a listing with data-requires-python is used as it is: no METADATA is asked for',
      pin: 'foo==2.0', index: [], mirror: [{ filename: 'foo-2.0-py3-none-any.whl', requiresPython: '>=3.6' }], metadata: [['foo', '2.0', '>=3.10']], code: null, asks: false,
    },
  ];
  let compared = 0;
  for (const c of cases) {
    test(c.name, async () => {
      const snap = withMetadata(universe(c.index, c.mirror), c.metadata);
      if (c.unavailable) snap.metadata.set(releaseKey(normalizeName('foo'), '2.0'), { status: 'unavailable', ...c.unavailable });
      const out = await runWheels({ [L]: `# python_version: 36\n${c.pin}\n` }, snap, one);
      const errors = out.findings.filter((f) => f.severity === 'error');
      if (c.code === 'index-error') {
        assert.deepEqual(errors.map((f) => f.code), ['index-error']);
        assert.equal(out.results[0]?.status, 'error', 'the cell could not be checked');
        assert.match(errors[0]?.message ?? '', c.message!);
        const d = errors[0]?.details as { lost: string; host: string | null; where: string };
        assert.deepEqual([d.lost, d.host, d.where], ['metadata', '127.0.0.1:9', 'index']);
      } else if (c.code === null) {
        assert.deepEqual(errors.map((f) => `${f.code}: ${f.message}`), []);
        assert.equal(out.results[0]?.status, 'pass');
      } else {
        assert.deepEqual(errors.map((f) => f.code), [c.code]);
        assert.equal(out.results[0]?.status, 'fail');
        if (c.file) {
          const details = errors[0]?.details;
          assert.ok(details && 'file' in details, 'the finding names its file');
          assert.equal(details.file.filename, c.file);
        }
        if (c.message) assert.match(errors[0]?.message ?? '', c.message);
      }
      // The release's metadata was asked for, as one need of the rounds.
      assert.equal(out.asked.some((n) => n.releases.some((r) => r.name === 'foo' && r.version === '2.0')), c.asks ?? true, 'asked for foo 2.0 metadata');
      compared++;
    });
  }
  test('every case ran', () => assert.equal(compared, cases.length));
});

describe('selectFile with METADATA Requires-Python', () => {
  const target = makeTarget('3.6', 'linux-x86_64');
  const files = (list: Listing) => list.map((d) => projectFile(d, MIRROR, 'file:///mirror/'));
  const rpOf = (m: Record<string, string | null>) => (v: string): string | null | undefined => m[v];

  test('a refused version drops all its files (pip builds one candidate per version), the next version is chosen', () => {
    const listing = files(['foo-1.0-py3-none-any.whl', 'foo-1.1-cp36-cp36m-manylinux1_x86_64.whl', { filename: 'foo-1.1-py3-none-any.whl', requiresPython: '>=3' }]);
    const sel = selectFile(listing, normalizeName('foo'), { specifier: '>=1.0', allowSdist: true, metadataRequiresPython: rpOf({ '1.1': '>=3.10', '1.0': null }) }, target);
    assert.equal(sel.chosen?.file.filename, 'foo-1.0-py3-none-any.whl');
    assert.deepEqual(sel.candidates.map((c) => c.file.filename), ['foo-1.0-py3-none-any.whl']);
    assert.deepEqual(sel.rejected.map((r) => `${r.file.filename} ${r.reason}`).sort(), ['foo-1.1-cp36-cp36m-manylinux1_x86_64.whl requires-python', 'foo-1.1-py3-none-any.whl requires-python']);
  });

  test('only the walked candidates are asked about (lazily, best first)', () => {
    const asked: string[] = [];
    const listing = files(['foo-1.0-py3-none-any.whl', 'foo-1.1-py3-none-any.whl', 'foo-1.2-py3-none-any.whl']);
    const sel = selectFile(listing, normalizeName('foo'), { specifier: '>=1.0', allowSdist: true, metadataRequiresPython: (v) => (asked.push(v), v === '1.2' ? '>=3.7' : '>=3.6') }, target);
    assert.equal(sel.chosen?.version, '1.1');
    assert.deepEqual([...new Set(asked)], ['1.2', '1.1']);
  });

  test('a yanked file is not walked when a non-yanked one exists; all refused: none chosen', () => {
    const listing = files([{ filename: 'foo-2.0-py3-none-any.whl', yanked: 'bad' }, 'foo-2.0.tar.gz']);
    const sel = selectFile(listing, normalizeName('foo'), { specifier: '==2.0', allowSdist: true, metadataRequiresPython: () => '>=3.10' }, target);
    assert.equal(sel.chosen, null);
    assert.equal(sel.rejected.filter((r) => r.reason === 'requires-python').length, 2);
  });
});
