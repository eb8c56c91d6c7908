// Differential test: our PEP 440 layer must answer exactly as pip 24.2's vendored packaging 24.1
// (python 3.13) on deterministic generated inputs — normalisation/validity, ordering, contains with
// prereleases None/True/False, filter, and str(SpecifierSet). One python process answers everything.
// A second, small check asks pip 23.2.1's packaging 21.3 (python 3.11) which rejected specifiers it
// still accepted as LegacySpecifier, against our InvalidSpecifierError.legacy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { requirePython } from '../support/pythons.js';
import {
  InvalidSpecifierError,
  InvalidVersionError,
  SpecifierSet,
  compareVersions,
  parseVersion,
} from '../../src/pep440/index.js';
import { VERSIONS_IN_ORDER } from '../vectors/pep440.js';
import { genCandidate, genSpecifierSet, genVersion, mulberry32, mutate, pick, releaseOf } from './pep440-cases.js';

type Pre = boolean | null;
interface Queries {
  versions: string[];
  compares: [string, string][];
  contains: [string, string, Pre][];
  filters: [string, string[], Pre][];
  specsets: string[];
  legacy: string[];
}

const ORACLE = fileURLToPath(new URL('./pep440_oracle.py', import.meta.url));

function buildQueries(): Queries {
  const r = mulberry32(440_2024);
  const q: Queries = { versions: [], compares: [], contains: [], filters: [], specsets: [], legacy: [] };

  // Normalisation/validity: generated spellings, their mutations, and hand-picked traps.
  const traps = ['', ' ', 'v', '1', '1.', '.1', '1..0', '1.0+', '1.0+a..b', '1.0-', '1.0_', 'a1.0', '1.0.*', '1!', '!1.0',
    '1.0\u00a0', '\u20281.0', '1.0\x1c', '1.0\ufeff', '1.0+\u0130', '1.0+\u0131\u017f\u212a', '1.0.po\u017ft1', '1e5',
    '1.0+1e5', '1.0+0x10', '1.0+Infinity', '1.0+NaN', '99999999999999999999.1', '1.0-0', '1.0.post-1', 'V1.0', '1.0a1-1',
    '1.0a1.post1.dev1+LoCaL.01', '٠١٢.٣', '1.0+\u00e9', '2!1.0', '00!1.2', '1.0rc1.c1', '1.0 ', '1.0\n', '1.0\r\n'];
  q.versions.push(...traps, ...VERSIONS_IN_ORDER);
  for (let i = 0; i < 260; i++) {
    const v = genVersion(r);
    q.versions.push(v, mutate(r, v));
  }

  // Ordering: neighbours that differ in one component, plus random pairs from the published order.
  for (let i = 0; i < 700; i++) {
    const a = genVersion(r, { suffixes: 1.3 });
    const b = i % 3 === 0 ? pick(r, VERSIONS_IN_ORDER) : genCandidate(r, releaseOf(a));
    q.compares.push([a, b]);
  }

  // contains and filter: candidates clustered around each set's release.
  for (let i = 0; i < 800; i++) {
    const { text, release } = genSpecifierSet(r);
    q.specsets.push(text);
    for (let j = 0; j < 3; j++) {
      const v = genCandidate(r, j === 0 ? releaseOf(text.replace(/^[^0-9v]*/, '')) : release);
      for (const pre of [null, true, false] as const) q.contains.push([text, v, pre]);
    }
    if (i % 3 === 0) {
      const vs = Array.from({ length: 2 + Math.floor(r() * 6) }, () => genCandidate(r, release));
      q.filters.push([text, vs, null], [text, vs, true]);
    }
  }
  q.filters.push(['', ['1.0a1', '2.0b1'], null], ['>=1.0', ['1.0a1', '2.0b1'], null], ['', ['1.0a1', '1.0'], null]);

  // Specifier-set validity and str(): generated sets, their mutations, legacy spellings.
  const invalid = ['==0.8.7p1', '>=1.0+local', '~=1', '~=1.0.*', '==1.0.*.5', '=>1.0', '==', '1.0', '>=1.0,<', '===',
    '== 1.0', '>= 1.0 , < 2', '!=1.0+abc.*', '<=2.0.dev1', '===foo bar', '==1.0;', '==1.0)', '< 2', '<3.0dev', '~= 2.2.post3',
    '==2.0.dev1.*', '>1.0+watwat', '==1.2+\u0130\u0131\u017fK', '==1.2+\u00e9', '~=v1.4', '>=v1.0a1,,', ' , ', '==1.0.post1.*'];
  for (let i = 0; i < 200; i++) q.specsets.push(mutate(r, pick(r, q.specsets)));
  q.specsets.push(...invalid);
  q.legacy = q.specsets.flatMap((s) => s.split(',')).filter((s) => s.trim() !== '');
  return q;
}

function err(e: unknown): { error: string } {
  if (e instanceof InvalidVersionError) return { error: 'InvalidVersion' };
  if (e instanceof InvalidSpecifierError) return { error: 'InvalidSpecifier' };
  throw e;
}

function guard<T>(fn: () => T): T | { error: string } {
  try {
    return fn();
  } catch (e) {
    return err(e);
  }
}

