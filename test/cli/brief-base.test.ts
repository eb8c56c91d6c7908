// `--brief-base REV` on check runs: a real git repository with two commits (the base, then a pyup
// bump), a loopback index, and `pyup-checks compat` run in-process. The check-run text leads with
// the landing brief, then the check's own text; a revision that does not exist leaves a note and
// the check's exit status alone. The composition's byte budget is tested on real reports.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { EXAMPLE_INDEX } from '../../examples/index.js';
import type { Brief } from '../../src/brief/index.js';
import { composeCheckRunText, fitBrief, GITHUB_TEXT_LIMIT } from '../../src/cli/check-run-brief.js';
import { parseReport } from '../../src/findings/index.js';
import type { Finding, Report } from '../../src/findings/index.js';
import { renderGithubCheckText } from '../../src/report/index.js';
import { buildProjects } from '../support/distributions.js';
import { startIndexServer } from '../support/index-server.js';
import type { IndexServer } from '../support/index-server.js';
import { SIGNING } from './fixtures.js';
import { runCli } from './harness.js';

const BALROG = (six: string): string => `# python_version: 36\ncertifi==2018.10.15\nsix==${six}\n`;
const CONFIG = 'modules:\n  signing_scriptworker:\n    restart: restart the signing scriptworkers\n    machines: [signing-linux-v2]\n';

const GIT_ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: tmpdir() };
const git = async (repo: string, ...args: string[]): Promise<string> => (await execa('git', args, { cwd: repo, env: GIT_ENV })).stdout.trim();

function write(repo: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
}

let server: IndexServer;
let root: string;
let repo: string;
let base: string;

