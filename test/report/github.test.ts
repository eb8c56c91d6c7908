import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { batchAnnotations, renderGithubAnnotations, renderGithubCheckText } from '../../src/report/index.js';
import type { Finding } from '../../src/findings/index.js';
import { err, file, report, rows, sampleReport, sev, T36, T37 } from './fixture.js';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** `n` distinct error findings spread over 20 files, each with a fix. */
function bigReport(n: number) {
  const files = Array.from({ length: 20 }, (_, i) => file(`modules/m${i}/files/requirements.txt`, `m${i}`, [['pkg', '1.0', 1]]));
  const findings: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const f = files[i % files.length]!;
    findings.push(
      err(f, 1 + Math.floor(i / files.length), i % 2 ? T36 : T37, `package-${i} 1.0 has requirement dep-${i}<2, but you'll have dep-${i} 3.0 which is incompatible.`, {
        package: `package-${i}`,
        suggestion: { text: `pin dep-${i}==1.9 (highest release satisfying every pinned dependent)`, changes: [] },
      }),
    );
  }
  return report({ files, findings, results: rows('compat', files) });
}

describe('renderGithubAnnotations', () => {
  test('every error is a failure annotation with path, lines, message and title', () => {
    const r = sampleReport();
    const anns = renderGithubAnnotations(r);
    for (const a of anns) {
      assert.deepEqual(Object.keys(a).slice(0, 6), ['path', 'start_line', 'end_line', 'annotation_level', 'message', 'title']);
      assert.ok(Number.isInteger(a.start_line) && a.start_line >= 1);
      assert.equal(a.end_line, a.start_line);
      assert.ok(a.title.length > 0 && a.title.length <= 255);
    }
    const errors = r.findings.filter((f) => f.severity === 'error');
    for (const f of errors) {
      const hit = anns.find((a) => a.path === f.file && a.start_line === (f.line ?? 1) && a.message.startsWith(f.message));
      assert.ok(hit, f.message);
      assert.equal(hit.annotation_level, 'failure');
    }
    assert.deepEqual(
      anns.map((a) => a.annotation_level),
      ['failure', 'failure', 'failure', 'failure', 'warning', 'notice'],
      'identical conflict on two targets merged; failures first',
    );
  });

  test('levels, line 1 for file-level findings, merged targets, fix in the message', () => {
    const anns = renderGithubAnnotations(sampleReport());
    const fileLevel = anns.find((a) => a.message.startsWith('line 9: invalid requirement'));
    assert.equal(fileLevel?.start_line, 1);
    const conflict = anns.find((a) => a.title.startsWith('compat conflict'));
    assert.equal(conflict?.title, 'compat conflict: taskcluster-urls==11.0.0 [all targets]');
    assert.match(conflict?.message ?? '', /\nTargets: all targets\nFix: pin taskcluster-urls==10\.1\.2$/);
    assert.deepEqual(JSON.parse(conflict?.raw_details ?? '{}'), {
      details: { requiredBy: { package: 'taskcluster', version: '5.0.0', specifier: '<11,>=10.1.0', marker: null }, viaExtra: false },
      changes: [{ package: 'taskcluster-urls', from: '11.0.0', to: '10.1.2' }],
    });
    const partial = report({
      files: [file('m/files/r.txt', 'm', [['x', '1', 1]], [T36, T37, 'py3.8-linux-x86_64'])],
      findings: [T36, T37].map((t) => err(file('m/files/r.txt', 'm', []), 1, t, 'same')),
    });
    const [only] = renderGithubAnnotations(partial);
    assert.match(only?.message ?? '', new RegExp(`Targets: ${T36}, ${T37}`));
  });

  test('message and title limits hold for huge findings', () => {
    const f = file('m/files/r.txt', 'm', [['x', '1', 1]]);
    const huge = 'é'.repeat(70000);
    const [a] = renderGithubAnnotations(report({ files: [f], findings: [err(f, 1, T36, huge, { package: 'p'.repeat(400) })] }));
    assert.ok(a);
    assert.ok(bytes(a.message) <= 65536, `${bytes(a.message)} bytes`);
    assert.ok([...a.title].length <= 255);
    assert.ok(a.message.endsWith('…'));
  });

  test('batchAnnotations cuts uploads of 50', () => {
    const anns = renderGithubAnnotations(bigReport(120));
    assert.equal(anns.length, 120);
    assert.deepEqual(batchAnnotations(anns).map((b) => b.length), [50, 50, 20]);
    assert.deepEqual(batchAnnotations(anns, 100).map((b) => b.length), [100, 20]);
    assert.deepEqual(batchAnnotations([]), []);
  });
});

