/**
 * `fix` (and `all --fix`): files → inventory → (index rounds → fix plans) → patched texts → compat
 * (and wheels, under `all --fix`, when a mirror serves every target) on the patched files, which must
 * pass → fix.patch, fix.json → with `--write`, the patched requirement files. The search is pure
 * (src/checks/fix); this file only wires it.
 */
import { CHECKS, DEFAULT_BOUNDS, fetchRounds, fixHashes, Lookups, mirrorsForTarget, planFixesWithHashes, runChecks } from '../checks/index.js';
import type { FileHashes, FilePlan, FixOptions } from '../checks/index.js';
import { buildReport, exitStatus } from '../findings/index.js';
import type { Report } from '../findings/index.js';
import { emptySnapshot } from '../index/index.js';
import { buildInventory } from '../inventory/index.js';
import type { Inventory, InventorySource } from '../inventory/index.js';
import { applyPlan, fixArtifacts, renderFixJson, renderFixPatch, renderFixSummary, writeArtifacts, writeRequirementFiles } from '../report/index.js';
import type { FixOutcome } from '../report/index.js';
import { TargetParseError } from '../targets/index.js';
import { UsageError } from './command.js';
import { loadConfig } from './config.js';
import type { Io } from './io.js';
import type { CommonOptions } from './options.js';
import { createProgress } from './progress.js';
import { stalePlans } from './run-fix-stale.js';
import { findFiles, includeReader, readRepoFiles } from './repo-files.js';
import { fileGlobs, indexClientFor, inventoryOptions, mirrorSettings } from './run-setup.js';
import { TOOL_VERSION } from './version.js';

export interface FixFlags {
  write: boolean;
  includeIgnored: boolean;
  /** Also the stale-ignores joint updates, as a second verified patch (fix-stale.patch). */
  stale?: boolean;
}

/** Rounds for the fix search: a move brings its metadata, whose requirements may bring another page. */
const FIX_ROUNDS = 40;

export interface FixRun {
  outcome: FixOutcome;
  patch: string;
  /** The wheels check on the patched files (all --fix with mirrors): its report, for the download plan. */
  wheelsReport: Report | null;
  exitCode: 0 | 1 | 3;
  /** With --stale: the joint updates' outcome and patch (never written). */
  stale: { outcome: FixOutcome; patch: string } | null;
}

export async function runFix(opts: CommonOptions, flags: FixFlags, io: Io, withWheels = false): Promise<FixRun> {
  const { config } = loadConfig(opts.repo, opts.config);
  const globs = fileGlobs(opts, config);
  const found = findFiles(opts.repo, globs);
  if (found.files.length === 0) throw new UsageError(`no requirements files match ${globs.join(', ')} under ${opts.repo}`);
  const { sources } = readRepoFiles(opts.repo, found.files);
  const invOpts = { ...inventoryOptions(opts, config), readInclude: includeReader(opts.repo, found.files) };
  const inventoryOf = (s: readonly InventorySource[]): Inventory => {
    try {
      return buildInventory(s, invOpts);
    } catch (error) {
      if (error instanceof TargetParseError) throw new UsageError(error.message);
      throw error;
    }
  };
  const inventory = inventoryOf(sources);
  if (inventory.files.length === 0) throw new UsageError(`no requirements files for module(s) ${opts.modules.join(', ')}`);
  const settings = mirrorSettings(opts, config);
  const progress = createProgress(io);
  const client = indexClientFor(opts, config, settings, progress);
  const fetch = (needs: Parameters<typeof client.fetchNeeds>[0], into: Parameters<typeof client.fetchNeeds>[1]) => client.fetchNeeds(needs, into);
  const fixOpts: FixOptions = { includeIgnored: flags.includeIgnored, bounds: DEFAULT_BOUNDS };
  try {
    const { snapshot } = await fetchRounds((l) => void planFixesWithHashes(inventory, l, fixOpts, settings), emptySnapshot(), fetch, (n, needs) =>
      progress.round(n, needs.projects.length + needs.mirrorProjects.length, needs.releases.length), FIX_ROUNDS);
    const { plans, hashes } = planFixesWithHashes(inventory, new Lookups(snapshot), fixOpts, settings);
    const texts = patchedTexts(plans, inventory, sources, hashes ?? []);
    const patched = sources.map((s) => ({ path: s.path, text: texts.find((t) => t.path === s.path)?.after ?? s.text }));
    const checks = CHECKS.filter((c) => c.id === 'compat' || (withWheels && c.id === 'wheels' && inventory.targets.every((t) => mirrorsForTarget(settings, t).length > 0)));
    const verified = await runChecks(checks, inventoryOf(patched), snapshot, fetch, undefined, settings);
    const verification = verificationOf(verified, texts);
    let written = false;
    if (flags.write && texts.length > 0) {
      if (!verification?.clean) io.stderr('pyup-checks: fix: not written: compat on the patched files is not clean\n');
      else {
        await writeRequirementFiles(opts.repo, Object.fromEntries(texts.map((t) => [t.path, t.after])), new Set(sources.map((s) => s.path)));
        written = true;
      }
    }
    const outcome: FixOutcome = { plans, texts, verification, written, hashes: hashes ?? [] };
    const wheelsReport = checks.some((c) => c.id === 'wheels')
      ? buildReport({ toolVersion: TOOL_VERSION, checks: ['wheels'], targets: [], files: [], results: verified.results.filter((r) => r.check === 'wheels'), findings: verified.findings.filter((f) => f.check === 'wheels') })
      : null;
    const exitCode = exitStatus({ incomplete: plans.some((p) => p.status === 'index-error'), failed: plans.some((p) => p.status === 'no-fix') || verification?.clean === false });
    let stale: FixRun['stale'] = null;
    if (flags.stale) {
      const found = await runChecks(CHECKS.filter((c) => c.id === 'stale-ignores'), inventory, snapshot, fetch, undefined, settings);
      const stalePlanned = stalePlans(inventory, found.findings);
      const rounds = await fetchRounds((l) => void fixHashes(stalePlanned, inventory, l, settings), found.snapshot, fetch, () => undefined, FIX_ROUNDS);
      const staleHashes = fixHashes(stalePlanned, inventory, new Lookups(rounds.snapshot), settings);
      const staleTexts = patchedTexts(stalePlanned, inventory, sources, staleHashes);
      const stalePatched = sources.map((s) => ({ path: s.path, text: staleTexts.find((t) => t.path === s.path)?.after ?? s.text }));
      const staleVerified = await runChecks(CHECKS.filter((c) => c.id === 'compat'), inventoryOf(stalePatched), rounds.snapshot, fetch, undefined, settings);
      const staleOutcome: FixOutcome = { plans: stalePlanned, texts: staleTexts, verification: verificationOf(staleVerified, staleTexts), written: false, hashes: staleHashes };
      stale = { outcome: staleOutcome, patch: renderFixPatch(staleTexts) };
    }
    return { outcome, patch: renderFixPatch(texts), wheelsReport, exitCode, stale };
  } finally {
    progress.done();
  }
}

