/**
 * Generated mirrors and pins for the wheels oracle: per case, one project whose releases carry a
 * random set of wheels (tag sets, build tags, yanked files), maybe an sdist, maybe a Requires-Python,
 * and one target to install it on. Seeded, so a failing case reproduces by its index.
 * Trap: pip expands `--platform manylinux2014_x86_64` into 2010 and 1 right after it, so tags like
 * `manylinux_2_16` would rank differently between us and pip's `--platform` emulation (not between
 * us and a real host); the tag pool avoids them, keeping the relative order of its tags identical.
 */
import type { FileSpec, ProjectSpec } from '../support/distributions.js';
import { createRng } from './compat/prng.js';

export interface OracleTarget {
  python: string;
  platform: string;
}

export interface WheelsCase {
  project: string;
  pin: string;
  spec: ProjectSpec;
  target: OracleTarget;
}

export const TARGETS: OracleTarget[] = [
  { python: '3.6', platform: 'linux-x86_64' },
  { python: '3.7', platform: 'linux-x86_64' },
  { python: '2.7', platform: 'linux-x86_64' },
  { python: '3.6', platform: 'macos-x86_64' },
  { python: '3.11', platform: 'manylinux_2_28_x86_64' },
  { python: '3.8', platform: 'macos-arm64' },
  { python: '3.6', platform: 'linux_x86_64' },
];

const TAGS = [
  'py2.py3-none-any',
  'py3-none-any',
  'py2-none-any',
  'cp36-cp36m-manylinux1_x86_64',
  'cp36-cp36m-manylinux2014_x86_64',
  'cp36-cp36m-manylinux_2_28_x86_64',
  'cp36-abi3-manylinux1_x86_64',
  'cp36-cp36m-linux_x86_64',
  'cp36-cp36m-musllinux_1_1_x86_64',
  'cp36-cp36m-macosx_10_6_intel',
  'cp36-cp36m-macosx_10_9_x86_64',
  'cp36-cp36m-macosx_10_14_x86_64',
  'cp37-cp37m-manylinux1_x86_64',
  'cp36.cp37-cp36m.cp37m-manylinux1_x86_64',
  'cp27-cp27mu-manylinux1_x86_64',
  'cp27-cp27m-manylinux1_x86_64',
  'cp27-cp27m-macosx_10_6_intel',
  'cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64',
  'cp311-cp311-manylinux_2_28_x86_64',
  'cp311-abi3-manylinux_2_31_x86_64',
  'cp38-cp38-macosx_11_0_arm64',
  'cp38-cp38-macosx_10_9_universal2',
  'cp38-cp38-macosx_10_9_x86_64',
  'py3-none-macosx_11_0_arm64',
];

const REQUIRES_PYTHON = [undefined, undefined, undefined, '>=3.7', '<3', '>=3.6', '>=2.7, !=3.0.*, !=3.1.*'];

export function generateCases(count: number, seed = 20181203): WheelsCase[] {
  const r = createRng(seed);
  const cases: WheelsCase[] = [];
  for (let i = 0; i < count; i++) {
    const project = `oracle-pkg${i}`;
    const target = TARGETS[i % TARGETS.length] as OracleTarget;
    const versions = r.chance(0.3) ? ['1.0', '1.1'] : ['1.0'];
    const releases = versions.map((version) => {
      const files: FileSpec[] = [];
      const used = new Set<string>();
      const wheels = r.int(0, 4);
      for (let w = 0; w < wheels; w++) {
        const tags = r.pick(TAGS);
        const build = r.chance(0.2) ? String(r.int(1, 3)) : undefined;
        const key = `${tags}|${build ?? ''}`;
        if (used.has(key)) continue;
        used.add(key);
        files.push({ kind: 'wheel', tags, ...(build ? { build } : {}), ...(r.chance(0.12) ? { yanked: 'broken build' } : {}) });
      }
      if (r.chance(0.4)) files.push({ kind: 'sdist' });
      const requiresPython = r.pick(REQUIRES_PYTHON);
      return { version, files, ...(requiresPython ? { requiresPython } : {}) };
    });
    // A release with no files at all is not a release: give it an sdist of another project's shape.
    for (const rel of releases) if (rel.files.length === 0 && r.chance(0.5)) rel.files.push({ kind: 'sdist' });
    const nonEmpty = releases.filter((rel) => rel.files.length > 0);
    if (nonEmpty.length === 0) nonEmpty.push({ version: '1.0', files: [{ kind: 'wheel', tags: r.pick(TAGS) }] });
    cases.push({ project, pin: versions[0] as string, spec: { name: project, releases: nonEmpty }, target });
  }
  return cases;
}
