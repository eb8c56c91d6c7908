/**
 * A generated universe of projects for the compat-vs-pip differential test: ~20 projects with several
 * releases each, whose Requires-Dist exercise what `pip check` decides on:
 * - specifiers: `==` (also `==1.1.0` for 1.1), `>=`, `>`, `<`, `<=`, `~=`, `!=`, `==X.Y.*`, `!=X.Y.*`,
 *   comma sets with and without spaces, and the old parenthesised form `name (>=1.0)`;
 * - versions with the PEP 440 traps: post-releases (`>1.0` excludes `1.0.post1`), a local version
 *   (`==1.3` matches `1.3+loc1`), pre-releases (`<2.0` excludes `2.0rc1`; pip check admits pre-releases);
 * - markers that differ between python 2.7, 3.6 and 3.11 (`python_version > "3.9"` is a version
 *   comparison, `sys_platform == "linux2"` only on 2.7, `implementation_name` is '' on 2.7);
 * - `extra == "x"` requirements and dependents that request extras (`dep[x]>=1`);
 * - names spelled with other case and separators than the project's own (PEP 503);
 * - Requires-Python on some releases (pip refuses to install those on an excluded python).
 * Dependencies point from project i to projects j > i only, so the closure of any pin terminates.
 * Names all start with `zq` so they never collide with what the oracle pythons have installed.
 */
import type { ProjectSpec, ReleaseSpec } from '../../support/distributions.js';
import type { Rng } from './prng.js';

/** The oracle pythons, in the order every per-python table uses. */
export const ORACLE_PYTHONS = ['2.7', '3.6', '3.11'] as const;
export type OraclePython = (typeof ORACLE_PYTHONS)[number];

/** Every version a project may have, already in PEP 440 order. */
const MASTER_VERSIONS = ['0.9', '1.0', '1.0.post1', '1.0.1', '1.1', '1.2', '1.3+loc1', '2.0a1', '2.0rc1', '2.0', '2.0.1', '2.1', '3.0b2', '3.0'];

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi', 'omicron', 'pi-rho', 'sigma', 'tau.up', 'phi', 'chi', 'psi', 'omega'];

interface MarkerChoice {
  text: string;
  /** Whether the marker is true on 2.7, 3.6, 3.11 (used only to describe sets, never to assert). */
  on: readonly [boolean, boolean, boolean];
}

const MARKERS: readonly MarkerChoice[] = [
  { text: 'python_version < "3"', on: [true, false, false] },
  { text: 'python_version >= "3"', on: [false, true, true] },
  { text: 'python_version >= "3.7"', on: [false, false, true] },
  { text: 'python_version == "3.6"', on: [false, true, false] },
  { text: 'python_version >= "3" and python_version < "3.8"', on: [false, true, false] },
  { text: 'python_full_version >= "3.6.10"', on: [false, true, true] },
  { text: 'python_version > "3.9"', on: [false, false, true] },
  { text: 'python_version in "2.7 3.6"', on: [true, true, false] },
  { text: 'sys_platform == "win32"', on: [false, false, false] },
  { text: 'sys_platform == "linux2"', on: [true, false, false] },
  { text: "sys_platform == 'linux'", on: [false, true, true] },
  { text: 'platform_system == "Linux"', on: [true, true, true] },
  { text: 'implementation_name == "cpython"', on: [false, true, true] },
  { text: 'os_name == "posix" and platform_machine == "x86_64"', on: [true, true, true] },
];

const REQUIRES_PYTHON = ['>=3.6', '>=3.7', '<3', '>=2.7,!=3.0.*,!=3.1.*,!=3.2.*,!=3.3.*,!=3.4.*,!=3.5.*', '>=3', '~=2.7', '>=3.6,<3.10'];

export interface GeneratedDependency {
  /** Index of the project depended on. */
  project: number;
  /** The Requires-Dist line. */
  text: string;
  /** The dependency version the specifier was built around (a likely, not a certain, match). */
  intended: string;
  /** The extra this requirement belongs to, or null for a base requirement. */
  extra: string | null;
}

export interface GeneratedRelease {
  version: string;
  dependencies: GeneratedDependency[];
  requiresPython: string | null;
  extras: string[];
}

export interface GeneratedProject {
  canonical: string;
  display: string;
  releases: GeneratedRelease[];
}

export interface Universe {
  projects: GeneratedProject[];
  /** The same universe as fixture specs for the index server and the wheel builder. */
  specs: ProjectSpec[];
}

/** Another spelling of a canonical name: random case and separators (PEP 503 makes them equal). */
export function respell(rng: Rng, canonical: string): string {
  const parts = canonical.split('-');
  const sep = (): string => rng.pick(['-', '_', '.', '-', '__']);
  const caseOf = (s: string): string => rng.pick([s, s.toUpperCase(), s.charAt(0).toUpperCase() + s.slice(1)]);
  return parts.map(caseOf).reduce((acc, p) => `${acc}${sep()}${p}`);
}

function releaseParts(version: string): number[] {
  const m = /^(\d+(?:\.\d+)*)/.exec(version);
  return (m?.[1] ?? '0').split('.').map(Number);
}

