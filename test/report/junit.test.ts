import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderJunit } from '../../src/report/index.js';
import type { Report } from '../../src/findings/index.js';
import { err, file, report, rows, sampleReport, sev, T36, T37 } from './fixture.js';
import { all, parseXml } from './xml.js';

const a = file('modules/a/files/requirements.txt', 'a', [['requests', '2.31.0', 2], ['idna', '3.4', 5]]);
const b = file('modules/b/files/requirements.txt', 'b', [['six', '1.16.0', 1]], [T37]);

const cases: Array<{ name: string; report: Report; errorCells: number; skipCells: number }> = [
  { name: 'sample (collapsed, all-targets, error cell)', report: sampleReport(), errorCells: 1, skipCells: 0 },
  { name: 'clean', report: report({ files: [a, b] }), errorCells: 0, skipCells: 0 },
  {
    name: 'three errors on one pin',
    report: report({
      files: [a],
      results: rows('compat', [a], { [`${a.path}@${T36}`]: 'fail' }),
      findings: [
        err(a, 2, T36, 'first', { code: 'conflict' }),
        err(a, 2, T36, 'second', { code: 'conflict', package: 'x' }),
        err(a, 2, T36, 'third', { code: 'missing-dependency' }),
        sev('warning', a, 2, T36, 'also yanked'),
      ],
    }),
    errorCells: 0,
    skipCells: 0,
  },
  {
    name: 'finding off any pin and in a file the report does not list',
    report: report({
      files: [a],
      findings: [err(a, 3, T37, 'line 3 is not a pin'), err({ ...a, path: 'modules/a/files/extra.txt', pins: [] }, 7, T36, 'unlisted file')],
    }),
    errorCells: 0,
    skipCells: 0,
  },
  {
    name: 'skip and error cells',
    report: report({
      files: [a, b],
      results: rows('compat', [a, b], { [`${a.path}@${T36}`]: 'skip', [`${a.path}@${T37}`]: 'error', [`${b.path}@${T37}`]: 'skip' }),
      findings: [err(a, 5, T37, 'Could not fetch URL https://files.pypi.test/six-1.15.0-py2.py3-none-any.whl: 503 Server Error (HTTP 503 after 3 retries): the metadata of six 1.15.0 could not be fetched from files.pypi.test', { code: 'index-error' })],
    }),
    errorCells: 1,
    skipCells: 2,
  },
  {
    name: 'two checks, one without result rows',
    report: report({
      files: [a, b],
      checks: ['inventory', 'compat', 'wheels'],
      results: [...rows('compat', [a, b]), ...rows('wheels', [a, b], { [`${b.path}@${T37}`]: 'fail' })],
      findings: [
        err(b, 1, T37, 'no wheel', { check: 'wheels', code: 'missing-on-mirror' }),
        err(a, 9, null, 'bad line', { check: 'inventory', code: 'invalid-line' }),
      ],
    }),
    errorCells: 0,
    skipCells: 0,
  },
];