describe('renderGithubCheckText', () => {
  test('matrix table, then findings per file with fixes, no truncation note when it fits', () => {
    const text = renderGithubCheckText(sampleReport());
    assert.ok(text.startsWith('## pyup-checks\n\n**FAILED**: 5 errors, 1 warning, 1 info in 3 files × 2 targets\n'));
    assert.ok(text.includes(`| module | ${T36} | ${T37} |`));
    assert.ok(text.includes('| a | ❌ | ❌ |'));
    assert.ok(text.includes('| b/mac_requirements.txt | · | ⚠️ |'));
    assert.ok(text.includes('#### `modules/a/files/requirements.txt` (module a)'));
    assert.match(text, /\| 4 \| ❌ error \| `compat\/conflict` \| all targets \| taskcluster 5\.0\.0 has requirement taskcluster-urls<11,>=10\.1\.0, .* \| pin taskcluster-urls==10\.1\.2 \|/);
    assert.ok(!text.includes('more finding'));
  });

  test('custom header; pipes in messages are escaped', () => {
    const f = file('m/files/r.txt', 'm', [['x', '1', 1]]);
    const text = renderGithubCheckText(report({ files: [f], findings: [sev('warning', f, 1, T36, 'a | b\nc')] }), { header: '# Custom' });
    assert.ok(text.startsWith('# Custom\n\n**passed**'));
    assert.ok(text.includes('a \\| b<br>c'));
  });

  test('2,000 findings: under 65,535 bytes, cut at a finding boundary, with the note', () => {
    const r = bigReport(2000);
    const text = renderGithubCheckText(r);
    assert.ok(bytes(text) <= 65535, `${bytes(text)} bytes`);
    const m = /\n… (\d+) more findings: see report\.json \/ junit\.xml\n$/.exec(text);
    assert.ok(m, 'note at the end');
    const shownRows = text.split('\n').filter((l) => /^\| \d+ \| ❌ error \|/.test(l));
    assert.equal(shownRows.length + Number(m[1]), 2000, 'shown + omitted = all findings');
    assert.ok(shownRows.length > 100, 'the budget is used');
    const beforeNote = text.slice(0, text.length - m[0].length);
    assert.ok(beforeNote.endsWith(' |\n'), 'the last row is complete');
  });

  test('any budget is respected, down to tiny ones', () => {
    const r = bigReport(300);
    for (const maxBytes of [100, 1000, 5000, 20000]) {
      const text = renderGithubCheckText(r, { maxBytes });
      assert.ok(bytes(text) <= maxBytes, `${maxBytes}: ${bytes(text)}`);
    }
    const roomy = renderGithubCheckText(r, { maxBytes: 10_000_000 });
    assert.ok(!roomy.includes('more finding'));
  });

  test('files with errors come before files with only warnings', () => {
    const w = file('modules/a/files/requirements.txt', 'a', [['x', '1', 1]]);
    const e = file('modules/z/files/requirements.txt', 'z', [['y', '1', 1]]);
    const text = renderGithubCheckText(report({ files: [w, e], findings: [sev('warning', w, 1, T36, 'warn'), err(e, 1, T36, 'boom')] }));
    assert.ok(text.indexOf('modules/z/') < text.indexOf('modules/a/'));
  });
});
