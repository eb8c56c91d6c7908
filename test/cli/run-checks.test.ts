// End to end against a loopback index: a hung or dripping mirror ends the run with exit 3 and an
// index-error naming the host within a bound; report.json's `stats` and `--verbose` count the
// requests by kind; a warm run within the pages' max-age asks nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EXAMPLE_INDEX } from '../../examples/index.js';
import type { Report } from '../../src/findings/index.js';
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
      const errors = report.findings.filter((f) => (f.code === 'index-error' || f.code === 'metadata-unavailable') && f.severity === 'error');
      assert.ok(errors.length > 0 && errors.every((f) => f.message.includes(host)), JSON.stringify(errors.slice(0, 3)));
      if (c.faults[0]?.path.toString() === '/./') assert.ok(errors.some((f) => f.code === 'index-error'));
      assert.ok(report.results.some((r) => r.status === 'error'));
      assert.ok(report.results.every((r) => r.status !== 'pass' || !errors.some((f) => f.file === r.file)), 'no cell with a failed fetch passes');
      // 0.4 s per request, given up after 3 in a row: far below the pins × attempts × timeout it once was.
      assert.ok(ms < 8000, `${ms.toFixed(0)} ms`);
      assert.ok((report.stats?.index.timeouts ?? 0) >= 1);
    });
  }
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
    assert.equal(stats.pages + stats.metadataFiles + stats.ranges + stats.downloads + stats.retries, coldRequests);
    assert.ok(stats.pages > 0 && stats.ranges > 0, JSON.stringify(stats));
    assert.equal(stats.metadataFiles, 0, 'this index serves no PEP 658 files');
    assert.match(cold.stderr, new RegExp(`index: ${coldRequests} requests \\(${stats.pages} pages, 0 metadata files, ${stats.ranges} ranges`));
    assert.deepEqual(JSON.parse(readFileSync(join(ws.artifacts, 'report.json'), 'utf8')).stats, report.stats);

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

  test('--timeout and PYUP_CHECKS_TIMEOUT must be positive numbers', async () => {
    const ws = workspace(null);
    const bad = await runCli(compatArgs(ws, healthy.indexUrl), ws.root, { PYUP_CHECKS_TIMEOUT: 'soon' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--timeout takes a positive number, not "soon"/);
  });
});
