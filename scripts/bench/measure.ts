/**
 * One benchmarked run of the CLI as a child process (`bin/pyup-checks.js <check> ...`, run as an
 * executable as users and the task image run it: the bundle in dist/bundle, which `ensureBuilt`
 * builds first as `npm run build` does),
 * so wall time includes start-up and the peak RSS belongs to that run alone. The RSS comes from the
 * child itself through a preloaded probe (rss-probe.mjs), since Node exposes no rusage of children.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';

const root = new URL('../..', import.meta.url).pathname;
const probe = new URL('./rss-probe.mjs', import.meta.url).pathname;

export interface CliRun {
  wallMs: number;
  /** Peak resident set size of the child, in MiB. */
  maxRssMb: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Build dist/bundle as `npm run build` does, so the runs measure what is shipped rather than tsx's transpiling. */
export async function ensureBuilt(): Promise<void> {
  await execa(process.execPath, [join(root, 'scripts/bundle.mjs')], { cwd: root, stdio: 'inherit' });
}

/** Run `pyup-checks <args>` in a child node process and measure it. */
export async function runCli(args: readonly string[]): Promise<CliRun> {
  const scratch = await mkdtemp(join(tmpdir(), 'pyup-bench-rss-'));
  const rssFile = join(scratch, 'rss');
  try {
    const started = performance.now();
    // The bin as a user runs it (its shebang's node flags included), the RSS probe through NODE_OPTIONS.
    const r = await execa(join(root, 'bin/pyup-checks.js'), args, {
      cwd: root,
      env: { PYUP_BENCH_RSS_FILE: rssFile, NO_COLOR: '1', CI: 'true', NODE_OPTIONS: `--import=${probe}` },
      reject: false,
      maxBuffer: 1024 * 1024 * 1024,
    });
    const wallMs = performance.now() - started;
    const kib = Number(await readFile(rssFile, 'utf8').catch(() => 'NaN'));
    return { wallMs, maxRssMb: kib / 1024, exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