/** A specifier on `versions` built around versions[k] (the intended match). */
function specifierAround(rng: Rng, versions: readonly string[], k: number): string {
  const v = versions[k] as string;
  const rel = releaseParts(v);
  const major = rel[0] ?? 0;
  const minor = rel[1] ?? 0;
  const at = (i: number): string => versions[i] ?? '9.0';
  const kinds: Array<() => string> = [
    () => `==${v}`,
    () => (/^\d+\.\d+$/.test(v) ? `==${v}.0` : `==${v}`),
    () => `>=${at(rng.int(0, k))}`,
    () => `>=${at(rng.int(0, k))},<${at(rng.int(k + 1, versions.length))}`,
    () => `>= ${at(rng.int(0, k))}, < ${at(rng.int(k + 1, versions.length))}`,
    () => `~=${v.replace(/\+.*$/, '')}${rel.length < 2 ? '.0' : ''}`,
    () => `~=${major}.${minor}`,
    () => `!=${at(rng.int(0, versions.length - 1))}`,
    () => `>=${at(0)},!=${at(rng.int(0, versions.length - 1))}`,
    () => `==${major}.${minor}.*`,
    () => `!=${major + 1}.${minor}.*`,
    () => `<${at(rng.int(k + 1, versions.length))}`,
    () => (k > 0 ? `>${at(rng.int(0, k - 1))}` : `>=${v}`),
    () => `<=${v}`,
    () => '',
  ];
  return rng.pick(kinds)();
}

function dependencyLine(rng: Rng, name: string, extras: string, spec: string, marker: string | null): string {
  // The old parenthesised form is still valid Requires-Dist that every pip reads.
  const body = spec && rng.chance(0.1) ? `${name}${extras} (${spec.replace(/\s+/g, '')})` : `${name}${extras}${spec}`;
  return marker ? `${body}; ${marker}` : body;
}

function generateRelease(rng: Rng, index: number, version: string, all: GeneratedProject[]): GeneratedRelease {
  const dependencies: GeneratedDependency[] = [];
  const later = all.slice(index + 1);
  const count = later.length === 0 ? 0 : rng.int(0, Math.min(3, later.length, rng.int(1, 3)));
  const extras = rng.chance(0.3) ? ['x'] : [];
  for (const dep of rng.sample(later, count)) {
    const depIndex = all.indexOf(dep);
    const versions = dep.releases.map((r) => r.version);
    // Aim mostly at releases any python installs, so Requires-Python refusals stay a minority.
    const open = dep.releases.map((r, i) => (r.requiresPython === null ? i : -1)).filter((i) => i >= 0);
    const k = open.length > 0 && rng.chance(0.9) ? rng.pick(open) : rng.int(0, versions.length - 1);
    const extra = extras.length > 0 && rng.chance(0.35) ? 'x' : null;
    const marker = rng.chance(0.3) ? rng.pick(MARKERS).text : null;
    const fullMarker = extra ? (marker ? `${marker} and extra == "x"` : `extra == "x"`) : marker;
    const depExtras = dep.releases.some((r) => r.extras.length > 0) && rng.chance(0.25) ? '[x]' : '';
    dependencies.push({
      project: depIndex,
      text: dependencyLine(rng, respell(rng, dep.canonical), depExtras, specifierAround(rng, versions, k), fullMarker),
      intended: versions[k] as string,
      extra,
    });
  }
  return { version, dependencies, requiresPython: rng.chance(0.05) ? rng.pick(REQUIRES_PYTHON) : null, extras };
}

/** Generate `size` projects; the last ones are leaves, the first ones have the deepest closures. */
export function generateUniverse(rng: Rng, size = 20): Universe {
  const projects: GeneratedProject[] = [];
  for (let i = 0; i < size; i++) {
    const word = WORDS[i % WORDS.length] as string;
    const canonical = `zq-${word.replace(/[._]/g, '-')}${i >= WORDS.length ? `-${i}` : ''}`;
    const count = rng.int(3, 6);
    const picked = new Set(rng.sample(MASTER_VERSIONS, count));
    const versions = MASTER_VERSIONS.filter((v) => picked.has(v));
    // Releases are filled in from the leaves up, so dependencies can name existing versions.
    projects.push({ canonical, display: respell(rng, canonical), releases: versions.map((version) => ({ version, dependencies: [], requiresPython: null, extras: [] })) });
  }
  for (let i = size - 1; i >= 0; i--) {
    const p = projects[i] as GeneratedProject;
    p.releases = p.releases.map((r) => generateRelease(rng, i, r.version, projects));
  }
  const specs: ProjectSpec[] = projects.map((p) => ({
    name: p.display,
    releases: p.releases.map((r): ReleaseSpec => ({
      version: r.version,
      requiresDist: r.dependencies.map((d) => d.text),
      ...(r.extras.length > 0 ? { extras: r.extras } : {}),
      ...(r.requiresPython ? { requiresPython: r.requiresPython } : {}),
    })),
  }));
  return { projects, specs };
}
