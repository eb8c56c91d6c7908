import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configuredBots, fileCoverage, holdRules, pipRuleMatches, readBotConfigs } from '../../src/bots/index.js';

const files = (entries: Record<string, string>) => Object.entries(entries).map(([path, text]) => ({ path, text }));

test('readBotConfigs: Renovate\'s first config wins; a package.json without "renovate" is skipped', () => {
  const bots = readBotConfigs({ files: files({ 'renovate.json': '{"ignoreDeps": ["a"]}', '.renovaterc': '{"ignoreDeps": ["b"]}' }), complete: true });
  assert.equal(bots.renovate?.file, 'renovate.json');
  const pkg = readBotConfigs({ files: files({ 'package.json': '{"name": "x"}', '.renovaterc.json': '{"ignoreDeps": ["b"]}' }), complete: true });
  assert.equal(pkg.renovate?.file, '.renovaterc.json');
  assert.deepEqual(configuredBots(readBotConfigs({ files: [], complete: true })), []);
});

test('fileCoverage and pipRuleMatches: rules count only for the bots that update the file', () => {
  const bots = readBotConfigs({
    files: files({
      'renovate.json': '{"ignoreDeps": ["six"]}',
      '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: "/"\n    ignore:\n      - dependency-name: six\n',
    }),
    complete: true,
  });
  assert.deepEqual(configuredBots(bots), ['renovate', 'dependabot']);
  const deep = 'modules/a/files/requirements.txt';
  const top = 'requirements.txt';
  const cases: Array<[string, boolean, boolean, string[]]> = [
    [deep, true, false, ['renovate']],
    [top, true, true, ['renovate', 'dependabot']],
    ['modules/a/files/requirements.ff-prod.txt', false, false, []],
  ];
  for (const [path, renovate, dependabot, holding] of cases) {
    const c = fileCoverage(bots, path);
    assert.equal(c.renovate?.updates, renovate, path);
    assert.equal(c.dependabot?.updates, dependabot, path);
    assert.deepEqual(pipRuleMatches(bots, { file: path, name: 'six', version: '1.0' }, c).filter((m) => m.applies).map((m) => m.rule.bot), holding, path);
  }
  const rules = holdRules(bots);
  assert.equal(rules.length, 2);
  assert.ok(pipRuleMatches(bots, { file: top, name: 'six', version: '1.0' }, fileCoverage(bots, top)).every((m) => rules.includes(m.rule)), 'the same rule objects');
});
