import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { parseReport } from '../../src/findings/index.js';
import type { Finding, Report } from '../../src/findings/index.js';
import { buildDownloadPlan, renderDownloadPlan } from '../../src/report/index.js';
import { buildProjects, writeFindLinksDir } from '../support/distributions.js';
import type { BuiltFile } from '../support/distributions.js';
import { startIndexServer } from '../support/index-server.js';
import type { IndexServer } from '../support/index-server.js';
import { runCli, workspace } from '../cli/harness.js';

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

let server: IndexServer;
let built: BuiltFile[];
before(async () => {
  built = await buildProjects([
    { name: 'yarl', releases: [{ version: '1.2.6', files: [{ kind: 'wheel', tags: 'cp36-cp36m-manylinux1_x86_64' }, { kind: 'wheel', tags: 'cp37-cp37m-manylinux1_x86_64' }, { kind: 'wheel', tags: 'cp36-cp36m-macosx_10_6_intel' }] }] },
    { name: 'urllib3', releases: [{ version: '1.24' }] },
  ]);
  server = await startIndexServer({ projects: built });
});
after(async () => {
  await server.close();
});

const REPO = {
  'modules/a/files/requirements.txt': '# python_version: 36\nyarl==1.2.6\nurllib3==1.24\n',
  'modules/b/files/requirements.txt': '# python_version: 37\nyarl==1.2.6\n',
  'modules/c/files/requirements.txt': '# python_version: 37\nyarl==1.2.6\n',
  'modules/a/files/mac_requirements.txt': '# python_version: 36\nyarl==1.2.6\n',
};

const bash = (script: string, env: Record<string, string> = {}) => execa('bash', [script], { reject: false, env: { ...process.env, ...env } });

