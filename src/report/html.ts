/**
 * report.html: the page people open from Treeherder, the Taskcluster task view or a GitHub Actions
 * artifact. One self-contained file rendered from a Report (report.json) alone, plus what the run
 * also wrote (brief.json / brief.md, fix.patch): no network (the CSP's `default-src 'none'`), the
 * only style and script inline and allowed by hash, so it works from file:// and from the
 * artifact URL alike. Layout, most wanted first: verdict and counts, the matrix per check, the
 * findings by file (with filters), the fix patch, the download plan, the landing brief, the tasks
 * of a group. Every value from the report is escaped (html-escape.ts).
 * Size: 200 modules × 6 targets and 5,000 findings render in well under a second here and open in
 * the browser in under one (test/report/html-browser.test.ts measures both).
 */
import type { Report } from '../findings/index.js';
import { countsLine, reportFailed } from './common.js';
import { CONTENT_SECURITY_POLICY, SCRIPT, STYLE } from './html-assets.js';
import { esc, treeUrl } from './html-escape.js';
import type { HtmlSource } from './html-escape.js';
import { briefHtml, briefRecommendation, downloadPlanHtml, patchHtml, tasksHtml } from './html-extras.js';
import type { HtmlBrief, HtmlTask } from './html-extras.js';
import { findingsHtml, layoutFindings } from './html-findings.js';
import { matricesHtml } from './html-matrix.js';

export interface HtmlOptions {
  /** The page title; defaults to "pyup-checks report". */
  title?: string;
  /** Repository web URL and revision: lines link to GitHub. */
  source?: HtmlSource | null;
  /** The landing brief the run made (brief.json, brief.md). */
  brief?: HtmlBrief | null;
  /** `fix.patch` when the run made one. */
  fixPatch?: string | null;
  /** The tasks of a Taskcluster group (`results --html`). */
  tasks?: readonly HtmlTask[] | null;
}

interface Section {
  id: string;
  title: string;
  body: string;
}

function header(report: Report, opts: HtmlOptions, title: string): string {
  const failed = reportFailed(report);
  const source = opts.source ?? null;
  const tree = treeUrl(source);
  const revision = source ? `<code>${esc(source.revision.slice(0, 12))}</code>` : '';
  const rev = source
    ? `<span>revision ${tree ? `<a href="${esc(tree)}" rel="noreferrer noopener">${revision}</a>` : revision} of ${esc(source.repoUrl)}</span>`
    : '';
  const rec = briefRecommendation(opts.brief ?? null);
  return (
    `<header><h1>${esc(title)} <span class="verdict ${failed ? 'failed' : 'passed'}">${failed ? '✗ FAILED' : '✓ passed'}</span></h1>` +
    `<p class="meta"><span>${esc(countsLine(report))}</span><span>checks: ${esc(report.checks.join(', '))}</span>${rev}<span>${esc(report.tool.name)} ${esc(report.tool.version)}</span></p>` +
    (rec ? `<div class="recommend ${esc(rec.action)}">Landing brief: <b>${esc(rec.text)}</b> (<a href="#brief">details</a>)</div>` : '') +
    '</header>'
  );
}

/** The report as one self-contained HTML page. */
export function renderHtml(report: Report, opts: HtmlOptions = {}): string {
  const title = opts.title ?? 'pyup-checks report';
  const source = opts.source ?? null;
  const layout = layoutFindings(report);
  const sections: Section[] = [{ id: 'matrix', title: 'Matrix', body: matricesHtml(report, layout.anchors) }];
  const { errors, warnings, infos } = report.summary;
  sections.push({ id: 'findings', title: `Findings (${errors} errors, ${warnings} warnings, ${infos} infos)`, body: findingsHtml(report, layout, source) });
  const optional: Array<[string, string, string | null]> = [
    ['fix', 'Fix patch', patchHtml(opts.fixPatch ?? null)],
    ['download-plan', 'Download plan (wheels)', downloadPlanHtml(report)],
    ['brief', 'Landing brief', briefHtml(opts.brief ?? null, source)],
    ['tasks', 'Tasks', tasksHtml(opts.tasks ?? null)],
  ];
  for (const [id, t, body] of optional) if (body !== null) sections.push({ id, title: t, body });
  const toc = sections.map((s) => `<a href="#${s.id}">${esc(s.title)}</a>`).join('');
  const main = sections.map((s) => `<section id="${s.id}"><h2>${esc(s.title)}</h2>${s.body}</section>`).join('');
  return (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${esc(CONTENT_SECURITY_POLICY)}">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">' +
    `<link rel="icon" href="data:,"><title>${esc(title)}${reportFailed(report) ? ': FAILED' : ''}</title><style>${STYLE}</style></head>` +
    `<body>${header(report, opts, title)}<nav class="toc">${toc}</nav><main>${main}</main><script>${SCRIPT}</script></body></html>\n`
  );
}
