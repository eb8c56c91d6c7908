import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { abbreviateTargets, renderText } from '../../src/report/index.js';
import type { ResultStatus } from '../../src/findings/index.js';
import { err, file, report, rows, sampleReport, sev, T36, T37 } from './fixture.js';

const ANSI = /\u001b\[[0-9;]*m/;
const a = file('modules/a/files/requirements.txt', 'a', [['requests', '2.31.0', 2]]);

function matrixLines(text: string): string[] {
  return text.split('\n\n')[0]?.split('\n') ?? [];
}

describe('renderText matrix', () => {
  const symbols: Array<[ResultStatus, ResultStatus, string]> = [
    ['pass', 'pass', '✓  ✓'],
    ['fail', 'pass', '✗  ✓'],
    ['error', 'skip', '!  -'],
    ['skip', 'fail', '-  ✗'],
  ];
  for (const [s36, s37, cells] of symbols) {
    test(`cells ${s36}/${s37}`, () => {
      const r = report({ files: [a], results: rows('compat', [a], { [`${a.path}@${T36}`]: s36, [`${a.path}@${T37}`]: s37 }) });
      const lines = matrixLines(renderText(r, { width: 200 }));
      assert.deepEqual(lines[0]?.split(/\s+/), ['compat', T36, T37]);
      const row = lines[1] ?? '';
      assert.equal(row.trimStart().split(/\s+/)[0], 'a');
      // Each symbol sits under the first column of its target's header.
      assert.equal(row[(lines[0] ?? '').indexOf(T36)], cells[0]);
      assert.equal(row[(lines[0] ?? '').indexOf(T37)], cells[3]);
    });
  }

  test('rows are modules, or module/file when a module has several files; missing cells are ·', () => {
    const lines = matrixLines(renderText(sampleReport(), { width: 200 }));
    assert.deepEqual(
      lines.slice(1, 4).map((l) => l.trim().split(/\s+/)),
      [['a', '✗', '✗'], ['b/mac_requirements.txt', '·', '!'], ['b/requirements.txt', '✓', '✓']],
    );
  });

  test('one matrix per check', () => {
    const r = report({ files: [a], checks: ['compat', 'wheels'], results: [...rows('compat', [a]), ...rows('wheels', [a], { [`${a.path}@${T37}`]: 'fail' })] });
    const text = renderText(r, { width: 200 });
    assert.match(text, /^compat .*\n {2}a +✓ +✓\n\nwheels .*\n {2}a +✓ +✗\n/m);
  });

  test('wide matrices abbreviate target ids with a legend, then wrap to the width', () => {
    const targets = ['3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12'].map((p) => ({ id: `py${p}-linux-x86_64`, python: p, platform: 'linux-x86_64' }));
    const f = file('modules/a/files/requirements.txt', 'a', [], targets.map((t) => t.id));
    const r = report({ files: [f], targets, results: rows('compat', [f]) });
    const wide = renderText(r, { width: 200 });
    assert.ok(wide.includes('py3.12-linux-x86_64  '.trim()) && !wide.includes('targets:'), 'full ids when they fit');
    const narrow = renderText(r, { width: 50 });
    assert.ok(narrow.includes('py3.6 = py3.6-linux-x86_64'), 'legend');
    const matrixPart = narrow.split('\n').filter((l) => !l.includes(' = ') && l.trim() !== 'targets:');
    for (const line of matrixPart.slice(0, matrixPart.indexOf(''))) assert.ok([...line].length <= 50, line);
    const narrower = renderText(r, { width: 30 });
    assert.match(narrower, /compat \(1\/\d\)/, 'wrapped into blocks');
    const blocks = narrower.match(/compat \(\d\/\d\)/g) ?? [];
    assert.ok(blocks.length >= 2);
  });

  test('abbreviateTargets drops shared dash-separated parts, keeps labels unique', () => {
    const table: Array<[string[], string[]]> = [
      [['py3.6-linux-x86_64', 'py3.7-linux-x86_64'], ['py3.6', 'py3.7']],
      [['py3.9-linux-x86_64', 'py3.9-macosx-x86_64'], ['linux', 'macosx']],
      [['py3.9-linux-x86_64', 'py3.9-linux-aarch64'], ['x86_64', 'aarch64']],
      [['py3.9-linux-x86_64'], ['py3.9-linux-x86_64']],
      [['a', 'b'], ['a', 'b']],
      [['x-a', 'x-a-b'], ['a', 'a-b']],
    ];
    for (const [ids, want] of table) assert.deepEqual(abbreviateTargets(ids), want, ids.join(','));
  });
});

describe('renderText findings', () => {
  test('grouped by file, with path:line severity code [targets] message and a fix line', () => {
    const text = renderText(sampleReport(), { width: 200 });
    const heads = text.split('\n').filter((l) => /^modules\//.test(l));
    assert.deepEqual(heads, [
      'modules/a/files/requirements.txt  (module a)',
      'modules/b/files/mac_requirements.txt  (module b)',
      'modules/b/files/requirements.txt  (module b)',
    ]);
    assert.match(text, /\n {2}modules\/a\/files\/requirements\.txt:4 +error +conflict +\[all targets\] +taskcluster 5\.0\.0 has requirement/);
    assert.match(text, /\n {6}fix: pin taskcluster-urls==10\.1\.2\n/);
    assert.match(text, /\n {2}modules\/a\/files\/requirements\.txt:3 +error +requires-python +\[py3\.6-linux-x86_64\] /);
    assert.match(text, /\n {2}modules\/a\/files\/requirements\.txt +error +unknown-version +\[all targets\] /, 'file-level finding has no :line');
    assert.equal(text.match(/conflict/g)?.length, 1, 'identical findings on both targets shown once');
  });

  test('targets collapse only when the finding is identical on every target of the file', () => {
    const b = file('modules/b/files/requirements.txt', 'b', [['x', '1', 1]], [T36, T37, 'py3.8-linux-x86_64']);
    const table: Array<[string[], string]> = [
      [[T36, T37, 'py3.8-linux-x86_64'], '[all targets]'],
      [[T36, T37], `[${T36}, ${T37}]`],
      [[T37], `[${T37}]`],
    ];
    for (const [targets, label] of table) {
      const r = report({ files: [b], findings: targets.map((t) => err(b, 1, t, 'same words')) });
      const line = renderText(r).split('\n').find((l) => l.includes('same words')) ?? '';
      assert.ok(line.includes(label), `${targets.join(',')} → ${line}`);
    }
    const differing = report({ files: [b], findings: [err(b, 1, T36, 'words one'), err(b, 1, T37, 'words two')] });
    assert.equal(renderText(differing).split('\n').filter((l) => l.includes('words')).length, 2);
  });

  test('infos only when verbose; the summary counts them either way', () => {
    const r = sampleReport();
    assert.ok(!renderText(r).includes('six is ignored'));
    assert.match(renderText(r), /1 info not shown/);
    assert.ok(renderText(r, { verbose: true }).includes('six is ignored'));
  });

  test('colour only when asked', () => {
    const r = sampleReport();
    assert.doesNotMatch(renderText(r, { verbose: true }), ANSI);
    const colored = renderText(r, { color: true, verbose: true });
    assert.match(colored, ANSI);
    assert.equal(colored.replace(/\u001b\[[0-9;]*m/g, ''), renderText(r, { verbose: true }), 'colour adds nothing but escapes');
  });
});

describe('renderText summary', () => {
  const table: Array<[string, ReturnType<typeof report>, RegExp]> = [
    ['failed on errors', sampleReport(), /\n5 errors, 1 warning, 1 info in 3 files × 2 targets, 1 could not be checked — pyup-checks: FAILED\n$/],
    ['passed clean', report({ files: [a] }), /^compat[\s\S]*\n0 errors, 0 warnings, 0 infos in 1 file × 2 targets — pyup-checks: passed\n$/],
    ['warnings pass', report({ files: [a], findings: [sev('warning', a, 2, T36, 'yanked'), sev('warning', a, 2, T37, 'yanked')] }), /\n0 errors, 2 warnings, 0 infos in 1 file × 2 targets — pyup-checks: passed\n$/],
    [
      'could-not-check fails without errors',
      report({ files: [a], results: rows('compat', [a], { [`${a.path}@${T36}`]: 'error' }) }),
      /0 errors, .*1 could not be checked — pyup-checks: FAILED\n$/,
    ],
  ];
  for (const [name, r, want] of table) test(name, () => assert.match(renderText(r), want));
});
