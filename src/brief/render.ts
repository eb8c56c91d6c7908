/**
 * The brief rendered: `brief.md` (GitHub-flavoured Markdown: also the first section of a check run's
 * text, and what the terminal shows) and `brief.json` (the {@link Brief} model, version 1).
 * Text from files and indexes (names, messages, labels) is escaped; links are http(s) only (links.ts);
 * requirement strings are shown as code spans.
 */
import type { Finding } from '../findings/index.js';
import type { Bump } from './bump.js';
import type { Brief, BriefChange, ModuleBrief, Recommendation } from './types.js';

const ACTION: Record<Recommendation, string> = {
  'land-any-time': 'land any time',
  'land-when-watched': 'land when someone can watch the puppet runs',
  hold: 'hold',
};

/** Markdown-escape text from outside (names, messages, labels). */
function esc(text: string): string {
  return text.replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** A code span that survives backticks in the text. */
function code(text: string): string {
  const run = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(run + 1);
  return `${fence}${run > 0 ? ' ' : ''}${text.replace(/\r?\n/g, ' ')}${run > 0 ? ' ' : ''}${fence}`;
}

export function bumpText(bump: Bump | null): string {
  if (!bump) return '';
  const semver = bump.semver ? `semver: ${bump.semver.diff ?? 'same'}` : null;
  const extra = [semver, bump.semverNote, bump.toPrerelease ? 'to a pre-release' : null].filter((x): x is string => Boolean(x));
  return `${bump.kind}${extra.length > 0 ? ` (${extra.join('; ')})` : ''}`;
}

function changeTitle(c: BriefChange): string {
  const from = c.from ? (c.from.version ?? c.from.specifier) : null;
  const to = c.to ? (c.to.version ?? c.to.specifier) : null;
  if (c.kind === 'added') return `${esc(c.name)} ${esc(to ?? '')} (added)`;
  if (c.kind === 'removed') return `${esc(c.name)} ${esc(from ?? '')} (removed)`;
  return `${esc(c.name)} ${esc(from ?? '')} → ${esc(to ?? '')}`;
}

function where(c: BriefChange): string {
  return c.line !== null ? `${c.file}:${c.line}` : `${c.file} (was line ${c.from?.line ?? '?'})`;
}

/** A finding once per distinct message, with the targets it holds on. */
function findingLines(findings: readonly Finding[]): string[] {
  const byMessage = new Map<string, { f: Finding; targets: Set<string> }>();
  for (const f of findings) {
    const key = `${f.check}|${f.code}|${f.message}`;
    const entry = byMessage.get(key) ?? { f, targets: new Set<string>() };
    entry.targets.add(f.target ?? 'every target');
    byMessage.set(key, entry);
  }
  return [...byMessage.values()].map(({ f, targets }) => {
    const fix = f.suggestion?.text ? ` Fix: ${esc(f.suggestion.text)}.` : '';
    return `- ${f.check} ${f.code} (${f.severity}, ${esc([...targets].sort().join(', '))}): ${esc(f.message)}${fix}`;
  });
}

function changeSection(c: BriefChange, mirrorSaidOnce: boolean): string[] {
  const out = [`**${changeTitle(c)}** — ${esc(where(c))}${c.bump ? `: ${esc(bumpText(c.bump))}` : ''}`, ''];
  if (c.bump) out.push(`- Bump: ${esc(c.bump.detail)}`);
  const f = c.facts;
  if (f) {
    if (f.metadata !== 'ok') out.push(`- Metadata: could not be read (${esc(f.metadata.unavailable)})`);
    if (f.links.length > 0) out.push(`- Links: ${f.links.map((l) => `[${esc(l.label)}](${l.url})`).join(' · ')}`);
    if (f.requiresPython) out.push(`- Requires-Python: ${code(f.requiresPython.from ?? '(none)')} → ${code(f.requiresPython.to ?? '(none)')}`);
    const label = c.kind === 'added' ? 'Requirements' : 'New requirements';
    if (f.requirements.added.length > 0) out.push(`- ${label}: ${f.requirements.added.map(code).join(', ')}`);
    for (const r of f.requirements.changed) out.push(`- Changed requirement: ${code(r.from)} → ${code(r.to)}`);
    if (f.requirements.dropped.length > 0) out.push(`- Dropped requirements: ${f.requirements.dropped.map(code).join(', ')}`);
    for (const w of f.lostWheels) out.push(`- Lost wheel: ${esc(w.target)} (the old release had ${esc(w.had)})`);
  }
  if (c.mirror.status === 'missing' || c.mirror.status === 'absent') out.push(`- Mirror: ${c.mirror.status === 'absent' ? 'no file on any mirror' : 'not there yet'} (${esc(c.mirror.targets.join(', '))}): ${esc(c.mirror.detail)}`);
  else if (c.mirror.status === 'unknown' && !mirrorSaidOnce) out.push(`- Mirror: not checked (${esc(c.mirror.detail)})`);
  out.push(...findingLines(c.findings));
  return [...out, ''];
}

function moduleSection(m: ModuleBrief, mirrorSaidOnce: boolean): string[] {
  const ops = m.operations;
  const out = [`### ${esc(m.module)}: risk ${m.risk}${m.highestBump ? `, highest bump ${m.highestBump}` : ''}`, ''];
  const facts = [
    ops.restart ? `Restart: ${esc(ops.restart)}` : null,
    ops.services.length > 0 ? `Services: ${esc(ops.services.join(', '))}` : null,
    ops.machines.length > 0 ? `Machines: ${esc(ops.machines.join(', '))}` : null,
  ].filter((x): x is string => x !== null);
  out.push(facts.length > 0 ? facts.join(' · ') : ops.configured ? 'No restart needed.' : `Not described under \`modules:\` in the repository config.`, '');
  out.push(...m.reasons.map((r) => `- ${r.level}: ${esc(r.text)}`), '');
  if (m.notOnMirror.length > 0) {
    out.push(`Expected first-pass puppet failures (not on the mirror): ${m.notOnMirror.map((n) => `${esc(n.package)} ${esc(n.version ?? '')}`).join(', ')}`, '');
  }
  out.push('| pin | change | bump | where |', '|---|---|---|---|');
  for (const c of m.changes) {
    const change = c.kind === 'changed' ? `${c.from?.version ?? c.from?.specifier ?? ''} → ${c.to?.version ?? c.to?.specifier ?? ''}` : c.kind === 'added' ? `added ${c.to?.version ?? c.to?.specifier ?? ''}` : `removed ${c.from?.version ?? c.from?.specifier ?? ''}`;
    out.push(`| ${esc(c.name)} | ${esc(change)} | ${esc(bumpText(c.bump))} | ${esc(where(c))} |`);
  }
  out.push('');
  for (const c of m.changes) out.push(...changeSection(c, mirrorSaidOnce));
  return out;
}

export function renderBriefMarkdown(brief: Brief): string {
  const s = brief.summary;
  const r = brief.recommendation;
  const out = [
    `## Landing brief: ${ACTION[r.action]}`,
    '',
    `**${esc(r.text)}**`,
    '',
    ...r.reasons.map((x) => `- ${esc(x)}`),
    ...(r.reasons.length > 0 ? [''] : []),
    `${esc(brief.base.rev)}${brief.base.commit ? ` (${brief.base.commit.slice(0, 12)})` : ''} → ${esc(brief.head.rev)}${brief.head.commit ? ` (${brief.head.commit.slice(0, 12)})` : ''}: ` +
      `${s.changed} changed, ${s.added} added, ${s.removed} removed in ${s.modules} module${s.modules === 1 ? '' : 's'}; ` +
      `checks: ${brief.checks.length > 0 ? brief.checks.join(', ') : 'none'} (${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'} on changed pins)`,
    '',
  ];
  // One mirror note for the whole brief when no change could be looked up there, for the same reason.
  const unknown = brief.modules.flatMap((m) => m.changes).filter((c) => c.kind !== 'removed').map((c) => (c.mirror.status === 'unknown' ? c.mirror.detail : null));
  const once = unknown.length > 0 && unknown.every((d) => d !== null && d === unknown[0]);
  if (once) out.push(`Mirror: not checked (${esc(unknown[0] ?? '')}).`, '');
  for (const m of brief.modules) out.push(...moduleSection(m, once));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

export function renderBriefJson(brief: Brief): string {
  return `${JSON.stringify(brief, null, 2)}\n`;
}
