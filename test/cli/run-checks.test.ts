// End to end against a loopback index: a hung or dripping mirror ends the run with exit 3 and an
// index-error naming the host within a bound; report.json's `stats` and `--verbose` count the
// requests by kind; a warm run within the pages' max-age asks nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EXAMPLE_INDEX } from '../../examples/index.js';
import { describeStats } from '../../src/cli/run-checks.js';
import type { Report } from '../../src/findings/index.js';
import { buildProjects, type BuiltFile } from '../support/distributions.js';
import { zipEntries } from '../support/archive.js';
import { startIndexServer, type Fault, type IndexServer } from '../support/index-server.js';
import { runCli, workspace } from './harness.js';

const servers: IndexServer[] = [];
async function serve(faults: Fault[] = [], cacheControl?: string): Promise<IndexServer> {
  const s = await startIndexServer({ projects: EXAMPLE_INDEX, faults, pep658: false, ...(cacheControl ? { cacheControl } : {}) });
  servers.push(s);
  return s;
}
after(async () => {
  for (const s of servers) await s.close();
});

let healthy: IndexServer;
before(async () => {
  healthy = await serve([], 'max-age=600');
});

function compatArgs(ws: ReturnType<typeof workspace>, indexUrl: string, ...more: string[]): string[] {
  return ['compat', '--repo', ws.repo, '--index-url', indexUrl, '--cache-dir', ws.cache, '--artifacts', ws.artifacts, '--json', ...more];
}

