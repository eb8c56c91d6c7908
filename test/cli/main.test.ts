import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE_INDEX } from '../../examples/index.js';
import { COMMANDS } from '../../src/cli/index.js';
import { parseReport } from '../../src/findings/index.js';
import { startIndexServer } from '../support/index-server.js';
import type { IndexServer } from '../support/index-server.js';
import { listing, runCli, workspace } from './harness.js';

let server: IndexServer;
before(async () => {
  server = await startIndexServer({ projects: EXAMPLE_INDEX });
});
after(async () => {
  await server.close();
});

describe('usage', () => {
  const cases: Array<{ argv: string[]; code: number; out?: RegExp; err?: RegExp }> = [
    { argv: ['--help'], code: 0, out: /usage: pyup-checks <command>/ },
    { argv: [], code: 2, out: /commands:/ },
    { argv: ['compat', '--help'], code: 0, out: /--index-url URL/ },
    { argv: ['nonsense'], code: 2, err: /unknown command 'nonsense'/ },
    { argv: ['compat', '--no-such-option'], code: 2, err: /Unknown option '--no-such-option'/ },
    { argv: ['compat', '--timeout', 'soon'], code: 2, err: /--timeout takes a positive number/ },
    { argv: ['compat', '--python', '3.x'], code: 2, err: /3\.x/ },
  ];
  for (const c of cases) {
    test(`pyup-checks ${c.argv.join(' ')} → exit ${c.code}`, async () => {
      const ws = workspace(null);
      const run = await runCli([...c.argv, ...(c.argv.length > 1 && !c.argv.includes('--help') ? ['--repo', ws.repo, '--artifacts', ws.artifacts, '--cache-dir', ws.cache, '--index-url', server.indexUrl] : [])], ws.root);
      assert.equal(run.code, c.code, run.stderr);
      if (c.out) assert.match(run.stdout, c.out);
      if (c.err) assert.match(run.stderr, c.err);
    });
  }

  test('--help lists every command, generated from the command table', async () => {
    const run = await runCli(['--help'], process.cwd());
    for (const c of COMMANDS) assert.match(run.stdout, new RegExp(`^  ${c.name} `, 'm'));
  });

  test('no matching requirements files is a usage error', async () => {
    const ws = workspace({ 'README': 'nothing here' });
    const run = await runCli(['compat', '--repo', ws.repo, '--index-url', server.indexUrl, '--cache-dir', ws.cache, '--artifacts', ws.artifacts], ws.root);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /no requirements files match/);
  });

  test('an invalid config file is a usage error naming the field', async () => {
    const ws = workspace({ '.pyup-checks.yml': 'targets:\n  - pythons: ["3.6"]\n', 'modules/a/files/requirements.txt': 'six==1.12.0\n' });
    const run = await runCli(['compat', '--repo', ws.repo, '--index-url', server.indexUrl, '--cache-dir', ws.cache, '--artifacts', ws.artifacts], ws.root);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /targets\.0\.files/);
  });
});

