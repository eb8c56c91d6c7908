/**
 * `brief`'s implementation (the command's metadata is in brief.ts): compute the brief, write
 * `brief.md` and `brief.json` into --artifacts, print the Markdown (or the JSON with --json).
 * Exit 3 when a changed file's check could not be completed, 1 on an error in a changed pin.
 */
import { exitStatus } from '../../findings/index.js';
import { writeArtifacts } from '../../report/index.js';
import type { Io } from '../io.js';
import { computeBrief } from '../landing-brief.js';
import type { CommonOptions } from '../options.js';

type Extra = Record<string, string | boolean | string[] | undefined>;

export async function run(opts: CommonOptions, extra: Extra, io: Io): Promise<number> {
  const { outcome, markdown, json } = await computeBrief(
    opts,
    { base: typeof extra.base === 'string' ? extra.base : null, head: typeof extra.head === 'string' ? extra.head : null },
    io,
  );
  const { brief } = outcome;
  await writeArtifacts(opts.artifacts, { 'brief.md': markdown, 'brief.json': json });
  io.stdout(opts.json ? json : markdown);
  const changedFiles = new Set(brief.modules.flatMap((m) => m.changes.map((c) => c.file)));
  return exitStatus({
    incomplete: outcome.results.some((r) => r.status === 'error' && changedFiles.has(r.file)),
    failed: brief.summary.errors > 0,
  });
}
