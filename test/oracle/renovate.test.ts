// Differential tests against Renovate itself (renovate@39.264.0 runs on Node 20): which requirements
// files its pip_requirements manager extracts (`--platform=local --dry-run=extract`, offline), which
// lines it skips for their comment, and which packageRules apply to a pip dependency
// (`applyPackageRules` from its own dist), against src/bots' answers.
// Renovate is ~330 MB, so it is not a dependency: `npm run oracle:renovate` installs it into
// .cache/renovate-oracle (ignored by git; PYUP_CHECKS_RENOVATE names another folder), and .ci/run
// does so before the tests. Without it the tests skip with that message; in CI (CI=true), or with
// PYUP_CHECKS_RENOVATE set, they fail, as a missing python does.
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeName } from '../../src/names/index.js';
import { parseRenovateConfig, renovateCoverage, renovateMatches } from '../../src/bots/index.js';
import { renovateSkips } from '../../src/checks/stale-ignores/index.js';

const DIR = process.env.PYUP_CHECKS_RENOVATE ?? fileURLToPath(new URL('../../.cache/renovate-oracle', import.meta.url));
const CLI = join(DIR, 'node_modules/renovate/dist/renovate.js');

function requireRenovate(t: TestContext): boolean {
  if (existsSync(CLI)) return true;
  if (process.env.PYUP_CHECKS_RENOVATE || process.env.CI === 'true') assert.fail(`Renovate is required here but ${DIR} has no node_modules/renovate: npm run oracle:renovate`);
  t.skip(`Renovate not installed: npm run oracle:renovate (installs it into ${DIR})`);
  return false;
}

const M = 'modules/signing_scriptworker/files';
/** File names around the default pattern's edges, the four of issue 14 among them. */
const PATHS = [
  `${M}/requirements.txt`, `${M}/requirements.ff-prod.txt`, `${M}/requirements.tb-prod.txt`, `${M}/requirements.adhoc-prod.txt`,
  `${M}/requirements.vpn-prod.txt`, `${M}/requirements.prod.txt`, `${M}/requirements-dev.txt`, `${M}/dev-requirements.txt`,
  `${M}/requirements_prod.txt`, `${M}/mac_requirements.txt`, `${M}/requirements.pip`, `${M}/requirements.in`, `${M}/Requirements.txt`,
  'modules/old/files/requirements.txt', 'tests/requirements.txt', 'examples/a/requirements.txt', 'vendor/x/requirements.txt',
  'docs/requirements-docs.txt', 'requirements.txt', 'requirements/base.txt',
];
/** Lines whose comment decides Renovate's skip (lib/util/ignore.ts isSkipComment). */
const LINES = ['alpha==1.0', 'beta==1.0  # pyup: ignore', 'gamma==1.0  # renovate: ignore', 'delta==1.0  # pyup: ignore, puppet: nodownload', 'eps==1.0  # reason; pyup: ignore', 'zeta==1.0 # pyup:ignore', 'eta==1.0  # pyup: <2.0'];

const CONFIGS: object[] = [
  {},
  { extends: ['config:recommended'] },
  { extends: ['config:recommended'], ignorePaths: ['modules/old'] },
  { pip_requirements: { fileMatch: ['(^|/)requirements\\.[\\w-]+\\.txt$'] } },
  { enabledManagers: ['npm'] },
  { pip_requirements: { enabled: false } },
  { includePaths: ['modules/**'] },
];

