/**
 * The matrix transform (taskgraph's `transforms/matrix.py`): kind × target python → one job,
 * covering every in-scope file that targets that python (and so the modules holding them).
 * A kind whose check this build does not have is left out (and reported), so a decision never
 * creates a task that would fail with "unknown command".
 */
import type { FileTargets } from '../changes.js';
import type { Kind } from '../kinds.js';

export interface Job {
  kind: Kind;
  label: string;
  python: string;
  files: FileTargets[];
  modules: string[];
}

const byVersion = (a: string, b: string): number => {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am - bm || an - bn;
};

export function matrixJobs(kinds: readonly Kind[], files: readonly FileTargets[], knownChecks: ReadonlySet<string>): { jobs: Job[]; skippedKinds: string[] } {
  const pythons = [...new Set(files.flatMap((f) => f.pythons))].sort(byVersion);
  const jobs: Job[] = [];
  const skippedKinds: string[] = [];
  for (const kind of kinds) {
    if (!knownChecks.has(kind.check)) {
      skippedKinds.push(kind.name);
      continue;
    }
    for (const python of pythons) {
      const own = files.filter((f) => f.pythons.includes(python));
      const modules = [...new Set(own.map((f) => f.module))].sort();
      jobs.push({ kind, label: `${kind.name}-py${python}`, python, files: own, modules });
    }
  }
  return { jobs, skippedKinds };
}
