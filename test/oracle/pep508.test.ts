// Differential test of src/pep508 against pip's vendored packaging: 24.1 (pip 24.2, python 3.13)
// for requirements, markers and marker evaluation; 21.3 (pip 23.2.1, python 3.11) for the
// legacy-specifier mode. One python process per interpreter, JSON over stdin/stdout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import {
  MarkerEvaluationError,
  RequirementParseError,
  evaluateMarker,
  markerToString,
  parseMarker,
  parseRequirement,
} from '../../src/pep508/index.js';
import type { Marker, MarkerEnvironment, Requirement } from '../../src/pep508/index.js';
import { requirePython } from '../support/pythons.js';
import { EDGE_MARKERS, EDGE_REQUIREMENTS, EXTRA_VALUES, Gen, environments, legacyRequirement, marker, prng, requirement } from './pep508-generate.js';

const ORACLE = fileURLToPath(new URL('./pep508_oracle.py', import.meta.url));
// Replay or widen the search: PEP508_ORACLE_SEED=<n> PEP508_ORACLE_SCALE=<k> node scripts/run-tests.mjs oracle/pep508
const SEED = Number(process.env.PEP508_ORACLE_SEED ?? 508);
const SCALE = Number(process.env.PEP508_ORACLE_SCALE ?? 1);

type Failure = { ok: false; error: string; message?: string | null };
type ReqAnswer =
  | { ok: true; name: string; extras: string[]; specifier: string; url: string | null; marker: string | null; str: string; legacy?: string[] }
  | Failure;
type MarkerAnswer = { ok: true; str: string } | Failure;
type EvalAnswer = { ok: true; value: boolean } | Failure;
interface Answers {
  requirements: ReqAnswer[];
  markers: MarkerAnswer[];
  evaluations: EvalAnswer[];
}

async function ask(python: string, query: object): Promise<Answers> {
  const { stdout } = await execa(python, [ORACLE], { input: JSON.stringify(query) });
  return JSON.parse(stdout) as Answers;
}

