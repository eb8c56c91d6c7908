// Directives from bot configs join the stale-ignores classification; files no bot updates are not-updated.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readBotConfigs } from '../../../src/bots/index.js';
import { runChecks } from '../../../src/checks/index.js';
import { staleIgnoresCheck } from '../../../src/checks/stale-ignores/index.js';
import { CODES } from '../../../src/findings/index.js';
import type { Finding } from '../../../src/findings/index.js';
import { buildInventory } from '../../../src/inventory/index.js';
import { fetcherFrom, snapshotOf } from '../snapshot.js';
import type { IndexDesc } from '../snapshot.js';

const F = 'modules/m/files/requirements.txt';
const STORY = '# python_version: 36\nmodule1==1.5.0\nmodule2==2.0.1\n';
const STAGE1: IndexDesc = { module1: { '1.5.0': { requires: ['module2<3.0,>=2.0'] } }, module2: { '2.0.1': {}, '3.0.0': {}, '3.1.0': {} } };
const STAGE2: IndexDesc = { module1: { '1.5.0': { requires: ['module2<3.0,>=2.0'] }, '2.0.0': { requires: ['module2>=3.0'] } }, module2: { '2.0.1': {}, '3.0.0': {}, '3.1.0': {} } };
const FRESH: IndexDesc = { ...STAGE1, module2: { '2.0.1': {}, '2.1.0': {}, '3.0.0': {} } };

/** A config whose rule sits on line 3, as written by hand. */
const renovate = (rule: string): string => `{\n  "extends": ["config:recommended"],\n  ${rule}\n}\n`;
const dependabot = (dir: string, ignore: string): string => `version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: "${dir}"\n    ignore:\n${ignore}\n`;

async function run(files: Record<string, string>, configs: Record<string, string>, desc: IndexDesc, complete = true): Promise<Finding[]> {
  const inventory = buildInventory(Object.entries(files).map(([path, text]) => ({ path, text })));
  const bots = readBotConfigs({ files: Object.entries(configs).map(([path, text]) => ({ path, text })), complete });
  const out = await runChecks([staleIgnoresCheck], inventory, { index: new Map(), mirror: new Map(), metadata: new Map() }, fetcherFrom(snapshotOf(desc)), undefined, { mirrors: [], bots });
  return out.findings;
}

interface Case {
  name: string;
  files?: Record<string, string>;
  configs: Record<string, string>;
  index: IndexDesc;
  expect: Array<{ code: Finding['code']; file: string; line: number; message: RegExp; changes?: Record<string, string>; pin?: number }>;
}