function describe(text: string): unknown {
  const v = parseVersion(text);
  return {
    str: v.toString(),
    epoch: String(v.epoch),
    release: v.release.map(String),
    pre: v.pre === null ? null : [v.pre[0], String(v.pre[1])],
    post: v.post === null ? null : String(v.post),
    dev: v.dev === null ? null : String(v.dev),
    local: v.local,
    public: v.public,
    base_version: v.baseVersion,
    is_prerelease: v.isPrerelease,
    is_postrelease: v.isPostrelease,
    is_devrelease: v.isDevrelease,
  };
}

// Python ints are exact and our public `number` fields are not: compare numbers as JS would read them.
function numeric(x: unknown): unknown {
  if (typeof x === 'string' && /^[0-9]{16,}$/.test(x)) return String(Number(x));
  if (Array.isArray(x)) return x.map(numeric);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, k === 'str' || k === 'public' || k === 'base_version' ? v : numeric(v)]));
  return x;
}

/** Whether pip <= 24.0 took each item: as PEP 440, or (per our `legacy` flag) as a LegacySpecifier. */
function legacyVerdicts(items: string[]): string[] {
  return items.map((s) => {
    try {
      SpecifierSet.parse(s);
      return 'accepted';
    } catch (e) {
      if (e instanceof InvalidSpecifierError) return e.legacy ? 'accepted' : 'invalid';
      throw e;
    }
  });
}

function ours(q: Omit<Queries, 'legacy'>): Record<Exclude<keyof Queries, 'legacy'>, unknown[]> {
  const opt = (p: Pre) => (p === null ? {} : { prereleases: p });
  return {
    versions: q.versions.map((t) => guard(() => describe(t))),
    compares: q.compares.map(([a, b]) => guard(() => compareVersions(a, b))),
    contains: q.contains.map(([s, v, p]) => guard(() => SpecifierSet.parse(s).contains(v, opt(p)))),
    filters: q.filters.map(([s, vs, p]) => guard(() => SpecifierSet.parse(s).filter(vs, opt(p)))),
    specsets: q.specsets.map((s) => guard(() => SpecifierSet.parse(s).toString())),
  };
}

async function ask(python: string, q: Partial<Queries>): Promise<Record<string, unknown[]>> {
  const { stdout } = await execa(python, [ORACLE], { input: JSON.stringify(q), env: { PYTHONHASHSEED: '0' } });
  return JSON.parse(stdout) as Record<string, unknown[]>;
}

function diff(kind: string, inputs: unknown[], mine: unknown[], theirs: unknown[]): string[] {
  assert.equal(mine.length, theirs.length, `${kind}: answer count`);
  const out: string[] = [];
  inputs.forEach((input, i) => {
    const a = kind === 'versions' ? numeric(mine[i]) : mine[i];
    const b = kind === 'versions' ? numeric(theirs[i]) : theirs[i];
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${kind} ${JSON.stringify(input)}: ours ${JSON.stringify(a)} packaging ${JSON.stringify(b)}`);
  });
  return out;
}

test('pep440 agrees with pip 24.2 packaging 24.1 (python 3.13)', async (t) => {
  const python = requirePython('3.13', t);
  if (!python) return;
  const started = Date.now();
  const q = buildQueries();
  const { legacy: _legacy, ...main } = q;
  const theirs = await ask(python, main);
  const mine = ours(main);
  const kinds = ['versions', 'compares', 'contains', 'filters', 'specsets'] as const;
  const problems = kinds.flatMap((k) => diff(k, q[k], mine[k], theirs[k] ?? []));
  const counts = kinds.map((k) => `${q[k].length} ${k}`).join(', ');
  const pairs = new Set(q.contains.map(([s, v]) => `${s}\u0000${v}`)).size;
  t.diagnostic(`compared ${counts} (${pairs} distinct specifier/version pairs) in ${Date.now() - started} ms`);
  const tally = (xs: unknown[]) => ['true', 'false', 'error'].map((k) => `${xs.filter((x) => (typeof x === 'object' && x ? 'error' : String(x)) === k).length} ${k}`).join('/');
  const invalid = (xs: unknown[]) => xs.filter((x) => typeof x === 'object' && x !== null && 'error' in x).length;
  console.log(`pep440 oracle: compared ${counts}; ${problems.length} disagreements`);
  console.log(`  contains answers ${tally(theirs.contains ?? [])}; invalid versions ${invalid(theirs.versions ?? [])}; invalid sets ${invalid(theirs.specsets ?? [])}`);
  assert.ok(pairs >= 2000 && q.compares.length >= 500 && q.versions.length >= 300, 'not enough generated cases');
  assert.deepEqual(problems.slice(0, 25), [], `${problems.length} disagreements with packaging 24.1`);
});

test('InvalidSpecifierError.legacy is true exactly where pip 23.2 packaging 21.3 accepted the item (python 3.11)', async (t) => {
  const python = requirePython('3.11', t);
  if (!python) return;
  const q = buildQueries();
  const theirs = await ask(python, { legacy: q.legacy });
  const mine = legacyVerdicts(q.legacy);
  const problems = diff('legacy', q.legacy, mine, theirs.legacy ?? []);
  assert.ok(q.legacy.length >= 1000, 'not enough generated specifiers');
  console.log(`pep440 legacy oracle: compared ${q.legacy.length} specifiers; ${problems.length} disagreements`);
  assert.deepEqual(problems.slice(0, 25), [], `${problems.length} disagreements with packaging 21.3`);
});
