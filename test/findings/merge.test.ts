// Several reports merged into one (mergeReports: results --html's group page).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeReports } from '../../src/findings/index.js';
import { err, file, report, rows, T36, T37 } from '../report/fixture.js';

describe('mergeReports', () => {
  test('targets, files and rows joined; identical findings once; summary recounted', () => {
    const a = file('modules/a/files/requirements.txt', 'a', [['six', '1.0', 1]]);
    const on = (t: string) => ({ ...a, targets: [t] });
    const shared = err(a, 1, null, 'line 1: invalid');
    const r36 = report({ files: [on(T36)], targets: [{ id: T36, python: '3.6', platform: 'linux-x86_64' }], results: rows('compat', [on(T36)]), findings: [shared, err(a, 1, T36, 'x')] });
    const r37 = report({ files: [on(T37)], targets: [{ id: T37, python: '3.7', platform: 'linux-x86_64' }], results: rows('wheels', [on(T37)]), findings: [shared], checks: ['wheels'] });
    const m = mergeReports([r36, r37]);
    assert.deepEqual(m.checks, ['compat', 'wheels']);
    assert.deepEqual(m.targets.map((t) => t.id), [T36, T37]);
    assert.deepEqual(m.files.map((f) => f.targets), [[T36, T37]]);
    assert.equal(m.results.length, 2);
    assert.equal(m.findings.length, 2);
    assert.deepEqual(m.summary, { errors: 2, warnings: 0, infos: 0 });
    assert.deepEqual(mergeReports([r36]).findings, r36.findings);
  });
});
