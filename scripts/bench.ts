/**
 * `npm run bench [-- --quick] [-- --no-pip] [-- --members N] [-- --big-mb N] [-- --latency-ms A-B]
 * [-- --pip-sample N] [-- --repeat N] [-- --wheel-mb N] [-- --no-ranges] [-- --only ID,ID]`: how fast the checks are on repos of realistic size, against a loopback index
 * built from a deterministic universe (scripts/bench/repo.ts) shaped like the real world
 * (scripts/bench/corpus.ts: wheels of thousands of members up to `--members` (16,000), one of
 * `--big-mb` (200) MB, no PEP 658 files, `--latency-ms` (1-5) per request, pages with max-age=600).
 * A benchmark, never a timed test: it prints numbers and fails only when a run could not complete.
 *
 * Each scenario is one row: a check on a repo of `modules` × `pins` × targets, run as a child process
 * cold (empty cache dir), then warm (same cache dir) `--repeat` (3) times, reported as the median (each
 * warm run followed by a warm pass of pip's dry-run where there is one, so both meet the same load) —
 * measuring wall time, the child's peak RSS
 * and the index requests it made (by kind, from report.json's `stats`). Scenarios marked `pip` also
 * time pip doing the same verification (scripts/bench/pip-baseline.ts): for compat, pip's seed flow
 * (venv + `pip install --no-deps` + `pip check` per module × python) and `pip install --dry-run
 * --report` (pip 23.2.1), both on the first `--pip-sample` (2) modules and extrapolated to all of
 * them (said in the output), in the same run. To bench another check, add a row to SCENARIOS.
 * Memory of whole downloads: `--wheel-mb N` pads every wheel with N MB of stored zeros and
 * `--no-ranges` serves an index that ignores Range (a 200 with the whole file, as plain Apache/nginx
 * folders behind some proxies do), so every wheel read is a whole download; `--only` picks scenarios.
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
import { shapeCorpus } from './bench/corpus.js';
import { pipDryRun, pipSeedFlow, pipWheelsBaseline } from './bench/pip-baseline.js';
import type { DryRunSession, PipBaseline, PipSample } from './bench/pip-baseline.js';
import { benchUniverse, writeBenchRepo } from './bench/repo.js';
import type { BenchRepo } from './bench/repo.js';
import { formatTable, median, ratio, seconds } from './bench/table.js';

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
  coldStats: string;
  warmStats: string;
  pip: PipBaseline | null;
  seed: PipSample | null;
  dry: { cold: PipSample; warm: PipSample } | null;
}

const SEED = 20_240_611;
const argv = process.argv.slice(2);
const args = new Set(argv);
const quick = args.has('--quick');
const withPip = !args.has('--no-pip');
const valueOf = (flag: string, fallback: string): string => {
  const at = argv.indexOf(flag);
  return at >= 0 && argv[at + 1] !== undefined ? (argv[at + 1] as string) : fallback;
};
const MAX_MEMBERS = Number(valueOf('--members', quick ? '3000' : '16000'));
const BIG_MB = Number(valueOf('--big-mb', quick ? '20' : '200'));
const [LAT_MIN = 1, LAT_MAX = 5] = valueOf('--latency-ms', '1-5').split('-').map(Number);
const PIP_SAMPLE = Number(valueOf('--pip-sample', '2'));
const REPEAT = Math.max(1, Number(valueOf('--repeat', '3')));
const WHEEL_MB = Number(valueOf('--wheel-mb', '0'));
const RANGES = !args.has('--no-ranges');
const ONLY = valueOf('--only', '').split(',').filter((id) => id !== '');
const TARGETS = ['3.6', '3.11'] as const;

const ALL_SCENARIOS: readonly Scenario[] = quick
  ? [
      { id: 'compat-small', check: 'compat', modules: 4, pins: 10, pythons: TARGETS, pip: true },
      { id: 'compat-wide', check: 'compat', modules: 30, pins: 10, pythons: TARGETS, pip: false },
      { id: 'wheels-small', check: 'wheels', modules: 4, pins: 10, pythons: TARGETS, pip: true, extraArgs: (c) => ['--find-links', c.mirror] },
    ]
  : [
      { id: 'compat-16', check: 'compat', modules: 16, pins: 40, pythons: TARGETS, pip: true },
      { id: 'compat-200', check: 'compat', modules: 200, pins: 40, pythons: TARGETS, pip: false },
      // The wheels pip baseline (one pip download per pin × target, ~3 s each) runs in --quick only: here it would take ~15 min.
      { id: 'wheels-4', check: 'wheels', modules: 4, pins: 40, pythons: TARGETS, pip: false, extraArgs: (c) => ['--find-links', c.mirror] },
      { id: 'wheels-16', check: 'wheels', modules: 16, pins: 40, pythons: TARGETS, pip: false, extraArgs: (c) => ['--find-links', c.mirror] },
      { id: 'wheels-200', check: 'wheels', modules: 200, pins: 40, pythons: TARGETS, pip: false, extraArgs: (c) => ['--find-links', c.mirror] },
    ];
const SCENARIOS = ALL_SCENARIOS.filter((s) => ONLY.length === 0 || ONLY.includes(s.id));
if (SCENARIOS.length === 0) throw new Error(`--only ${ONLY.join(',')}: no such scenario (${ALL_SCENARIOS.map((s) => s.id).join(', ')})`);

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
  process.stderr.write(` ${seconds(cold.run.wallMs)} s\n`);

  let pip: PipBaseline | null = null;
  let seedFlow: PipSample | null = null;
  let session: DryRunSession | null = null;
  let dryCold: PipSample | null = null;
  const python = findPython('3.11');
  const paths = repo.files.map((f) => join(repo.dir, f));
  if (s.pip && withPip && python && s.check === 'wheels') {
    process.stderr.write(`bench: ${s.id}: pip 23.2.1 download --no-index --find-links <mirror>, ${s.modules * s.pythons.length} cells…`);
    pip = await pipWheelsBaseline(python, ctx.mirror, paths, s.pythons);
    process.stderr.write(` ${seconds(pip.wallMs)} s\n`);
  } else if (s.pip && withPip && python) {
    const pythons = s.pythons.flatMap((v) => {
      const path = findPython(v);
      return path ? [{ version: v, path }] : [];
    });
    process.stderr.write(`bench: ${s.id}: pip seed flow (venv + install --no-deps + check) on ${PIP_SAMPLE} modules × ${pythons.length} pythons…`);
    seedFlow = await pipSeedFlow(pythons, server.indexUrl, paths, PIP_SAMPLE);
    process.stderr.write(` ${seconds(seedFlow.perCellMs)} s a cell; pip install --dry-run --report cold…`);
    session = await pipDryRun(python, server.indexUrl, paths, s.pythons, PIP_SAMPLE);
    dryCold = await session.pass();
    process.stderr.write(` ${seconds(dryCold.perCellMs)} s a cell\n`);
  } else if (s.pip && withPip) {
    process.stderr.write(`bench: ${s.id}: python 3.11 not found, no pip baseline\n`);
  }

  // Warm runs repeat (--repeat, 3): one run of half a second moves ±30% on a VM; the median is reported,
  // each run said. With a dry-run baseline, each of our warm runs is followed by one warm pip pass, so the
  // ratio compares runs that met the same load rather than runs minutes apart.
  const warms: Array<{ run: CliRun; requests: number }> = [];
  const dryWarms: PipSample[] = [];
  try {
    for (let i = 0; i < REPEAT; i++) {
      warms.push(await measured());
      if (session) dryWarms.push(await session.pass());
    }
  } finally {
    await session?.close();
  }
  const warm = median(warms, (w) => w.run.wallMs);
  const dry = dryCold && dryWarms.length > 0 ? { cold: dryCold, warm: median(dryWarms, (w) => w.perCellMs) } : null;
  process.stderr.write(`bench: ${s.id}: warm ${warms.map((w) => seconds(w.run.wallMs)).join(' / ')} s (median ${seconds(warm.run.wallMs)})`);
  process.stderr.write(dry ? `; pip dry-run warm ${dryWarms.map((w) => seconds(w.perCellMs)).join(' / ')} s a cell (median ${seconds(dry.warm.perCellMs)})\n` : '\n');
  return { scenario: s, repo, cold: cold.run, warm: warm.run, coldRequests: cold.requests, warmRequests: warm.requests, coldStats: statsOf(cold.run), warmStats: statsOf(warm.run), pip, seed: seedFlow, dry };
}

/** The request counts by kind from the run's report.json (`--json` on stdout). */
function statsOf(run: CliRun): string {
  try {
    const s = (JSON.parse(run.stdout) as { stats?: { index: Record<string, number> } }).stats?.index;
    if (!s) return 'no stats';
    return `pages ${s['pages']}, PEP 658 ${s['metadataFiles']}, ranges ${s['ranges']}, downloads ${s['downloads']}, retries ${s['retries']}, cache hits ${s['cacheHits']}, 304 ${s['notModified']}/${s['conditional']}, ${((s['bytes'] ?? 0) / 1048576).toFixed(1)} MiB`;
  } catch {
    return 'unreadable report';
  }
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
  out.push('', 'requests by kind (report.json stats):');
  for (const o of outcomes) out.push(`  ${o.scenario.id} cold: ${o.coldStats}`, `  ${o.scenario.id} warm: ${o.warmStats}`);
  const seedRows = outcomes.filter((o) => o.seed && o.dry).map((o) => {
    const seed = o.seed as PipSample;
    const dry = o.dry as { cold: PipSample; warm: PipSample };
    const cells = o.scenario.modules * o.scenario.pythons.length;
    const seedMs = seed.perCellMs * cells;
    const dryColdMs = dry.cold.perCellMs * cells;
    const dryWarmMs = dry.warm.perCellMs * cells;
    return [
      o.scenario.id, `${seed.cellsRun}/${cells}`, `${seed.failing}/${dry.cold.failing}`, seconds(seed.perCellMs), seconds(seedMs), seconds(dryColdMs), seconds(dryWarmMs),
      ratio(seedMs, o.cold.wallMs), ratio(seedMs, o.warm.wallMs), ratio(dryWarmMs, o.warm.wallMs), ratio(dryColdMs, o.cold.wallMs),
    ];
  });
  if (seedRows.length > 0) {
    out.push(
      '',
      formatTable(['pip (sampled, extrapolated)', 'cells run', 'failing seed/dry', 'seed s/cell', 'seed s', 'dry-run cold s', 'dry-run warm s', 'seed/cold', 'seed/warm', 'dry warm/warm', 'dry cold/cold'], seedRows),
      `pip sampled on the first ${PIP_SAMPLE} modules of each repo and extrapolated per cell (module × python) to the whole repo; seed flow = venv + pip install --no-deps + pip check with each python's own pip; dry-run = pip 23.2.1 install --dry-run --ignore-installed --report, cold (fresh pip cache) and warm (same cache, median of ${REPEAT} passes); our warm is the median of ${REPEAT} runs, each followed by one of pip's warm passes`,
    );
  }
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
  out.push('', `start-up alone (bin/pyup-checks.js --version, bundled): ${seconds(startup.wallMs)} s, ${startup.maxRssMb.toFixed(0)} MiB — included in every time above`);
  return out.join('\n');
}

