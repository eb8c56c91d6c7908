// Hostile repositories (issue 16): generated checkouts a pull request could push (hostile-cases.ts),
// each run through the CLI in a child process with --offline and a temp cache (never the network).
// Each case must: exit 0-3, print no stack and no internal error, finish in seconds, stay under the
// RSS limit, and write nothing outside its artifacts and cache folders; families with a known
// outcome (a FIFO include is a finding naming the FIFO, ...) must end in it.
// PYUP_HOSTILE_CASES=N runs more (default 300), PYUP_HOSTILE_SEED=S another seed (default 16).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createRng } from '../oracle/compat/prng.js';
import { corpusFiles, FAMILY_COUNT, generateCases } from './hostile-cases.js';
import type { HostileCase, HostileNode } from './hostile-cases.js';
import type { RunnerJob, RunnerResult } from './hostile-runner.js';

const COUNT = Number(process.env.PYUP_HOSTILE_CASES ?? 300);
const SEED = Number(process.env.PYUP_HOSTILE_SEED ?? 16);
/** A case still running after this long is blocked (a FIFO read takes no CPU): its runner is killed. */
const CASE_MS = 60_000;
/** CPU per case: "done in seconds", measured so that a loaded CI machine does not make it flaky. */
const CPU_MS = 10_000;
const RSS_MB = 400;
const RUNNER = fileURLToPath(new URL('./hostile-runner.ts', import.meta.url));
const STACK = /\n\s+at (?:\S+ )?\(?(?:file:|node:|\/)\S+:\d+:\d+\)?/;

const latin1 = (b: Buffer): string => b.toString('latin1');
const at = (root: string, rel: Buffer): Buffer => Buffer.concat([Buffer.from(`${root}/`), rel]);

function build(root: string, nodes: readonly HostileNode[]): void {
  for (const node of nodes) {
    const full = at(root, node.path);
    const parent = full.subarray(0, full.lastIndexOf(0x2f));
    mkdirSync(parent, { recursive: true });
    if (node.kind === 'file') writeFileSync(full, node.content);
    else if (node.kind === 'dir') mkdirSync(full, { recursive: true });
    else if (node.kind === 'symlink') symlinkSync(node.target, full);
    else execFileSync('mkfifo', [full.toString('utf8')]);
  }
}

/** Every entry under dir (names as bytes), with type, size and mtime; symlinks and FIFOs never followed or opened. */
function snapshot(dir: Buffer, skip: ReadonlySet<string>, out: string[] = [], rel = ''): string[] {
  for (const e of readdirSync(dir, { encoding: 'buffer' })) {
    const name = latin1(e);
    const r = rel ? `${rel}/${name}` : name;
    if (skip.has(r)) continue;
    const full = Buffer.concat([dir, Buffer.from('/'), e]);
    const st = lstatSync(full);
    out.push(`${r} ${st.mode} ${st.isFile() ? st.size : 0} ${st.mtimeMs}`);
    if (st.isDirectory()) snapshot(full, skip, out, r);
  }
  return out.sort();
}

interface Runner {
  child: ChildProcess;
  results: Map<number, RunnerResult>;
  current: number | null;
  waiters: Array<() => void>;
}

function startRunner(): Runner {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', RUNNER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const runner: Runner = { child, results: new Map(), current: null, waiters: [] };
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const msg = JSON.parse(line) as RunnerResult | { start: number };
    if ('start' in msg) runner.current = msg.start;
    else {
      runner.results.set(msg.id, msg);
      runner.current = null;
    }
    for (const w of runner.waiters.splice(0)) w();
  });
  child.on('exit', () => {
    for (const w of runner.waiters.splice(0)) w();
  });
  return runner;
}

