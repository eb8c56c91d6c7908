import { describe, test } from 'node:test';
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { releaseKey, type MetadataState } from '../../src/pypi/index.js';
import { startIndexServer, type IndexServer, type IndexServerOptions } from '../support/index-server.js';
import { buildProjects, type BuiltFile } from '../support/distributions.js';
import { client, count, legacySdist, needs, paddedWheel, pn, metadataText, shapedWheel } from './fixtures.js';

type T = { after: (fn: () => Promise<void>) => void };

async function serve(t: T, files: BuiltFile[], opts: Partial<IndexServerOptions> = {}): Promise<IndexServer> {
  const s = await startIndexServer({ projects: files, ...opts });
  t.after(() => s.close());
  return s;
}

function ok(state: MetadataState | undefined) {
  assert.equal(state?.status, 'ok', JSON.stringify(state));
  if (state?.status !== 'ok') throw new Error('unreachable');
  return state;
}

function unavailable(state: MetadataState | undefined): string {
  assert.equal(state?.status, 'unavailable', JSON.stringify(state));
  return state?.status === 'unavailable' ? state.reason : '';
}

const REQS = ['six>=1.9', 'idna; python_version >= "3"', 'pytest; extra == "test"'];

async function requestsProject(): Promise<BuiltFile[]> {
  return buildProjects([
    {
      name: 'requests',
      releases: [
        {
          version: '2.0.0',
          requiresDist: REQS,
          extras: ['test'],
          files: [{ kind: 'wheel', tags: 'cp36-cp36m-manylinux1_x86_64' }, { kind: 'wheel' }, { kind: 'sdist' }],
        },
      ],
    },
  ]);
}

const key = releaseKey(pn('requests'), '2.0.0');

