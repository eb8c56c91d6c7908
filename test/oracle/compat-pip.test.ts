/**
 * Differential test: `pyup-checks compat` against real pip on python 2.7 (pip 19.2.3), 3.6 (pip 18.1)
 * and 3.11 (pip 23.2.1). A seeded universe of ~20 projects (test/oracle/compat/universe.ts) is built
 * into wheels, served to us on a loopback index and given to pip as a find-links dir; ~36 generated
 * pin sets (test/oracle/compat/pin-sets.ts) become one puppet module each. For every set × python:
 * pip install --no-deps (+ --ignore-requires-python when refused) then pip check, and we assert
 * - our cell status is `fail` exactly when pip refused the install or pip check failed,
 * - we report `requires-python` exactly when pip refused the install,
 * - our (dependent, dependency) pairs of `conflict` / `missing-dependency` equal pip check's.
 * pip check never follows extras (it cannot know a pin asked for `pkg[x]`); compat does, as pip's
 * resolver and the service's own imports do, and marks those findings `details.viaExtra`. The
 * comparison with pip check leaves exactly those out, and asserts each of them is an extra's.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { buildProjects, writeFindLinksDir } from '../support/distributions.js';
import { startIndexServer } from '../support/index-server.js';
import { py } from '../support/pip-run.js';
import { requirePython } from '../support/pythons.js';
import { generatePinSets } from './compat/pin-sets.js';
import type { PinSet } from './compat/pin-sets.js';
import { canonical, parsePipCheck, pipVerdict } from './compat/pip-oracle.js';
import type { PipVerdict } from './compat/pip-oracle.js';
import { cellKey, requirementsPath, runOurs, writeRepo } from './compat/ours.js';
import type { OurCell } from './compat/ours.js';
import { createRng } from './compat/prng.js';
import { generateUniverse, ORACLE_PYTHONS } from './compat/universe.js';
import type { Universe } from './compat/universe.js';

// PYUP_ORACLE_SEED explores other universes; the default is what CI runs.
const SEED = Number(process.env.PYUP_ORACLE_SEED ?? 0x5eed_c0de);
const UNIVERSE_SIZE = 20;
const SET_COUNT = 36;
const PIP_POOL = 3;

describe('pip check output parser', () => {
  const cases: Array<{ line: string; want: ReturnType<typeof parsePipCheck>['problems'][number] | null }> = [
    { line: 'zq-alpha 1.0 requires zq-gamma, which is not installed.', want: { kind: 'missing', dependent: 'zq-alpha', dependency: 'zq-gamma', line: '' } },
    {
      line: 'zq-alpha 1.0 has requirement Zq.Beta>=2,<3; python_version >= "3", but you have zq-beta 1.0.',
      want: { kind: 'conflict', dependent: 'zq-alpha', dependency: 'zq-beta', line: '' },
    },
    { line: 'Zq_Pi-Rho 2.0rc1 has requirement zq-tau-up==1.3, but you have zq-tau-up 1.3+loc1.', want: { kind: 'conflict', dependent: 'zq-pi-rho', dependency: 'zq-tau-up', line: '' } },
    { line: 'No broken requirements found.', want: null },
  ];
  for (const c of cases) {
    test(c.line, () => {
      const out = parsePipCheck(`${c.line}\n`);
      assert.deepEqual(out.unparsed, []);
      assert.deepEqual(out.problems, c.want ? [{ ...c.want, line: c.line }] : []);
    });
  }
  test('an unknown line is kept as unparsed', () => {
    assert.deepEqual(parsePipCheck('something else\n').unparsed, ['something else']);
  });
});

interface Comparison {
  set: PinSet;
  python: string;
  target: string;
  pip: PipVerdict;
  ours: OurCell | undefined;
}

function pipPairs(v: PipVerdict): string[] {
  return [...new Set(v.problems.map((p) => `${p.dependent} -> ${p.dependency}`))].sort();
}

/** The Requires-Dist lines behind a `dependent -> dependency` pair, as the universe generated them. */
function requirementLines(universe: Universe, set: PinSet, pair: string): string {
  const [dependent = '', dependency = ''] = pair.split(' -> ');
  const pin = set.pins.find((p) => universe.projects[p.project]?.canonical === dependent);
  const project = pin ? universe.projects[pin.project] : undefined;
  const release = project?.releases.find((r) => r.version === pin?.version);
  const lines = (release?.dependencies ?? []).filter((d) => universe.projects[d.project]?.canonical === dependency).map((d) => JSON.stringify(d.text));
  const extras = pin && pin.extras.length > 0 ? ` (pinned with [${pin.extras.join(',')}])` : '';
  return `${pair}: ${dependent} ${pin?.version ?? '?'}${extras} requires ${lines.join(', ') || '?'}`;
}

