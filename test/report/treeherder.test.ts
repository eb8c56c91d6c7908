import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderErrorSummary, renderTreeherderLines } from '../../src/report/index.js';
import { err, file, report, rows, sampleReport, T36, T37 } from './fixture.js';

describe('renderTreeherderLines', () => {
  test('one TEST-UNEXPECTED-FAIL line per error finding, one line each', () => {
    const r = sampleReport();
    const lines = renderTreeherderLines(r);
    assert.equal(lines.length, r.summary.errors);
    for (const l of lines) {
      assert.match(l, /^TEST-UNEXPECTED-FAIL \| [^|]+ \| (compat) [^:]+: .+$/);
      assert.ok(!l.includes('\n'));
    }
    assert.ok(lines.includes(`TEST-UNEXPECTED-FAIL | modules/a/files/requirements.txt:3 | compat ${T36}: taskcluster 5.0.0 requires Python >=3.7`));
    assert.ok(lines.includes('TEST-UNEXPECTED-FAIL | modules/a/files/requirements.txt | compat all targets: line 9: invalid requirement'));
  });

  test('multi-line messages are folded', () => {
    const f = file('m/files/r.txt', 'm', []);
    assert.deepEqual(renderTreeherderLines(report({ files: [f], findings: [err(f, 2, T37, 'one\ntwo')] })), [
      `TEST-UNEXPECTED-FAIL | m/files/r.txt:2 | compat ${T37}: one two`,
    ]);
  });
});

describe('renderErrorSummary (mozlog errorsummary)', () => {
  type Line = Record<string, unknown> & { action: string; line: number };
  const parse = (text: string): Line[] => text.trimEnd().split('\n').map((l) => JSON.parse(l) as Line);

  test('test_groups, then a test_result per error finding, then group_result per group', () => {
    const r = sampleReport();
    const text = renderErrorSummary(r, 'compat');
    assert.ok(text.endsWith('\n'));
    const lines = parse(text);
    assert.deepEqual(lines.map((l) => l.line), lines.map((_, i) => i), 'running line numbers');
    assert.equal(lines[0]?.action, 'test_groups');
    const groups = lines[0]?.['groups'] as string[];
    assert.deepEqual(groups, ['modules/a/files/requirements.txt', 'modules/b/files/mac_requirements.txt', 'modules/b/files/requirements.txt']);
    const results = lines.filter((l) => l.action === 'test_result');
    assert.equal(results.length, r.summary.errors);
    for (const res of results) {
      assert.equal(res['status'], 'FAIL');
      assert.equal(res['expected'], 'PASS');
      assert.ok(groups.includes(res['group'] as string));
      assert.ok((res['test'] as string).startsWith(res['group'] as string));
      assert.equal(typeof res['subtest'], 'string');
      assert.equal(typeof res['message'], 'string');
    }
    const groupResults = lines.filter((l) => l.action === 'group_result');
    assert.deepEqual(
      groupResults.map((g) => [g['group'], g['status']]),
      [
        ['modules/a/files/requirements.txt', 'ERROR'],
        ['modules/b/files/mac_requirements.txt', 'ERROR'],
        ['modules/b/files/requirements.txt', 'OK'],
      ],
    );
    assert.deepEqual(lines.map((l) => l.action), ['test_groups', ...results.map(() => 'test_result'), ...groupResults.map(() => 'group_result')]);
  });

  test('per check: another check’s errors are not included; skipped groups are SKIP', () => {
    const a = file('modules/a/files/requirements.txt', 'a', [['x', '1', 1]]);
    const b = file('modules/b/files/requirements.txt', 'b', [['y', '1', 1]]);
    const r = report({
      files: [a, b],
      checks: ['compat', 'wheels'],
      results: [...rows('compat', [a, b]), ...rows('wheels', [a, b], { [`${b.path}@${T36}`]: 'skip', [`${b.path}@${T37}`]: 'skip' })],
      findings: [err(a, 1, T36, 'no wheel', { check: 'wheels', code: 'missing-on-mirror' })],
    });
    const compat = parse(renderErrorSummary(r, 'compat'));
    assert.equal(compat.filter((l) => l.action === 'test_result').length, 0);
    assert.ok(compat.filter((l) => l.action === 'group_result').every((g) => g['status'] === 'OK'));
    const wheels = parse(renderErrorSummary(r, 'wheels'));
    assert.equal(wheels.filter((l) => l.action === 'test_result').length, 1);
    assert.deepEqual(
      wheels.filter((l) => l.action === 'group_result').map((g) => g['status']),
      ['ERROR', 'SKIP'],
    );
  });
});
