/**
 * `brief --base REV [--head REV]`: what a PR changes and when it is safe to land. Reads the
 * requirements files at both revisions through git (head: the working tree unless given), runs
 * compat (and wheels when registered) on the head's changed files, reads the changed releases'
 * metadata, and writes `brief.md` and `brief.json` into --artifacts; prints the Markdown, or the
 * JSON with --json. Exit status as elsewhere: 1 when a check found an error in a changed pin,
 * 3 when the index could not be read, 2 for bad revisions or configuration. The brief itself is
 * computed in ../landing-brief.ts, shared with `--brief-base` on check runs.
 */
import { writeArtifacts } from '../../report/index.js';
import type { Command } from '../command.js';
import type { Io } from '../io.js';
import { computeBrief } from '../landing-brief.js';
import type { CommonOptions } from '../options.js';

type Extra = Record<string, string | boolean | string[] | undefined>;

export const briefCommand: Command = {
  name: 'brief',
  summary: 'what the PR changes (--base REV, --head REV): every changed pin with its bump kind, links, new requirements, affected services and a landing recommendation; writes brief.md and brief.json',
  options: [
    { name: 'base', type: 'string', value: 'REV', description: 'the revision the PR starts from', default: 'the merge base of HEAD with the default branch' },
    { name: 'head', type: 'string', value: 'REV', description: 'the revision the PR ends at', default: 'the working tree' },
  ],
  common: true,
  run: (opts, extra, io) => runBriefCommand(opts, extra, io),
};

export async function runBriefCommand(opts: CommonOptions, extra: Extra, io: Io): Promise<number> {
  const { outcome, markdown, json } = await computeBrief(
    opts,
    { base: typeof extra.base === 'string' ? extra.base : null, head: typeof extra.head === 'string' ? extra.head : null },
    io,
  );
  const { brief } = outcome;
  await writeArtifacts(opts.artifacts, { 'brief.md': markdown, 'brief.json': json });
  io.stdout(opts.json ? json : markdown);
  const changedFiles = new Set(brief.modules.flatMap((m) => m.changes.map((c) => c.file)));
  if (outcome.results.some((r) => r.status === 'error' && changedFiles.has(r.file))) return 3;
  return brief.summary.errors > 0 ? 1 : 0;
}