describe('a mirror that stops answering', () => {
  const cases: Array<{ name: string; faults: Fault[] }> = [
    { name: 'accepts connections, never answers', faults: [{ path: /./, kind: 'hang' }] },
    { name: 'answers pages, hangs on every wheel', faults: [{ path: /^\/files\//, kind: 'hang' }] },
    { name: 'drips a byte a second', faults: [{ path: /./, kind: 'drip', intervalMs: 1000 }] },
    { name: 'hangs mid-body', faults: [{ path: /^\/files\//, kind: 'stall', bytes: 200 }] },
  ];
  for (const c of cases) {
    test(`${c.name}: exit 3 with an error naming the host, within the bound`, async () => {
      const s = await serve(c.faults);
      const host = new URL(s.url).host;
      const ws = workspace(null);
      const start = performance.now();
      const run = await runCli(compatArgs(ws, s.indexUrl), ws.root, { PYUP_CHECKS_TIMEOUT: '0.4' });
      const ms = performance.now() - start;
      assert.equal(run.code, 3, run.stderr);
      const report = JSON.parse(run.stdout) as Report;
      // What the index lost is an index-error naming the host, never a finding about the release (the
      // example repository's own errors that need no fetch, a hash-missing or a listing's Requires-Python, stay).
      const errors = report.findings.filter((f) => f.code === 'index-error');
      assert.ok(errors.length > 0 && errors.every((f) => f.severity === 'error' && f.message.includes(host)), JSON.stringify(errors.slice(0, 3)));
      assert.equal(report.findings.filter((f) => f.code === 'metadata-unavailable').length, 0, 'nothing lost to the index is called unreadable metadata');
      assert.ok(report.results.some((r) => r.status === 'error'));
      assert.ok(report.results.every((r) => r.status !== 'pass' || !errors.some((f) => f.file === r.file)), 'no cell with a failed fetch passes');
      // 0.4 s per request, given up after 3 in a row: far below the pins × attempts × timeout it once was.
      assert.ok(ms < 8000, `${ms.toFixed(0)} ms`);
      assert.ok((report.stats?.index.timeouts ?? 0) >= 1);
    });
  }
});

// One small module through all three checks (compat, wheels with the loopback find-links mirror,
// stale-ignores on an ignored pin): every way the index can fail after retries is an `index-error`
// at the pin's file:line naming the host, every cell `error`, exit 3; unreadable metadata is not.
const PINS = '# python_version: 36\nsix==1.12.0\nmohawk==0.3.4  # pyup: ignore\nattrs==18.2.0\n';
const REQS = 'modules/m/files/requirements.txt';
const LINES = new Map([['six', 2], ['mohawk', 3], ['attrs', 4]]);

function allArgs(ws: ReturnType<typeof workspace>, s: IndexServer): string[] {
  return ['all', '--repo', ws.repo, '--index-url', s.indexUrl, '--find-links', s.findLinksUrl, '--cache-dir', ws.cache, '--artifacts', ws.artifacts, '--json'];
}

describe('what the index fails to deliver is an index-error in every check', () => {
  const cases: Array<{ name: string; faults: Fault[]; lost: 'page' | 'metadata'; cause: RegExp }> = [
    { name: 'accepts connections, never answers', faults: [{ path: /./, kind: 'hang' }], lost: 'page', cause: /: connection timed out \(/ },
    { name: 'drips a byte a second', faults: [{ path: /./, kind: 'drip', intervalMs: 1000 }], lost: 'page', cause: /: (connection|Read) timed out/ },
    { name: 'pages answer 503 after every retry', faults: [{ path: /^\/(simple|links)\//, kind: 'status', status: 503 }], lost: 'page', cause: /: 503 Server Error \(HTTP 503 after 3 retries\)/ },
    { name: 'hangs on every wheel (metadata through ranges)', faults: [{ path: /^\/(files|links)\/./, kind: 'hang' }], lost: 'metadata', cause: /: connection timed out \(/ },
    { name: 'hangs mid-body on every wheel', faults: [{ path: /^\/(files|links)\/./, kind: 'stall', bytes: 200 }], lost: 'metadata', cause: /: (connection|Read) timed out/ },
    { name: 'resets every wheel request', faults: [{ path: /^\/(files|links)\/./, kind: 'reset' }], lost: 'metadata', cause: /: Connection aborted: ConnectionResetError/ },
    { name: 'wheels answer 502 after every retry', faults: [{ path: /^\/(files|links)\/./, kind: 'status', status: 502 }], lost: 'metadata', cause: /: 502 Server Error/ },
  ];
  for (const c of cases) {
    test(`${c.name}: index-error at the pin, naming the host; every cell error; exit 3`, async () => {
      const s = await startIndexServer({ projects: EXAMPLE_INDEX, faults: c.faults, pep658: false, findLinks: true });
      servers.push(s);
      const host = new URL(s.url).host;
      const ws = workspace({ [REQS]: PINS });
      const start = performance.now();
      const run = await runCli(allArgs(ws, s), ws.root, { PYUP_CHECKS_TIMEOUT: '0.4' });
      const ms = performance.now() - start;
      assert.equal(run.code, 3, run.stderr);
      const report = JSON.parse(run.stdout) as Report;
      assert.deepEqual([...new Set(report.results.map((r) => `${r.check} ${r.status}`))].sort(), ['compat error', 'stale-ignores error', 'wheels error']);
      const lost = report.findings.filter((f) => f.code === 'index-error');
      assert.deepEqual(report.findings.filter((f) => f.severity === 'error' && f.code !== 'index-error'), [], 'nothing but index-error: no verdict on what was not fetched');
      assert.equal(report.findings.filter((f) => f.code === 'metadata-unavailable').length, 0);
      // Each check names each of the three pins (compat and wheels per target, stale-ignores once per pin).
      for (const check of ['compat', 'wheels', 'stale-ignores'] as const) {
        const mine = lost.filter((f) => f.check === check);
        assert.deepEqual(mine.map((f) => f.package).sort(), ['attrs', 'mohawk', 'six'], `${check}: ${JSON.stringify(mine.map((f) => f.message))}`);
        for (const f of mine) {
          assert.equal(f.file, REQS);
          assert.equal(f.line, LINES.get(f.package ?? ''), `${check} ${f.package} names the pin's line`);
          assert.equal(f.severity, 'error');
          assert.match(f.message, /^Could not fetch URL http:\/\/127\.0\.0\.1:\d+\//, f.message);
          assert.match(f.message, c.cause, f.message);
          assert.ok(f.message.includes(`from ${host}`), f.message);
          const d = f.details as { host: string | null; url: string | null; lost: string; reason: string };
          assert.equal(d.host, host);
          assert.ok(d.url?.startsWith(s.url), d.url ?? 'no url');
          // wheels reads the mirror listing first: when pages fail it is that listing it lost.
          assert.equal(d.lost, c.lost);
          assert.match(f.suggestion?.text ?? '', new RegExp(`check that ${host.replace(/\./g, '\\.')} answers`));
        }
      }
      const timedOut = lost.filter((f) => /timed out/.test(f.message));
      for (const f of timedOut) assert.match(f.suggestion?.text ?? '', /--timeout SECONDS \(or PYUP_CHECKS_TIMEOUT\)/);
      assert.ok(ms < 15_000, `${ms.toFixed(0)} ms`);
    });
  }

  test('fix against a mirror that hangs on every wheel: exit 3, fix.json index-error naming the host, nothing written', async () => {
    const s = await startIndexServer({ projects: EXAMPLE_INDEX, faults: [{ path: /^\/files\//, kind: 'hang' }], pep658: false });
    servers.push(s);
    const host = new URL(s.url).host;
    const ws = workspace({ [REQS]: PINS });
    const run = await runCli(['fix', '--write', '--repo', ws.repo, '--index-url', s.indexUrl, '--cache-dir', ws.cache, '--artifacts', ws.artifacts], ws.root, { PYUP_CHECKS_TIMEOUT: '0.4' });
    assert.equal(run.code, 3, run.stderr);
    const plan = JSON.parse(readFileSync(join(ws.artifacts, 'fix.json'), 'utf8')) as { files: Array<{ file: string; status: string; conflict: string[] }>; written: boolean };
    assert.deepEqual(plan.files.map((f) => [f.file, f.status]), [[REQS, 'index-error']]);
    assert.equal(plan.files[0]?.conflict.length, 1);
    assert.match(plan.files[0]?.conflict[0] ?? '', new RegExp(`^Could not fetch URL http://${host.replace(/\./g, '\\.')}/files/\\S+: connection timed out`));
    assert.equal(plan.written, false);
    assert.equal(readFileSync(join(ws.repo, REQS), 'utf8'), PINS, 'the file is untouched');
    assert.match(run.stdout + run.stderr, new RegExp(`not searched: the index could not be read: Could not fetch URL http://${host.replace(/\./g, '\\.')}/`));
  });

  test('a corrupt wheel and a wheel without METADATA are metadata-unavailable (exit 1), not index-error', async () => {
    const built = await buildProjects(EXAMPLE_INDEX);
    const reseal = (f: BuiltFile, bytes: Buffer): BuiltFile => ({ ...f, bytes, sha256: createHash('sha256').update(bytes).digest('hex') });
    const noMetadata = await zipEntries([{ path: 'six.py', content: '# six\n' }, { path: 'six-1.12.0.dist-info/WHEEL', content: 'Wheel-Version: 1.0\n' }]);
    const files = built.map((f) => {
      if (f.filename.startsWith('attrs-18.2.0-')) return reseal(f, f.bytes.subarray(0, Math.floor(f.bytes.length / 2))); // the central directory cut off
      if (f.filename.startsWith('six-1.12.0-')) return reseal(f, noMetadata);
      return f;
    });
    const s = await startIndexServer({ projects: files, pep658: false, findLinks: true });
    servers.push(s);
    const ws = workspace({ [REQS]: PINS });
    const run = await runCli(allArgs(ws, s), ws.root, { PYUP_CHECKS_TIMEOUT: '5' });
    const report = JSON.parse(run.stdout) as Report;
    assert.equal(run.code, 1, run.stderr);
    assert.equal(report.findings.filter((f) => f.code === 'index-error').length, 0, JSON.stringify(report.findings.filter((f) => f.code === 'index-error')));
    const unreadable = report.findings.filter((f) => f.code === 'metadata-unavailable');
    assert.deepEqual(unreadable.map((f) => [f.package, f.line]).sort(), [['attrs', 4], ['six', 2]]);
    assert.match(unreadable.find((f) => f.package === 'six')?.message ?? '', /no \.dist-info\/METADATA in the wheel/);
    assert.ok(report.results.filter((r) => r.check === 'compat').every((r) => r.status === 'fail'), 'a verdict on the release: fail, not error');
  });
});

describe('stats', () => {
  test('report.json counts requests by kind; --verbose prints them; a warm run within max-age makes none', async () => {
    const ws = workspace(null);
    const before = healthy.requests.length;
    const cold = await runCli(compatArgs(ws, healthy.indexUrl, '--verbose'), ws.root);
    const coldRequests = healthy.requests.length - before;
    const report = JSON.parse(cold.stdout) as Report;
    const stats = report.stats?.index;
    assert.ok(stats, 'report.stats.index is written');
    assert.equal(stats.requests, coldRequests, 'every request the server saw is counted');
    // Every exchange is a first attempt of some kind, a retry, or an answer set aside and sent again.
    assert.equal(stats.setAside, 0, 'these wheels fit the byte budget');
    assert.equal(stats.pages + stats.metadataFiles + stats.ranges + stats.downloads + stats.retries + (stats.setAside ?? 0), coldRequests);
    assert.ok(stats.pages > 0 && stats.ranges > 0, JSON.stringify(stats));
    assert.equal(stats.metadataFiles, 0, 'this index serves no PEP 658 files');
    assert.match(cold.stderr, new RegExp(`index: ${coldRequests} requests \\(${stats.pages} pages, 0 metadata files, ${stats.ranges} ranges, ${stats.downloads} downloads; ${stats.retries} retries, ${stats.timeouts} timeouts, 0 set aside\\)`));
    assert.equal(readFileSync(join(ws.artifacts, 'report.json'), 'utf8'), cold.stdout, '--json prints report.json as written');

    const mark = healthy.requests.length;
    const warm = await runCli(compatArgs(ws, healthy.indexUrl), ws.root);
    assert.equal(healthy.requests.length - mark, 0, 'warm within max-age: nothing fetched');
    const warmReport = JSON.parse(warm.stdout) as Report;
    assert.equal(warmReport.stats?.index.requests, 0);
    assert.ok((warmReport.stats?.index.cacheHits ?? 0) >= stats.pages);
    assert.deepEqual(warmReport.findings, report.findings);
    assert.equal(warm.code, cold.code);

    const refresh = await runCli(compatArgs(ws, healthy.indexUrl, '--refresh'), ws.root);
    const refreshed = (JSON.parse(refresh.stdout) as Report).stats?.index;
    assert.equal(refreshed?.pages, stats.pages, '--refresh asks for every page again');
    assert.equal(refreshed?.ranges, 0, 'metadata is immutable: not fetched again');
  });

  test('--verbose names the answers set aside for the byte budget (none in a report written before they were counted)', () => {
    const index = { requests: 12, pages: 2, metadataFiles: 1, ranges: 4, downloads: 2, retries: 1, timeouts: 0, cacheHits: 3, conditional: 1, notModified: 1, bytes: 3 * 1024 * 1024 };
    const rows: Array<[number | undefined, string]> = [[2, '2 set aside'], [undefined, '0 set aside']];
    for (const [setAside, want] of rows) {
      assert.equal(
        describeStats({ index: setAside === undefined ? index : { ...index, setAside } }),
        `index: 12 requests (2 pages, 1 metadata files, 4 ranges, 2 downloads; 1 retries, 0 timeouts, ${want}), 3 cache hits, 1 conditional (1 not modified), 3.0 MiB`,
      );
    }
  });

  test('--timeout and PYUP_CHECKS_TIMEOUT must be positive numbers', async () => {
    const ws = workspace(null);
    const bad = await runCli(compatArgs(ws, healthy.indexUrl), ws.root, { PYUP_CHECKS_TIMEOUT: 'soon' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--timeout takes a positive number, not "soon"/);
  });
});
