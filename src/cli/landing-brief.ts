/**
 * The landing brief as the CLI computes it, shared by `brief` and by `--brief-base` on check runs:
 * resolve the revisions (base: the given one, or the merge base of HEAD with the default branch;
 * head: the given one, or the working tree), read the inventories at both through git with the
 * run's own selection and config, and run the brief (compat, and wheels when registered, on the
 * head's changed files) against the index. Bad revisions and configuration are UsageErrors.
 */
import { runBrief, renderBriefJson, renderBriefMarkdown } from '../brief/index.js';
import type { BriefOutcome } from '../brief/index.js';
import { CHECKS } from '../checks/index.js';
import { emptySnapshot } from '../index/index.js';
import { UsageError } from './command.js';
import { loadConfig } from './config.js';
import { defaultBranch, GitError, mergeBase, resolveCommit } from './git.js';
import type { Io } from './io.js';
import type { CommonOptions } from './options.js';
import { createProgress } from './progress.js';
import { revisionInventory, workingTreeInventory } from './revision-files.js';
import { fileGlobs, indexClientFor, inventoryOptions as inventoryOptionsOf, mirrorSettings } from './run-setup.js';
import { TOOL_VERSION } from './version.js';

/** The checks whose findings the brief includes for changed pins. */
const BRIEF_CHECKS = new Set(['compat', 'wheels']);

export interface BriefRevisionArgs {
  /** null: the merge base of HEAD with the default branch. */
  base: string | null;
  /** null: the working tree. */
  head: string | null;
}

export interface ComputedBrief {
  outcome: BriefOutcome;
  markdown: string;
  json: string;
}

type Side = { rev: string; commit: string | null };

async function revisions(repo: string, args: BriefRevisionArgs): Promise<{ base: { rev: string; commit: string }; head: Side }> {
  try {
    const base = args.base
      ? { rev: args.base, commit: await resolveCommit(repo, args.base) }
      : await (async () => {
          const branch = await defaultBranch(repo);
          return { rev: `merge-base(HEAD, ${branch})`, commit: await mergeBase(repo, 'HEAD', branch) };
        })();
    const head = args.head ? { rev: args.head, commit: await resolveCommit(repo, args.head) } : { rev: 'working tree', commit: null };
    return { base, head };
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(error.message);
    throw error;
  }
}

/** The brief of `base..head` for the repository and selection in `opts`, rendered. */
export async function computeBrief(opts: CommonOptions, args: BriefRevisionArgs, io: Io): Promise<ComputedBrief> {
  const { config } = loadConfig(opts.repo, opts.config);
  const globs = fileGlobs(opts, config);
  const { base, head } = await revisions(opts.repo, args);
  const inventoryOptions = inventoryOptionsOf(opts, config);
  const baseInventory = await revisionInventory(opts.repo, base.commit, globs, inventoryOptions);
  const headInventory = head.commit ? await revisionInventory(opts.repo, head.commit, globs, inventoryOptions) : workingTreeInventory(opts.repo, globs, inventoryOptions);
  if (baseInventory.files.length === 0 && headInventory.files.length === 0) {
    throw new UsageError(`no requirements files match ${globs.join(', ')} under ${opts.repo} at ${base.rev} or ${head.rev}`);
  }
  const settings = mirrorSettings(opts, config);
  const progress = createProgress(io);
  const client = indexClientFor(opts, config, settings, progress);
  let outcome: BriefOutcome;
  try {
    outcome = await runBrief(
      {
        toolVersion: TOOL_VERSION,
        base,
        head,
        baseInventory,
        headInventory,
        checks: CHECKS.filter((c) => BRIEF_CHECKS.has(c.id)),
        modules: config.modules ?? {},
        settings,
      },
      emptySnapshot(),
      (needs, into) => client.fetchNeeds(needs, into),
    );
  } finally {
    progress.done();
  }
  return { outcome, markdown: renderBriefMarkdown(outcome.brief), json: renderBriefJson(outcome.brief) };
}