/** Runs one job; a case still running after CASE_MS (blocked, or spinning) kills its runner. */
async function runJob(runner: Runner, job: RunnerJob): Promise<RunnerResult | { id: number; failure: string }> {
  runner.child.stdin!.write(`${JSON.stringify(job)}\n`);
  const deadline = Date.now() + CASE_MS;
  while (!runner.results.has(job.id)) {
    if (runner.child.exitCode !== null || runner.child.signalCode !== null) return { id: job.id, failure: `the runner died (exit ${runner.child.exitCode ?? runner.child.signalCode})` };
    const left = deadline - Date.now();
    if (left <= 0) {
      runner.child.kill('SIGKILL');
      return { id: job.id, failure: `no exit after ${CASE_MS} ms (blocked or too slow)` };
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.min(left, 500));
      runner.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  return runner.results.get(job.id)!;
}

test(`hostile repositories: ${COUNT} generated cases (seed ${SEED}) end in a finding or a usage error, in bounded time and memory`, { timeout: 600_000 }, async (t) => {
  const corpus = corpusFiles();
  const cases = generateCases(createRng(SEED), COUNT);
  assert.ok(cases.length === COUNT && COUNT >= FAMILY_COUNT, `every family at least once: ${COUNT} cases, ${FAMILY_COUNT} families`);
  const top = mkdtempSync(`${tmpdir()}/pyup-hostile-`);
  const failures: string[] = [];
  const timings: number[] = [];
  let peakRss = 0;
  try {
    const queue = [...cases];
    const worker = async (): Promise<void> => {
      let runner = startRunner();
      try {
        for (let c = queue.shift(); c; c = queue.shift()) {
          const root = `${top}/case-${c.id}`;
          mkdirSync(`${root}/repo`, { recursive: true });
          build(`${root}/repo`, c.nodes);
          const skip = new Set(['artifacts', 'cache']);
          const before = snapshot(Buffer.from(root), skip);
          const job: RunnerJob = {
            id: c.id,
            argv: [...c.argv, '--repo', `${root}/repo`, '--artifacts', `${root}/artifacts`, '--cache-dir', `${root}/cache`, '--offline', '--index-url', 'http://127.0.0.1:9/simple'],
            cwd: root,
            env: { PATH: process.env.PATH ?? '', HOME: root },
          };
          const result = await runJob(runner, job);
          const name = `case ${c.id} (${c.family}; ${c.argv.join(' ')})`;
          if ('failure' in result) {
            failures.push(`${name}: ${result.failure}`);
            runner = startRunner();
          } else {
            const report = `${root}/artifacts/report.txt`;
            const text = existsSync(report) && statSync(report).size < 8 * 1024 * 1024 ? readFileSync(report, 'utf8') : '';
            failures.push(...judge(c, result, name, text));
            timings.push(result.cpuMs);
            peakRss = Math.max(peakRss, result.maxRssMb);
            const after = snapshot(Buffer.from(root), skip);
            if (after.join('\n') !== before.join('\n')) failures.push(`${name}: wrote outside artifacts/ and cache/: ${after.filter((l) => !before.includes(l)).slice(0, 3).join('; ')}`);
            // A runner whose heap grew past the limit is replaced, so later cases are measured fresh.
            if (result.maxRssMb > RSS_MB / 2) {
              runner.child.kill();
              runner = startRunner();
            }
          }
          rmSync(Buffer.from(root), { recursive: true, force: true });
        }
      } finally {
        runner.child.kill();
      }
    };
    const workers = Math.max(1, Math.min(2, availableParallelism()));
    await Promise.all(Array.from({ length: workers }, () => worker()));
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
  timings.sort((a, b) => a - b);
  const pct = (p: number): number => Math.round(timings[Math.min(timings.length - 1, Math.floor(p * timings.length))] ?? 0);
  t.diagnostic(`${cases.length} cases from ${corpus.texts.length} build-puppet corpus files, ${cases.length - failures.length} without a failure; CPU per case median ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${pct(1)} ms; peak RSS of a runner ${Math.round(peakRss)} MB`);
  assert.equal(timings.length, cases.length, `every case ran to an exit: ${failures.slice(0, 5).join('\n')}`);
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} failures`);
});

function judge(c: HostileCase, r: RunnerResult, name: string, reportText: string): string[] {
  const out: string[] = [];
  const output = `${r.stderr}\n${r.stdout}\n${reportText}`;
  if (![0, 1, 2, 3].includes(r.code)) out.push(`${name}: exit ${r.code}: ${r.stderr.slice(0, 300)}`);
  if (/internal error/.test(r.stderr)) out.push(`${name}: internal error: ${r.stderr.slice(0, 300)}`);
  if (STACK.test(r.stderr)) out.push(`${name}: stack trace on stderr: ${r.stderr.slice(0, 300)}`);
  if (r.cpuMs > CPU_MS) out.push(`${name}: ${Math.round(r.cpuMs)} ms of CPU, over ${CPU_MS} ms`);
  if (r.maxRssMb > RSS_MB) out.push(`${name}: RSS ${Math.round(r.maxRssMb)} MB over ${RSS_MB} MB`);
  if (r.stderr.length > 10_000) out.push(`${name}: ${r.stderr.length} characters on stderr (an echoed input?)`);
  if (c.expect) {
    const codes = c.argv[0] === 'inventory' ? c.expect.codes : [...c.expect.codes, 3]; // offline checks cannot fetch a pin's index page
    if (!codes.includes(r.code)) out.push(`${name}: exit ${r.code}, expected ${codes.join('/')}: ${output.slice(0, 300)}`);
    if (c.expect.output && !c.expect.output.test(output)) out.push(`${name}: output does not match ${c.expect.output}: ${output.slice(0, 400)}`);
  }
  return out;
}