function extract(config: object): { files: Set<string>; skipped: Map<string, Set<string>> } {
  const repo = mkdtempSync(join(tmpdir(), 'renovate-oracle-'));
  try {
    for (const p of PATHS) {
      mkdirSync(join(repo, dirname(p)), { recursive: true });
      writeFileSync(join(repo, p), `${LINES.join('\n')}\n`);
    }
    writeFileSync(join(repo, 'renovate.json'), JSON.stringify(config));
    const git = (...args: string[]): void => {
      const r = spawnSync('git', ['-c', 'user.email=o@example.invalid', '-c', 'user.name=oracle', ...args], { cwd: repo });
      assert.equal(r.status, 0, String(r.stderr));
    };
    git('init', '-q', '.');
    git('add', '-A');
    git('commit', '-qm', 'fixture');
    const report = join(repo, '.report.json');
    const r = spawnSync(process.execPath, [CLI, '--platform=local', '--dry-run=extract', '--report-type=file', `--report-path=${report}`], {
      cwd: repo, encoding: 'utf8', timeout: 120_000, env: { ...process.env, LOG_LEVEL: 'error' },
    });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const parsed = JSON.parse(readFileSync(report, 'utf8')) as { repositories: Record<string, { packageFiles: Record<string, Array<{ packageFile: string; deps: Array<{ depName: string; skipReason?: string }> }>> }> };
    const files = new Set<string>();
    const skipped = new Map<string, Set<string>>();
    for (const repoReport of Object.values(parsed.repositories)) {
      for (const pf of repoReport.packageFiles.pip_requirements ?? []) {
        files.add(pf.packageFile);
        skipped.set(pf.packageFile, new Set(pf.deps.filter((d) => d.skipReason === 'ignored').map((d) => d.depName)));
      }
    }
    return { files, skipped };
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

test('coverage: the files Renovate 39 extracts are the files src/bots says it updates', (t) => {
  if (!requireRenovate(t)) return;
  let compared = 0;
  let extracted = 0;
  for (const config of CONFIGS) {
    const { files, skipped } = extract(config);
    const ours = parseRenovateConfig('renovate.json', JSON.stringify(config))!;
    for (const p of PATHS) {
      assert.equal(renovateCoverage(ours, p, false).updates, files.has(p), `${JSON.stringify(config)} ${p}`);
      compared++;
    }
    extracted += files.size;
    // The lines Renovate skips for their comment, in every file it read.
    for (const [file, names] of skipped) {
      for (const line of LINES) {
        const name = line.split('==')[0]!;
        const comment = line.includes('#') ? line.slice(line.indexOf('#')) : null;
        assert.equal(renovateSkips(comment), names.has(name), `${file}: ${line}`);
        compared++;
      }
    }
  }
  assert.ok(compared >= CONFIGS.length * PATHS.length, `${compared} comparisons`);
  assert.ok(extracted > 20 && extracted < CONFIGS.length * PATHS.length, `${extracted} files extracted: the configs must both take and skip files`);
  t.diagnostic(`${compared} comparisons agree (${extracted} files extracted over ${CONFIGS.length} configs)`);
});

test('packageRules: the rules Renovate 39 applies to a pip dependency are the rules src/bots says apply', async (t) => {
  if (!requireRenovate(t)) return;
  const require = createRequire(import.meta.url);
  const { applyPackageRules } = require(join(DIR, 'node_modules/renovate/dist/util/package-rules/index.js')) as {
    applyPackageRules: (c: Record<string, unknown>) => Promise<Record<string, unknown>>;
  };
  const rules: object[] = [
    { matchPackageNames: ['zeta-lib'] }, { matchPackageNames: ['Zeta_Lib'] }, { matchPackageNames: ['zeta_lib'] }, { matchPackageNames: ['zeta*'] },
    { matchPackageNames: ['/^zeta/'] }, { matchPackageNames: ['/^Zeta/i'] }, { matchPackageNames: ['!zeta-lib'] }, { matchPackageNames: ['*', '!requests'] },
    { matchDepNames: ['zeta_lib'] }, { matchDepNames: ['Zeta-Lib'] }, { matchDepNames: ['/_/'] },
    { matchFileNames: ['modules/signing_*/**'] }, { matchFileNames: ['modules/other/**'] }, { matchFileNames: [`${M}/requirements.txt`] },
    { matchManagers: ['pip_requirements'], matchPackageNames: ['requests'] }, { matchManagers: ['npm'] }, { matchManagers: ['/^pip/'] },
    { matchDatasources: ['pypi'] }, { matchDatasources: ['npm'] }, { matchCategories: ['python'] }, { matchCategories: ['js'] },
    { matchPackageNames: ['taskcluster**'], matchFileNames: ['**/requirements*.txt'] },
  ];
  const deps = ['zeta-lib', 'Zeta_Lib', 'zeta.lib', 'requests', 'Requests', 'taskcluster-urls', 'taskcluster_urls'];
  const files = [`${M}/requirements.txt`, 'modules/other/files/requirements.txt'];
  let compared = 0;
  let applied = 0;
  for (const [i, rule] of rules.entries()) {
    const ours = parseRenovateConfig('renovate.json', JSON.stringify({ packageRules: [{ ...rule, enabled: false }] }))!;
    for (const name of deps) {
      for (const file of files) {
        const theirs = await applyPackageRules({
          depName: name, packageName: normalizeName(name), packageFile: file, manager: 'pip_requirements', datasource: 'pypi',
          categories: ['python'], packageRules: [{ ...rule, enabled: false }],
        });
        const mine = renovateMatches(ours, { file, name, version: '1.0' }, ['pip_requirements'])[0]!.applies;
        assert.equal(mine, theirs.enabled === false, `rule ${i} ${JSON.stringify(rule)} on ${name} in ${file}`);
        compared++;
        if (mine) applied++;
      }
    }
  }
  assert.equal(compared, rules.length * deps.length * files.length);
  assert.ok(applied > 30 && applied < compared - 30, `${applied} of ${compared} applied: the table must both match and miss`);
  t.diagnostic(`${compared} rule × dependency × file comparisons agree (${applied} apply)`);
});
