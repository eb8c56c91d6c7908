/**
 * The main job: files → inventory → (index rounds → checks) → report → artifacts → exit status.
 * Every check command (`inventory`, `compat`, `all`, ...) is this with a different list of checks.
 */
import { CHECKS, inventoryFindings, mirrorsForTarget, runChecks } from '../checks/index.js';
import type { Check } from '../checks/index.js';
import { buildReport, exitCodeFor } from '../findings/index.js';
import type { CheckId, Finding, Report, ReportFile, ReportStats, ResultRow } from '../findings/index.js';
import { emptySnapshot } from '../index/index.js';
import type { IndexStats } from '../index/index.js';
import { buildInventory, moduleOf } from '../inventory/index.js';
import type { Inventory } from '../inventory/index.js';
import { markerToString } from '../pep508/index.js';
import { bytePrefix, fixArtifacts, renderDownloadPlan, renderFixMarkdown, renderFixSummary, renderHtml, renderJson, renderText, standardArtifacts, writeArtifacts } from '../report/index.js';
import { TargetParseError } from '../targets/index.js';
import { UsageError } from './command.js';
import { loadBotConfigs } from './bot-configs.js';
import { addLandingBrief } from './check-run-brief.js';
import { ciOutput } from './ci-output.js';
import { artifactLinks, htmlSource } from './report-html.js';
import { CONFIG_FILE, loadConfig } from './config.js';
import type { Io } from './io.js';
import type { CommonOptions } from './options.js';
import { DEFAULT_FILES } from './options.js';
import { createProgress } from './progress.js';
import { runFix } from './run-fix.js';
import type { FixFlags } from './run-fix.js';
import { findFiles, includeReader, readRepoFiles } from './repo-files.js';
import type { ReadProblem } from './repo-files.js';
import { fileGlobs, indexClientFor, inventoryOptions, mirrorSettings } from './run-setup.js';
import { TOOL_VERSION } from './version.js';

/** Pins a run checks against the index; more is an amplification, not a repository (exit 2). */
export const MAX_CHECKED_PINS = 20_000;

export interface RunOutcome {
  report: Report;
  exitCode: number;
}

export async function runCheckCommand(checkIds: ReadonlyArray<Check['id']>, opts: CommonOptions, io: Io, fix?: FixFlags): Promise<number> {
  const outcome = await runChecksForRepo(checkIds, opts, io);
  const html = { source: htmlSource(opts, io.env) };
  const links = artifactLinks(io.env);
  const files = standardArtifacts(outcome.report, { color: false, html, links });
  // --brief-base: brief.md/brief.json, and the check-run text leads with the brief (never changes the exit status).
  let checkRunText = await addLandingBrief(files, outcome.report, opts, io, { links });
  // all --fix: fix.patch/fix.json, the download plan of the fixed pins, and the patch leads the check-run text when there are errors.
  const fixed = fix ? await addFix(files, outcome.report, checkIds, opts, fix, io) : null;
  if (fixed !== null && outcome.report.summary.errors > 0) {
    checkRunText = `${fixed}\n---\n\n${checkRunText ?? files['github/customCheckRunText.md'] ?? ''}`;
    files['github/customCheckRunText.md'] = checkRunText;
  }
  // report.html shows the brief and the fix patch when the run made them.
  if (files['brief.json'] !== undefined || files['fix.patch'] !== undefined) {
    const brief = { json: files['brief.json'] ?? null, markdown: files['brief.md'] ?? null };
    files['report.html'] = renderHtml(outcome.report, { ...html, brief, fixPatch: files['fix.patch'] ?? null });
  }
  await writeArtifacts(opts.artifacts, files);
  // --json prints report.json as written (the same report, rendered once).
  if (opts.json) io.stdout(files['report.json'] ?? renderJson(outcome.report));
  else io.stdout(renderText(outcome.report, { color: io.isTty && !io.env.NO_COLOR, verbose: opts.verbose }));
  await ciOutput(outcome.report, opts, io, checkRunText);
  if (opts.verbose && outcome.report.stats) io.stderr(`pyup-checks: ${describeStats(outcome.report.stats)}\n`);
  return outcome.exitCode;
}

/** Runs fix beside the checks: its artifacts join `files`; returns the check-run block (summary and patch, within a third of GitHub's limit). */
async function addFix(files: Record<string, string>, report: Report, checkIds: ReadonlyArray<Check['id']>, opts: CommonOptions, flags: FixFlags, io: Io): Promise<string> {
  const run = await runFix(opts, flags, io, checkIds.includes('wheels') && report.checks.includes('wheels'));
  Object.assign(files, fixArtifacts(run.outcome));
  if (run.wheelsReport) {
    const plan = renderDownloadPlan(run.wheelsReport);
    files['download-plan.json'] = plan.json;
    files['download-plan.sh'] = plan.sh;
  }
  // --json keeps stdout one JSON document (the patch is fix.patch, its account fix.json).
  if (!opts.json) io.stdout(`${run.patch}${renderFixSummary(run.outcome)}\n`);
  const block = renderFixMarkdown(run.outcome, run.patch);
  return Buffer.byteLength(block, 'utf8') <= FIX_TEXT_BYTES ? block : `${bytePrefix(block, FIX_TEXT_BYTES)}\n\n… (cut: the whole patch is the fix.patch artifact)\n`;
}

/** The fix block's share of the check-run text (GitHub takes 65,535 characters). */
const FIX_TEXT_BYTES = 20_000;

