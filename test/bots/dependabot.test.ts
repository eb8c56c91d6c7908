import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dependabotCoverage, dependabotHoldRules, dependabotNameMatches, parseDependabotConfig } from '../../src/bots/index.js';

const F = '.github/dependabot.yml';
const M = 'modules/signing_scriptworker/files';
const yml = (dirs: string): string => `version: 2\nupdates:\n  - package-ecosystem: pip\n${dirs}\n    schedule:\n      interval: weekly\n`;

const coverage: Array<[string, string, boolean]> = [
  ['    directory: "/"', 'requirements.txt', true],
  ['    directory: "/"', 'requirements/prod.txt', true],
  ['    directory: "/"', `${M}/requirements.txt`, false],
  ['    directory: "/"', `${M}/requirements.ff-prod.txt`, false],
  ['    directory: "/modules/signing_scriptworker/files"', `${M}/requirements.vpn-prod.txt`, true],
  ['    directory: "/modules/signing_scriptworker"', `${M}/requirements.tb-prod.txt`, true],
  ['    directory: "/modules"', `${M}/requirements.adhoc-prod.txt`, false],
  ['    directories: ["/modules/*/files"]', `${M}/requirements.adhoc-prod.txt`, true],
  ['    directories: ["/modules/**"]', `${M}/requirements.txt`, true],
  ['    directories: ["/", "/docs"]', `${M}/requirements.txt`, false],
];

test('dependabotCoverage: a pip entry reads its folder and the immediate subfolders (file_fetcher.rb)', () => {
  for (const [dirs, path, updates] of coverage) {
    const c = dependabotCoverage(parseDependabotConfig(F, yml(dirs)), path);
    assert.equal(c.updates, updates, `${dirs} ${path}: ${c.why}`);
    if (!updates) assert.match(c.fix!, /add "\/modules\/signing_scriptworker\/files" to "directories"/);
  }
  assert.equal(coverage.length, 10);
  const npmOnly = parseDependabotConfig(F, 'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: "/"\n');
  assert.match(dependabotCoverage(npmOnly, 'requirements.txt').why, /no "package-ecosystem: pip" entry/);
});

test('dependency-name: both names normalised (NameNormaliser), then * wildcards (WildcardMatcher)', () => {
  const cases: Array<[string, string, boolean]> = [
    ['zeta-lib', 'Zeta_Lib', true], ['Zeta_Lib', 'zeta-lib', true], ['zeta.lib', 'zeta-lib', true], ['taskcluster*', 'taskcluster-urls', true],
    ['*urls', 'taskcluster-urls', true], ['task*urls', 'taskcluster_urls', true], ['taskcluster', 'taskcluster-urls', false], ['requests[security]', 'requests', true],
    ['req*', 'urllib3', false],
  ];
  for (const [pattern, name, match] of cases) assert.equal(dependabotNameMatches(pattern, name), match, `${pattern} ~ ${name}`);
  assert.equal(cases.length, 9);
});

test('ignore entries: versions and update-types map to the releases they exclude (ignore_condition.rb)', () => {
  const config = parseDependabotConfig(F, `version: 2
updates:
  - package-ecosystem: pip
    directory: "/"
    ignore:
      - dependency-name: "module2"
      - dependency-name: "module3"
        versions: [">=3.0"]
      - dependency-name: "module4"
        update-types: ["version-update:semver-major"]
      - dependency-name: "module5"
        update-types: ["version-update:semver-minor", "version-update:semver-patch"]
      - dependency-name: "module6"
        versions: ["~> 2.0"]
`);
  const holds = dependabotHoldRules(config).map((h) => h.rule);
  assert.deepEqual(holds.map((h) => [h.kind, h.source.line]), [['ignore', 6], ['filter', 7], ['filter', 9], ['filter', 11], ['filter', 13]]);
  const admits = (i: number, v: string): boolean => holds[i]!.filter!.admits(v, '2.0.1');
  const table: Array<[number, string, boolean]> = [
    [1, '2.9', true], [1, '3.0', false], [1, '3.0rc1', true], [1, '3.1rc1', false],
    [2, '2.5.0', true], [2, '3.0.0', false], [2, '3.0a1', false],
    [3, '2.0.2', false], [3, '2.1.0', false], [3, '3.0.0', true],
  ];
  for (const [i, v, ok] of table) assert.equal(admits(i, v), ok, `${holds[i]!.label} ${v}`);
  assert.match(holds[4]!.noEffect!, /not a PEP 440 range/);
});

test('a dependabot.yml that does not parse is a problem at its line; aliases are capped', () => {
  const bad = parseDependabotConfig(F, 'version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: "/"\n   ignore: [\n');
  assert.equal(bad.fatal, true);
  assert.match(bad.problems[0]!.message, /cannot parse/);
  assert.ok(bad.problems[0]!.line >= 4, `line ${bad.problems[0]!.line}`);
  const bomb = ['version: 2', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`), 'updates: []'].join('\n');
  const capped = parseDependabotConfig(F, bomb);
  assert.equal(capped.fatal, true);
  assert.match(capped.problems[0]!.message, /cannot read|alias/i);
});
