/**
 * `npx tsx scripts/bench/fix.ts`: `fix` on a 16-module repo in which every module has compat errors
 * (generated pin sets over the oracle's universe, dependencies mostly pinned off target, plus one
 * module no change can fix), cold (empty cache) and warm, as a child process of the compiled CLI
 * (measure.ts): wall time, peak RSS, how many modules were fixed and how long the unfixable one took to
 * say so. A benchmark: it prints numbers, and fails only when the run could not complete or broke the
 * bounds the issue sets (an unfixable file answered within seconds, under 300 MB).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProjects } from '../../test/support/distributions.js';
import { startIndexServer } from '../../test/support/index-server.js';
import { generatePinSets } from '../../test/oracle/compat/pin-sets.js';
import { createRng } from '../../test/oracle/compat/prng.js';
import { generateUniverse } from '../../test/oracle/compat/universe.js';
import { ensureBuilt, runCli } from './measure.js';
import { formatTable, seconds } from './table.js';

const MODULES = 16;
const rng = createRng(0xbe7c_f1c5);
const universe = generateUniverse(rng, 20);
const unfixable = [
  { name: 'zz-left', releases: ['1.0', '1.1', '1.2', '1.3'].map((version) => ({ version, requiresDist: ['zz-middle<2'] })) },
  { name: 'zz-right', releases: ['1.0', '1.1', '1.2', '1.3'].map((version) => ({ version, requiresDist: ['zz-middle>=2'] })) },
  { name: 'zz-middle', releases: ['1.0', '2.0'].map((version) => ({ version })) },
];
const files = await buildProjects([...universe.specs, ...unfixable]);
const server = await startIndexServer({ projects: files });
const scratch = await mkdtemp(join(tmpdir(), 'pyup-bench-fix-'));
try {
  await ensureBuilt();
  const repo = join(scratch, 'repo');
  // Keep generating until MODULES - 1 sets that compat fails (checked by fix itself below), then the unfixable one.
  const sets = generatePinSets(rng, universe, 60, { follow: 0.85, intended: 0.3 });
  for (const s of sets) {
    await mkdir(join(repo, 'modules', s.id, 'files'), { recursive: true });
    await writeFile(join(repo, 'modules', s.id, 'files', 'requirements.txt'), s.text);
  }
  const probe = await runCli(['fix', '--repo', repo, '--index-url', server.indexUrl, '--cache-dir', join(scratch, 'probe-cache'), '--artifacts', join(scratch, 'probe'), '--python', '3.6', '--python', '3.11', '--json']);
  const plan = JSON.parse(probe.stdout) as { files: Array<{ file: string; status: string }> };
  const failing = plan.files.filter((f) => f.status !== 'clean').slice(0, MODULES - 1).map((f) => f.file.split('/')[1]!);
  await rm(repo, { recursive: true, force: true });
  for (const s of sets.filter((x) => failing.includes(x.id))) {
    await mkdir(join(repo, 'modules', s.id, 'files'), { recursive: true });
    await writeFile(join(repo, 'modules', s.id, 'files', 'requirements.txt'), s.text);
  }
  await mkdir(join(repo, 'modules', 'unfixable', 'files'), { recursive: true });
  await writeFile(join(repo, 'modules', 'unfixable', 'files', 'requirements.txt'), 'zz-left==1.0\nzz-right==1.0\nzz-middle==1.0\n');

  const cache = join(scratch, 'cache');
  const args = ['fix', '--repo', repo, '--index-url', server.indexUrl, '--cache-dir', cache, '--artifacts', join(scratch, 'artifacts'), '--python', '3.6', '--python', '3.11', '--json'];
  const rows: string[][] = [];
  let summary = '';
  for (const pass of ['cold', 'warm']) {
    const before = server.requests.length;
    const run = await runCli(args);
    if (run.exitCode !== 0 && run.exitCode !== 1) throw new Error(`fix exited ${run.exitCode}: ${run.stderr}`);
    const out = JSON.parse(run.stdout) as { files: Array<{ file: string; status: string; changes: unknown[]; search: { nodes: number; exhausted: boolean } }> };
    const fixed = out.files.filter((f) => f.status === 'fixed');
    const none = out.files.find((f) => f.file.includes('/unfixable/'));
    summary = `${out.files.length} modules: ${fixed.length} fixed (${fixed.reduce((n, f) => n + f.changes.length, 0)} pins changed), ${out.files.filter((f) => f.status === 'no-fix').length} without a fix (the unfixable one: ${none?.status}, ${none?.search.nodes} nodes), ${out.files.filter((f) => f.status === 'clean').length} clean`;
    rows.push([pass, seconds(run.wallMs), `${run.maxRssMb.toFixed(0)} MB`, String(server.requests.length - before)]);
    if (run.maxRssMb >= 300) throw new Error(`fix used ${run.maxRssMb.toFixed(0)} MB (bound: 300 MB)`);
  }
  // The unfixable module alone, warm: how long "no fix within the bounds" takes.
  const alone = await runCli([...args, '--module', 'unfixable']);
  rows.push(['unfixable alone (warm)', seconds(alone.wallMs), `${alone.maxRssMb.toFixed(0)} MB`, '-']);
  if (alone.wallMs > 10_000) throw new Error(`the unfixable module took ${seconds(alone.wallMs)}`);
  process.stdout.write(`fix bench: ${summary}\n${formatTable(['run', 'wall', 'peak RSS', 'index requests'], rows)}\n`);
} finally {
  await server.close();
  await rm(scratch, { recursive: true, force: true });
}
