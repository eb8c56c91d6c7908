import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FindingSchema, ReportParseError, exitCodeFor, exitStatus, parseReport } from '../../src/findings/index.js';
import type { Finding } from '../../src/findings/index.js';
import { renderJson } from '../../src/report/index.js';
import { sampleReport } from '../report/fixture.js';

describe('parseReport', () => {
  test('a rendered report parses back to the same report, and renders to the same bytes', () => {
    const r = sampleReport();
    assert.equal(r.findings.length, 7);
    const text = renderJson(r);
    const back = parseReport(text);
    assert.deepEqual(back, JSON.parse(text));
    assert.equal(renderJson(back), text);
  });

  const base = (): Record<string, unknown> => ({ ...(sampleReport().findings.find((f) => f.code === 'conflict') as Finding) });
  const bad: Array<[string, (f: Record<string, unknown>) => void, RegExp]> = [
    ['a details key the code does not define', (f) => void (f['details'] = { requiredBy: (f['details'] as { requiredBy: unknown }).requiredBy, viaExtra: false, extra: 1 }), /findings\.0\.details/],
    ['a severity the code never has', (f) => void ((f['code'] = 'yanked'), (f['details'] = { reason: null }), (f['severity'] = 'error')), /findings\.0\.severity/],
    ['a check that never raises the code', (f) => void ((f['code'] = 'invalid-line'), (f['details'] = {}), (f['check'] = 'compat')), /findings\.0\.check/],
    ['an unknown code', (f) => void (f['code'] = 'no-such-code'), /findings\.0\.code/],
    ['details of another code', (f) => void (f['details'] = { reason: 'x' }), /findings\.0\.details/],
  ];
  for (const [name, mutate, where] of bad) {
    test(`rejects ${name}, naming the path`, () => {
      const f = base();
      mutate(f);
      const r = { ...sampleReport(), findings: [f] };
      assert.throws(() => parseReport(JSON.stringify(r)), (e: unknown) => e instanceof ReportParseError && where.test(e.message));
    });
  }

  test('stats.index: setAside is read back, and a report written before it was counted still parses', () => {
    const index = { requests: 9, pages: 2, metadataFiles: 0, ranges: 4, downloads: 1, retries: 0, timeouts: 0, cacheHits: 1, conditional: 0, notModified: 0, bytes: 1024 };
    for (const stats of [{ index: { ...index, setAside: 2 } }, { index }]) {
      assert.deepEqual(parseReport(renderJson({ ...sampleReport(), stats })).stats, stats);
    }
    assert.throws(() => parseReport(renderJson({ ...sampleReport(), stats: { index: { ...index, setAside: 'two' as unknown as number } } })), /stats\.index\.setAside/);
  });

  test('rejects what is not a report.json v1, and JSON that is not JSON', () => {
    assert.throws(() => parseReport(JSON.stringify({ ...sampleReport(), version: 2 })), /not a report\.json v1: version/);
    assert.throws(() => parseReport('{'), SyntaxError);
  });

  test('FindingSchema parses one finding and narrows it by code', () => {
    const f = FindingSchema.parse(base());
    assert.ok(f.code === 'conflict' && 'requiredBy' in f.details);
    assert.equal(f.details.requiredBy.package, 'taskcluster');
  });
});

describe('exitStatus, the one exit rule', () => {
  const cases: Array<[{ incomplete: boolean; failed: boolean }, 0 | 1 | 3]> = [
    [{ incomplete: false, failed: false }, 0],
    [{ incomplete: false, failed: true }, 1],
    [{ incomplete: true, failed: false }, 3],
    [{ incomplete: true, failed: true }, 3],
  ];
  for (const [outcome, code] of cases) {
    test(`${JSON.stringify(outcome)} → ${code}`, () => assert.equal(exitStatus(outcome), code));
  }

  test('a report: 3 when a cell could not be checked, else 1 on error findings', () => {
    const r = sampleReport();
    assert.equal(exitCodeFor(r), 3, 'the sample has an error cell');
    assert.equal(exitCodeFor({ ...r, results: r.results.filter((x) => x.status !== 'error') }), 1);
    assert.equal(exitCodeFor({ ...r, results: [], summary: { errors: 0, warnings: 1, infos: 1 } }), 0);
  });
});