const cases: Case[] = [
  { name: 'Renovate ignoreDeps that could move: stale-ignore at the config line', configs: { 'renovate.json': renovate('"ignoreDeps": ["module2"]') }, index: FRESH,
    expect: [{ code: 'stale-ignore', file: 'renovate.json', line: 3, pin: 3, changes: { module2: '2.1.0' }, message: /module2 2\.0\.1 is held by "renovate\.json ignoreDeps "module2"", but 2\.1\.0 is available/ }] },
  { name: 'Renovate ignoreDeps still needed: justified', configs: { 'renovate.json': renovate('"ignoreDeps": ["module2"]') }, index: STAGE1,
    expect: [{ code: 'justified-ignore', file: 'renovate.json', line: 3, pin: 3, message: /module1 1\.5\.0 requires module2<3\.0,>=2\.0/ }] },
  { name: 'Renovate packageRules enabled: false that blocks module1: the joint update', configs: { 'renovate.json': renovate('"packageRules": [{"matchPackageNames": ["module2"], "enabled": false}]') }, index: STAGE2,
    expect: [{ code: 'blocking-ignore', file: 'renovate.json', line: 3, pin: 3, changes: { module1: '2.0.0', module2: '3.1.0' }, message: /the update Renovate proposes for module1 1\.5\.0\) requires module2>=3\.0/ }] },
  { name: 'Renovate allowedVersions "<3.0" with no dependent needing it: stale-filter', files: { [F]: '# python_version: 36\nmodule2==2.0.1\n' }, configs: { 'renovate.json': renovate('"packageRules": [{"matchPackageNames": ["module2"], "allowedVersions": "<3.0"}]') }, index: STAGE1,
    expect: [{ code: 'stale-filter', file: 'renovate.json', line: 3, pin: 2, changes: { module2: '3.1.0' }, message: /keeps module2 from 3\.1\.0/ }] },
  { name: 'Renovate rule for another module\'s files: nothing', configs: { 'renovate.json': renovate('"packageRules": [{"matchFileNames": ["modules/other/**"], "enabled": false}]') }, index: FRESH, expect: [] },
  { name: 'Renovate rule for npm: nothing', configs: { 'renovate.json': renovate('"packageRules": [{"matchManagers": ["npm"], "matchPackageNames": ["module2"], "enabled": false}]') }, index: FRESH, expect: [] },
  { name: 'Renovate ignoreDeps that misses only by spelling', configs: { 'renovate.json': renovate('"ignoreDeps": ["Module2"]') }, index: FRESH,
    expect: [{ code: 'directive-no-effect', file: 'renovate.json', line: 3, message: /matches no pin, only because of spelling: Renovate compares ignoreDeps with the name as written .*"module2"/ }] },
  { name: 'allowedVersions beside matchUpdateTypes: Renovate refuses the config', configs: { 'renovate.json': renovate('"packageRules": [{"matchPackageNames": ["module2"], "matchUpdateTypes": ["major"], "allowedVersions": "<3"}]') }, index: FRESH,
    expect: [
      { code: 'directive-no-effect', file: 'renovate.json', line: 3, message: /cannot combine both matchUpdateTypes and allowedVersions/ },
      { code: 'not-updated', file: F, line: 1, message: /Renovate stops on renovate\.json/ },
    ] },
  { name: 'Dependabot ignore on a file its entry reads: stale-ignore at the entry', configs: { '.github/dependabot.yml': dependabot('/modules/m/files', '      - dependency-name: "MODULE2"') }, index: FRESH,
    expect: [{ code: 'stale-ignore', file: '.github/dependabot.yml', line: 6, pin: 3, changes: { module2: '2.1.0' }, message: /held by "\.github\/dependabot\.yml updates\[0\]\.ignore\[0\] "MODULE2""/ }] },
  { name: 'Dependabot update-types semver-major, still needed below 3: justified', configs: { '.github/dependabot.yml': dependabot('/modules/m', '      - dependency-name: "module2"\n        update-types: ["version-update:semver-major"]') }, index: STAGE1,
    expect: [{ code: 'justified-ignore', file: '.github/dependabot.yml', line: 6, pin: 3, message: /still needed/ }] },
  { name: 'Dependabot at "/" does not reach modules/m/files: not-updated, and its ignore matches nothing', configs: { '.github/dependabot.yml': dependabot('/', '      - dependency-name: "module2"') }, index: FRESH,
    expect: [
      { code: 'not-updated', file: F, line: 1, message: /No configured update bot updates modules\/m\/files\/requirements\.txt.*Dependabot's pip entry reads "\/" \(line 4\), .*immediate subfolders only/ },
      { code: 'directive-no-effect', file: '.github/dependabot.yml', line: 6, message: /matches no pin in the requirements files Dependabot updates/ },
    ] },
  { name: 'the four signing files Renovate\'s default pattern misses are not-updated', files: Object.fromEntries(['requirements.txt', 'requirements.ff-prod.txt', 'requirements.tb-prod.txt', 'requirements.adhoc-prod.txt', 'requirements.vpn-prod.txt'].map((n) => [`modules/signing_scriptworker/files/${n}`, 'module2==2.0.1\n'])),
    configs: { 'renovate.json': '{"extends": ["config:recommended"]}' }, index: FRESH,
    expect: ['ff', 'tb', 'adhoc', 'vpn'].map((k) => ({ code: 'not-updated' as const, file: `modules/signing_scriptworker/files/requirements.${k}-prod.txt`, line: 1, message: new RegExp(`requirements\\.${k}-prod\\.txt does not match pip_requirements' file pattern`) })) },
  { name: 'a renovate.json that does not parse: a finding at its line, and Renovate updates nothing', configs: { 'renovate.json': '{\n  "ignoreDeps": ["module2",\n}' }, index: FRESH,
    expect: [
      { code: 'directive-no-effect', file: 'renovate.json', line: 3, message: /Renovate cannot parse renovate\.json/ },
      { code: 'not-updated', file: F, line: 1, message: /Renovate stops on renovate\.json/ },
    ] },
];