export async function runChecksForRepo(checkIds: ReadonlyArray<Check['id']>, opts: CommonOptions, io: Io): Promise<RunOutcome> {
  const { config } = loadConfig(opts.repo, opts.config);
  const globs = fileGlobs(opts, config);
  const found = findFiles(opts.repo, globs);
  if (found.files.length === 0) throw new UsageError(`no requirements files match ${globs.join(', ')} under ${opts.repo}`);
  const read = readRepoFiles(opts.repo, found.files);
  const { sources } = read;
  const problems = [...found.problems, ...read.problems];
  let inventory: Inventory;
  try {
    inventory = buildInventory(sources, { ...inventoryOptions(opts, config), readInclude: includeReader(opts.repo, found.files) });
  } catch (error) {
    if (error instanceof TargetParseError) throw new UsageError(error.message);
    throw error;
  }
  if (inventory.files.length === 0) throw new UsageError(`no requirements files for module(s) ${opts.modules.join(', ')}`);
  const findings: Finding[] = [...inventoryFindings(inventory), ...problems.map((p) => problemFinding(p, inventory))];
  const results: ResultRow[] = [];
  // The bots' configs: stale-ignores judges their rules and which files each bot updates.
  const bots = loadBotConfigs(opts.repo, sources, opts.modules.length === 0 && globs.join() === fileGlobs({ ...opts, files: [DEFAULT_FILES] }, config).join());
  const settings = { ...mirrorSettings(opts, config), bots };
  let stats: IndexStats | null = null;
  let checks = CHECKS.filter((c) => checkIds.includes(c.id));
  const bare = inventory.targets.filter((t) => mirrorsForTarget(settings, t).length === 0);
  if (checkIds.includes('wheels') && bare.length > 0) {
    const why = `no mirror serves python ${[...new Set(bare.map((t) => t.python))].join(', ')}: pass --find-links URL|DIR or list it under \`mirrors\` in ${CONFIG_FILE}`;
    // Asked for by name, wheels cannot run; as part of `all`, its cells are skipped (said, never silently passed).
    if (checkIds.length === 1) throw new UsageError(`wheels: ${why}`);
    io.stderr(`pyup-checks: wheels skipped: ${why}\n`);
    checks = checks.filter((c) => c.id !== 'wheels');
    for (const file of inventory.files) {
      for (const t of file.targets) results.push({ check: 'wheels', module: file.module, file: file.path, target: t.id, status: 'skip' });
    }
  }
  const pins = inventory.files.reduce((n, f) => n + f.pins.length, 0);
  if (checks.length > 0 && pins > MAX_CHECKED_PINS) {
    throw new UsageError(`${pins} pins in ${inventory.files.length} file(s), more than the ${MAX_CHECKED_PINS} a run checks against the index (build-puppet has about 2,000): run \`inventory\`, or narrow with --module / --files`);
  }
  if (checks.length > 0) {
    const progress = createProgress(io);
    const client = indexClientFor(opts, config, settings, progress);
    try {
      const out = await runChecks(checks, inventory, emptySnapshot(), (needs, into) => client.fetchNeeds(needs, into), (n, needs) =>
        progress.round(n, needs.projects.length + needs.mirrorProjects.length, needs.releases.length),
      settings);
      results.push(...out.results);
      findings.push(...out.findings);
    } finally {
      progress.done();
      stats = client.stats();
    }
  }
  const report = buildReport({
    toolVersion: TOOL_VERSION,
    checks: ['inventory', ...CHECKS.filter((c) => checkIds.includes(c.id)).map((c) => c.id)] as CheckId[],
    targets: inventory.targets.map((t) => ({ id: t.id, python: t.python, platform: t.platformId })),
    files: inventory.files.map(reportFile),
    results,
    findings,
  });
  if (stats) report.stats = { index: stats };
  return { report, exitCode: exitCodeFor(report) };
}

/** One line for `--verbose`: what the run asked of the index, by kind. */
export function describeStats(stats: ReportStats): string {
  const s = stats.index;
  const mib = (s.bytes / (1024 * 1024)).toFixed(1);
  return (
    `index: ${s.requests} requests (${s.pages} pages, ${s.metadataFiles} metadata files, ${s.ranges} ranges, ` +
    `${s.downloads} downloads; ${s.retries} retries, ${s.timeouts} timeouts, ${s.setAside ?? 0} set aside), ${s.cacheHits} cache hits, ` +
    `${s.conditional} conditional (${s.notModified} not modified), ${mib} MiB`
  );
}

function reportFile(file: Inventory['files'][number]): ReportFile {
  return {
    path: file.path,
    module: file.module,
    targets: file.targets.map((t) => t.id),
    ignoreFile: file.ignoreFile,
    pins: file.pins.map((p) => ({
      name: p.package,
      version: p.version,
      specifier: p.specifier,
      line: p.line,
      ignore: p.ignore,
      filter: p.filter,
      nodownload: p.nodownload,
      marker: p.marker ? markerToString(p.marker) : null,
      extras: [...p.extras].sort(),
      hashes: [...p.hashes],
      source: p.source,
    })),
  };
}

function problemFinding(p: ReadProblem, inventory: Inventory): Finding {
  const module = inventory.files.find((f) => f.path === p.path)?.module ?? moduleOf(p.path);
  return {
    check: 'inventory', code: 'invalid-line', severity: 'error', module, file: p.path, line: p.line, target: null,
    package: null, version: null, message: p.message, details: {}, suggestion: null,
  };
}
