/**
 * Our side of the compat differential test: write the pin sets as a puppet repo (one module per set),
 * run `pyup-checks compat --json` in-process against the loopback index, and reduce report.json to
 * what pip can be compared on, per (module, target): the cell status, the (dependent, dependency)
 * pairs of `conflict` / `missing-dependency` findings, and whether any pin was refused for
 * Requires-Python.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { main } from '../../../src/cli/main.js';
import type { Io } from '../../../src/cli/io.js';
import { parseReport } from '../../../src/findings/index.js';
import { canonical } from './pip-oracle.js';
import type { PinSet } from './pin-sets.js';

export interface OurCell {
  status: string;
  /** The status pip check would give: `status`, but `pass` when only findings pip's resolver alone raises (extras) fail it. */
  pipCheckStatus: string;
  /** Pairs found through an extra (`details.viaExtra`): pip check ignores extras, pip's resolver does not. */
  extraPairs: string[];
  /** `dependent -> dependency` (canonical names), sorted. */
  pairs: string[];
  requiresPython: string[];
  /** Every finding on this cell, for failure messages. */
  messages: string[];
}

export interface OurRun {
  exitCode: number;
  stderr: string;
  /** `${module}|${target}` → cell. */
  cells: Map<string, OurCell>;
  targets: string[];
}

export function requirementsPath(repo: string, set: PinSet): string {
  return join(repo, 'modules', set.id, 'files', 'requirements.txt');
}

export async function writeRepo(repo: string, sets: readonly PinSet[]): Promise<void> {
  for (const set of sets) {
    const path = requirementsPath(repo, set);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, set.text);
  }
}

export function cellKey(module: string, target: string): string {
  return `${module}|${target}`;
}

/** Run compat on `repo` for the given pythons (X.Y.Z, so python_full_version markers match the oracle). */
export async function runOurs(repo: string, indexUrl: string, cacheDir: string, artifacts: string, pythons: readonly string[]): Promise<OurRun> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {}, cwd: repo, isTty: false };
  const args = ['compat', '--repo', repo, '--index-url', indexUrl, '--cache-dir', cacheDir, '--artifacts', artifacts, '--json'];
  for (const p of pythons) args.push('--python', p);
  const exitCode = await main(args, io);
  const cells = new Map<string, OurCell>();
  if (exitCode !== 0 && exitCode !== 1) return { exitCode, stderr, cells, targets: [] };
  const report = parseReport(stdout);
  for (const r of report.results) {
    if (r.check === 'compat') cells.set(cellKey(r.module, r.target), { status: r.status, pipCheckStatus: r.status, pairs: [], extraPairs: [], requiresPython: [], messages: [] });
  }
  // The cell's own status is what is compared with pip; only a fail that extras alone explain reads as pip check's pass.
  const errors = new Map<OurCell, { extra: number; other: number }>();
  for (const f of report.findings) {
    if (f.check !== 'compat') continue;
    const targets = f.target === null ? report.targets.map((t) => t.id) : [f.target];
    for (const target of targets) {
      const cell = cells.get(cellKey(f.module, target));
      if (!cell) continue;
      cell.messages.push(`${f.severity} ${f.code} ${f.package ?? ''}: ${f.message}`);
      const viaExtra = (f.code === 'conflict' || f.code === 'missing-dependency') && 'viaExtra' in f.details && f.details.viaExtra;
      if (f.severity === 'error') {
        const count = errors.get(cell) ?? { extra: 0, other: 0 };
        count[viaExtra ? 'extra' : 'other']++;
        errors.set(cell, count);
      }
      if (f.code === 'conflict' || f.code === 'missing-dependency') {
        // A conflict without requiredBy (a name given twice) has no dependent: it shows as '?'.
        const dependent = 'requiredBy' in f.details ? f.details.requiredBy.package : '?';
        (viaExtra ? cell.extraPairs : cell.pairs).push(`${canonical(dependent)} -> ${canonical(f.package ?? '?')}`);
      }
      if (f.code === 'requires-python') cell.requiresPython.push(canonical(f.package ?? '?'));
    }
  }
  for (const cell of cells.values()) {
    const count = errors.get(cell);
    if (cell.status === 'fail' && count && count.other === 0 && count.extra > 0) cell.pipCheckStatus = 'pass';
    cell.pairs = [...new Set(cell.pairs)].sort();
    cell.extraPairs = [...new Set(cell.extraPairs)].sort();
  }
  return { exitCode, stderr, cells, targets: report.targets.map((t) => t.id) };
}