/** compat on the patched files: every cell of the changed files passes (null when nothing changed). */
function verificationOf(verified: { results: Report['results']; findings: Report['findings'] }, texts: FixOutcome['texts']): FixOutcome['verification'] {
  if (texts.length === 0) return null;
  const changed = new Set(texts.map((t) => t.path));
  const compatCells = verified.results.filter((r) => r.check === 'compat' && changed.has(r.file));
  const errors = verified.findings.filter((f) => f.check === 'compat' && f.severity === 'error' && changed.has(f.file)).map((f) => `${f.file}:${f.line ?? ''} ${f.message}`);
  return { clean: errors.length === 0 && compatCells.every((r) => r.status === 'pass'), errors, cells: compatCells.length };
}

function patchedTexts(plans: readonly FilePlan[], inventory: Inventory, sources: readonly InventorySource[], hashes: readonly FileHashes[]): FixOutcome['texts'] {
  const out: FixOutcome['texts'] = [];
  for (const plan of plans) {
    if (plan.status !== 'fixed' || plan.changes.length === 0) continue;
    const source = sources.find((s) => s.path === plan.file);
    const file = inventory.files.find((f) => f.path === plan.file);
    if (!source || !file) continue;
    // A pin from an included file (-r) is not on this file's lines: such a plan is not written here.
    if (plan.changes.some((c) => c.kind !== 'add' && file.pins.find((p) => p.line === c.line && p.package === c.package)?.entry.source !== file.path)) continue;
    const ends = new Map(file.pins.map((p) => [p.line, p.endLine]));
    const own = hashes.find((h) => h.file === plan.file && h.hashMode);
    const byPackage = own ? new Map(own.changes.map((c) => [c.package, c.hashes])) : undefined;
    out.push({ path: plan.file, before: source.text, after: applyPlan(source.text, plan, ends, byPackage) });
  }
  return out;
}

/** The `fix` command: plan, verify, print the patch and the summary, write the artifacts (and the files with --write). */
export async function runFixCommand(opts: CommonOptions, flags: FixFlags, io: Io): Promise<number> {
  const run = await runFix(opts, flags, io);
  const staleArtifacts: Record<string, string> = run.stale ? { 'fix-stale.patch': run.stale.patch, 'fix-stale.json': renderFixJson(run.stale.outcome) } : {};
  await writeArtifacts(opts.artifacts, { ...fixArtifacts(run.outcome), ...staleArtifacts });
  if (opts.json) io.stdout(renderFixJson(run.outcome));
  else {
    io.stdout(`${run.patch}${run.patch ? '\n' : ''}${renderFixSummary(run.outcome)}`);
    if (run.stale) io.stdout(`\nstale-ignores joint updates (fix-stale.patch, not written; drop the ignores by hand):\n${run.stale.patch}${run.stale.patch ? '\n' : ''}${renderFixSummary(run.stale.outcome)}`);
  }
  return run.stale?.outcome.verification?.clean === false ? 1 : run.exitCode;
}