before(async () => {
  server = await startIndexServer({ projects: await buildProjects(EXAMPLE_INDEX) });
  root = mkdtempSync(join(tmpdir(), 'pyup-checks-brief-base-'));
  repo = join(root, 'repo');
  mkdirSync(repo);
  await git(repo, 'init', '-q', '-b', 'main');
  write(repo, {
    '.pyup-checks.yml': CONFIG,
    'modules/signing_scriptworker/files/requirements.txt': SIGNING('4.0.1'),
    'modules/balrog_scriptworker/files/requirements.txt': BALROG('1.11.0'),
  });
  await git(repo, 'add', '.');
  await git(repo, 'commit', '-q', '-m', 'base');
  base = await git(repo, 'rev-parse', 'HEAD');
  await git(repo, 'checkout', '-q', '-b', 'pyup');
  write(repo, {
    'modules/signing_scriptworker/files/requirements.txt': SIGNING('5.0.0'),
    'modules/balrog_scriptworker/files/requirements.txt': BALROG('1.12.0'),
  });
  await git(repo, 'commit', '-q', '-am', 'Scheduled weekly dependency update');
});
after(async () => {
  await server.close();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  text: string;
  dir: string;
}

async function check(args: string[], name: string): Promise<Run> {
  const dir = join(root, `artifacts-${name}`);
  const r = await runCli(['compat', '--repo', repo, '--index-url', server.indexUrl, '--cache-dir', join(root, 'cache'), '--artifacts', dir, ...args], root);
  return { ...r, dir, text: readFileSync(join(dir, 'github/customCheckRunText.md'), 'utf8') };
}

/** The check's own part of the text: what follows the brief. */
const checkPart = (text: string): string => text.slice(text.indexOf('\n---\n\n## pyup-checks') + 6);

describe('compat --brief-base REV', () => {
  let plain: Run;
  let withBrief: Run;
  before(async () => {
    plain = await check([], 'plain');
    withBrief = await check(['--brief-base', base, '--json'], 'brief');
  });

  test('without it, the check-run text is the check\'s own and no brief is written', () => {
    assert.equal(plain.code, 1, plain.stderr);
    assert.match(plain.text, /^## pyup-checks\n/);
    assert.ok(!existsSync(join(plain.dir, 'brief.md')));
  });

  test('the check-run text starts with the brief (the taskcluster major bump), then the check\'s matrix', () => {
    assert.equal(withBrief.code, plain.code, withBrief.stderr);
    const { text } = withBrief;
    assert.match(text, /^## Landing brief: hold\n/);
    assert.match(text, /\*\*taskcluster 4\.0\.1 → 5\.0\.0\*\* — modules\/signing\\_scriptworker\/files\/requirements\.txt:14: major/);
    assert.match(text, /\| six \| 1\.11\.0 → 1\.12\.0 \| minor/);
    const md = readFileSync(join(withBrief.dir, 'brief.md'), 'utf8');
    assert.ok(text.startsWith(md), 'the text leads with brief.md, whole');
    // Then the check's own text, exactly as without --brief-base: title, verdict, the module × target matrix.
    const own = checkPart(text);
    assert.equal(own, plain.text);
    assert.match(own, /### compat\n\n\| module \| py3\.6-linux-x86_64 \|\n\|---\|:-:\|\n\| balrog_scriptworker \| ✅ \|\n\| signing_scriptworker \| ❌ \|/);
    assert.ok(text.indexOf('## Landing brief') < text.indexOf('### compat'));
  });

  test('brief.md and brief.json are artifacts; --json still prints report.json alone', () => {
    const brief = JSON.parse(readFileSync(join(withBrief.dir, 'brief.json'), 'utf8')) as Brief;
    assert.equal(brief.base.commit, base);
    assert.equal(brief.base.rev, base);
    assert.equal(brief.head.rev, 'working tree');
    assert.equal(brief.recommendation.action, 'hold');
    assert.deepEqual(brief.modules.map((m) => [m.module, m.highestBump]), [['balrog_scriptworker', 'minor'], ['signing_scriptworker', 'major']]);
    const report = parseReport(withBrief.stdout);
    assert.deepEqual(report, JSON.parse(readFileSync(join(withBrief.dir, 'report.json'), 'utf8')));
    assert.ok(report.findings.some((f) => f.code === 'conflict' && f.package === 'taskcluster-urls'));
  });

  test('the brief follows the run\'s selection: --module balrog_scriptworker', async () => {
    const r = await check(['--module', 'balrog_scriptworker', '--brief-base', 'main'], 'module');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.text, /^## Landing brief: land any time\n/);
    assert.doesNotMatch(r.text, /taskcluster/);
    assert.match(checkPart(r.text), /^## pyup-checks\n\n\*\*passed\*\*/);
  });
});

describe('compat --brief-base with a revision that does not exist', () => {
  test('a failing check still exits 1, and the text says the brief could not be made, then the matrix', async () => {
    const r = await check(['--brief-base', 'no-such-rev'], 'bad-fail');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.text, /^## Landing brief: could not be made\n\nThe landing brief for no-such-rev\.\.working tree could not be made: .*no-such-rev/);
    assert.match(checkPart(r.text), /^## pyup-checks\n\n\*\*FAILED\*\*[^]*### compat\n\n\| module \|/);
    assert.match(r.stderr, /the landing brief \(--brief-base no-such-rev\) could not be made/);
    assert.ok(!existsSync(join(r.dir, 'brief.md')) && !existsSync(join(r.dir, 'brief.json')));
  });

  test('a passing check still exits 0', async () => {
    const r = await check(['--module', 'balrog_scriptworker', '--brief-base', 'no-such-rev'], 'bad-pass');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.text, /^## Landing brief: could not be made/);
    assert.match(checkPart(r.text), /^## pyup-checks\n\n\*\*passed\*\*/);
  });
});

describe('the check-run text stays within GitHub\'s limit', () => {
  const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
  let report: Report;
  let big: Report;
  before(async () => {
    const r = await check([], 'budget');
    report = parseReport(readFileSync(join(r.dir, 'report.json'), 'utf8'));
    // Enough distinct findings that the check's own text must truncate itself.
    const seed = report.findings.find((f) => f.severity === 'error')!;
    const many: Finding[] = Array.from({ length: 3000 }, (_, i) => ({ ...seed, line: i + 1, message: `${seed.message} (${i}) ${'é'.repeat(20)}` }));
    big = { ...report, findings: [...report.findings, ...many] };
  });
  const longBrief = `## Landing brief: hold\n\n${Array.from({ length: 4000 }, (_, i) => `- line ${i}: ${'ü'.repeat(10)}`).join('\n')}\n`;

  const cases: Array<[string, () => Report, string, (text: string, brief: string, own: string) => void]> = [
    ['a long brief and a short check text: the check text stays whole, the brief takes the rest', () => report, longBrief, (text, brief, own) => {
      assert.equal(own, renderGithubCheckText(report));
      assert.ok(bytes(brief) > GITHUB_TEXT_LIMIT / 2);
    }],
    ['a short brief and a long check text: the brief stays whole', () => big, '## Landing brief: land any time\n\nshort\n', (_text, brief, own) => {
      assert.equal(brief, '## Landing brief: land any time\n\nshort\n');
      assert.match(own, /… \d+ more findings: see report\.json \/ junit\.xml\n$/);
    }],
    ['both long: the brief is cut to half, the check text truncates itself in the rest', () => big, longBrief, (_text, brief, own) => {
      assert.ok(bytes(brief) <= GITHUB_TEXT_LIMIT / 2);
      assert.match(own, /### compat\n/);
      assert.match(own, /more findings: see report\.json/);
    }],
  ];
  for (const [name, rep, md, more] of cases) {
    test(name, () => {
      const text = composeCheckRunText({ ok: true, markdown: md }, rep());
      assert.ok(bytes(text) <= GITHUB_TEXT_LIMIT, `${bytes(text)} bytes`);
      const cut = text.indexOf('\n---\n\n## pyup-checks');
      assert.ok(cut > 0);
      const brief = text.slice(0, cut);
      const own = text.slice(cut + '\n---\n\n'.length);
      assert.ok(own.startsWith('## pyup-checks\n'));
      if (bytes(md) + bytes(own) + 5 > GITHUB_TEXT_LIMIT) {
        assert.ok(brief.endsWith("\n_… the brief is cut here to fit GitHub's limit: the whole brief is in the brief.md artifact._\n"), brief.slice(-200));
        const kept = brief.slice(0, brief.indexOf('\n_… the brief is cut here'));
        assert.ok(kept.length > 1000 && md.startsWith(kept) && kept.endsWith('\n'), 'cut at a line end of the brief');
      } else {
        assert.equal(brief, md);
      }
      more(text, brief, own);
    });
  }

  test('fitBrief cuts at a line end and leaves short text alone', () => {
    assert.equal(fitBrief('abc\n', 100), 'abc\n');
    const cut = fitBrief(longBrief, 1000);
    assert.ok(bytes(cut) <= 1000);
    const kept = cut.slice(0, cut.indexOf('\n_… the brief is cut'));
    assert.ok(longBrief.startsWith(kept) && bytes(kept) > 800, `${bytes(kept)} bytes kept`);
    assert.match(kept, /- line \d+: ü{10}\n$/);
  });
});