function disagreement(c: Comparison, universe: Universe): string | null {
  const reasons: string[] = [];
  if (!c.ours) return `no compat result for ${c.set.id} on ${c.target}`;
  const pipFails = c.pip.installRefused || c.pip.checkExitCode !== 0;
  if ((c.ours.pipCheckStatus === 'fail') !== pipFails) reasons.push(`status: ours ${c.ours.pipCheckStatus} (cell ${c.ours.status}), pip ${pipFails ? 'fail' : 'pass'}`);
  for (const pair of c.ours.extraPairs) {
    if (pipPairs(c.pip).includes(pair)) reasons.push(`${pair} is marked viaExtra, but pip check reports it too`);
  }
  if (c.ours.requiresPython.length > 0 !== c.pip.installRefused) {
    reasons.push(`requires-python: ours [${c.ours.requiresPython.join(', ')}], pip install ${c.pip.installRefused ? 'refused' : 'accepted'} the file`);
  }
  const ours = c.ours.pairs;
  const theirs = pipPairs(c.pip);
  if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
    reasons.push(`pairs: ours [${ours.join('; ')}], pip [${theirs.join('; ')}]`);
    for (const pair of ours.filter((p) => !theirs.includes(p))) reasons.push(`only ours: ${requirementLines(universe, c.set, pair)}`);
    for (const pair of theirs.filter((p) => !ours.includes(p))) reasons.push(`only pip: ${requirementLines(universe, c.set, pair)}`);
  }
  if (c.pip.foreign.length > 0) reasons.push(`pip check lines outside the universe: ${c.pip.foreign.join(' | ')}`);
  if (reasons.length === 0) return null;
  return [
    `${c.set.id} on python ${c.python} (${c.target}):`,
    ...reasons.map((r) => `  - ${r}`),
    '  requirements:',
    ...c.set.text.trim().split('\n').map((l) => `    ${l}`),
    '  pip check said:',
    ...(c.pip.problems.length > 0 ? c.pip.problems.map((p) => `    ${p.line}`) : ['    (nothing)']),
    ...(c.pip.installRefused ? [`  pip install: ${c.pip.installOutput.trim().split('\n').slice(-2).join(' / ')}`] : []),
    '  we said:',
    ...(c.ours.messages.length > 0 ? c.ours.messages.map((m) => `    ${m}`) : ['    (nothing)']),
  ].join('\n');
}

describe('compat agrees with pip install --no-deps + pip check', () => {
  test(`${SET_COUNT} generated pin sets × python ${ORACLE_PYTHONS.join('/')}`, { timeout: 600_000 }, async (t) => {
    const pythons: Array<{ minor: string; exe: string; full: string }> = [];
    for (const minor of ORACLE_PYTHONS) {
      const exe = requirePython(minor, t);
      if (!exe) return;
      const v = await py(exe, 'import platform; print(platform.python_version())');
      assert.equal(v.exitCode, 0, v.stderr);
      pythons.push({ minor, exe, full: v.stdout.trim() });
    }

    const rng = createRng(SEED);
    const universe = generateUniverse(rng, UNIVERSE_SIZE);
    const sets = generatePinSets(rng, universe, SET_COUNT);
    const names = new Set(universe.projects.map((p) => canonical(p.canonical)));

    const root = await mkdtemp(join(tmpdir(), 'pyup-compat-oracle-'));
    const files = await buildProjects(universe.specs);
    const server = await startIndexServer({ projects: files });
    try {
      const links = join(root, 'links');
      const repo = join(root, 'repo');
      await writeFindLinksDir(files, links);
      await writeRepo(repo, sets);

      const started = Date.now();
      const ours = await runOurs(repo, server.indexUrl, join(root, 'cache'), join(root, 'artifacts'), pythons.map((p) => p.full));
      assert.ok(ours.exitCode === 0 || ours.exitCode === 1, `compat exited ${ours.exitCode}: ${ours.stderr}`);
      const oursMs = Date.now() - started;

      const limit = pLimit(PIP_POOL);
      const comparisons = await Promise.all(
        sets.flatMap((set) =>
          pythons.map((p) =>
            limit(async (): Promise<Comparison> => {
              const pip = await pipVerdict(p.exe, links, requirementsPath(repo, set), join(root, 'pip', set.id, p.minor), names);
              const target = ours.targets.find((id) => id.startsWith(`py${p.minor}-`)) ?? `py${p.minor}-?`;
              return { set, python: p.full, target, pip, ours: ours.cells.get(cellKey(set.id, target)) };
            }),
          ),
        ),
      );
      const pipMs = Date.now() - started - oursMs;

      const problems = comparisons.map((c) => disagreement(c, universe)).filter((d): d is string => d !== null);
      const pipFailing = comparisons.filter((c) => c.pip.installRefused || c.pip.checkExitCode !== 0).length;
      const perPython = pythons.map((p) => {
        const mine = comparisons.filter((c) => c.python === p.full);
        const agree = mine.filter((c) => disagreement(c, universe) === null).length;
        const fails = mine.filter((c) => c.pip.installRefused || c.pip.checkExitCode !== 0).length;
        return `python ${p.full}: ${agree}/${mine.length} agree (pip: ${mine.length - fails} pass, ${fails} fail)`;
      });
      const summary =
        `compat vs pip: ${sets.length} sets × ${pythons.length} pythons = ${comparisons.length} comparisons, ` +
        `${comparisons.length - problems.length} agree; ${perPython.join('; ')}; ` +
        `pip refused ${comparisons.filter((c) => c.pip.installRefused).length} installs for Requires-Python; ours ${oursMs} ms, pip ${pipMs} ms`;
      t.diagnostic(summary);
      process.stderr.write(`${summary}\n`);

      // The generator must keep both outcomes common, or the comparison proves little.
      assert.ok(pipFailing >= comparisons.length * 0.2 && pipFailing <= comparisons.length * 0.8, `pip failed ${pipFailing}/${comparisons.length}: retune the generator`);
      assert.equal(problems.length, 0, `${problems.length} disagreement(s) with pip (seed ${SEED}):\n\n${problems.slice(0, 8).join('\n\n')}`);
    } finally {
      await server.close();
      await rm(root, { recursive: true, force: true });
    }
  });
});
