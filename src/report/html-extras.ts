/**
 * report.html's other sections: the landing brief (read back from brief.json with zod, the brief
 * layer being a sibling this folder may not import; brief.md in a <pre> when brief.json does not
 * parse), the fix patch (`fix.patch` from `fix`, issue 12: a diff coloured per line), the wheels
 * download plan, and the tasks of a Taskcluster group (`results --html`).
 */
import { z } from 'zod';
import type { Report } from '../findings/index.js';
import { buildDownloadPlan } from './download-plan.js';
import { esc, lineUrl, outLink, plural } from './html-escape.js';
import type { HtmlSource } from './html-escape.js';

const Side = z.object({ version: z.string().nullable().optional() }).passthrough().nullable();
const BriefJson = z
  .object({
    base: z.object({ rev: z.string(), commit: z.string().nullable() }).passthrough(),
    head: z.object({ rev: z.string(), commit: z.string().nullable() }).passthrough(),
    recommendation: z.object({ action: z.string(), text: z.string(), reasons: z.array(z.string()) }).passthrough(),
    modules: z.array(
      z
        .object({
          module: z.string(),
          risk: z.string(),
          highestBump: z.string().nullable().optional(),
          reasons: z.array(z.object({ level: z.string(), text: z.string() }).passthrough()),
          operations: z.object({ restart: z.string().nullable().optional(), machines: z.array(z.string()).optional() }).passthrough().optional(),
          changes: z.array(
            z
              .object({
                file: z.string(),
                package: z.string(),
                kind: z.string(),
                line: z.number().nullable(),
                from: Side,
                to: Side,
                bump: z.object({ kind: z.string() }).passthrough().nullable(),
                facts: z.object({ links: z.array(z.object({ label: z.string(), url: z.string() }).passthrough()).optional() }).passthrough().nullable(),
                mirror: z.object({ status: z.string(), detail: z.string().optional() }).passthrough(),
              })
              .passthrough(),
          ),
        })
        .passthrough(),
    ),
  })
  .passthrough();
type BriefJson = z.infer<typeof BriefJson>;

/** What a run knows of the landing brief: brief.json and/or brief.md as written. */
export interface HtmlBrief {
  json?: string | null;
  markdown?: string | null;
}

/** A task of a Taskcluster group, for the page of `results --html`. */
export interface HtmlTask {
  name: string;
  state: string;
  link: string;
  note: string | null;
}