describe('release metadata', () => {
  test('PEP 658: the .metadata file of the pure wheel, nothing else', async (t) => {
    const s = await serve(t, await requestsProject());
    const snap = await client({ indexUrl: s.indexUrl }).fetchNeeds(needs({ releases: [{ name: pn('requests'), version: '2.0.0' }] }));
    const state = ok(snap.metadata.get(key));
    assert.equal(state.source, 'pep658');
    assert.equal(state.file, 'requests-2.0.0-py2.py3-none-any.whl');
    assert.deepEqual(state.metadata.requiresDist, REQS);
    assert.deepEqual(s.requests.map((r) => `${r.method} ${r.path}`), [
      'GET /simple/requests/',
      'GET /files/requests-2.0.0-py2.py3-none-any.whl.metadata',
    ]);
    assert.equal(snap.index.get(pn('requests'))?.status, 'ok', 'the page fetched on the way is kept');
  });

  test('a .metadata whose sha256 does not match is refused; the wheel is read instead', async (t) => {
    const s = await serve(t, await requestsProject(), {
      faults: [{ path: /\.metadata$/, kind: 'body', body: metadataText('requests', '2.0.0', ['evil']), contentType: 'application/octet-stream' }],
    });
    const snap = await client({ indexUrl: s.indexUrl }).fetchNeeds(needs({ releases: [{ name: pn('requests'), version: '2.0.0' }] }));
    const state = ok(snap.metadata.get(key));
    assert.notEqual(state.source, 'pep658');
    assert.deepEqual(state.metadata.requiresDist, REQS);
  });

  test('range reads: one suffix range for the tail, far fewer bytes than the wheel, no HEAD probe', async (t) => {
    const wheel = await paddedWheel('big', '1.0', ['six'], 2 * 1024 * 1024);
    const s = await serve(t, [wheel], { pep658: false });
    const c = client({ indexUrl: s.indexUrl });
    const snap = await c.fetchNeeds(needs({ releases: [{ name: pn('big'), version: '1.0' }] }));
    const state = ok(snap.metadata.get(releaseKey(pn('big'), '1.0')));
    assert.equal(state.source, 'wheel-range');
    assert.deepEqual(state.metadata.requiresDist, ['six']);
    const fileReqs = s.requests.filter((r) => r.path.startsWith('/files/'));
    // The tail holds the directory and METADATA (written last): one request for the wheel.
    assert.deepEqual(fileReqs.map((r) => `${r.method} ${r.range}`), ['GET bytes=-65577']);
    assert.ok(c.stats().bytes < wheel.bytes.length / 10, `${c.stats().bytes} bytes for a ${wheel.bytes.length}-byte wheel`);
    assert.equal(c.stats().ranges, 1);
    assert.equal(c.stats().downloads, 0);
  });

  // A served wheel of real shape (thousands of members; tensorflow has ~15,600): requests stay bounded.
  for (const members of [10, 1000, 20_000]) {
    for (const metadataFirst of [false, true]) {
      test(`range reads: ${members} members, METADATA ${metadataFirst ? 'first' : 'last'}: at most 3 requests for the wheel`, async (t) => {
        const wheel = await shapedWheel('huge', '1.0', ['six'], { members, metadataFirst, padBytes: 512 * 1024 });
        const s = await serve(t, [wheel], { pep658: false });
        const c = client({ indexUrl: s.indexUrl });
        const snap = await c.fetchNeeds(needs({ releases: [{ name: pn('huge'), version: '1.0' }] }));
        assert.deepEqual(ok(snap.metadata.get(releaseKey(pn('huge'), '1.0'))).metadata.requiresDist, ['six']);
        const fileReqs = s.requests.filter((r) => r.path.startsWith('/files/'));
        assert.ok(fileReqs.length >= 1 && fileReqs.length <= 3, JSON.stringify(fileReqs));
        assert.ok(fileReqs.every((r) => r.method === 'GET' && r.range?.startsWith('bytes=')), JSON.stringify(fileReqs));
        assert.equal(c.stats().ranges, fileReqs.length);
        assert.ok(c.stats().bytes < wheel.bytes.length / 2 + 200 * 1024, `${c.stats().bytes} of ${wheel.bytes.length} bytes`);
      });
    }
  }

  test('no ranges: the whole wheel is downloaded and its sha256 checked', async (t) => {
    const wheel = await paddedWheel('big', '1.0', ['six'], 200 * 1024);
    const s = await serve(t, [wheel], { pep658: false, ranges: false });
    const c = client({ indexUrl: s.indexUrl });
    const snap = await c.fetchNeeds(needs({ releases: [{ name: pn('big'), version: '1.0' }] }));
    assert.equal(ok(snap.metadata.get(releaseKey(pn('big'), '1.0'))).source, 'wheel-download');
    // The suffix range, answered 200 with the whole file, is the download: one request.
    assert.equal(count(s.requests, (r) => r.path.endsWith('.whl')), 1);
    assert.ok(c.stats().bytes >= wheel.bytes.length);
    assert.equal(c.stats().downloads, 1);
    assert.equal(c.stats().ranges, 0);
  });

  test('ranges a server gets wrong (a prefix for a suffix, other bytes than the Content-Range says): the whole wheel decides, as pip reads it', async (t) => {
    const wheel = await paddedWheel('big', '1.0', ['six'], 200 * 1024);
    for (const ranges of ['prefix', 'misplaced'] as const) {
      const s = await serve(t, [wheel], { pep658: false, ranges });
      const c = client({ indexUrl: s.indexUrl });
      const snap = await c.fetchNeeds(needs({ releases: [{ name: pn('big'), version: '1.0' }] }));
      const state = ok(snap.metadata.get(releaseKey(pn('big'), '1.0')));
      assert.deepEqual([state.source, state.metadata.requiresDist], ['wheel-download', ['six']], ranges);
      // The tail's answer does not read as one: one range request, then the download.
      assert.deepEqual([c.stats().ranges, c.stats().downloads], [1, 1], ranges);
    }
  });

  test('a central directory over its cap, read through ranges, is a verdict on the wheel: no download follows', async (t) => {
    const wheel = await paddedWheel('big', '1.0', ['six'], 200 * 1024);
    const forged = Buffer.from(wheel.bytes);
    forged.writeUInt32LE(64 * 1024 * 1024 + 1, forged.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) + 12);
    const s = await serve(t, [{ ...wheel, bytes: forged, sha256: createHash('sha256').update(forged).digest('hex') }], { pep658: false });
    const c = client({ indexUrl: s.indexUrl });
    const snap = await c.fetchNeeds(needs({ releases: [{ name: pn('big'), version: '1.0' }] }));
    assert.match(unavailable(snap.metadata.get(releaseKey(pn('big'), '1.0'))), /central directory is 67108865 bytes, over the 67108864-byte limit/);
    assert.deepEqual([c.stats().ranges, c.stats().downloads], [1, 0]);
  });

  test('a download whose bytes do not match the page sha256 is unavailable', async (t) => {
    const wheel = await paddedWheel('big', '1.0', ['six'], 1000);
    const s = await serve(t, [{ ...wheel, sha256: '0'.repeat(64) }], { pep658: false, ranges: false });
    const snap = await client({ indexUrl: s.indexUrl }).fetchNeeds(needs({ releases: [{ name: pn('big'), version: '1.0' }] }));
    assert.match(unavailable(snap.metadata.get(releaseKey(pn('big'), '1.0'))), /sha256 .* the index says 0000/);
  });

  test('a truncated download is retried; always truncated is reported', async (t) => {
    const wheel = await paddedWheel('big', '1.0', ['six'], 50 * 1024);
    const path = `/files/${wheel.filename}`;
    const gets = (s: IndexServer) => count(s.requests, (r) => r.path === path && r.method === 'GET');
    // No ranges here: the suffix-range GET is answered with the whole file, and cut.
    const once = await serve(t, [wheel], { pep658: false, ranges: false, faults: [{ path, kind: 'truncate', bytes: 1000, times: 1 }] });
    const c1 = client({ indexUrl: once.indexUrl });
    const snap1 = await c1.fetchNeeds(needs({ releases: [{ name: pn('big'), version: '1.0' }] }));
    assert.equal(ok(snap1.metadata.get(releaseKey(pn('big'), '1.0'))).source, 'wheel-download');
    assert.equal(gets(once), 2);
    assert.ok(c1.events.some((e) => e.kind === 'retry' && /truncated download/.test(e.reason)));

    const always = await serve(t, [wheel], { pep658: false, ranges: false, faults: [{ path, kind: 'truncate', bytes: 1000 }] });
    const snap2 = await client({ indexUrl: always.indexUrl, retries: 2 }).fetchNeeds(needs({ releases: [{ name: pn('big'), version: '1.0' }] }));
    assert.match(
      unavailable(snap2.metadata.get(releaseKey(pn('big'), '1.0'))),
      /big-1\.0-py3-none-any\.whl: .*truncated download: connection closed after 1000 of \d+ bytes after 2 retries/,
    );
    assert.equal(gets(always), 3);
  });

  test('a cut range response is retried and the ranged read still succeeds', async (t) => {
    const wheel = await paddedWheel('big', '1.0', ['six'], 512 * 1024);
    const path = `/files/${wheel.filename}`;
    // The first (tail) range response is cut.
    const s = await serve(t, [wheel], { pep658: false, faults: [{ path, kind: 'truncate', bytes: 100, times: 1 }] });
    const c = client({ indexUrl: s.indexUrl });
    const snap = await c.fetchNeeds(needs({ releases: [{ name: pn('big'), version: '1.0' }] }));
    assert.equal(ok(snap.metadata.get(releaseKey(pn('big'), '1.0'))).source, 'wheel-range');
    assert.ok(c.events.some((e) => e.kind === 'retry' && /truncated download: connection closed after 100 of 65577 bytes/.test(e.reason)));
    assert.ok(c.stats().bytes < wheel.bytes.length / 4);
    assert.equal(c.stats().retries, 1);
  });

  test('faults everywhere: every release gets a state and nothing is left unhandled', async (t) => {
    const rejections: unknown[] = [];
    const onRejection = (err: unknown) => void rejections.push(err);
    process.on('unhandledRejection', onRejection);
    t.after(() => void process.off('unhandledRejection', onRejection));
    const files = [...(await requestsProject()), await paddedWheel('big', '1.0', [], 10_000)];
    const s = await serve(t, files, {
      faults: [
        { path: /\.metadata$/, kind: 'reset' },
        { path: /big-1\.0/, kind: 'truncate', bytes: 10 },
        { path: '/simple/ghost/', kind: 'status', status: 502 },
      ],
    });
    const snap = await client({ indexUrl: s.indexUrl, retries: 1, timeoutMs: 500 }).fetchNeeds(
      needs({ releases: [{ name: pn('requests'), version: '2.0.0' }, { name: pn('big'), version: '1.0' }, { name: pn('ghost'), version: '1' }] }),
    );
    assert.equal(ok(snap.metadata.get(key)).source, 'wheel-range', 'PEP 658 reset falls through to the wheel');
    assert.match(unavailable(snap.metadata.get(releaseKey(pn('big'), '1.0'))), /truncated/);
    assert.match(unavailable(snap.metadata.get(releaseKey(pn('ghost'), '1'))), /HTTP 502/);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(rejections, []);
  });

  test('an oversized download is refused without reading it all', async (t) => {
    const wheel = await paddedWheel('big', '1.0', ['six'], 300 * 1024);
    const s = await serve(t, [wheel], { pep658: false, ranges: false });
    const c = client({ indexUrl: s.indexUrl, maxDownloadBytes: 100 * 1024 });
    const snap = await c.fetchNeeds(needs({ releases: [{ name: pn('big'), version: '1.0' }] }));
    assert.match(unavailable(snap.metadata.get(releaseKey(pn('big'), '1.0'))), /over the 102400-byte limit/);
    assert.ok(c.stats().bytes < wheel.bytes.length);
  });

  test('sdist: PKG-INFO 2.1 with Requires-Dist (builder default)', async (t) => {
    const files = await buildProjects([{ name: 'legacy', releases: [{ version: '1.0', requiresDist: ['six'], files: [{ kind: 'sdist', eggInfo: true }] }] }]);
    const s = await serve(t, files);
    const snap = await client({ indexUrl: s.indexUrl }).fetchNeeds(needs({ releases: [{ name: pn('legacy'), version: '1.0' }] }));
    const state = ok(snap.metadata.get(releaseKey(pn('legacy'), '1.0')));
    assert.equal(state.source, 'sdist');
    assert.deepEqual(state.metadata.requiresDist, ['six']);
  });

  test('an sdist sent as stored under Content-Encoding: gzip (proxpi, Apache AddEncoding) is read as pip reads it: its sha256 holds', async (t) => {
    const files = await buildProjects([{ name: 'legacy', releases: [{ version: '1.0', requiresDist: ['six'], files: [{ kind: 'sdist' }] }] }]);
    const s = await serve(t, files, { encodeArchives: true });
    const c = client({ indexUrl: s.indexUrl });
    const snap = await c.fetchNeeds(needs({ releases: [{ name: pn('legacy'), version: '1.0' }] }));
    const state = ok(snap.metadata.get(releaseKey(pn('legacy'), '1.0')));
    assert.deepEqual([state.source, state.metadata.requiresDist], ['sdist', ['six']]);
    assert.equal(count(s.requests, (r) => r.path === '/files/legacy-1.0.tar.gz'), 2, 'asked again for the stored bytes');
  });

  test('sdist: old PKG-INFO without Requires-Dist, egg-info requires.txt supplies them', async (t) => {
    const pkgInfo = 'Metadata-Version: 1.1\nName: legacy\nVersion: 1.0\n\n';
    const sdist = await legacySdist('legacy', '1.0', pkgInfo, 'six>=1.0\n\n[:python_version < "3"]\nenum34\n\n[test]\npytest\n');
    const s = await serve(t, [sdist]);
    const snap = await client({ indexUrl: s.indexUrl }).fetchNeeds(needs({ releases: [{ name: pn('legacy'), version: '1.0' }] }));
    const state = ok(snap.metadata.get(releaseKey(pn('legacy'), '1.0')));
    assert.equal(state.source, 'sdist');
    assert.ok(state.metadata.requiresDist.includes('six>=1.0'), JSON.stringify(state.metadata.requiresDist));
    assert.equal(state.metadata.requiresDist.length, 3);
  });

  test('sdist with no static dependency metadata is unavailable, with the reason', async (t) => {
    const files = await buildProjects([{ name: 'opaque', releases: [{ version: '1.0', requiresDist: ['six'], files: [{ kind: 'sdist', noRequires: true }] }] }]);
    const s = await serve(t, files);
    const snap = await client({ indexUrl: s.indexUrl }).fetchNeeds(needs({ releases: [{ name: pn('opaque'), version: '1.0' }] }));
    assert.match(unavailable(snap.metadata.get(releaseKey(pn('opaque'), '1.0'))), /sdist has no static dependency metadata; setup\.py would have to run/);
  });

  test('sdist with Metadata-Version 2.2 and no Requires-Dist: static, no dependencies', async (t) => {
    const sdist = await legacySdist('modern', '1.0', 'Metadata-Version: 2.2\nName: modern\nVersion: 1.0\n\n', null);
    const s = await serve(t, [sdist]);
    const snap = await client({ indexUrl: s.indexUrl }).fetchNeeds(needs({ releases: [{ name: pn('modern'), version: '1.0' }] }));
    assert.deepEqual(ok(snap.metadata.get(releaseKey(pn('modern'), '1.0'))).metadata.requiresDist, []);
  });

  test('unknown release and unknown project are unavailable with a reason', async (t) => {
    const s = await serve(t, await requestsProject());
    const snap = await client({ indexUrl: s.indexUrl }).fetchNeeds(
      needs({ releases: [{ name: pn('requests'), version: '9.9' }, { name: pn('ghost'), version: '1.0' }] }),
    );
    assert.match(unavailable(snap.metadata.get(releaseKey(pn('requests'), '9.9'))), /no files for requests 9\.9/);
    assert.match(unavailable(snap.metadata.get(releaseKey(pn('ghost'), '1.0'))), /ghost is not on the index/);
  });

  test('each release is fetched once, however often and concurrently it is asked for', async (t) => {
    const s = await serve(t, await requestsProject());
    const c = client({ indexUrl: s.indexUrl, concurrency: 4 });
    const ask = needs({
      projects: [pn('requests'), pn('requests')],
      releases: Array.from({ length: 20 }, (_, i) => ({ name: pn('requests'), version: i % 2 ? '2.0.0' : '2.0' })),
    });
    const snaps = await Promise.all([c.fetchNeeds(ask), c.fetchNeeds(ask), c.fetchNeeds(ask)]);
    for (const snap of snaps) {
      assert.equal(ok(snap.metadata.get(key)).source, 'pep658');
      assert.equal(snap.metadata.get(releaseKey(pn('requests'), '2.0')), snap.metadata.get(key));
    }
    assert.equal(count(s.requests, (r) => r.path === '/simple/requests/'), 1);
    assert.equal(count(s.requests, (r) => r.path.endsWith('.metadata')), 1);
    const again = await c.fetchNeeds(ask, snaps[0]);
    assert.equal(again, snaps[0]);
    assert.equal(s.requests.length, 2);
  });
});

