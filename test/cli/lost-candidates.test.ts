// End to end on a loopback index where only a newer release's wheel fails (503 after every retry):
// the release a check would have suggested or concluded from is a candidate, not a pin. Each affected
// check says so: exit 3, an index-error at the pin's (or directive's) line naming the host and the
// lost release, shown by report.txt, junit.xml and report.html; the same run with the fault removed
// gives the verdict as before.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, Report } from '../../src/findings/index.js';
import type { ProjectSpec } from '../support/distributions.js';
import { startIndexServer, type Fault, type IndexServer } from '../support/index-server.js';
import { runCli, workspace } from './harness.js';

const REQS = 'modules/m/files/requirements.txt';

const servers: IndexServer[] = [];
after(async () => {
  for (const s of servers) await s.close();
});

async function serve(projects: ProjectSpec[], lost: RegExp | null, findLinks = false): Promise<IndexServer> {
  const faults: Fault[] = lost ? [{ path: lost, kind: 'status', status: 503 }] : [];
  const s = await startIndexServer({ projects, faults, pep658: false, findLinks });
  servers.push(s);
  return s;
}

async function run(check: string, pins: string, s: IndexServer, more: string[] = []) {
  const ws = workspace({ [REQS]: pins });
  // fix prints its summary (what the test reads) without --json; the checks print report.json with it.
  const json = check === 'fix' ? [] : ['--json'];
  const cli = await runCli([check, '--repo', ws.repo, '--index-url', s.indexUrl, '--cache-dir', ws.cache, '--artifacts', ws.artifacts, ...json, ...more], ws.root, { PYUP_CHECKS_TIMEOUT: '2' });
  const read = (name: string): string => readFileSync(join(ws.artifacts, name), 'utf8');
  return { cli, ws, read };
}

/** The index-errors of a report, checked for what every one must say: host, lost release, pin's line. */
function lostFindings(report: Report, host: string, release: string, line: number, file = REQS): Finding[] {
  const lost = report.findings.filter((f) => f.code === 'index-error');
  assert.ok(lost.length > 0, JSON.stringify(report.findings.map((f) => [f.code, f.message])));
  const [name, version] = release.split(' ');
  for (const f of lost) {
    assert.deepEqual([f.file, f.line, f.severity], [file, line, 'error']);
    assert.match(f.message, new RegExp(`^Could not fetch URL http://${host.replace(/\./g, '\\.')}/files/${name}-${version!.replace(/\./g, '\\.')}-\\S+\\.whl: 503 Server Error`));
    assert.ok(f.message.includes(`the metadata of ${release} could not be fetched from ${host}, so `), f.message);
    const d = f.details as { host: string | null; candidate?: { package: string; version: string } };
    assert.equal(d.host, host);
    assert.deepEqual(d.candidate, { package: name, version });
  }
  return lost;
}

