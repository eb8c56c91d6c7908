/**
 * The baseline the bench compares against: pip doing the same verification as `compat`, the way a CI
 * job without pyup-checks would, one module × target at a time: `pip install --no-deps --index-url
 * <loopback> --target <tmp> -r <file>` (with `--python-version X.Y --only-binary=:all:` for the
 * target python) and `PYTHONPATH=<tmp> python -m pip check`, all with python 3.11's pip 23.2.1.
 * pip gets a fresh cache dir per bench run, so its total includes warming its own HTTP cache.
 * Limitation: pip check evaluates markers as the running 3.11, so for a py3.6 target it is the same
 * amount of work, not the same verdict.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pip } from '../../test/support/pip-run.js';

export interface PipBaseline {
  wallMs: number;
  invocations: number;
  /** Cells where install was refused or pip check found problems. */
  failing: number;
  cells: number;
}

export async function pipBaseline(python: string, indexUrl: string, files: readonly string[], targets: readonly string[]): Promise<PipBaseline> {
  const scratch = await mkdtemp(join(tmpdir(), 'pyup-bench-pip-'));
  const env = { PIP_CACHE_DIR: join(scratch, 'pip-cache') };
  let invocations = 0;
  let failing = 0;
  try {
    const started = performance.now();
    let n = 0;
    for (const file of files) {
      for (const python_version of targets) {
        const target = join(scratch, `t${n++}`);
        const install = await pip(python, ['install', '--no-deps', '--no-compile', '-q', '--index-url', indexUrl, '--target', target, '--python-version', python_version, '--only-binary=:all:', '-r', file], env);
        invocations++;
        if (install.exitCode !== 0) {
          failing++;
          continue;
        }
        const check = await pip(python, ['check'], { ...env, PYTHONPATH: target });
        invocations++;
        if (check.exitCode !== 0) failing++;
      }
    }
    return { wallMs: performance.now() - started, invocations, failing, cells: files.length * targets.length };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
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