function parseBrief(text: string): BriefJson | null {
  try {
    const parsed = BriefJson.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The brief's one line for the page's head: the recommendation. */
export function briefRecommendation(brief: HtmlBrief | null): { action: string; text: string } | null {
  const b = brief?.json ? parseBrief(brief.json) : null;
  return b ? { action: b.recommendation.action, text: b.recommendation.text } : null;
}

function changeRow(c: BriefJson['modules'][number]['changes'][number], source: HtmlSource | null): string {
  const url = lineUrl(source, c.file, c.line);
  const line = c.line === null ? '' : url === null ? `:${c.line}` : `:<a href="${esc(url)}" rel="noreferrer noopener">${c.line}</a>`;
  const versions = `${esc(c.from?.version ?? '—')} → ${esc(c.to?.version ?? '—')}`;
  const links = (c.facts?.links ?? []).map((l) => outLink(l.url, l.label)).join(', ');
  const mirror = `${esc(c.mirror.status)}${c.mirror.detail ? `: ${esc(c.mirror.detail)}` : ''}`;
  return `<tr><td><code>${esc(c.package)}</code></td><td>${esc(c.kind)}</td><td class="mono">${versions}</td><td>${esc(c.bump?.kind ?? '')}</td><td class="mono">${esc(c.file)}${line}</td><td>${links}</td><td>${mirror}</td></tr>`;
}

/** The landing brief section body, or null when the run made none. */
export function briefHtml(brief: HtmlBrief | null, source: HtmlSource | null): string | null {
  if (!brief || (!brief.json && !brief.markdown)) return null;
  const b = brief.json ? parseBrief(brief.json) : null;
  if (!b) return `<pre class="brief">${esc(brief.markdown ?? brief.json ?? '')}</pre>`;
  const parts = [
    `<p class="meta"><span>base ${esc(b.base.rev)}${b.base.commit ? ` (<code>${esc(b.base.commit.slice(0, 12))}</code>)` : ''}</span><span>head ${esc(b.head.rev)}${b.head.commit ? ` (<code>${esc(b.head.commit.slice(0, 12))}</code>)` : ''}</span></p>`,
    `<div class="recommend ${esc(b.recommendation.action)}"><b>${esc(b.recommendation.text)}</b>${b.recommendation.reasons.length > 0 ? `<ul>${b.recommendation.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>` : ''}</div>`,
  ];
  if (b.modules.length === 0) parts.push('<p class="empty">No pin changes.</p>');
  for (const m of b.modules) {
    const restart = m.operations?.restart ? ` · restart: ${esc(m.operations.restart)}` : '';
    const machines = m.operations?.machines && m.operations.machines.length > 0 ? ` · machines: ${esc(m.operations.machines.join(', '))}` : '';
    parts.push(
      `<h3>${esc(m.module)} <span class="risk-${esc(m.risk)}">risk ${esc(m.risk)}</span> <span class="counts">${m.highestBump ? `highest bump ${esc(m.highestBump)}` : ''}${restart}${machines}</span></h3>`,
      m.reasons.length > 0 ? `<ul>${m.reasons.map((r) => `<li><b>${esc(r.level)}</b>: ${esc(r.text)}</li>`).join('')}</ul>` : '',
      `<div class="scroll"><table class="plain"><thead><tr><th>package</th><th>change</th><th>versions</th><th>bump</th><th>where</th><th>links</th><th>mirror</th></tr></thead><tbody>${m.changes.map((c) => changeRow(c, source)).join('')}</tbody></table></div>`,
    );
  }
  return parts.join('');
}

/** The fix patch as a coloured diff, or null when there is none. */
export function patchHtml(patch: string | null): string | null {
  if (patch === null || patch === '') return null;
  const lines = patch.replace(/\n$/, '').split('\n').map((l) => {
    const cls = l.startsWith('+++') || l.startsWith('---') ? 'file' : l.startsWith('+') ? 'add' : l.startsWith('-') ? 'del' : l.startsWith('@@') ? 'hunk' : '';
    return cls === '' ? esc(l) : `<span class="${cls}">${esc(l)}</span>`;
  });
  return `<p class="meta">Apply with <code>git apply fix.patch</code> (or <code>pyup-checks fix --write</code>).</p><pre class="patch">${lines.join('\n')}</pre>`;
}

/** The wheels download plan, or null when wheels did not run. */
export function downloadPlanHtml(report: Report): string | null {
  if (!report.checks.includes('wheels')) return null;
  const plan = buildDownloadPlan(report);
  if (plan.files.length === 0) return '<p class="empty">Nothing to download: every pin has a file on the mirror.</p>';
  const rows = plan.files.map((f) => {
    const needed = f.requiredBy.map((r) => `${r.file}${r.line === null ? '' : `:${r.line}`}`);
    return (
      `<tr><td>${outLink(f.url, f.filename)}</td><td class="mono" title="${esc(f.sha256 ?? '')}">${esc(f.sha256 ? `${f.sha256.slice(0, 12)}…` : 'none given')}</td>` +
      `<td class="mono">${esc(f.mirror)}</td><td>${esc(f.targets.join(', '))}</td><td class="mono">${esc([...new Set(needed)].join(', '))}</td></tr>`
    );
  });
  return (
    `<p class="meta">${plural(plan.files.length, 'file')} to put on ${plural(plan.mirrors.length, 'mirror')}: <code>bash download-plan.sh</code> fetches each, checks its sha256 and never overwrites.</p>` +
    `<div class="scroll"><table class="plain"><thead><tr><th>file</th><th>sha256</th><th>mirror</th><th>targets</th><th>needed by</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`
  );
}

/** The group's tasks with links, or null when not a group page. */
export function tasksHtml(tasks: readonly HtmlTask[] | null): string | null {
  if (tasks === null) return null;
  if (tasks.length === 0) return '<p class="empty">No tasks.</p>';
  const rows = tasks.map((t) => `<tr><td>${esc(t.state)}</td><td>${outLink(t.link, t.name)}</td><td>${esc(t.note ?? '')}</td></tr>`);
  return `<table class="plain"><thead><tr><th>state</th><th>task</th><th>note</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
