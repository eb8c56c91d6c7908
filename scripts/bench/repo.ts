/**
 * Deterministic inputs for `npm run bench`: one shared universe of projects (served on a loopback
 * index) and puppet repos of N modules × P pins drawn from it. Popularity is skewed (a few projects
 * appear in most modules, mostly at one "house" version), as in a real puppet repo, so the distinct
 * (package, version) pairs stay far below modules × pins: that is what the index cache and the
 * per-release memoisation are meant to exploit, and what the bench reports next to the times.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProjectSpec } from '../../test/support/distributions.js';
import { createRng } from '../../test/oracle/compat/prng.js';
import type { Rng } from '../../test/oracle/compat/prng.js';

export interface BenchUniverse {
  specs: ProjectSpec[];
  /** Canonical names, in popularity order (index 0 is the most popular). */
  names: string[];
  /** Versions per project, ascending; the last one is the house version. */
  versions: string[][];
  /** The first `core` projects are what every release depends on, and every module pins. */
  core: number;
}

const RELEASES = ['1.0.0', '1.1.0', '1.2.0', '1.3.0', '2.0.0', '2.1.0'];

/** `size` projects with 6 releases each; release r of project i depends on up to 3 core projects j < i. */
export function benchUniverse(seed: number, size: number, core: number): BenchUniverse {
  const rng = createRng(seed);
  const names = Array.from({ length: size }, (_, i) => `bench-pkg-${String(i).padStart(3, '0')}`);
  const versions = names.map(() => RELEASES);
  const specs: ProjectSpec[] = names.map((name, i) => ({
    name: rng.chance(0.3) ? name.replace(/-/g, '_') : name,
    releases: RELEASES.map((version) => {
      // Dependencies point at the core projects (which every module pins), so most modules pass,
      // as in a healthy repo; the rest pin a lagging release that a dependent rejects.
      const popular = names.slice(0, Math.min(i, core));
      const deps = rng.sample(popular, popular.length === 0 ? 0 : rng.int(0, 3));
      return {
        version,
        requiresDist: deps.map((d) => {
          const spec = rng.pick(['>=1.0', '>=1.0,<3', '~=2.0', '!=1.1.0', '']);
          return rng.chance(0.2) ? `${d}${spec}; python_version >= "3.7"` : `${d}${spec}`;
        }),
        ...(rng.chance(0.05) ? { requiresPython: '>=3.6' } : {}),
      };
    }),
  }));
  return { specs, names, versions, core };
}

/** Skewed pick: low indexes (popular projects) are much likelier. */
function popularIndex(rng: Rng, size: number): number {
  return Math.min(size - 1, Math.floor(size * rng.next() ** 2.2));
}

export interface BenchRepo {
  dir: string;
  modules: number;
  pinsPerModule: number;
  /** Distinct `name==version` pairs across every file. */
  distinctPairs: number;
  /** The requirements files, relative to `dir`. */
  files: string[];
}

/** Write a repo of `modules` modules × `pins` pins under `dir`. */
export async function writeBenchRepo(dir: string, universe: BenchUniverse, modules: number, pins: number, seed: number): Promise<BenchRepo> {
  const rng = createRng(seed);
  const pairs = new Set<string>();
  const files: string[] = [];
  const size = universe.names.length;
  for (let m = 0; m < modules; m++) {
    const chosen = new Set<number>(Array.from({ length: Math.min(universe.core, pins) }, (_, i) => i));
    while (chosen.size < Math.min(pins, size)) chosen.add(popularIndex(rng, size));
    const lines = ['# python_version: 36', `# bench module ${m}`];
    for (const i of [...chosen].sort((a, b) => a - b)) {
      const versions = universe.versions[i] ?? RELEASES;
      // The house version most of the time, another release now and then (a module lagging behind).
      const version = rng.chance(i < universe.core ? 0.97 : 0.85) ? (versions[versions.length - 1] as string) : rng.pick(versions);
      const name = universe.names[i] as string;
      pairs.add(`${name}==${version}`);
      lines.push(`${name}==${version}`);
    }
    const rel = join('modules', `mod${String(m).padStart(3, '0')}`, 'files', 'requirements.txt');
    await mkdir(join(dir, rel, '..'), { recursive: true });
    await writeFile(join(dir, rel), `${lines.join('\n')}\n`);
    files.push(rel);
  }
  return { dir, modules, pinsPerModule: pins, distinctPairs: pairs.size, files };
}
