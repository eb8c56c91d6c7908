import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IGNORE_MODULES_AND_TESTS, parseRenovateConfig } from '../../src/bots/index.js';

test(':ignoreModulesAndTests lists the ignorePaths of Renovate 39 (lib/config/presets/internal/default.ts)', () => {
  assert.deepEqual(IGNORE_MODULES_AND_TESTS, ['**/node_modules/**', '**/bower_components/**', '**/vendor/**', '**/examples/**', '**/__tests__/**', '**/test/**', '**/tests/**', '**/__fixtures__/**']);
});

interface Case { name: string; file?: string; text: string; ignorePaths?: string[]; presets?: Array<[string, string]>; problems?: RegExp[]; fatal?: boolean; rules?: number; none?: boolean }

const cases: Case[] = [
  { name: 'no extends: Renovate\'s default ignorePaths', text: '{}', ignorePaths: ['**/node_modules/**', '**/bower_components/**'] },
  { name: 'config:recommended brings :ignoreModulesAndTests', text: '{"extends": ["config:recommended"]}', ignorePaths: IGNORE_MODULES_AND_TESTS, presets: [['config:recommended', 'modelled']] },
  { name: 'config:base is its old name', text: '{"extends": ["config:base"]}', ignorePaths: IGNORE_MODULES_AND_TESTS },
  { name: 'the config\'s own ignorePaths replace the preset\'s', text: '{"extends": ["config:recommended"], "ignorePaths": ["legacy/"]}', ignorePaths: ['legacy/'] },
  { name: 'presets from elsewhere are unresolved, built-ins are named as built-in', text: '{"extends": ["github>mozilla/renovate-config", "group:monorepos", "local>org/x", "renovate-config-acme", ":semanticCommits"]}', presets: [['github>mozilla/renovate-config', 'unresolved'], ['group:monorepos', 'built-in'], ['local>org/x', 'unresolved'], ['renovate-config-acme', 'unresolved'], [':semanticCommits', 'built-in']] },
  { name: 'a JSON5 syntax error is a problem at its line', file: 'renovate.json5', text: '{\n  extends: ["config:recommended"],\n  ignoreDeps: [,]\n}', problems: [/cannot parse renovate\.json5/], fatal: true },
  { name: 'JSON5 forms are read in renovate.json too (Renovate falls back to JSON5)', text: "{\n  // comment\n  ignoreDeps: ['a',],\n}", rules: 0 },
  { name: 'a wrong type is a problem naming the key', text: '{"ignoreDeps": "zeta-lib"}', problems: [/"ignoreDeps" must be a list of names/], fatal: true },
  { name: 'matchUpdateTypes beside allowedVersions: Renovate refuses the config', text: '{"packageRules": [{"matchPackageNames": ["a"], "matchUpdateTypes": ["major"], "allowedVersions": "<2"}]}', problems: [/cannot combine both matchUpdateTypes and allowedVersions/], fatal: true, rules: 1 },
  { name: 'package.json without a renovate key is no config', file: 'package.json', text: '{"name": "x"}', none: true },
  { name: 'package.json renovate key', file: 'package.json', text: '{"name": "x",\n "renovate": {"extends": ["config:recommended"]}}', ignorePaths: IGNORE_MODULES_AND_TESTS },
];

test('parseRenovateConfig: presets, ignorePaths, problems', () => {
  let checked = 0;
  for (const c of cases) {
    const config = parseRenovateConfig(c.file ?? 'renovate.json', c.text, (c.file ?? '') === 'package.json');
    if (c.none) {
      assert.equal(config, null, c.name);
      checked++;
      continue;
    }
    assert.ok(config, c.name);
    if (c.ignorePaths) assert.deepEqual(config.ignorePaths.map((p) => p.pattern), c.ignorePaths, c.name);
    if (c.presets) assert.deepEqual(config.presets.map((p) => [p.name, p.status]), c.presets, c.name);
    assert.equal(config.problems.length, c.problems?.length ?? 0, `${c.name}: ${config.problems.map((p) => p.message).join('; ')}`);
    c.problems?.forEach((re, i) => assert.match(config.problems[i]!.message, re, c.name));
    assert.equal(config.fatal, c.fatal ?? false, c.name);
    if (c.rules !== undefined) assert.equal(config.packageRules.length, c.rules, c.name);
    checked++;
  }
  assert.equal(checked, cases.length);
});

test('lines: each rule, ignoreDeps entry and problem points at its line', () => {
  const text = '{\n  "ignoreDeps": [\n    "a",\n    "b"\n  ],\n  "packageRules": [\n    {\n      "matchPackageNames": ["c"],\n      "enabled": false\n    }\n  ]\n}';
  const config = parseRenovateConfig('renovate.json', text)!;
  assert.deepEqual(config.ignoreDeps, [{ value: 'a', line: 3 }, { value: 'b', line: 4 }]);
  assert.equal(config.packageRules[0]!.line, 7);
  const bad = parseRenovateConfig('renovate.json', '{\n  "a": 1,\n  "b": [1 2]\n}')!;
  assert.equal(bad.problems[0]!.line, 3);
});

test('old matcher names are migrated as Renovate does', () => {
  const config = parseRenovateConfig('renovate.json', JSON.stringify({ packageRules: [{ matchPackagePatterns: ['^zeta'], excludePackageNames: ['zeta-x'], matchPaths: ['modules/**'], enabled: false }] }))!;
  assert.deepEqual(config.packageRules[0]!.match, { matchPackageNames: ['/^zeta/', '!zeta-x'], matchFileNames: ['modules/**'] });
});