describe('compat on the bundled example', () => {
  test('reports the conflict with its fix, as JSON and as artifacts, and exits 1', async () => {
    const ws = workspace(null);
    const run = await runCli(['compat', '--repo', ws.repo, '--index-url', server.indexUrl, '--cache-dir', ws.cache, '--artifacts', ws.artifacts, '--json'], ws.root);
    assert.equal(run.code, 1, run.stderr);
    const report = parseReport(run.stdout);
    assert.equal(report.version, 1);
    assert.deepEqual(report.checks, ['inventory', 'compat']);
    const conflict = report.findings.find((f) => f.code === 'conflict' && f.package === 'taskcluster-urls');
    assert.ok(conflict?.code === 'conflict' && 'requiredBy' in conflict.details, 'the taskcluster-urls conflict, from a dependent');
    assert.equal(conflict.file, 'modules/signing_scriptworker/files/requirements.txt');
    assert.equal(conflict.line, 14);
    assert.equal(conflict.target, 'py3.6-linux-x86_64');
    assert.equal(conflict.message, "taskcluster 5.0.0 has requirement taskcluster-urls<11,>=10.1.0, but you'll have taskcluster-urls 11.0.0 which is incompatible.");
    assert.deepEqual(conflict.details.requiredBy, { package: 'taskcluster', version: '5.0.0', specifier: '<11,>=10.1.0', marker: null });
    assert.deepEqual(conflict.suggestion?.changes, [{ package: 'taskcluster-urls', from: '11.0.0', to: '10.1.2' }]);
    assert.equal(report.summary.errors, report.findings.filter((f) => f.severity === 'error').length);
    const cells = Object.fromEntries(report.results.map((r) => [`${r.module} ${r.target}`, r.status]));
    assert.deepEqual(cells, {
      'balrog_scriptworker py3.6-linux-x86_64': 'pass',
      'beetmover_scriptworker py3.7-linux-x86_64': 'pass',
      'buildbot_bridge py2.7-linux-x86_64': 'fail',
      'notarization_poller py3.6-macos-x86_64': 'fail',
      'signing_scriptworker py3.6-linux-x86_64': 'fail',
      'signingserver py3.6-macos-x86_64': 'pass',
    });
    for (const f of ['report.json', 'junit.xml', 'github/customCheckRunText.md', 'github/customCheckRunAnnotations.json']) {
      assert.ok(existsSync(join(ws.artifacts, f)), `${f} written`);
    }
    assert.deepEqual(JSON.parse(readFileSync(join(ws.artifacts, 'report.json'), 'utf8')), report);
  });

  test('a warm run answers from the cache: no metadata requests', async () => {
    const ws = workspace(null);
    const args = ['compat', '--repo', ws.repo, '--index-url', server.indexUrl, '--cache-dir', ws.cache, '--artifacts', ws.artifacts, '--json'];
    const first = await runCli(args, ws.root);
    const before = server.requests.length;
    const second = await runCli(args, ws.root);
    const warm = server.requests.slice(before);
    assert.equal(second.code, first.code);
    assert.deepEqual(JSON.parse(second.stdout).findings, JSON.parse(first.stdout).findings);
    assert.equal(warm.filter((r) => r.path.startsWith('/files/')).length, 0, 'metadata comes from the cache');
  });

  test('--offline with an empty cache cannot check: exit 3, never 0', async () => {
    const ws = workspace(null);
    const run = await runCli(['compat', '--offline', '--repo', ws.repo, '--index-url', server.indexUrl, '--cache-dir', ws.cache, '--artifacts', ws.artifacts, '--json'], ws.root);
    assert.equal(run.code, 3, run.stderr);
    const report = parseReport(run.stdout);
    assert.ok(report.results.every((r) => r.status === 'error'));
  });

  test('an unreachable index is an infrastructure failure: exit 3', async () => {
    const ws = workspace({ 'modules/a/files/requirements.txt': '# python_version: 36\nsix==1.12.0\n' });
    const run = await runCli(['compat', '--repo', ws.repo, '--index-url', 'http://127.0.0.1:9/simple/', '--timeout', '2', '--cache-dir', ws.cache, '--artifacts', ws.artifacts, '--json'], ws.root);
    assert.equal(run.code, 3, run.stderr);
    const report = parseReport(run.stdout);
    assert.ok(report.findings.some((f) => f.code === 'index-error' && f.line === 2));
  });

  test('without a mirror, `wheels` is a usage error and `all` skips it visibly', async () => {
    const ws = workspace(null);
    const common = ['--repo', ws.repo, '--index-url', server.indexUrl, '--cache-dir', ws.cache, '--artifacts', ws.artifacts, '--json'];
    const alone = await runCli(['wheels', ...common], ws.root);
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /wheels: no mirror serves python/);
    const all = await runCli(['all', ...common], ws.root);
    assert.equal(all.code, 1, all.stderr);
    assert.match(all.stderr, /wheels skipped: no mirror serves python/);
    const report = parseReport(all.stdout);
    assert.ok(report.checks.includes('wheels'));
    const wheels = report.results.filter((r) => r.check === 'wheels');
    assert.ok(wheels.length > 0 && wheels.every((r) => r.status === 'skip'));
    assert.ok(report.results.some((r) => r.check === 'compat' && r.status === 'fail'));
  });

  test('inventory needs no network and lists pins with directives', async () => {
    const ws = workspace(null);
    const before = server.requests.length;
    const run = await runCli(['inventory', '--repo', ws.repo, '--index-url', server.indexUrl, '--cache-dir', ws.cache, '--artifacts', ws.artifacts, '--json'], ws.root);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(server.requests.length, before);
    const report = parseReport(run.stdout);
    const file = report.files.find((f) => f.module === 'signing_scriptworker');
    assert.deepEqual(file?.pins.find((p) => p.name === 'signtool'), { name: 'signtool', version: '2.0.3', specifier: '==2.0.3', line: 17, ignore: false, filter: null, nodownload: true, marker: null, extras: [], hashes: [], source: null });
    assert.equal(existsSync(ws.cache), false, 'inventory writes no cache');
  });
});