/** The most wheels whose requests interleave in the server's log: a read is open from its first request to its last. */
function mostOpenAtOnce(requests: IndexServer['requests']): number {
  const files = requests.map((r) => (r.path.startsWith('/files/') ? r.path : null));
  const last = new Map<string, number>();
  files.forEach((f, i) => f !== null && last.set(f, i));
  const open = new Set<string>();
  let most = 0;
  files.forEach((f, i) => {
    if (f === null) return;
    open.add(f);
    most = Math.max(most, open.size);
    if (last.get(f) === i) open.delete(f);
  });
  return most;
}

// Memory, not time: every read holds its tail between requests, so reads in flight must not grow
// with the number of releases (a cold run asks for all of them at once, and before, every one of
// 609 releases held its tail, and its directory, while queued behind the others).
describe('ranged reads in flight', () => {
  test('40 wheels of two requests each: at most twice the concurrency open at once', async (t) => {
    const wheels = await Promise.all(
      Array.from({ length: 40 }, (_, i) => shapedWheel(`w${String(i).padStart(2, '0')}`, '1.0', ['six'], { members: 10, metadataFirst: true, padBytes: 128 * 1024 })),
    );
    const releases = wheels.map((w) => ({ name: pn(w.project), version: '1.0' }));
    const outcomes: Array<[number, number]> = [];
    for (const concurrency of [2, 32]) {
      const s = await serve(t, wheels, { pep658: false });
      const snap = await client({ indexUrl: s.indexUrl, concurrency }).fetchNeeds(needs({ releases }));
      assert.equal([...snap.metadata.values()].filter((m) => m.status === 'ok').length, 40, 'every release read');
      const wheelRequests = s.requests.filter((r) => r.path.startsWith('/files/'));
      assert.equal(wheelRequests.length, 80, 'the tail, then METADATA past the padding: two requests a wheel');
      outcomes.push([concurrency, mostOpenAtOnce(s.requests)]);
    }
    const [[, bounded], [, wide]] = outcomes as [[number, number], [number, number]];
    assert.ok(bounded <= 4, `concurrency 2: ${bounded} reads open at once`);
    // The measure sees interleaving when it is allowed, so the bound above is not vacuous.
    assert.ok(wide > 4, `concurrency 32: ${wide} reads open at once`);
  });
});