describe('download-plan.sh against a loopback index and a temporary mirror folder', () => {
  test('fetches exactly the missing files, verified, and a second run does nothing', async () => {
    const ws = workspace(REPO);
    const mirror = join(ws.root, 'mirror');
    await writeFindLinksDir(built.filter((f) => f.filename.startsWith('urllib3') || f.filename.includes('cp36-cp36m-manylinux1')), mirror);
    const args = ['wheels', '--repo', ws.repo, '--index-url', server.indexUrl, '--find-links', mirror, '--cache-dir', ws.cache, '--artifacts', ws.artifacts, '--json'];
    const first = await runCli(args, ws.root);
    assert.equal(first.code, 1, first.stderr);
    const report = parseReport(first.stdout);
    assert.deepEqual(report.findings.filter((f) => f.code === 'missing-on-mirror').map((f) => f.target).sort(), ['py3.6-macos-x86_64', 'py3.7-linux-x86_64', 'py3.7-linux-x86_64']);

    const plan = JSON.parse(readFileSync(join(ws.artifacts, 'download-plan.json'), 'utf8')) as ReturnType<typeof buildDownloadPlan>;
    // Two modules need the cp37 wheel: one entry, listing both pins.
    assert.deepEqual(plan.files.map((f) => [f.filename, f.targets, f.requiredBy.length]), [
      ['yarl-1.2.6-cp36-cp36m-macosx_10_6_intel.whl', ['py3.6-macos-x86_64'], 1],
      ['yarl-1.2.6-cp37-cp37m-manylinux1_x86_64.whl', ['py3.7-linux-x86_64'], 2],
    ]);
    for (const f of plan.files) {
      const original = built.find((b) => b.filename === f.filename);
      assert.equal(f.sha256, original?.sha256);
      assert.equal(f.url, `${server.url}/files/${f.filename}`);
    }

    const script = join(ws.artifacts, 'download-plan.sh');
    const before = server.requests.length;
    const run1 = await bash(script);
    assert.equal(run1.exitCode, 0, run1.stderr);
    assert.match(run1.stdout, /2 added, 0 already present/);
    for (const f of plan.files) {
      const bytes = readFileSync(join(mirror, f.filename));
      assert.equal(sha256(bytes), f.sha256);
    }
    assert.equal(server.requests.slice(before).filter((r) => r.path.startsWith('/files/')).length, 2);

    const listingAfterFirst = readdirSync(mirror).sort();
    const before2 = server.requests.length;
    const run2 = await bash(script);
    assert.equal(run2.exitCode, 0, run2.stderr);
    assert.match(run2.stdout, /0 added, 2 already present/);
    assert.equal(server.requests.length, before2, 'the second run downloads nothing');
    assert.deepEqual(readdirSync(mirror).sort(), listingAfterFirst);

    // And the mirror now serves every target.
    const again = await runCli(args, ws.root);
    assert.equal(again.code, 0, again.stdout);
  });

  test('a sha256 mismatch stops the script before anything reaches the mirror; an existing file is never overwritten', async () => {
    const ws = workspace(REPO);
    const mirror = join(ws.root, 'mirror');
    mkdirSync(mirror, { recursive: true });
    const cp37 = 'yarl-1.2.6-cp37-cp37m-manylinux1_x86_64.whl';
    const mac = 'yarl-1.2.6-cp36-cp36m-macosx_10_6_intel.whl';
    writeFileSync(join(mirror, mac), 'an older copy, kept as it is');
    const report = reportWith([
      missing(cp37, `${server.url}/files/${cp37}`, '0'.repeat(64), mirror),
      missing(mac, `${server.url}/files/${mac}`, built.find((b) => b.filename === mac)?.sha256 ?? '', mirror),
    ]);
    const script = join(ws.root, 'plan.sh');
    writeFileSync(script, renderDownloadPlan(report).sh);
    const run = await bash(script);
    assert.equal(run.exitCode, 1);
    assert.match(run.stderr, /sha256 mismatch for yarl-1\.2\.6-cp37/);
    assert.equal(existsSync(join(mirror, cp37)), false);
    assert.equal(readFileSync(join(mirror, mac), 'utf8'), 'an older copy, kept as it is');
  });

  test('a remote mirror has no folder: the script asks for it, then uses it', async () => {
    const ws = workspace({});
    const cp37 = 'yarl-1.2.6-cp37-cp37m-manylinux1_x86_64.whl';
    const report = reportWith([missing(cp37, `${server.url}/files/${cp37}`, built.find((b) => b.filename === cp37)?.sha256 ?? '', 'https://puppet.test/python/packages-3.6/')]);
    const plan = buildDownloadPlan(report);
    assert.deepEqual(plan.mirrors, [{ url: 'https://puppet.test/python/packages-3.6/', folder: null, variable: 'PYUP_MIRROR_1' }]);
    const script = join(ws.root, 'plan.sh');
    writeFileSync(script, renderDownloadPlan(report).sh);
    const refused = await bash(script, { PYUP_MIRROR_1: '' });
    assert.equal(refused.exitCode, 2);
    assert.match(refused.stderr, /set PYUP_MIRROR_1 to the folder served at https:\/\/puppet\.test/);
    const folder = join(ws.root, "it's here");
    const ok = await bash(script, { PYUP_MIRROR_1: folder });
    assert.equal(ok.exitCode, 0, ok.stderr);
    assert.ok(existsSync(join(folder, cp37)));
  });

  test('hostile values stay data: quotes in URLs, and filenames with a slash are skipped', () => {
    const report = reportWith([
      missing("x'$(touch pwned)'.whl", "http://127.0.0.1:1/files/a'b", 'a'.repeat(64), '/tmp/m'),
      missing('../escape.whl', 'http://127.0.0.1:1/files/e', 'b'.repeat(64), '/tmp/m'),
    ]);
    const sh = renderDownloadPlan(report).sh;
    assert.match(sh, /fetch "\$PYUP_MIRROR_1" 'x'\\''\$\(touch pwned\)'\\''\.whl'/);
    assert.match(sh, /skipped: \.\.\/escape\.whl is not a plain file name/);
    assert.doesNotMatch(sh, /fetch [^\n]*escape/);
  });

  test('no missing files: a plan that says so', () => {
    const { json, sh } = renderDownloadPlan(reportWith([]));
    assert.deepEqual(JSON.parse(json), { version: 1, mirrors: [], files: [] });
    assert.match(sh, /nothing to download/);
  });
});

function missing(filename: string, url: string, sha: string, mirror: string): Finding {
  return {
    check: 'wheels', code: 'missing-on-mirror', severity: 'error', module: 'a', file: 'modules/a/files/requirements.txt', line: 2,
    target: 'py3.7-linux-x86_64', package: 'yarl', version: '1.2.6', message: 'missing',
    details: { file: { filename, url, sha256: sha, kind: 'wheel', size: null, yanked: null }, mirror, mirrorFolder: mirror, onMirror: [], mirrors: [mirror], pipCommand: 'pip install' },
    suggestion: null,
  };
}

function reportWith(findings: Finding[]): Report {
  return {
    version: 1, tool: { name: 'pyup-checks', version: '0.1.0' }, checks: ['inventory', 'wheels'], targets: [], files: [], results: [], findings,
    summary: { errors: findings.length, warnings: 0, infos: 0 },
  };
}
