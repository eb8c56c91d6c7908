import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readlink, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { releaseKey } from '../../src/pypi/index.js';
import { writeLocalIndex } from '../support/distributions.js';
import { startIndexServer, type IndexServerOptions } from '../support/index-server.js';
import { MiB, client, largest, needs, pn, readAll, shapedWheel, sources, tempDir, wheels } from './fixtures.js';

// Whole wheels read by ranges from disk: a download spooled under the cache folder (a server that
// ignores Range, or no usable 206), a local wheel in place. What memory holds is only what the zip
// reader asks for (a directory beyond the tail, under leave), never the wheel.
/** The most bytes the spool files this process has open under `spool` held at a sample, until the returned stop is called (Linux: /proc/self/fd; elsewhere 0). */
function spoolSampler(spool: string): () => Promise<number> {
  let peak = 0;
  let running = process.platform === 'linux';
  const sampling = (async () => {
    while (running) {
      let total = 0;
      for (const fd of await readdir('/proc/self/fd').catch(() => [])) {
        const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
        if (target.startsWith(spool)) total += (await stat(`/proc/self/fd/${fd}`).catch(() => null))?.size ?? 0;
      }
      peak = Math.max(peak, total);
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  return async () => {
    running = false;
    await sampling;
    return peak;
  };
}

describe('whole wheels on disk', () => {
  test('a server that ignores Range: 40 wheels of 2 MiB spooled under the cache folder, none held in memory, nothing left behind', async (t) => {
    const cacheDir = await tempDir(t);
    const files = await wheels(40, 2 * MiB);
    const r = await readAll(t, files, { ranges: false }, { cacheDir, maxBufferedBytes: 8 * MiB });
    assert.deepEqual(sources(r.states), ['wheel-download']);
    assert.equal(r.buffered.peak, 0, 'each tail held the directory and METADATA: no leave asked');
    assert.equal(r.stats.setAside, 0);
    assert.deepEqual([r.stats.downloads, r.stats.ranges], [40, 0]);
    assert.ok(r.stats.bytes >= 40 * 2 * MiB);
    assert.deepEqual(await readdir(join(cacheDir, 'spool')), []);
  });

  // Disk is budgeted as memory is: a spool takes leave for its bytes as they arrive, is set aside
  // (sent again) when there is no room, and gives it back once read; a wheel over the budget is
  // spooled alone. The budget's peak bounds what was written (no spool writes past its leave, and a
  // failed answer's bytes are dropped at once: body.test.ts); the spool files' sizes, sampled from
  // /proc/self/fd while the run goes, are a second witness, from below.
  const spoolCases: Array<[string, Partial<IndexServerOptions>]> = [['with Content-Length', {}], ['chunked (leave grows as bytes arrive)', { contentLength: false }]];
  for (const [name, server] of spoolCases) {
    test(`a 4 MiB spool budget, 24 wheels of 1 MiB, ${name}: never more on disk, verdicts as with 1 GiB`, async (t) => {
      const files = await wheels(24, 1 * MiB);
      const runs = [];
      for (const maxSpoolBytes of [4 * MiB, 1024 * MiB]) {
        const cacheDir = await tempDir(t);
        const stop = spoolSampler(join(cacheDir, 'spool'));
        const r = await readAll(t, files, { ranges: false, ...server }, { cacheDir, maxSpoolBytes });
        runs.push({ ...r, sampled: await stop() });
        assert.deepEqual(await readdir(join(cacheDir, 'spool')), []);
      }
      const [bounded, wide] = runs;
      if (!bounded || !wide) throw new Error('unreachable');
      assert.deepEqual(sources(bounded.states), ['wheel-download']);
      assert.deepEqual(bounded.states, wide.states, 'the same verdicts');
      assert.ok(bounded.spooled.peak <= 4 * MiB && bounded.spooled.peak >= largest(files), `spooled at most ${bounded.spooled.peak}`);
      assert.ok(bounded.stats.setAside > 0, 'spools waited for room');
      assert.equal(bounded.buffered.peak, 0, 'none of it held in memory');
      assert.ok(wide.spooled.peak > 4 * MiB, `unbounded, ${wide.spooled.peak} at once: the bound above is not vacuous`);
      // A lower bound of what was on disk (samples miss moments on a loaded machine), never above the budget.
      assert.ok(bounded.sampled <= 4 * MiB, `seen on disk: ${bounded.sampled}`);
      t.diagnostic(`spooled at once: ${(bounded.spooled.peak / MiB).toFixed(1)} MiB under a 4 MiB budget (${bounded.stats.setAside} set aside; ${(bounded.sampled / MiB).toFixed(1)} MiB seen), ${(wide.spooled.peak / MiB).toFixed(1)} MiB under 1 GiB`);
    });
  }

  test('a wheel larger than the whole spool budget is spooled alone, not refused', async (t) => {
    const big = await shapedWheel('big', '1.0', ['six'], { members: 10, padBytes: 6 * MiB });
    const files = [big, ...(await wheels(8, 1 * MiB))];
    const r = await readAll(t, files, { ranges: false }, { cacheDir: await tempDir(t), maxSpoolBytes: 4 * MiB });
    assert.deepEqual(sources(r.states), ['wheel-download']);
    // Held alone: anything spooled beside it would have pushed the peak past its own size.
    assert.equal(r.spooled.peak, big.bytes.length);
  });

  test('a server that gets ranges wrong: the download that follows is spooled too', async (t) => {
    const files = await wheels(4, 1 * MiB);
    for (const ranges of ['prefix', 'misplaced'] as const) {
      const cacheDir = await tempDir(t);
      const r = await readAll(t, files, { ranges }, { cacheDir });
      assert.deepEqual(sources(r.states), ['wheel-download'], ranges);
      assert.equal(r.stats.downloads, 4);
      assert.equal(r.buffered.peak, 0, 'no wheel held in memory');
      assert.deepEqual(await readdir(join(cacheDir, 'spool')), []);
    }
  });

  test('a 20,000-member wheel, METADATA first: its directory and member are read back from disk under leave', async (t) => {
    const cacheDir = await tempDir(t);
    const wheel = await shapedWheel('huge', '1.0', ['six'], { members: 20_000, metadataFirst: true, padBytes: 4 * MiB });
    const r = await readAll(t, [wheel], { ranges: false }, { cacheDir });
    assert.deepEqual(sources(r.states), ['wheel-download']);
    assert.ok(r.buffered.peak > 20_000 * 46 && r.buffered.peak < 4 * MiB, `held ${r.buffered.peak} of ${wheel.bytes.length}`);
  });

  test('the page sha256 is checked on the spooled bytes; a truncated download restarts its spool', async (t) => {
    const cacheDir = await tempDir(t);
    const [good, bad] = await wheels(2, 256 * 1024);
    if (!good || !bad) throw new Error('unreachable');
    const r = await readAll(t, [good, { ...bad, sha256: '0'.repeat(64) }], {
      ranges: false,
      faults: [{ path: `/files/${good.filename}`, kind: 'truncate', bytes: 100_000, times: 1 }],
    }, { cacheDir });
    assert.equal(r.states[0]?.status, 'ok');
    assert.equal(r.stats.retries, 1);
    const reason = r.states[1]?.status === 'unavailable' ? r.states[1].reason : '';
    assert.match(reason, /sha256 [0-9a-f]{64}, the index says 0{64}/);
    assert.deepEqual(await readdir(join(cacheDir, 'spool')), []);
  });

  test('a spool file is unlinked while it is written: a crash leaves nothing behind', { skip: process.platform !== 'linux' && 'reads /proc/self/fd' }, async (t) => {
    const cacheDir = await tempDir(t);
    const [wheel] = await wheels(1, 256 * 1024);
    if (!wheel) throw new Error('unreachable');
    const s = await startIndexServer({ projects: [wheel], pep658: false, ranges: false, faults: [{ path: `/files/${wheel.filename}`, kind: 'stall', bytes: 1000, times: 1 }] });
    t.after(() => s.close());
    // The stalled attempt times out after a second; its retry gets the whole body.
    const c = client({ indexUrl: s.indexUrl, cacheDir, timeoutMs: 1000 });
    const spool = join(cacheDir, 'spool');
    let settled = false;
    const reading = c.fetchNeeds(needs({ releases: [{ name: pn(wheel.project), version: '1.0' }] })).finally(() => (settled = true));
    // While the body is spooled, a descriptor points at a deleted file in the spool folder.
    const openSpool = async () => {
      for (const fd of await readdir('/proc/self/fd')) {
        const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
        if (target.startsWith(spool)) return target;
      }
      return null;
    };
    let target: string | null = null;
    while (!settled && (target = await openSpool()) === null) await new Promise((resolve) => setImmediate(resolve));
    assert.match(target ?? 'never seen', / \(deleted\)$/);
    assert.deepEqual(await readdir(spool), []);
    const snap = await reading;
    assert.equal(snap.metadata.get(releaseKey(pn(wheel.project), '1.0'))?.status, 'ok');
  });

  test('a spool folder that cannot be made falls back to memory, under the budget', async (t) => {
    const cacheDir = await tempDir(t);
    await writeFile(join(cacheDir, 'spool'), 'a file where the folder would be');
    const files = await wheels(6, 1 * MiB);
    const r = await readAll(t, files, { ranges: false }, { cacheDir, maxBufferedBytes: 4 * MiB });
    assert.deepEqual(sources(r.states), ['wheel-download']);
    assert.ok(r.buffered.peak >= largest(files) && r.buffered.peak <= 4 * MiB, `held ${r.buffered.peak}`);
  });

  test('a local wheel is read in place: its tail, not its 8 MiB', async (t) => {
    const dir = await tempDir(t);
    const files = await wheels(3, 8 * MiB);
    await writeLocalIndex(files, dir);
    const c = client({ indexUrl: dir, maxBufferedBytes: 4 * MiB });
    const releases = files.map((f) => ({ name: pn(f.project), version: '1.0' }));
    const snap = await c.fetchNeeds(needs({ releases }));
    assert.deepEqual(sources(releases.map((r) => snap.metadata.get(releaseKey(r.name, r.version)))), ['wheel-download']);
    assert.equal(c.buffered().peak, 0, 'nothing held but the tails');
  });

  // Deadlock-free: a download held in memory holds leave for all of it, so reading it must ask for no
  // more. Here the wheel is over the budget (admitted as all of it), and its METADATA claims to run past
  // the end: a reader that asked for leave to read further would wait on itself forever (the generous
  // timeout turns that hang into a failure; it measures nothing). Spooled, it holds no leave to ask from.
  test('a wheel whose METADATA runs past its end is an error, not a wait, held in memory or spooled', { timeout: 120_000 }, async (t) => {
    const [wheel] = await wheels(1, 1 * MiB);
    if (!wheel) throw new Error('unreachable');
    const bytes = Buffer.from(wheel.bytes);
    const name = Buffer.from(`${wheel.project}-1.0.dist-info/METADATA`);
    const entry = bytes.lastIndexOf(name) - 46; // its central directory entry
    assert.equal(bytes.readUInt32LE(entry), 0x02014b50);
    bytes.writeUInt32LE(8 * MiB, entry + 20); // compressed size: past the end
    const forged = { ...wheel, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
    const held = await readAll(t, [forged], { ranges: false }, { maxBufferedBytes: 512 * 1024 });
    assert.match(sources(held.states)[0] ?? '', /file data overflows file bounds/);
    const spooled = await readAll(t, [forged], { ranges: false }, { maxBufferedBytes: 512 * 1024, cacheDir: await tempDir(t) });
    assert.match(sources(spooled.states)[0] ?? '', /data runs past the file/);
  });

  test("a local wheel is checked against its page's sha256, read from disk", async (t) => {
    const root = await tempDir(t);
    const [good, bad] = await wheels(2, 64 * 1024);
    if (!good || !bad) throw new Error('unreachable');
    for (const [wheel, sha256] of [[good, good.sha256], [bad, '0'.repeat(64)]] as const) {
      await mkdir(join(root, wheel.project));
      await writeFile(join(root, wheel.project, wheel.filename), wheel.bytes);
      await writeFile(join(root, wheel.project, 'index.html'), `<a href="${wheel.filename}#sha256=${sha256}">${wheel.filename}</a>`);
    }
    const snap = await client({ indexUrl: pathToFileURL(root).href }).fetchNeeds(needs({ releases: [good, bad].map((w) => ({ name: pn(w.project), version: '1.0' })) }));
    assert.equal(snap.metadata.get(releaseKey(pn(good.project), '1.0'))?.status, 'ok');
    const state = snap.metadata.get(releaseKey(pn(bad.project), '1.0'));
    assert.match(state?.status === 'unavailable' ? state.reason : '', /sha256 [0-9a-f]{64}, the index says 0{64}/);
  });
});
