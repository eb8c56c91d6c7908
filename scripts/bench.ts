/**
 * `npm run bench [-- --quick] [-- --no-pip]`: how fast the checks are on repos of realistic size,
 * against a loopback index built from a deterministic universe (scripts/bench/repo.ts). A benchmark,
 * never a timed test: it prints numbers and fails only when a run could not complete.
 *
 * Each scenario is one row: a check on a repo of `modules` × `pins` × targets, run as a child process
 * twice — cold (empty cache dir) and warm (same cache dir) — measuring wall time, the child's peak RSS
 * and the index requests it made. Scenarios marked `pip` also time pip doing the same verification
 * (scripts/bench/pip-baseline.ts). To bench another check, add a row to SCENARIOS.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProjects, writeFindLinksDir } from '../test/support/distributions.js';
import { startIndexServer } from '../test/support/index-server.js';
import type { IndexServer } from '../test/support/index-server.js';
import { findPython } from '../test/support/pythons.js';
import { ensureBuilt, runCli } from './bench/measure.js';
import type { CliRun } from './bench/measure.js';
import { pipBaseline, pipWheelsBaseline } from './bench/pip-baseline.js';
import type { PipBaseline } from './bench/pip-baseline.js';
import { benchUniverse, writeBenchRepo } from './bench/repo.js';
import type { BenchRepo } from './bench/repo.js';
import { formatTable, ratio, seconds } from './bench/table.js';

interface Scenario {
  id: string;
  check: string;
  modules: number;
  pins: number;
  pythons: readonly string[];
  /** Also time pip doing the same verification (one install + check per module × target). */
  pip: boolean;
  /** More CLI arguments (the `wheels` rows add `--find-links <mirror>`). */
  extraArgs?: (ctx: BenchContext) => string[];
}

interface BenchContext {
  server: IndexServer;
  /** A find-links folder holding most of the universe's files (every fifth left out: those are missing-on-mirror). */
  mirror: string;
}

interface Outcome {
  scenario: Scenario;
  repo: BenchRepo;
  cold: CliRun;
  warm: CliRun;
  coldRequests: number;
  warmRequests: number;
  pip: PipBaseline | null;
}

const SEED = 20_240_611;
const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const withPip = !args.has('--no-pip');
const TARGETS = ['3.6', '3.11'] as const;

const SCENARIOS: readonly Scenario[] = quick
  ? [
      { id: 'compat-small', check: 'compat', modules: 4, pins: 10, pythons: TARGETS, pip: true },
      { id: 'compat-wide', check: 'compat', modules: 30, pins: 10, pythons: TARGETS, pip: false },
      { id: 'wheels-small', check: 'wheels', modules: 4, pins: 10, pythons: TARGETS, pip: true, extraArgs: (c) => ['--find-links', c.mirror] },
    ]
  : [
      { id: 'compat-16', check: 'compat', modules: 16, pins: 40, pythons: TARGETS, pip: true },
      { id: 'compat-200', check: 'compat', modules: 200, pins: 40, pythons: TARGETS, pip: false },
      { id: 'wheels-4', check: 'wheels', modules: 4, pins: 40, pythons: TARGETS, pip: true, extraArgs: (c) => ['--find-links', c.mirror] },
      { id: 'wheels-16', check: 'wheels', modules: 16, pins: 40, pythons: TARGETS, pip: false, extraArgs: (c) => ['--find-links', c.mirror] },
      { id: 'wheels-200', check: 'wheels', modules: 200, pins: 40, pythons: TARGETS, pip: false, extraArgs: (c) => ['--find-links', c.mirror] },
    ];

async function runScenario(s: Scenario, ctx: BenchContext, universe: ReturnType<typeof benchUniverse>, scratch: string, seed: number): Promise<Outcome> {
  const { server } = ctx;
  const repo = await writeBenchRepo(join(scratch, s.id, 'repo'), universe, s.modules, s.pins, seed);
  const cache = join(scratch, s.id, 'cache');
  const cli = [s.check, '--repo', repo.dir, '--index-url', server.indexUrl, '--cache-dir', cache, '--artifacts', join(scratch, s.id, 'artifacts'), '--json'];
  for (const p of s.pythons) cli.push('--python', p);
  cli.push(...(s.extraArgs?.(ctx) ?? []));

  const measured = async (): Promise<{ run: CliRun; requests: number }> => {
    const before = server.requests.length;
    const run = await runCli(cli);
    if (run.exitCode !== 0 && run.exitCode !== 1) throw new Error(`${s.id}: pyup-checks ${s.check} exited ${run.exitCode}\n${run.stderr}`);
    return { run, requests: server.requests.length - before };
  };
  process.stderr.write(`bench: ${s.id}: ${s.modules} modules × ${s.pins} pins × ${s.pythons.length} targets, ${repo.distinctPairs} distinct releases: cold…`);
  const cold = await measured();
  process.stderr.write(` ${seconds(cold.run.wallMs)} s, warm…`);
  const warm = await measured();
  process.stderr.write(` ${seconds(warm.run.wallMs)} s\n`);

  let pip: PipBaseline | null = null;
  const python = findPython('3.11');
  if (s.pip && withPip && python) {
    const paths = repo.files.map((f) => join(repo.dir, f));
    process.stderr.write(`bench: ${s.id}: pip 23.2.1 ${s.check === 'wheels' ? 'download --no-index --find-links <mirror>' : 'install --no-deps + pip check'}, ${s.modules * s.pythons.length} cells…`);
    pip = s.check === 'wheels' ? await pipWheelsBaseline(python, ctx.mirror, paths, s.pythons) : await pipBaseline(python, server.indexUrl, paths, s.pythons);
    process.stderr.write(` ${seconds(pip.wallMs)} s\n`);
  } else if (s.pip && withPip) {
    process.stderr.write(`bench: ${s.id}: python 3.11 not found, no pip baseline\n`);
  }
  return { scenario: s, repo, cold: cold.run, warm: warm.run, coldRequests: cold.requests, warmRequests: warm.requests, pip };
}

