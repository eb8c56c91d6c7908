// Child process of hostile.test.ts: runs the CLI's main() on one case after another (saving a node
// start-up per case), each as the real CLI would run (its own cwd, env, captured stdout/stderr).
// stdin: one JSON job per line; stdout: `{"start": id}` before a case, then its result line, so the
// parent knows which case a blocked or dying child was on. Peak RSS is the process's (monotonic):
// the parent blames the case that pushed it over the limit.
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { main } from '../../src/cli/index.js';

export interface RunnerJob {
  id: number;
  argv: string[];
  cwd: string;
  env: Record<string, string>;
}

export interface RunnerResult {
  id: number;
  code: number;
  stdout: string;
  stderr: string;
  stdoutBytes: number;
  ms: number;
  /** CPU time of the case (user + system): what "done in seconds" means on a shared machine. */
  cpuMs: number;
  maxRssMb: number;
}

const KEEP = 200_000;
const say = (value: unknown): void => {
  writeSync(1, `${JSON.stringify(value)}\n`);
};

const gc = (globalThis as { gc?: () => void }).gc;
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const job = JSON.parse(line) as RunnerJob;
  say({ start: job.id });
  let stdout = '';
  let stdoutBytes = 0;
  let stderr = '';
  const started = performance.now();
  const cpu = process.cpuUsage();
  let code: number;
  try {
    code = await main(job.argv, {
      stdout: (t) => {
        stdoutBytes += t.length;
        if (stdout.length < KEEP) stdout += t.slice(0, KEEP - stdout.length);
      },
      stderr: (t) => {
        if (stderr.length < KEEP) stderr += t.slice(0, KEEP - stderr.length);
      },
      env: job.env,
      cwd: job.cwd,
      isTty: false,
    });
  } catch (error) {
    code = -1; // main() itself threw: never allowed
    stderr += `main threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  }
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  gc?.();
  const result: RunnerResult = { id: job.id, code, stdout, stderr, stdoutBytes, ms, cpuMs: (used.user + used.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 };
  say(result);
}