describe('bad input', () => {
  test('hostile files and a faulty index give findings and exit 3, with no crash and no stray writes', async () => {
    const bad = await startIndexServer({
      projects: EXAMPLE_INDEX,
      pep658: false,
      ranges: false,
      faults: [
        { path: /\/simple\/six\//, kind: 'status', status: 500 },
        { path: /\/simple\/idna\//, kind: 'reset' },
        { path: /\/simple\/chardet\//, kind: 'body', body: '<html><body><a href="../../../../etc/passwd#sha256=00">../../../../etc/passwd</a><a href="javascript:alert(1)">chardet-3.0.4.tar.gz</a></body></html>', contentType: 'text/html' },
        { path: /\/files\/certifi-/, kind: 'truncate', bytes: 40 },
      ],
    });
    try {
      const huge = `requests==2.21.0  # ${'x'.repeat(10 * 1024 * 1024)}\n`;
      const ws = workspace({
        'modules/a/files/requirements.txt': Buffer.concat([Buffer.from('# python_version: 36\nsix==1.12.0\n'), Buffer.from([0xff, 0xfe, 0x0a]), Buffer.from('idna==2.8\nchardet==3.0.4\ncertifi==2018.11.29\nscriptworker=12.0.0\n-r ../../../../../outside.txt\n')]),
        'modules/b/files/requirements.txt': `# python_version: 36\n${huge}urllib3==1.24.1\n`,
      });
      const before = listing(ws.repo);
      const run = await runCli(['compat', '--repo', ws.repo, '--index-url', bad.indexUrl, '--timeout', '3', '--cache-dir', ws.cache, '--artifacts', ws.artifacts, '--json'], ws.root);
      assert.equal(run.code, 3, run.stderr);
      assert.doesNotMatch(run.stderr, /internal error/);
      const report = parseReport(run.stdout);
      const at = (file: string, line: number) => report.findings.filter((f) => f.file === `modules/${file}/files/requirements.txt` && f.line === line).map((f) => f.code);
      assert.ok(at('a', 3).includes('invalid-line'), 'bad UTF-8 is reported at its line');
      assert.ok(at('a', 2).includes('index-error'), 'a 500 after retries is an index error on the pin');
      assert.ok(at('a', 4).includes('index-error'), 'a reset after retries is an index error on the pin');
      assert.ok(at('a', 5).includes('unknown-version'), 'a page of hostile hrefs lists no usable file');
      assert.ok(at('a', 6).includes('index-error'), 'a download truncated on every retry is the index\'s failure: an index error on the pin');
      assert.ok(!at('a', 6).includes('metadata-unavailable'), 'not a finding about the release');
      assert.ok(at('a', 7).includes('invalid-line'), 'scriptworker=12.0.0');
      assert.ok(at('a', 8).some((c) => c === 'invalid-line'), 'an include outside the repository is refused');
      const b = report.files.find((f) => f.path === 'modules/b/files/requirements.txt');
      assert.deepEqual(b?.pins.map((p) => [p.name, p.line]), [['requests', 2], ['urllib3', 3]], 'the 10 MB line is still read as a pin');
      assert.ok(report.findings.some((f) => f.code === 'missing-dependency' && f.file === b?.path && f.line === 2), 'and checked');
      assert.deepEqual(listing(ws.repo), before, 'the repository is untouched');
      assert.deepEqual(readdirSync(ws.root).sort(), ['artifacts', 'cache', 'repo']);
    } finally {
      await bad.close();
    }
  });
});

describe('the hashed example module (pip-compile --generate-hashes) against the example mirror', () => {
  test('the mirror-only macOS wheel is a hash-mismatch with its downloaded digest, and the plan lists the hash line', async () => {
    const { buildProjects, writeFindLinksDir } = await import('../support/distributions.js');
    const { EXAMPLE_MIRROR_ONLY } = await import('../../examples/index.js');
    const ws = workspace(null);
    const built = await buildProjects(EXAMPLE_INDEX);
    const mirrorOnly = await buildProjects(EXAMPLE_MIRROR_ONLY);
    const mirror = join(ws.root, 'mirror');
    await writeFindLinksDir([...built, ...mirrorOnly], mirror);
    const run = await runCli(['wheels', '--repo', ws.repo, '--module', 'notarization_poller', '--index-url', server.indexUrl, '--cache-dir', ws.cache, '--artifacts', ws.artifacts, '--find-links', mirror, '--json'], ws.root);
    assert.equal(run.code, 1, run.stderr);
    const report = parseReport(run.stdout);
    const mac = mirrorOnly.find((f) => f.filename === 'macholib-1.11-cp36-cp36m-macosx_10_6_intel.whl');
    assert.ok(mac);
    const f = report.findings.find((x) => x.code === 'hash-mismatch' && x.package === 'macholib');
    assert.ok(f, JSON.stringify(report.findings.map((x) => x.code)));
    assert.equal(f.target, 'py3.6-macos-x86_64');
    assert.match(f.message, new RegExp(`Got        ${mac.sha256}$`));
    const plan = JSON.parse(readFileSync(join(ws.artifacts, 'download-plan.json'), 'utf8')) as { hashLines: Array<{ text: string; line: number }> };
    assert.deepEqual(plan.hashLines.find((h) => h.line === 11)?.text, `--hash=sha256:${mac.sha256}`);
    const pins = report.files[0]?.pins ?? [];
    assert.deepEqual(pins.map((p) => [p.name, p.hashes.length]), [['certifi', 1], ['macholib', 1], ['six', 0]]);
  });
});
