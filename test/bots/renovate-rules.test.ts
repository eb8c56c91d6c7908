import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRenovateConfig, renovateCoverage, renovateHoldRules, renovateMatches, renovateUpdateType } from '../../src/bots/index.js';

const M = 'modules/signing_scriptworker/files';

/** [config, path, updates, why] — the four signing files of build-puppet's successor miss the default pattern. */
const coverage: Array<[object, string, boolean, RegExp?]> = [
  [{}, `${M}/requirements.txt`, true],
  [{}, `${M}/requirements.prod.txt`, true],
  [{}, `${M}/requirements-prod.txt`, true],
  [{}, `${M}/dev-requirements.txt`, true],
  [{}, `${M}/requirements.pip`, true],
  [{}, `${M}/requirements.ff-prod.txt`, false, /does not match pip_requirements' file pattern/],
  [{}, `${M}/requirements.tb-prod.txt`, false, /does not match/],
  [{}, `${M}/requirements.adhoc-prod.txt`, false, /does not match/],
  [{}, `${M}/requirements.vpn-prod.txt`, false, /does not match/],
  [{}, `${M}/requirements_prod.txt`, false, /does not match/],
  [{}, `${M}/mac_requirements.txt`, true],
  [{}, `${M}/requirements.in`, false, /does not match/],
  [{ 'pip_requirements': { fileMatch: ['(^|/)requirements\\.[\\w-]+\\.txt$'] } }, `${M}/requirements.ff-prod.txt`, true],
  [{ 'pip_requirements': { managerFilePatterns: ['**/requirements.*-prod.txt'] } }, `${M}/requirements.vpn-prod.txt`, true],
  [{ 'pip_requirements': { managerFilePatterns: ['/requirements\\.adhoc-prod\\.txt$/'] } }, `${M}/requirements.adhoc-prod.txt`, true],
  [{ extends: ['config:recommended'] }, 'tests/requirements.txt', false, /ignorePaths "\*\*\/tests\/\*\*" \(config:recommended/],
  [{ extends: ['config:recommended'] }, 'examples/puppet-repo/modules/a/files/requirements.txt', false, /\*\*\/examples\/\*\*/],
  [{}, 'tests/requirements.txt', true],
  [{ ignorePaths: ['modules/old'] }, 'modules/old/files/requirements.txt', false, /ignorePaths "modules\/old"/],
  [{ enabledManagers: ['npm'] }, `${M}/requirements.txt`, false, /enabledManagers .* does not list pip_requirements/],
  [{ 'pip_requirements': { enabled: false } }, `${M}/requirements.txt`, false, /pip_requirements is disabled/],
  [{ enabled: false }, `${M}/requirements.txt`, false, /Renovate is disabled/],
  [{ extends: [':disableRenovate'] }, `${M}/requirements.txt`, false, /Renovate is disabled/],
  [{ includePaths: ['modules/other/**'] }, `${M}/requirements.txt`, false, /no includePaths entry/],
];

test('renovateCoverage: which requirements files Renovate 39 reads', () => {
  for (const [json, path, updates, why] of coverage) {
    const c = renovateCoverage(parseRenovateConfig('renovate.json', JSON.stringify(json))!, path, false);
    assert.equal(c.updates, updates, `${JSON.stringify(json)} ${path}: ${c.why}`);
    if (why) assert.match(c.why, why, path);
    if (!updates) assert.ok(c.fix, `a fix for ${path}`);
  }
  assert.equal(coverage.length, 24);
});

test('the fix for a missed file is a pattern that matches it', () => {
  const config = parseRenovateConfig('renovate.json', '{}')!;
  const c = renovateCoverage(config, `${M}/requirements.ff-prod.txt`, false);
  const json = /add "pip_requirements": (\{.*\}) to renovate\.json/.exec(c.fix!)![1]!;
  const fixed = parseRenovateConfig('renovate.json', JSON.stringify({ pip_requirements: JSON.parse(json).fileMatch ? JSON.parse(json) : {} }))!;
  assert.equal(renovateCoverage(fixed, `${M}/requirements.ff-prod.txt`, false).updates, true);
});

test('pip-compile: only when configured, and when the header and sources are there', () => {
  const config = parseRenovateConfig('renovate.json', JSON.stringify({ enabledManagers: ['pip-compile'], 'pip-compile': { fileMatch: ['(^|/)requirements\\.txt$'] } }))!;
  assert.equal(renovateCoverage(config, `${M}/requirements.txt`, true).updates, true);
  assert.deepEqual(renovateCoverage(config, `${M}/requirements.txt`, true).managers, ['pip-compile']);
  assert.match(renovateCoverage(config, `${M}/requirements.txt`, false).why, /no pip-compile header/);
});

interface RuleCase { name: string; config: object; dep: string; file?: string; applies: boolean[]; spelling?: RegExp }
const F = `${M}/requirements.txt`;
const rules: RuleCase[] = [
  { name: 'ignoreDeps compares the name as written', config: { ignoreDeps: ['zeta-lib'] }, dep: 'zeta-lib', applies: [true] },
  { name: 'ignoreDeps "zeta-lib" does not hold Zeta_Lib (and says so)', config: { ignoreDeps: ['zeta-lib'] }, dep: 'Zeta_Lib', applies: [false], spelling: /as written .*"Zeta_Lib"/ },
  { name: 'matchPackageNames exact (normalised packageName)', config: { packageRules: [{ matchPackageNames: ['zeta-lib'], enabled: false }] }, dep: 'Zeta_Lib', applies: [true] },
  { name: 'matchPackageNames "Zeta_Lib" never matches: Renovate compares with zeta-lib', config: { packageRules: [{ matchPackageNames: ['Zeta_Lib'], enabled: false }] }, dep: 'Zeta_Lib', applies: [false], spelling: /normalised name "zeta-lib"/ },
  { name: 'matchPackageNames glob', config: { packageRules: [{ matchPackageNames: ['taskcluster*'], enabled: false }] }, dep: 'taskcluster-urls', applies: [true] },
  { name: 'matchPackageNames /regex/', config: { packageRules: [{ matchPackageNames: ['/^django-/'], enabled: false }] }, dep: 'django-cors', applies: [true] },
  { name: 'matchPackageNames negation only', config: { packageRules: [{ matchPackageNames: ['!requests'], enabled: false }] }, dep: 'requests', applies: [false] },
  { name: 'matchPackageNames with a negation', config: { packageRules: [{ matchPackageNames: ['*', '!requests'], enabled: false }] }, dep: 'urllib3', applies: [true] },
  { name: 'matchDepNames compares the name as written, case-insensitive', config: { packageRules: [{ matchDepNames: ['zeta_lib'], enabled: false }] }, dep: 'Zeta_Lib', applies: [true] },
  { name: 'matchFileNames glob: another module', config: { packageRules: [{ matchFileNames: ['modules/other/**'], enabled: false }] }, dep: 'a', applies: [false] },
  { name: 'matchFileNames glob: this module', config: { packageRules: [{ matchFileNames: ['modules/signing_*/**'], enabled: false }] }, dep: 'a', applies: [true] },
  { name: 'matchManagers npm does not touch pip', config: { packageRules: [{ matchManagers: ['npm'], matchPackageNames: ['a'], enabled: false }] }, dep: 'a', applies: [false] },
  { name: 'matchManagers pip_requirements', config: { packageRules: [{ matchManagers: ['pip_requirements'], matchPackageNames: ['a'], allowedVersions: '<2' }] }, dep: 'a', applies: [true] },
  { name: 'matchDatasources pypi', config: { packageRules: [{ matchDatasources: ['pypi'], enabled: false }] }, dep: 'a', applies: [true] },
  { name: 'a rule that changes nothing it holds is not a hold rule', config: { packageRules: [{ matchPackageNames: ['a'], rangeStrategy: 'pin' }] }, dep: 'a', applies: [] },
  { name: 'old matchPackagePatterns', config: { packageRules: [{ matchPackagePatterns: ['^a$'], enabled: false }] }, dep: 'a', applies: [true] },
  { name: 'an unevaluated matcher: not applied', config: { packageRules: [{ matchPackageNames: ['a'], matchBaseBranches: ['main'], enabled: false }] }, dep: 'a', applies: [false] },
];

test('renovateMatches: which rules hold a pip dependency, matched as Renovate 39 matches', () => {
  for (const c of rules) {
    const config = parseRenovateConfig('renovate.json', JSON.stringify(c.config))!;
    const m = renovateMatches(config, { file: c.file ?? F, name: c.dep, version: '1.0' }, ['pip_requirements']);
    assert.deepEqual(m.map((x) => x.applies), c.applies, c.name);
    if (c.name.startsWith('an unevaluated matcher')) assert.equal(m[0]!.unevaluated, 'matchBaseBranches');
    if (c.spelling) assert.match(m[0]!.spelling ?? '', c.spelling, c.name);
    else assert.ok(m.every((x) => x.spelling === null), `${c.name}: ${m.map((x) => x.spelling).join()}`);
  }
  assert.equal(rules.length, 17);
});

test('hold rules: kinds, filters and rules that cannot work', () => {
  const config = parseRenovateConfig('renovate.json', JSON.stringify({ packageRules: [
    { matchPackageNames: ['a'], enabled: false },
    { matchPackageNames: ['a'], allowedVersions: '<3.0' },
    { matchPackageNames: ['a'], allowedVersions: '/^2\\./' },
    { matchPackageNames: ['a'], matchUpdateTypes: ['major'], enabled: false },
    { matchPackageNames: ['a'], matchUpdateTypes: ['major'], allowedVersions: '<3' },
    { matchPackageNames: ['a'], allowedVersions: 'not a range' },
  ] }))!;
  const holds = renovateHoldRules(config).map((h) => h.rule);
  assert.deepEqual(holds.map((h) => h.kind), ['ignore', 'filter', 'filter', 'filter', 'filter', 'filter']);
  const admits = (i: number, v: string): boolean => holds[i]!.filter!.admits(v, '2.0.1');
  assert.deepEqual([admits(1, '2.9'), admits(1, '3.0'), admits(2, '2.5'), admits(2, '3.0'), admits(3, '2.1'), admits(3, '3.0')], [true, false, true, false, true, false]);
  assert.match(holds[4]!.noEffect!, /combines matchUpdateTypes with allowedVersions/);
  assert.match(holds[5]!.noEffect!, /Invalid allowedVersions/);
  assert.equal(holds.filter((h) => h.noEffect).length, 2);
});

test('renovateUpdateType: by release segment', () => {
  const cases: Array<[string, string, string]> = [['1.2.3', '2.0.0', 'major'], ['1.2.3', '1.3.0', 'minor'], ['1.2.3', '1.2.4', 'patch'], ['1.2', '1.2.0.1', 'patch'], ['1.2.3', '1.2.3.post1', 'patch']];
  for (const [a, b, t] of cases) assert.equal(renovateUpdateType(a, b), t, `${a} → ${b}`);
});
