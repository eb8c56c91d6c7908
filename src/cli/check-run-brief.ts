/**
 * `--brief-base REV` on a check run: the landing brief of `REV..working tree` (same selection and
 * config as the run) written as `brief.md`/`brief.json`, and leading `github/customCheckRunText.md`
 * (then the check's own text). The brief never decides the exit status: a brief that cannot be made
 * (unknown revision, unreadable index, anything) becomes a note in its place.
 * GitHub's limit is 65,535 characters (counted here in UTF-8 bytes, never fewer). When both texts do
 * not fit, the smaller keeps its full size and the other takes the rest; when both are large each gets
 * half. The brief is cut at a line end with a note pointing at brief.md; the check's text truncates
 * itself (renderGithubCheckText).
 */
import type { Report } from '../findings/index.js';
import { bytePrefix, renderGithubCheckText } from '../report/index.js';
import type { GithubTextOptions } from '../report/index.js';
import type { Io } from './io.js';
import type { CommonOptions } from './options.js';

export const GITHUB_TEXT_LIMIT = 65535;
const SEPARATOR = '\n---\n\n';
const CUT_NOTE = "\n_… the brief is cut here to fit GitHub's limit: the whole brief is in the brief.md artifact._\n";

/** The brief's Markdown, or why it could not be made. */
export type BriefLead = { ok: true; markdown: string } | { ok: false; base: string; error: string };

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Markdown-escape a message from outside (git, the index). */
function esc(text: string): string {
  return text.replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function leadText(lead: BriefLead): string {
  if (lead.ok) return lead.markdown;
  return `## Landing brief: could not be made\n\nThe landing brief for ${esc(lead.base)}..working tree could not be made: ${esc(lead.error)}\n\nThe check ran as usual; its results follow.\n`;
}

/** `text` within `maxBytes`: whole, or cut at the last line end that leaves room for the note. */
export function fitBrief(text: string, maxBytes: number): string {
  if (bytes(text) <= maxBytes) return text;
  const room = maxBytes - bytes(CUT_NOTE);
  if (room <= 0) return '';
  const out = bytePrefix(text, room);
  const lineEnd = out.lastIndexOf('\n');
  return `${lineEnd > 0 ? out.slice(0, lineEnd + 1) : out}${CUT_NOTE}`;
}

/** The check-run text: the brief (or the note saying why there is none), then the check's own text. */
export function composeCheckRunText(lead: BriefLead, report: Report, maxBytes: number = GITHUB_TEXT_LIMIT, textOptions: GithubTextOptions = {}): string {
  const brief = leadText(lead);
  const check = renderGithubCheckText(report, { ...textOptions, maxBytes });
  const sep = bytes(SEPARATOR);
  if (bytes(brief) + sep + bytes(check) <= maxBytes) return brief + SEPARATOR + check;
  const half = Math.floor(maxBytes / 2);
  // The check's text is small: it stays whole and the brief takes the rest.
  if (bytes(check) + sep <= half) return fitBrief(brief, maxBytes - bytes(check) - sep) + SEPARATOR + check;
  const fitted = fitBrief(brief, half - sep);
  return fitted + SEPARATOR + renderGithubCheckText(report, { ...textOptions, maxBytes: maxBytes - bytes(fitted) - sep });
}

/** Computes the brief for `opts.briefBase`, never throwing: its artifacts (none when it failed) and the lead. */
async function briefForCheckRun(opts: CommonOptions & { briefBase: string }, io: Io): Promise<{ files: Record<string, string>; lead: BriefLead }> {
  try {
    // Loaded here: a check run without --brief-base never needs the brief's modules.
    const { computeBrief } = await import('./landing-brief.js');
    const { markdown, json } = await computeBrief(opts, { base: opts.briefBase, head: null }, io);
    return { files: { 'brief.md': markdown, 'brief.json': json }, lead: { ok: true, markdown } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`pyup-checks: the landing brief (--brief-base ${opts.briefBase}) could not be made: ${message}\n`);
    return { files: {}, lead: { ok: false, base: opts.briefBase, error: message } };
  }
}

/**
 * Adds the brief to a check run's artifacts when `--brief-base` was given, and returns the
 * check-run text that leads with it (null without `--brief-base`: the standard text stands).
 */
export async function addLandingBrief(files: Record<string, string>, report: Report, opts: CommonOptions, io: Io, textOptions: GithubTextOptions = {}): Promise<string | null> {
  if (opts.briefBase === null) return null;
  const { files: briefFiles, lead } = await briefForCheckRun({ ...opts, briefBase: opts.briefBase }, io);
  const text = composeCheckRunText(lead, report, GITHUB_TEXT_LIMIT, textOptions);
  Object.assign(files, briefFiles, { 'github/customCheckRunText.md': text });
  return text;
}
