/**
 * `brief --base REV [--head REV]`: what a PR changes and when it is safe to land. Reads the
 * requirements files at both revisions through git (head: the working tree unless given), runs
 * compat (and wheels when registered) on the head's changed files, reads the changed releases'
 * metadata, and writes `brief.md` and `brief.json` into --artifacts; prints the Markdown, or the
 * JSON with --json. Exit status as elsewhere: 1 when a check found an error in a changed pin,
 * 3 when the index could not be read, 2 for bad revisions or configuration.
 */
import { runBrief, renderBriefJson, renderBriefMarkdown } from '../../brief/index.js';
import { CHECKS } from '../../checks/index.js';
import { createIndexClient, emptySnapshot } from '../../index/index.js';
import type { InventoryOptions } from '../../inventory/index.js';
import { writeArtifacts } from '../../report/index.js';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { configTargetsFor, loadConfig, mirrorsFor } from '../config.js';
import { defaultBranch, GitError, mergeBase, resolveCommit } from '../git.js';
import type { Io } from '../io.js';
import type { CommonOptions } from '../options.js';
import { DEFAULT_FILES, DEFAULT_INDEX_URL } from '../options.js';
import { createProgress } from '../progress.js';
import { revisionInventory, workingTreeInventory } from '../revision-files.js';
import { TOOL_VERSION } from '../version.js';

/** The checks whose findings the brief includes for changed pins. */
const BRIEF_CHECKS = new Set(['compat', 'wheels']);

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

async function revisions(repo: string, extra: Extra): Promise<{ base: { rev: string; commit: string }; head: { rev: string; commit: string | null } }> {
  try {
    const baseRev = typeof extra.base === 'string' ? extra.base : null;
    const headRev = typeof extra.head === 'string' ? extra.head : null;
    const base = baseRev
      ? { rev: baseRev, commit: await resolveCommit(repo, baseRev) }
      : await (async () => {
          const branch = await defaultBranch(repo);
          return { rev: `merge-base(HEAD, ${branch})`, commit: await mergeBase(repo, 'HEAD', branch) };
        })();
    const head = headRev ? { rev: headRev, commit: await resolveCommit(repo, headRev) } : { rev: 'working tree', commit: null };
    return { base, head };
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(error.message);
    throw error;
  }
}

export async function runBriefCommand(opts: CommonOptions, extra: Extra, io: Io): Promise<number> {
  const { config } = loadConfig(opts.repo, opts.config);
  const globs = opts.files.length === 1 && opts.files[0] === DEFAULT_FILES && config.files ? config.files : opts.files;
  const { base, head } = await revisions(opts.repo, extra);
  const inventoryOptions: InventoryOptions = {
    pythons: opts.pythons,
    platforms: opts.platforms,
    modules: opts.modules,
    ...(config['default-python'] ? { defaultPython: config['default-python'] } : {}),
    configFor: (path) => configTargetsFor(config, path),
  };
  const baseInventory = await revisionInventory(opts.repo, base.commit, globs, inventoryOptions);
  const headInventory = head.commit ? await revisionInventory(opts.repo, head.commit, globs, inventoryOptions) : workingTreeInventory(opts.repo, globs, inventoryOptions);
  if (baseInventory.files.length === 0 && headInventory.files.length === 0) {
    throw new UsageError(`no requirements files match ${globs.join(', ')} under ${opts.repo} at ${base.rev} or ${head.rev}`);
  }
  const findLinks = opts.findLinks.length > 0 ? opts.findLinks : mirrorsFor(config, null);
  const progress = createProgress(io);
  const client = createIndexClient({
    indexUrl: opts.indexUrl ?? config['index-url'] ?? DEFAULT_INDEX_URL,
    extraIndexUrls: [...opts.extraIndexUrls, ...(config['extra-index-urls'] ?? [])],
    findLinks,
    cacheDir: opts.cacheDir,
    offline: opts.offline,
    timeoutMs: opts.timeoutMs,
    concurrency: opts.concurrency,
    onProgress: (e) => progress.event(e),
  });
  let outcome;
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
        settings: {
          mirrors: opts.findLinks.length > 0 ? opts.findLinks.map((url) => ({ url, pythons: null })) : (config.mirrors ?? []).map((m) => ({ url: m.url, pythons: m.pythons ?? null })),
        },
      },
      emptySnapshot(),
      (needs, into) => client.fetchNeeds(needs, into),
    );
  } finally {
    progress.done();
  }
  const { brief } = outcome;
  const markdown = renderBriefMarkdown(brief);
  const json = renderBriefJson(brief);
  await writeArtifacts(opts.artifacts, { 'brief.md': markdown, 'brief.json': json });
  io.stdout(opts.json ? json : markdown);
  const changedFiles = new Set(brief.modules.flatMap((m) => m.changes.map((c) => c.file)));
  if (outcome.results.some((r) => r.status === 'error' && changedFiles.has(r.file))) return 3;
  return brief.summary.errors > 0 ? 1 : 0;
}