/** The renderers show it: the text report, the JUnit error cell (its message), report.html. */
function rendered(read: (name: string) => string, finding: Finding): void {
  // The first 120 characters hold pip's line, the host and the release, and nothing an escaper changes.
  const cut = finding.message.slice(0, 120);
  assert.ok(!/[<>&"']/.test(cut), cut);
  assert.ok(read('report.txt').includes(`${finding.file}:${finding.line}  error    index-error`), 'report.txt names the line');
  assert.ok(read('report.txt').includes(cut), 'report.txt');
  assert.ok(read('junit.xml').includes(`<error message="${finding.check} could not check ${finding.file} on py3.6-linux-x86_64: ${cut}`), 'junit.xml: the error cell says what was lost');
  const html = read('report.html');
  assert.ok(html.includes(`<code>${finding.check}/index-error</code>`) && html.includes(cut), 'report.html');
}

/** A check run where `release` ("name version") answers 503 on every retry: exit 3, every cell error, its index-errors at `line`, rendered. */
async function lostRun(check: string, projects: ProjectSpec[], pins: string, release: string, line: number, findLinks = false): Promise<{ report: Report; lost: Finding }> {
  const [name, version] = release.split(' ');
  const s = await serve(projects, new RegExp(`^/files/${name}-${version!.replace(/\./g, '\\.')}-`), findLinks);
  const { cli, read } = await run(check, pins, s, findLinks ? ['--find-links', s.findLinksUrl] : []);
  assert.equal(cli.code, 3, cli.stderr);
  const report = JSON.parse(cli.stdout) as Report;
  assert.deepEqual(report.results.map((r) => r.status), ['error']);
  const [lost] = lostFindings(report, new URL(s.url).host, release, line);
  rendered(read, lost!);
  return { report, lost: lost! };
}

describe('a newer release lost to the index, end to end', () => {
  const COMPAT: ProjectSpec[] = [
    { name: 'x', releases: [{ version: '1.0', requiresDist: ['y<2'] }] },
    { name: 'y', releases: [{ version: '1.0' }, { version: '1.5' }, { version: '2.0' }] },
  ];
  test('compat: the fix for a conflict (y 1.5) lost: exit 3, conflict stays with no fix, index-error at y\'s line; without the fault, pin y==1.5 (exit 1)', async () => {
    const pins = '# python_version: 36\nx==1.0\ny==2.0\n';
    const { report, lost } = await lostRun('compat', COMPAT, pins, 'y 1.5', 3);
    assert.match(lost.message, /, so the fix for y 2\.0 was not judged: y 1\.5 satisfies every pinned dependent, but whether its Requires-Python admits every target python is unknown$/);
    const conflict = report.findings.find((f) => f.code === 'conflict');
    assert.equal(conflict?.line, 3);
    assert.match(conflict?.suggestion?.text ?? '', /^no fix suggested: the metadata of y 1\.5 could not be fetched/);
    assert.deepEqual(conflict?.suggestion?.changes, []);

    const healthy = await run('compat', pins, await serve(COMPAT, null));
    assert.equal(healthy.cli.code, 1, healthy.cli.stderr);
    const verdict = JSON.parse(healthy.cli.stdout) as Report;
    assert.deepEqual(verdict.findings.map((f) => [f.code, f.line, f.suggestion?.changes.map((c) => c.to)]), [['conflict', 3, ['1.5']]]);
    assert.deepEqual(verdict.results.map((r) => r.status), ['fail']);
  });

  const STALE: ProjectSpec[] = [
    { name: 'module1', releases: [{ version: '1.5.0' }] },
    { name: 'module2', releases: [{ version: '2.0.1' }, { version: '3.0.0' }] },
  ];
  test('stale-ignores: the newer release of the ignored pin lost: exit 3, index-error at the directive\'s line, no verdict; without the fault, stale-ignore (exit 0)', async () => {
    const pins = '# python_version: 36\nmodule1==1.5.0\nmodule2==2.0.1  # pyup: ignore\n';
    const { report, lost } = await lostRun('stale-ignores', STALE, pins, 'module2 3.0.0', 3);
    assert.match(lost.message, /, so whether module2 can move to 3\.0\.0 \(which every pinned dependent accepts\) was not judged/);
    assert.deepEqual(report.findings.filter((f) => f.code !== 'index-error' && f.code !== 'directive-no-effect').map((f) => f.code), [], 'no stale or justified verdict');

    const healthy = await run('stale-ignores', pins, await serve(STALE, null));
    assert.equal(healthy.cli.code, 0, healthy.cli.stderr);
    const verdict = JSON.parse(healthy.cli.stdout) as Report;
    assert.deepEqual(verdict.findings.filter((f) => f.code !== 'directive-no-effect').map((f) => [f.code, f.line, f.suggestion?.changes.map((c) => c.to)]), [['stale-ignore', 3, ['3.0.0']]]);
  });

  const FIX: ProjectSpec[] = [
    { name: 'app', releases: [{ version: '1.0', requiresDist: ['dep>=2'] }] },
    { name: 'dep', releases: [{ version: '1.0' }, { version: '2.0' }, { version: '3.0' }] },
  ];
  test('fix: the nearest candidate (dep 2.0) lost: exit 3, fix.json index-error naming it and the host, nothing written; without the fault, dep 2.0', async () => {
    const pins = 'app==1.0\ndep==1.0\n';
    const s = await serve(FIX, /^\/files\/dep-2\.0-/);
    const host = new URL(s.url).host;
    const { cli, ws, read } = await run('fix', pins, s, ['--write']);
    assert.equal(cli.code, 3, cli.stderr);
    const plan = JSON.parse(read('fix.json')) as { files: Array<{ status: string; conflict: string[]; changes: unknown[] }>; written: boolean };
    assert.deepEqual(plan.files.map((f) => [f.status, f.changes.length]), [['index-error', 0]]);
    assert.match(plan.files[0]!.conflict[0]!, new RegExp(`^Could not fetch URL http://${host.replace(/\./g, '\\.')}/files/dep-2\\.0-\\S+: 503 Server Error .*: the metadata of dep 2\\.0 could not be fetched from ${host.replace(/\./g, '\\.')}, so the fix search could not judge dep 2\\.0`));
    assert.equal(plan.written, false);
    assert.equal(readFileSync(join(ws.repo, REQS), 'utf8'), pins, 'nothing written');
    assert.match(cli.stdout + cli.stderr, /no fix claimed: the index failed to deliver a candidate the search needed: Could not fetch URL/);

    const healthy = await run('fix', pins, await serve(FIX, null));
    assert.equal(healthy.cli.code, 0, healthy.cli.stderr);
    const fixed = JSON.parse(healthy.read('fix.json')) as { files: Array<{ status: string; changes: Array<{ package: string; to: string }> }> };
    assert.deepEqual(fixed.files.map((f) => [f.status, f.changes.map((c) => `${c.package}==${c.to}`)]), [['fixed', ['dep==2.0']]]);
  });

  const WHEELS: ProjectSpec[] = [{ name: 'foo', releases: [{ version: '1.0' }, { version: '2.0' }] }];
  test('wheels: a range pin whose newest release (pip\'s choice) lost its metadata on an autoindex mirror: exit 3, index-error naming foo 2.0; without the fault, a pass', async () => {
    const pins = '# python_version: 36\nfoo>=1.0\n';
    const { report, lost } = await lostRun('wheels', WHEELS, pins, 'foo 2.0', 2, true);
    assert.match(lost.message, /, so foo>=1\.0 was not checked for py3\.6-linux-x86_64$/);
    assert.deepEqual(report.findings.filter((f) => f.severity === 'error').map((f) => f.code), ['index-error'], 'no missing-on-mirror or no-distribution');

    const ok = await serve(WHEELS, null, true);
    const healthy = await run('wheels', pins, ok, ['--find-links', ok.findLinksUrl]);
    assert.equal(healthy.cli.code, 0, healthy.cli.stderr);
    const verdict = JSON.parse(healthy.cli.stdout) as Report;
    assert.deepEqual(verdict.results.map((r) => r.status), ['pass']);
    assert.deepEqual(verdict.findings.filter((f) => f.severity === 'error'), []);
  });
});