const started = Date.now();
await ensureBuilt();
const universe = benchUniverse(SEED, quick ? 60 : 150, quick ? 5 : 12);
const shapedAt = Date.now();
const corpus = shapeCorpus(await buildProjects(universe.specs), universe.names, { maxMembers: MAX_MEMBERS, bigMb: BIG_MB, wheelMb: WHEEL_MB });
const files = corpus.files;
process.stderr.write(`bench: corpus of ${files.length} files, ${corpus.members} wheel members, largest ${(corpus.largestBytes / 1048576).toFixed(0)} MB, shaped in ${seconds(Date.now() - shapedAt)} s\n`);
const server = await startIndexServer({ projects: files, pep658: false, ranges: RANGES, latencyMs: [LAT_MIN, LAT_MAX], cacheControl: 'max-age=600' });
const scratch = await mkdtemp(join(tmpdir(), 'pyup-bench-'));
const outcomes: Outcome[] = [];
let startup: CliRun | null = null;
try {
  startup = await runCli(['--version']);
  const mirror = join(scratch, 'mirror');
  // The very large wheel stays off the mirror folder (it is never written to disk), and so does the
  // whole folder when no wheels scenario reads it (padded wheels would be gigabytes).
  if (SCENARIOS.some((s) => s.check === 'wheels')) await writeFindLinksDir(files.filter((f, i) => i % 5 !== 0 && f.bytes.length < 50 * 1048576), mirror);
  process.stderr.write(`bench: universe of ${universe.specs.length} projects, ${files.length} files, served at ${server.indexUrl}; mirror of ${files.length - Math.ceil(files.length / 5)} files\n`);
  for (const [i, s] of SCENARIOS.entries()) outcomes.push(await runScenario(s, { server, mirror }, universe, scratch, SEED + i + 1));
} finally {
  await server.close();
  await rm(scratch, { recursive: true, force: true });
}
process.stdout.write(`\n${report(outcomes, startup)}\n\ncorpus: wheels up to ${MAX_MEMBERS} members, one of ${BIG_MB} MB${WHEEL_MB > 0 ? `, the others ${WHEEL_MB} MB` : ''}, no PEP 658 files${RANGES ? '' : ', Range ignored'}, ${LAT_MIN}-${LAT_MAX} ms a request, pages max-age=600\nbench: total ${seconds(Date.now() - started)} s${quick ? ' (--quick)' : ''}\n`);
