import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePyupConfig, pyupCoverage } from '../../src/bots/index.js';

const M = 'modules/signing_scriptworker/files';
const cases: Array<[string, string, boolean, RegExp]> = [
  ['', `${M}/requirements.ff-prod.txt`, true, /file search/],
  ['', `${M}/mac_requirements.txt`, true, /file search/],
  ['', `${M}/deps.txt`, false, /containing "requirements"/],
  ['search: False\n', `${M}/requirements.txt`, false, /search is off/],
  ['search: False\nrequirements:\n  - modules/signing_scriptworker/files/requirements.txt\n', `${M}/requirements.txt`, true, /listed under requirements/],
  ['update: false\n', `${M}/requirements.txt`, false, /update setting for it is false/],
  ['update: insecure\n', `${M}/requirements.txt`, true, /security updates only/],
  ['requirements:\n  - /modules/signing_scriptworker/files/requirements.txt:\n      update: False\n', `${M}/requirements.txt`, false, /update setting for it is false \(\.pyup\.yml:2\)/],
];

test('pyupCoverage: pyup\'s file search and update settings (bot.py, config.py)', () => {
  for (const [yml, path, updates, why] of cases) {
    const c = pyupCoverage(parsePyupConfig('.pyup.yml', yml), path);
    assert.equal(c.updates, updates, `${JSON.stringify(yml)} ${path}: ${c.why}`);
    assert.match(c.why, why, path);
  }
  assert.equal(cases.length, 8);
});

test('a .pyup.yml that does not parse: pyup ignores it and keeps its defaults (said, not fatal)', () => {
  const c = parsePyupConfig('.pyup.yml', 'search: [\n');
  assert.equal(c.problems.length, 1);
  assert.equal(c.problems[0]!.fatal, false);
  assert.equal(pyupCoverage(c, `${M}/requirements.txt`).updates, true);
});