describe('renderJunit', () => {
  for (const c of cases) {
    test(`${c.name}: counts match the report`, () => {
      const xml = renderJunit(c.report);
      const doc = parseXml(xml);
      assert.equal(doc.name, 'testsuites');
      const errors = c.report.findings.filter((f) => f.severity === 'error').length;
      assert.equal(errors, c.report.summary.errors);
      assert.equal(all(doc, 'failure').length, errors, 'one <failure> per error finding');
      assert.equal(Number(doc.attrs['failures']), errors);
      assert.equal(Number(doc.attrs['errors']), c.errorCells);
      assert.equal(Number(doc.attrs['skipped']), c.skipCells);
      assert.equal(all(doc, 'error').length, c.errorCells);
      assert.equal(all(doc, 'skipped').length, c.skipCells);
      // An error cell says why: the index-error of that cell (what was lost, from which host).
      for (const e of all(doc, 'error')) {
        const lost = c.report.findings.find((f) => f.code === 'index-error' && e.attrs['message']?.includes(f.file) && e.attrs['message']?.includes(f.target ?? ''));
        if (lost) assert.ok(e.attrs['message']?.endsWith(`: ${lost.message}`), e.attrs['message']);
      }
      const lostCells = c.report.findings.filter((f) => f.code === 'index-error').length;
      assert.equal(all(doc, 'error').filter((e) => /Could not fetch URL/.test(e.attrs['message'] ?? '')).length, lostCells, 'each index-error cell names its host');
      assert.equal(Number(doc.attrs['tests']), all(doc, 'testcase').length);
      for (const suite of all(doc, 'testsuite')) {
        const name = suite.attrs['name'] ?? '';
        assert.match(name, /^[a-z-]+\/[^/]+\/[^/]+$/, 'check/module/target');
        const testcases = all(suite, 'testcase');
        assert.equal(Number(suite.attrs['tests']), testcases.length);
        assert.equal(Number(suite.attrs['failures']), all(suite, 'failure').length);
        for (const tc of testcases) assert.equal(tc.attrs['classname'], name.replaceAll('/', '.'));
      }
      // Every error message appears as a failure message, with its location in the body.
      const failures = all(doc, 'failure');
      for (const f of c.report.findings.filter((x) => x.severity === 'error')) {
        const hit = failures.find((x) => x.attrs['message'] === f.message);
        assert.ok(hit, `failure for ${f.message}`);
        assert.ok(hit.text.includes(f.line === null ? f.file : `${f.file}:${f.line}`));
        if (f.suggestion) assert.ok(hit.text.includes(`fix: ${f.suggestion.text}`));
      }
    });
  }

  test('an index-error true on every target (stale-ignores\') is said in each error cell of its file, and a config rule\'s in its module\'s', () => {
    const lost = 'Could not fetch URL http://127.0.0.1:9/files/idna-3.7-py3-none-any.whl: 503 Server Error (HTTP 503 after 3 retries): the metadata of idna 3.7 could not be fetched from 127.0.0.1:9, so whether idna can move to 3.7 was not judged';
    const fromRule = 'Could not fetch URL http://127.0.0.1:9/files/six-1.17.0-py3-none-any.whl: 503 Server Error (HTTP 503 after 3 retries): the metadata of six 1.17.0 could not be fetched from 127.0.0.1:9, so whether six can move to 1.17.0 was not judged';
    const xml = renderJunit(report({
      files: [a, b],
      checks: ['stale-ignores'],
      results: [...rows('stale-ignores', [a], { [`${a.path}@${T36}`]: 'error', [`${a.path}@${T37}`]: 'error' }), ...rows('stale-ignores', [b], { [`${b.path}@${T37}`]: 'error' })],
      findings: [
        err(a, 5, null, lost, { check: 'stale-ignores', code: 'index-error' }),
        err({ ...b, path: 'renovate.json' }, 3, null, fromRule, { check: 'stale-ignores', code: 'index-error' }),
      ],
    }));
    const errors = all(parseXml(xml), 'error').map((e) => e.attrs['message']);
    assert.deepEqual(errors, [
      `stale-ignores could not check ${a.path} on ${T36}: ${lost}`,
      `stale-ignores could not check ${a.path} on ${T37}: ${lost}`,
      `stale-ignores could not check ${b.path} on ${T37}: ${fromRule}`,
    ]);
  });

  test('one suite per check × module × target, one testcase per pin', () => {
    const doc = parseXml(renderJunit(report({ files: [a, b] })));
    const suites = all(doc, 'testsuite').map((s) => [s.attrs['name'], all(s, 'testcase').map((t) => t.attrs['name'])]);
    assert.deepEqual(suites, [
      ['compat/a/py3.6-linux-x86_64', ['requests==2.31.0 (line 2)', 'idna==3.4 (line 5)']],
      ['compat/a/py3.7-linux-x86_64', ['requests==2.31.0 (line 2)', 'idna==3.4 (line 5)']],
      ['compat/b/py3.7-linux-x86_64', ['six==1.16.0 (line 1)']],
    ]);
  });

  test('target-independent findings go to one all-targets suite; warnings to system-out', () => {
    const doc = parseXml(renderJunit(sampleReport()));
    const allTargets = all(doc, 'testsuite').find((s) => s.attrs['name'] === 'compat/a/all-targets');
    assert.ok(allTargets);
    assert.deepEqual(all(allTargets, 'testcase').map((t) => t.attrs['name']), ['modules/a/files/requirements.txt']);
    const out = all(doc, 'system-out').map((s) => s.text);
    assert.ok(out.some((t) => t.includes('six 1.16.0 is yanked') && t.includes('warning yanked')));
  });

  test('further errors on one pin become their own testcases', () => {
    const names = all(parseXml(renderJunit(cases[2]!.report)), 'testcase').map((t) => t.attrs['name']);
    assert.deepEqual(names, [
      'requests==2.31.0 (line 2)',
      // sortFindings order: conflict (no package), missing-dependency (no package), conflict (x)
      'requests==2.31.0 (line 2) [missing-dependency]',
      'requests==2.31.0 (line 2) [conflict]',
      'idna==3.4 (line 5)',
      'requests==2.31.0 (line 2)',
      'idna==3.4 (line 5)',
    ]);
  });

  test('repeated codes on one pin are numbered', () => {
    const r = report({ files: [a], findings: ['x', 'y', 'z'].map((p) => err(a, 5, T37, `missing ${p}`, { code: 'missing-dependency', package: p })) });
    const names = all(parseXml(renderJunit(r)), 'testcase').map((t) => t.attrs['name']);
    assert.deepEqual(names.filter((n) => n?.startsWith('idna')), [
      'idna==3.4 (line 5)',
      'idna==3.4 (line 5)',
      'idna==3.4 (line 5) [missing-dependency]',
      'idna==3.4 (line 5) [missing-dependency] #2',
    ]);
  });

  test('special characters survive the round trip', () => {
    const msg = 'needs foo<2,>=1 & "bar" \u2014 ok';
    const doc = parseXml(renderJunit(report({ files: [a], findings: [err(a, 2, T36, msg)] })));
    assert.equal(all(doc, 'failure')[0]?.attrs['message'], msg);
  });

  test('fresh builder per call: output does not accumulate', () => {
    const r = sampleReport();
    assert.equal(renderJunit(r), renderJunit(r));
  });
});
