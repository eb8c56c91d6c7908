// report.html as a string: the CSP allows exactly the inline style and script (by sha256), nothing
// else is loaded, hostile names and messages stay text, one matrix cell per result row, lines link
// to GitHub when the source is known, the brief, patch and download plan sections, and the large
// report renders fast. The browser test (html-browser.test.ts) opens the same pages for real.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { renderHtml, renderJson } from '../../src/report/index.js';
import { parseReport } from '../../src/findings/index.js';
import { sampleReport, T36 } from './fixture.js';
import { HOSTILE, hostileReport, largeReport } from './html-large.js';

const hash = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const csp = (html: string): string => /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'") ?? '';

describe('renderHtml', () => {
  test('a strict CSP that allows exactly the one inline style and script, by hash', () => {
    const html = renderHtml(sampleReport());
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    assert.equal(styles.length, 1);
    assert.equal(scripts.length, 1);
    const policy = csp(html);
    assert.match(policy, /^default-src 'none'; /);
    assert.ok(policy.includes(`style-src ${hash(styles[0]!)}`), policy);
    assert.ok(policy.includes(`script-src ${hash(scripts[0]!)}`), policy);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|https?:/);
    // Nothing to load: no src attributes, no stylesheet or script links, only the data: favicon.
    assert.doesNotMatch(html, /\ssrc=|<link(?! rel="icon" href="data:,")|@import|url\(/);
  });

  test('hostile names, messages and details stay text', () => {
    const html = renderHtml(hostileReport(), { source: { repoUrl: 'https://github.com/o/r', revision: 'abc' } });
    for (const bad of ['<img src=x', '<script>alert', '<iframe', '<svg onload', '<style>body', '"><img', 'href="javascript:']) assert.ok(!html.includes(bad), bad);
    assert.ok(html.includes('&lt;/script&gt;&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;'));
    assert.ok(html.includes('pin &lt;iframe src=&quot;https://example.com/&quot;&gt;&lt;/iframe&gt;==1'));
    // The path reaches the GitHub link percent-encoded, never as markup.
    assert.match(html, /href="https:\/\/github\.com\/o\/r\/blob\/abc\/modules\/evil%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert\(1\)%3E\/files\/requirements\.txt#L3"/);
    assert.ok(html.includes(`data-module="${HOSTILE.module.replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`));
  });

  test('one matrix cell per result row, with its status as a word as well as a colour', () => {
    const r = largeReport(40, 600);
    const html = renderHtml(r);
    const cells = [...html.matchAll(/<td class="st st-(\w+)" data-status="(\w+)"[^>]*>(?:<a [^>]*>)?(.) (\w+|n\/a)/g)];
    const checked = cells.filter((c) => c[2] !== 'none');
    assert.equal(checked.length, r.results.length);
    const want = { pass: 0, fail: 0, error: 0, skip: 0 };
    for (const row of r.results) want[row.status]++;
    const got = { pass: 0, fail: 0, error: 0, skip: 0 };
    for (const c of checked) {
      assert.equal(c[1], c[2]);
      assert.equal(c[4], c[2]);
      got[c[2] as keyof typeof got]++;
    }
    assert.deepEqual(got, want);
    // Every failing cell links to a finding anchor that exists.
    const links = [...html.matchAll(/<td class="st st-(?:fail|error)"[^>]*><a href="#(\w+)"/g)].map((m) => m[1]!);
    assert.equal(links.length, want.fail + want.error);
    for (const id of new Set(links)) assert.ok(html.includes(` id="${id}"`), id);
  });

  test('lines link to the checked revision on GitHub only when the source is known', () => {
    const r = sampleReport();
    const linked = renderHtml(r, { source: { repoUrl: 'https://github.com/mozilla-releng/build-puppet.git', revision: 'f'.repeat(40) } });
    assert.ok(linked.includes(`href="https://github.com/mozilla-releng/build-puppet/blob/${'f'.repeat(40)}/modules/a/files/requirements.txt#L4"`));
    assert.ok(linked.includes(`href="https://github.com/mozilla-releng/build-puppet/tree/${'f'.repeat(40)}"`));
    assert.doesNotMatch(renderHtml(r), /\/blob\//);
    assert.doesNotMatch(renderHtml(r, { source: { repoUrl: 'javascript:alert(1)//', revision: 'x' } }), /\/blob\/|href="javascript:/);
  });

  test('every finding once per target group, each error with its fix, details folded', () => {
    const r = sampleReport();
    const html = renderHtml(r);
    const items = [...html.matchAll(/<li class="finding sev-(\w+)"[^>]*data-targets="([^"]*)"/g)];
    // 7 findings, the conflict on two targets collapsed into one entry.
    assert.equal(items.length, 6);
    assert.ok(html.includes('<p class="fix"><b>Fix:</b> pin taskcluster-urls==10.1.2</p>'));
    assert.ok(items.some((m) => m[1] === 'error' && m[2] === `${T36} py3.7-linux-x86_64`));
  });

  test('brief (from brief.json, else brief.md as text), fix patch and download plan sections', () => {
    const r = { ...sampleReport(), checks: ['inventory', 'compat', 'wheels'] as const };
    const brief = {
      version: 1, base: { rev: 'main', commit: 'a'.repeat(40) }, head: { rev: 'working tree', commit: null },
      recommendation: { action: 'hold', text: 'hold: <x> is risky', reasons: ['a: major bump'] },
      modules: [{ module: 'a', risk: 'high', highestBump: 'major', reasons: [{ level: 'high', text: 'major bump' }], operations: { restart: 'restart a', machines: ['m1'] },
        changes: [{ file: 'modules/a/files/requirements.txt', package: 'taskcluster', kind: 'changed', line: 3, from: { version: '4.0.1' }, to: { version: '5.0.0' }, bump: { kind: 'major' },
          facts: { links: [{ label: 'Changelog', url: 'https://example.com/c' }, { label: 'bad', url: 'javascript:alert(1)' }] }, mirror: { status: 'unknown', detail: 'no mirror' } }] }],
    };
    const html = renderHtml({ ...r, checks: [...r.checks] }, { brief: { json: JSON.stringify(brief) }, fixPatch: '--- a/x\n+++ b/x\n@@ -1 +1 @@\n-six==1.16.0\n+six==1.15.0 <b>\n' });
    assert.ok(html.includes('<div class="recommend hold">Landing brief: <b>hold: &lt;x&gt; is risky</b>'));
    assert.ok(html.includes('<a href="https://example.com/c" rel="noreferrer noopener">Changelog</a>'));
    assert.ok(!html.includes('javascript:') && html.includes('<td>4.0.1 → 5.0.0</td>') === false && html.includes('4.0.1 → 5.0.0'));
    assert.ok(html.includes('<span class="add">+six==1.15.0 &lt;b&gt;</span>') && html.includes('<span class="del">-six==1.16.0</span>'));
    assert.ok(html.includes('id="download-plan"') && html.includes('Nothing to download'));
    const fallback = renderHtml(sampleReport(), { brief: { json: '{"not": "a brief"}', markdown: '## Landing brief: <hold>' } });
    assert.ok(fallback.includes('<pre class="brief">## Landing brief: &lt;hold&gt;</pre>'));
    assert.doesNotMatch(renderHtml(sampleReport()), /id="(brief|fix|download-plan|tasks)"/);
  });

  test('renders from report.json read back, and the large report in well under a second', () => {
    const r = largeReport();
    assert.equal(r.findings.length, 5000);
    const parsed = parseReport(renderJson(r));
    const t0 = performance.now();
    const html = renderHtml(parsed);
    const ms = performance.now() - t0;
    process.stdout.write(`# renderHtml: 200 modules × 6 targets × 3 checks, 5,000 findings: ${ms.toFixed(0)} ms, ${(html.length / 1e6).toFixed(1)} MB\n`);
    // The bound is loose for a shared two-core machine (about 0.3 s when idle); the browser test bounds the opening.
    assert.ok(ms < 3000, `${ms} ms`);
    // report.json sorts details' keys; otherwise the page read back is the page of the run.
    const count = (h: string, re: RegExp): number => h.match(re)?.length ?? 0;
    const direct = renderHtml(r);
    for (const re of [/<li class="finding/g, /data-status="(?:pass|fail|error|skip)"/g, /<p class="fix">/g]) assert.equal(count(html, re), count(direct, re));
    assert.ok(count(html, /<li class="finding/g) > 1000);
  });
});