function report(outcomes: readonly Outcome[], startup: CliRun): string {
  const rows = outcomes.map((o) => [
    o.scenario.id,
    o.scenario.check,
    `${o.scenario.modules}×${o.scenario.pins}×${o.scenario.pythons.length}`,
    String(o.repo.distinctPairs),
    seconds(o.cold.wallMs),
    seconds(o.warm.wallMs),
    o.cold.maxRssMb.toFixed(0),
    o.warm.maxRssMb.toFixed(0),
    String(o.coldRequests),
    String(o.warmRequests),
    String(o.cold.exitCode),
  ]);
  const out = [
    formatTable(['scenario', 'check', 'mod×pin×tgt', 'distinct', 'cold s', 'warm s', 'cold MiB', 'warm MiB', 'req cold', 'req warm', 'exit'], rows),
  ];
  const pipRows = outcomes.filter((o) => o.pip).map((o) => {
    const p = o.pip as PipBaseline;
    return [o.scenario.id, String(p.cells), String(p.invocations), String(p.failing), seconds(p.wallMs), ratio(p.wallMs, o.warm.wallMs), ratio(p.wallMs, o.cold.wallMs)];
  });
  if (pipRows.length > 0) {
    out.push('', formatTable(['pip baseline', 'cells', 'pip runs', 'failing', 'pip s', 'pip/warm', 'pip/cold'], pipRows));
  }
  for (const check of ['compat', 'wheels']) {
  const rowsOf = outcomes.filter((o) => o.scenario.check === check);
  const small = rowsOf[0];
  const large = rowsOf[rowsOf.length - 1];
  if (small && large && small !== large) {
    out.push(
      '',
      `scaling ${small.scenario.id} → ${large.scenario.id}: modules ×${(large.scenario.modules / small.scenario.modules).toFixed(1)}, ` +
        `distinct releases ×${(large.repo.distinctPairs / small.repo.distinctPairs).toFixed(2)}, ` +
        `warm time ×${(large.warm.wallMs / small.warm.wallMs).toFixed(2)}, cold time ×${(large.cold.wallMs / small.cold.wallMs).toFixed(2)}, ` +
        `cold requests ×${(large.coldRequests / Math.max(1, small.coldRequests)).toFixed(2)}`,
    );
  }
  }
  out.push('', `start-up alone (pyup-checks --version, compiled): ${seconds(startup.wallMs)} s, ${startup.maxRssMb.toFixed(0)} MiB — included in every time above`);
  return out.join('\n');
}

const started = Date.now();
await ensureBuilt();
const universe = benchUniverse(SEED, quick ? 60 : 150, quick ? 5 : 12);
const files = await buildProjects(universe.specs);
const server = await startIndexServer({ projects: files });
const scratch = await mkdtemp(join(tmpdir(), 'pyup-bench-'));
const outcomes: Outcome[] = [];
let startup: CliRun | null = null;
try {
  startup = await runCli(['--version']);
  const mirror = join(scratch, 'mirror');
  await writeFindLinksDir(files.filter((_, i) => i % 5 !== 0), mirror);
  process.stderr.write(`bench: universe of ${universe.specs.length} projects, ${files.length} files, served at ${server.indexUrl}; mirror of ${files.length - Math.ceil(files.length / 5)} files\n`);
  for (const [i, s] of SCENARIOS.entries()) outcomes.push(await runScenario(s, { server, mirror }, universe, scratch, SEED + i + 1));
} finally {
  await server.close();
  await rm(scratch, { recursive: true, force: true });
}
process.stdout.write(`\n${report(outcomes, startup)}\n\nbench: total ${seconds(Date.now() - started)} s${quick ? ' (--quick)' : ''}\n`);
