import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderJson } from '../../src/report/index.js';
import type { Finding, Report } from '../../src/findings/index.js';
import { sampleReport } from './fixture.js';

/** The same data with every object's keys (and the findings/results arrays) in reverse order. */
function scrambled(r: Report): Report {
  const reverseKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(reverseKeys);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)]));
    return v;
  };
  const copy = reverseKeys(r) as Report;
  return { ...copy, findings: [...copy.findings].reverse(), results: [...copy.results].reverse() };
}

describe('renderJson', () => {
  test('2-space JSON with a trailing newline that parses back to the report', () => {
    const r = sampleReport();
    const text = renderJson(r);
    assert.ok(text.endsWith('}\n') && !text.endsWith('\n\n'));
    assert.match(text, /^\{\n {2}"version": 1,\n {2}"tool": \{\n {4}"name": "pyup-checks",/);
    assert.deepEqual(JSON.parse(text), r);
  });

  test('stable: construction order of keys and rows does not change the bytes', () => {
    const r = sampleReport();
    assert.equal(renderJson(scrambled(r)), renderJson(r));
  });

  test('contract key order for findings; details with sorted keys', () => {
    const r = sampleReport();
    const first = r.findings[0] as Finding;
    const details = { viaExtra: false, requiredBy: { version: '5.0.0', specifier: '<11', package: 'taskcluster', marker: null } };
    const withDetails: Report = { ...r, findings: [{ ...first, check: 'compat', code: 'conflict', severity: 'error', details }] };
    const parsed = JSON.parse(renderJson(withDetails)) as { findings: Array<Record<string, unknown>> };
    const f = parsed.findings[0] ?? {};
    assert.deepEqual(Object.keys(f), ['check', 'code', 'severity', 'module', 'file', 'line', 'target', 'package', 'version', 'message', 'details', 'suggestion']);
    assert.deepEqual(Object.keys(f['details'] as object), ['requiredBy', 'viaExtra']);
    assert.deepEqual(Object.keys((f['details'] as { requiredBy: object }).requiredBy), ['marker', 'package', 'specifier', 'version']);
  });
});