describe('stale-ignores: directives from bot configs', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const findings = (await run(c.files ?? { [F]: STORY }, c.configs, c.index)).filter((f) => f.code !== 'pin-drift');
      const got = findings.map((f) => `${f.code} ${f.file}:${f.line} ${f.message}`);
      // Every finding's details keep to its code's strict schema (what report.json is parsed with).
      for (const f of findings) CODES[f.code].details.parse(f.details);
      assert.equal(findings.length, c.expect.length, got.join('\n'));
      for (const e of c.expect) {
        const f = findings.find((x) => x.code === e.code && x.file === e.file && x.line === e.line && e.message.test(x.message));
        assert.ok(f, `${e.code} ${e.file}:${e.line} ${e.message} in\n${got.join('\n')}`);
        if (e.changes) assert.deepEqual(Object.fromEntries((f.suggestion?.changes ?? []).map((ch) => [ch.package, ch.to])), e.changes);
        if (e.pin) {
          const d = f.details as { source?: { file: string; line: number }; pin?: { line: number } };
          assert.deepEqual(d.source, { file: e.file, line: e.line });
          assert.equal(d.pin?.line, e.pin);
        }
      }
    });
  }
  test(`${cases.length} cases`, () => assert.equal(cases.length, 13));
});

describe('details.bots says what each configured bot does with the pin', () => {
  test('a # pyup: ignore in a file Renovate does not read', async () => {
    const files = { 'modules/m/files/requirements.ff-prod.txt': '# python_version: 36\nmodule2==2.0.1  # pyup: ignore\n' };
    const findings = await run(files, { 'renovate.json': '{}', '.pyup.yml': 'search: True\n' }, FRESH);
    const f = findings.find((x) => x.code === 'stale-ignore');
    assert.ok(f, findings.map((x) => x.code).join());
    const bots = (f.details as { bots: Record<string, string> }).bots;
    assert.match(bots.renovate!, /does not update this file: requirements\.ff-prod\.txt does not match/);
    assert.match(bots.pyup!, /skips the pin/);
    assert.ok(!findings.some((x) => x.code === 'not-updated'), 'pyup updates it');
  });
  test('a rule that holds the pin is named for its bot', async () => {
    const findings = await run({ [F]: '# python_version: 36\nmodule2==2.0.1  # pyup: ignore\n' }, { 'renovate.json': renovate('"ignoreDeps": ["module2"]') }, FRESH);
    const pyup = findings.find((x) => x.code === 'stale-ignore' && x.file === F);
    assert.match((pyup!.details as { bots: Record<string, string> }).bots.renovate!, /renovate\.json:3 ignoreDeps "module2" ignores it/);
    assert.equal(findings.filter((x) => x.code === 'stale-ignore').length, 2);
  });
  test('an external preset is named as unresolved, never guessed', async () => {
    const findings = await run({ 'modules/m/files/requirements.ff-prod.txt': 'module2==2.0.1\n' }, { 'renovate.json': '{"extends": ["github>mozilla/renovate-config"]}' }, FRESH);
    const f = findings.find((x) => x.code === 'not-updated');
    assert.deepEqual((f?.details as { unresolvedPresets?: string[] }).unresolvedPresets, ['github>mozilla/renovate-config']);
  });
  test('a run narrowed to some modules does not call a rule unused', async () => {
    const findings = await run({ [F]: STORY }, { '.github/dependabot.yml': dependabot('/modules/m/files', '      - dependency-name: "elsewhere"') }, FRESH, false);
    assert.deepEqual(findings.filter((x) => x.code === 'directive-no-effect'), []);
  });
});

describe('a config the bot stops on', () => {
  test('is said once; its pip rules are not also called unused', async () => {
    const text = '{\n  "packageRules": [\n    {"matchManagers": ["pip_requirements"], "matchPackageNames": ["nothing-here"], "enabled": false},\n    {"matchPackageNames": ["module2"], "matchUpdateTypes": ["major"], "allowedVersions": "<3"}\n  ]\n}\n';
    const findings = await run({ [F]: STORY }, { 'renovate.json': text }, FRESH);
    const notes = findings.filter((f) => f.code === 'directive-no-effect');
    assert.equal(notes.length, 1, notes.map((f) => f.message).join('\n'));
    assert.equal(notes[0]!.line, 4);
    assert.equal(findings.filter((f) => f.code === 'not-updated').length, 1);
  });
  test('a pip-scoped rule of a config Renovate reads, matching nothing, is said', async () => {
    const text = '{\n  "packageRules": [\n    {"matchManagers": ["pip_requirements"], "matchPackageNames": ["nothing-here"], "enabled": false}\n  ]\n}\n';
    const notes = (await run({ [F]: STORY }, { 'renovate.json': text }, FRESH)).filter((f) => f.code === 'directive-no-effect');
    assert.deepEqual(notes.map((f) => [f.line, (f.details as { reason?: string }).reason]), [[3, 'matches-nothing']]);
  });
});