function attempt<T>(fn: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Compare one parse outcome; returns a description of the disagreement or null. */
function compareFailure(ours: { ok: false; error: unknown }, theirs: Failure): string | null {
  if (!(ours.error instanceof RequirementParseError)) return `we threw ${String(ours.error)}`;
  if (theirs.message && theirs.message !== ours.error.message) return `message\n  ours:   ${ours.error.message}\n  theirs: ${theirs.message}`;
  return null;
}

function compareRequirement(r: Requirement, theirs: ReqAnswer & { ok: true }, legacy: boolean): string | null {
  const ours = {
    name: r.name,
    extras: [...r.extras].sort(),
    specifier: r.specifier,
    url: r.url,
    marker: r.marker ? markerToString(r.marker) : null,
    str: r.toString(),
    ...(legacy ? { legacy: r.specifiers.filter((s) => s.legacy).map((s) => s.operator + s.version).sort() } : {}),
  };
  const { ok: _ok, ...expected } = theirs;
  try {
    assert.deepEqual(ours, expected);
    return null;
  } catch {
    return `ours ${JSON.stringify(ours)}\n  theirs ${JSON.stringify(expected)}`;
  }
}

const EVAL_ERRORS: Record<string, MarkerEvaluationError['kind']> = {
  KeyError: 'undefined-variable',
  UndefinedComparison: 'undefined-comparison',
  InvalidVersion: 'invalid-version',
};

test('pep508 requirements, markers and evaluation agree with packaging 24.1 (pip 24.2)', async (t) => {
  const python = requirePython('3.13', t);
  if (!python) return;
  const g = new Gen(prng(SEED));
  const requirements = [...EDGE_REQUIREMENTS, ...Array.from({ length: 600 * SCALE }, () => requirement(g))];
  const markers = [...EDGE_MARKERS, ...Array.from({ length: 300 * SCALE }, () => marker(g))];
  const envs = environments();
  const evaluations: Array<[number, MarkerEnvironment & { extra: string }]> = [];
  markers.forEach((_, i) => {
    for (let k = 0; k < 3; k++) evaluations.push([i, { ...g.pick(envs), extra: g.pick(EXTRA_VALUES) }]);
  });

  const answers = await ask(python, { mode: 'modern', requirements, markers, evaluations });
  const problems: string[] = [];
  let valid = 0;
  // Rejections compare packaging's message only when it gives one: count those comparisons.
  let messages = 0;
  const failed = (ours: { ok: boolean }, theirs: { ok: boolean; message?: string | null }): void => {
    if (!ours.ok && !theirs.ok && theirs.message) messages++;
  };
  requirements.forEach((text, i) => {
    const theirs = answers.requirements[i];
    assert.ok(theirs, 'oracle answered every requirement');
    const ours = attempt(() => parseRequirement(text));
    let problem: string | null;
    if (ours.ok !== theirs.ok) problem = ours.ok ? `we accept, packaging raised ${theirs.ok ? '' : theirs.error}` : `we reject: ${String(ours.error)}`;
    else if (ours.ok && theirs.ok) problem = compareRequirement(ours.value, theirs, false);
    else problem = !ours.ok && !theirs.ok ? compareFailure(ours, theirs) : null;
    if (theirs.ok) valid++;
    failed(ours, theirs);
    if (problem) problems.push(`requirement ${JSON.stringify(text)}: ${problem}`);
  });

  const parsed = new Map<number, Marker>();
  markers.forEach((text, i) => {
    const theirs = answers.markers[i];
    assert.ok(theirs, 'oracle answered every marker');
    const ours = attempt(() => parseMarker(text));
    if (ours.ok) parsed.set(i, ours.value);
    let problem: string | null = null;
    if (ours.ok !== theirs.ok) problem = ours.ok ? 'we accept, packaging rejects' : `we reject: ${String(ours.error)}`;
    else if (ours.ok && theirs.ok && markerToString(ours.value) !== theirs.str) problem = `str ours ${markerToString(ours.value)} theirs ${theirs.str}`;
    else if (!ours.ok && !theirs.ok) problem = compareFailure(ours, theirs);
    failed(ours, theirs);
    if (problem) problems.push(`marker ${JSON.stringify(text)}: ${problem}`);
  });

  let evaluated = 0;
  let raised = 0;
  evaluations.forEach(([index, env], i) => {
    const theirs = answers.evaluations[i];
    const m = parsed.get(index);
    if (!m) return; // packaging could not parse it either (checked above)
    assert.ok(theirs, 'oracle answered every evaluation');
    const { extra, ...base } = env;
    const ours = attempt(() => evaluateMarker(m, base, extra === '' ? [] : [extra]));
    evaluated++;
    const where = `evaluate ${JSON.stringify(markers[index])} extra=${JSON.stringify(extra)} ${env.sys_platform} ${env.python_full_version} ${env.platform_machine}`;
    if (!theirs.ok) {
      raised++;
      const kind = ours.ok ? null : ours.error instanceof MarkerEvaluationError ? ours.error.kind : String(ours.error);
      if (kind !== EVAL_ERRORS[theirs.error]) problems.push(`${where}: ours ${ours.ok ? ours.value : kind}, packaging raised ${theirs.error}`);
    } else if (!ours.ok || ours.value !== theirs.value) {
      problems.push(`${where}: ours ${ours.ok ? ours.value : String(ours.error)}, packaging ${theirs.value}`);
    }
  });

  t.diagnostic(`requirements: ${requirements.length} (${valid} valid); markers: ${markers.length}; evaluations: ${evaluated} (${raised} raise in packaging); error messages compared: ${messages}; disagreements: ${problems.length}`);
  assert.ok(requirements.length >= 300 && evaluated >= 500, 'enough cases were compared');
  assert.ok(messages >= 100, `only ${messages} error messages were compared with packaging's`);
  assert.deepEqual(problems.slice(0, 15), [], `${problems.length} disagreements with packaging 24.1`);
});

test('pep508 legacy specifiers agree with packaging 21.3 (pip 23.2.1)', async (t) => {
  const python = requirePython('3.11', t);
  if (!python) return;
  const g = new Gen(prng(SEED + 1));
  const requirements = [
    'foo==0.8.7p1', 'foo==${version}', 'foo>=1.0.*', 'foo<=2.0-foo', 'foo (==0.8.7p1, >=0.1) ; python_version < "3"',
    'foo==', 'foo==1.0,==1.0.0', 'foo~=1.0,~=1.0.0', 'foo===a,b', 'foo~=latest', 'foo!= latest',
    ...Array.from({ length: 300 * SCALE }, () => legacyRequirement(g)),
  ];
  const answers = await ask(python, { mode: 'legacy', requirements });
  const problems: string[] = [];
  let legacyCount = 0;
  requirements.forEach((text, i) => {
    const theirs = answers.requirements[i];
    assert.ok(theirs, 'oracle answered every requirement');
    const ours = attempt(() => parseRequirement(text, { allowLegacySpecifiers: true }));
    if (theirs.ok && (theirs.legacy?.length ?? 0) > 0) legacyCount++;
    // 21.3's pyparsing error texts differ from 24.1's; only the verdict is compared for failures.
    if (ours.ok !== theirs.ok) problems.push(`${JSON.stringify(text)}: ours ${ours.ok ? 'valid' : String(ours.error)}, packaging ${theirs.ok ? 'valid' : theirs.error}`);
    else if (ours.ok && theirs.ok) {
      const problem = compareRequirement(ours.value, theirs, true);
      if (problem) problems.push(`${JSON.stringify(text)}: ${problem}`);
    }
  });
  t.diagnostic(`legacy requirements: ${requirements.length} (${legacyCount} with a LegacySpecifier); disagreements: ${problems.length}`);
  assert.ok(legacyCount > 20, 'the generator reaches legacy specifiers');
  assert.deepEqual(problems.slice(0, 15), [], `${problems.length} disagreements with packaging 21.3`);
});
