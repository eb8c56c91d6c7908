/**
 * The baselines the bench compares against: pip doing the same verification as the checks, the way a
 * CI job without pyup-checks would. compat: pip's seed flow and `pip install --dry-run` (below);
 * wheels: the runbook's `pip download` loop. pip gets a fresh cache dir per bench run, so its
 * totals include warming its own HTTP cache.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { PIP_ENV, pip } from '../../test/support/pip-run.js';

export interface PipBaseline {
  wallMs: number;
  invocations: number;
  /** Cells where install was refused or pip check found problems. */
  failing: number;
  cells: number;
}

/**
 * The `wheels` baseline: the runbook's loop, what a host of each target runs for each pin,
 * `pip download --no-deps --no-index --find-links <mirror> --only-binary=:all: --python-version X.Y
 * --implementation cp --abi <abi> --platform manylinux2014_x86_64 NAME==VERSION`, so pip answers
 * every pin as the check does (with `-r` pip would stop at the first pin that has no file).
 */
export async function pipWheelsBaseline(python: string, mirror: string, files: readonly string[], targets: readonly string[]): Promise<PipBaseline> {
  const scratch = await mkdtemp(join(tmpdir(), 'pyup-bench-pip-'));
  const env = { PIP_CACHE_DIR: join(scratch, 'pip-cache') };
  const failingCells = new Set<string>();
  let n = 0;
  try {
    const started = performance.now();
    for (const file of files) {
      const pins = (await readFile(file, 'utf8')).split('\n').map((l) => l.replace(/#.*/, '').trim()).filter((l) => l.includes('=='));
      for (const version of targets) {
        const [major, minor] = version.split('.');
        const abi = `cp${major}${minor}${Number(major) === 3 && Number(minor) < 8 ? 'm' : ''}`;
        for (const pin of pins) {
          const dest = join(scratch, `d${n++}`);
          const run = await pip(python, ['download', '--no-deps', '-q', '--no-index', '--find-links', mirror, '--only-binary=:all:', '--python-version', version, '--implementation', 'cp', '--abi', abi, '--platform', 'manylinux2014_x86_64', '-d', dest, pin], env);
          if (run.exitCode !== 0) failingCells.add(`${file} ${version}`);
        }
      }
    }
    return { wallMs: performance.now() - started, invocations: n, failing: failingCells.size, cells: files.length * targets.length };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** What pip needs for the seed flow and the dry run, sampled on a few modules and extrapolated. */
export interface PipSample {
  /** Modules actually run (the first `sampled` files), and the cells they make. */
  sampled: number;
  cellsRun: number;
  /** Mean wall time per cell (module × python). */
  perCellMs: number;
  failing: number;
}

/**
 * pip's seed flow, per module × python, as a CI job without pyup-checks does it: `python -m venv`,
 * `pip install --no-deps -r <file>` from the index into it, `pip check` (each python's own pip:
 * 18 on 3.6, 23.2.1 on 3.11). Run on the first `sample` files only; the bench extrapolates.
 */
export async function pipSeedFlow(pythons: ReadonlyArray<{ version: string; path: string }>, indexUrl: string, files: readonly string[], sample: number): Promise<PipSample> {
  const scratch = await mkdtemp(join(tmpdir(), 'pyup-bench-seed-'));
  const env = { PIP_CACHE_DIR: join(scratch, 'pip-cache') };
  let failing = 0;
  let cells = 0;
  try {
    const started = performance.now();
    for (const file of files.slice(0, sample)) {
      for (const { path: python } of pythons) {
        const venv = join(scratch, `venv${cells++}`);
        await execa(python, ['-m', 'venv', venv], { env: { ...PIP_ENV, ...env }, reject: true });
        const vpy = join(venv, 'bin', 'python');
        const install = await pip(vpy, ['install', '--no-deps', '--no-compile', '-q', '--index-url', indexUrl, '-r', file], env);
        const check = install.exitCode === 0 ? await pip(vpy, ['check'], env) : install;
        if (check.exitCode !== 0) failing++;
        await rm(venv, { recursive: true, force: true });
      }
    }
    return { sampled: Math.min(sample, files.length), cellsRun: cells, perCellMs: (performance.now() - started) / Math.max(1, cells), failing };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * `pip install --dry-run --ignore-installed --report <json> -r <file>` (pip 23.2.1, resolving with
 * dependencies as pip would install them, for each target python via `--python-version`), cold
 * on the first `sample` files, as a session: its first pass is cold (a fresh pip cache), the next warm (the
 * same cache), so the bench can interleave warm passes with its own warm runs (both then meet the same load).
 */
export async function pipDryRun(python: string, indexUrl: string, files: readonly string[], targets: readonly string[], sample: number): Promise<DryRunSession> {
  const scratch = await mkdtemp(join(tmpdir(), 'pyup-bench-dry-'));
  const env = { PIP_CACHE_DIR: join(scratch, 'pip-cache') };
  let cells = 0;
  return {
    pass: async () => {
      let failing = 0;
      let run = 0;
      const started = performance.now();
      for (const file of files.slice(0, sample)) {
        for (const version of targets) {
          const report = join(scratch, `report${cells++}.json`);
          run++;
          const r = await pip(python, ['install', '--dry-run', '--ignore-installed', '-q', '--report', report, '--index-url', indexUrl, '--python-version', version, '--only-binary=:all:', '-r', file], env);
          if (r.exitCode !== 0) failing++;
        }
      }
      return { sampled: Math.min(sample, files.length), cellsRun: run, perCellMs: (performance.now() - started) / Math.max(1, run), failing };
    },
    close: () => rm(scratch, { recursive: true, force: true }),
  };
}

/** pip's dry-run over one pip cache: the first pass is cold (a fresh cache), later passes are warm. */
export interface DryRunSession {
  pass(): Promise<PipSample>;
  close(): Promise<void>;
}
