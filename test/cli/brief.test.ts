// End to end: a real git repository (two commits of requirements files), a loopback index built from
// declarative releases, and `pyup-checks brief` run in-process.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { EXAMPLE_INDEX } from '../../examples/index.js';
import type { Brief, BriefChange } from '../../src/brief/index.js';
import { CHECKS } from '../../src/checks/index.js';
import { buildProjects, writeFindLinksDir } from '../support/distributions.js';
import type { BuiltFile, ProjectSpec } from '../support/distributions.js';
import { startIndexServer } from '../support/index-server.js';
import type { IndexServer } from '../support/index-server.js';
import { SIGNING } from './fixtures.js';
import { runCli } from './harness.js';

const cp36Linux = { kind: 'wheel', tags: 'cp36-cp36m-manylinux1_x86_64' } as const;

// The bundled example index, with idna and a few projects of this test's own.
const INDEX: ProjectSpec[] = [
  ...EXAMPLE_INDEX.filter((p) => p.name !== 'idna'),
  {
    name: 'idna',
    releases: [
      { version: '2.7', requiresPython: '>=2.7', homePage: 'https://github.com/kjd/idna' },
      { version: '2.8', requiresPython: '>=2.7, !=3.0.*', projectUrls: [['Source', 'https://github.com/kjd/idna'], ['Release notes', 'https://github.com/kjd/idna/blob/master/HISTORY.rst']] },
    ],
  },
  {
    name: 'mozdevice',
    releases: [
      { version: '1.0', files: [cp36Linux, { kind: 'sdist' }] },
      { version: '1.0.post1', requiresDist: ['six>=1.10'], files: [{ kind: 'sdist' }] },
    ],
  },
];
const SIGNTOOL: ProjectSpec = { name: 'signtool', releases: [{ version: '2.0.3', requiresDist: ['six>=1.13.0'] }] };

const CONFIG = `modules:
  signing_scriptworker:
    restart: restart the signing scriptworkers
    services: [scriptworker]
    machines: [signing-linux-v2]
  signingserver:
    restart: restart every signing server
    machines: [mac-v3-signing]
  balrog_scriptworker:
    machines: [balrogworker]
`;


const BASE: Record<string, string> = {
  '.pyup-checks.yml': CONFIG,
  'modules/signing_scriptworker/files/requirements.txt': SIGNING('4.0.1'),
  'modules/signingserver/files/requirements.txt': '# python_version: 36\ncertifi==2018.10.15\nchardet==3.0.4\nidna==2.7\nrequests==2.20.0\nurllib3==1.24\n',
  'modules/balrog_scriptworker/files/requirements.txt': '# python_version: 36\ncertifi==2018.10.15\nfutures==3.2.0 ; python_version < "3"\nsix==1.11.0\n',
  'modules/buildbot_bridge/files/requirements.txt': '# python_version: 36\nmozdevice==1.0\nsix==1.11.0\n',
};

const HEAD: Record<string, string> = {
  'modules/signing_scriptworker/files/requirements.txt': SIGNING('5.0.0'),
  'modules/signingserver/files/requirements.txt': '# python_version: 36\ncertifi==2018.10.15\nchardet==3.0.4\nidna==2.8\nrequests==2.21.0\nurllib3==1.24\n',
  'modules/balrog_scriptworker/files/requirements.txt': '# python_version: 36\ncertifi==2018.11.29\nredo==2.0.2\nsix==1.12.0\nsigntool==2.0.3  # puppet: nodownload\n',
  'modules/buildbot_bridge/files/requirements.txt': '# python_version: 36\nmozdevice==1.0.post1\nsix==1.11.0\n',
};

const GIT_ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: tmpdir() };

async function git(repo: string, ...args: string[]): Promise<string> {
  return (await execa('git', args, { cwd: repo, env: GIT_ENV })).stdout.trim();
}

function write(repo: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
}

/** main: the base commit; pyup: the PR's commit (checked out). */
async function pyupRepo(): Promise<{ root: string; repo: string; base: string; head: string }> {
  const root = mkdtempSync(join(tmpdir(), 'pyup-checks-brief-'));
  const repo = join(root, 'repo');
  mkdirSync(repo);
  await git(repo, 'init', '-q', '-b', 'main');
  write(repo, BASE);
  await git(repo, 'add', '.');
  await git(repo, 'commit', '-q', '-m', 'base');
  const base = await git(repo, 'rev-parse', 'HEAD');
  await git(repo, 'checkout', '-q', '-b', 'pyup');
  write(repo, HEAD);
  await git(repo, 'commit', '-q', '-am', 'Scheduled weekly dependency update');
  return { root, repo, base, head: await git(repo, 'rev-parse', 'HEAD') };
}

let server: IndexServer;
let files: BuiltFile[];
let signtool: BuiltFile[];
let ws: Awaited<ReturnType<typeof pyupRepo>>;

before(async () => {
  files = await buildProjects(INDEX);
  signtool = await buildProjects([SIGNTOOL]);
  server = await startIndexServer({ projects: files });
  ws = await pyupRepo();
});
after(async () => {
  await server.close();
});

async function brief(args: string[], name: string): Promise<{ code: number; stdout: string; stderr: string; md: string; json: Brief }> {
  const artifacts = join(ws.root, `artifacts-${name}`);
  const run = await runCli(['brief', '--repo', ws.repo, '--index-url', server.indexUrl, '--cache-dir', join(ws.root, 'cache'), '--artifacts', artifacts, ...args], ws.root);
  const written = existsSync(join(artifacts, 'brief.json'));
  const md = written ? readFileSync(join(artifacts, 'brief.md'), 'utf8') : '';
  const json = written ? (JSON.parse(readFileSync(join(artifacts, 'brief.json'), 'utf8')) as Brief) : ({} as Brief);
  return { ...run, md, json };
}

function change(b: Brief, module: string, pkg: string): BriefChange {
  const c = b.modules.find((m) => m.module === module)?.changes.find((x) => x.package === pkg);
  assert.ok(c, `${module}: ${pkg} is listed`);
  return c;
}

describe('brief on a pyup PR (merge base with main → working tree)', () => {
  let r: Awaited<ReturnType<typeof brief>>;
  before(async () => {
    r = await brief([], 'default');
  });

  test('exits 1 (compat finds an error in a changed pin) and prints the Markdown it wrote', () => {
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, r.md);
    assert.equal(r.json.base.commit, ws.base);
    assert.equal(r.json.base.rev, 'merge-base(HEAD, main)');
    assert.equal(r.json.head.rev, 'working tree');
  });

  test('lists every added, removed and changed pin with its head line and bump kind', () => {
    const got = r.json.modules.flatMap((m) => m.changes.map((c) => [m.module, c.package, c.kind, c.from?.version ?? null, c.to?.version ?? null, c.line, c.bump?.kind ?? null]));
    assert.deepEqual(got, [
      ['balrog_scriptworker', 'certifi', 'changed', '2018.10.15', '2018.11.29', 2, 'minor'],
      ['balrog_scriptworker', 'redo', 'added', null, '2.0.2', 3, null],
      ['balrog_scriptworker', 'six', 'changed', '1.11.0', '1.12.0', 4, 'minor'],
      ['balrog_scriptworker', 'signtool', 'added', null, '2.0.3', 5, null],
      ['balrog_scriptworker', 'futures', 'removed', '3.2.0', null, null, null],
      ['buildbot_bridge', 'mozdevice', 'changed', '1.0', '1.0.post1', 2, 'post'],
      ['signing_scriptworker', 'taskcluster', 'changed', '4.0.1', '5.0.0', 14, 'major'],
      ['signingserver', 'idna', 'changed', '2.7', '2.8', 4, 'minor'],
      ['signingserver', 'requests', 'changed', '2.20.0', '2.21.0', 5, 'minor'],
    ]);
    assert.deepEqual(r.json.summary, { added: 2, removed: 1, changed: 6, modules: 4, errors: 1, warnings: 0 });
    assert.match(change(r.json, 'balrog_scriptworker', 'certifi').bump?.semverNote ?? '', /calendar version/);
  });

  test('taskcluster 4.0.1 → 5.0.0: a major bump, the restart, the new requirement and the conflict compat finds', () => {
    const tc = change(r.json, 'signing_scriptworker', 'taskcluster');
    assert.equal(tc.bump?.semver?.diff, 'major');
    assert.deepEqual(tc.facts?.requirements, { added: [], dropped: [], changed: [{ name: 'taskcluster-urls', from: 'taskcluster-urls>=10.1.0', to: 'taskcluster-urls<11,>=10.1.0' }] });
    assert.deepEqual(tc.facts?.links, [{ label: 'Changelog', url: 'https://github.com/taskcluster/taskcluster-client.py/releases', kind: 'changelog' }]);
    assert.deepEqual(tc.findings.map((f) => [f.code, f.package, f.line, f.suggestion?.changes[0]?.to]), [['conflict', 'taskcluster-urls', 15, '10.1.2']]);
    const m = r.json.modules.find((x) => x.module === 'signing_scriptworker')!;
    assert.equal(m.risk, 'high');
    assert.equal(m.highestBump, 'major');
    assert.deepEqual(m.operations, { restart: 'restart the signing scriptworkers', services: ['scriptworker'], machines: ['signing-linux-v2'], configured: true });
    assert.ok(m.reasons.some((x) => x.level === 'high' && /taskcluster 4\.0\.1 → 5\.0\.0 is a major bump, and signing_scriptworker needs a restart \(restart the signing scriptworkers\)/.test(x.text)));
    assert.ok(m.reasons.some((x) => x.level === 'high' && /taskcluster 5\.0\.0 has requirement taskcluster-urls<11,>=10\.1\.0, but you'll have taskcluster-urls 11\.0\.0/.test(x.text)));
    // The Markdown names all of it.
    const section = r.md.slice(r.md.indexOf('### signing\\_scriptworker'));
    assert.match(section, /risk high, highest bump major/);
    assert.match(section, /Restart: restart the signing scriptworkers/);
    assert.match(section, /\*\*taskcluster 4\.0\.1 → 5\.0\.0\*\* — modules\/signing\\_scriptworker\/files\/requirements\.txt:14: major \(semver: major\)/);
    assert.match(section, /Changed requirement: `taskcluster-urls>=10\.1\.0` → `taskcluster-urls<11,>=10\.1\.0`/);
    assert.match(section, /compat conflict \(error, py3\.6-linux-x86\\_64\): taskcluster 5\.0\.0 has requirement taskcluster-urls\\<11,\\>=10\.1\.0/);
    assert.match(section, /\[Changelog\]\(https:\/\/github\.com\/taskcluster\/taskcluster-client\.py\/releases\)/);
  });

  test('links, Requires-Python and dropped requirements from the releases\' METADATA', () => {
    const idna = change(r.json, 'signingserver', 'idna');
    assert.deepEqual(idna.facts?.links.map((l) => [l.kind, l.url]), [['release-notes', 'https://github.com/kjd/idna/blob/master/HISTORY.rst'], ['source', 'https://github.com/kjd/idna']]);
    assert.deepEqual(idna.facts?.requiresPython, { from: '>=2.7', to: '>=2.7, !=3.0.*' });
    const requests = change(r.json, 'signingserver', 'requests');
    assert.deepEqual(requests.facts?.requirements, {
      added: [],
      dropped: ['pyOpenSSL>=0.14; extra == "security"'],
      changed: [{ name: 'idna', from: 'idna<2.8,>=2.5', to: 'idna<2.9,>=2.5' }],
    });
    const mozdevice = change(r.json, 'buildbot_bridge', 'mozdevice');
    assert.deepEqual(mozdevice.facts?.requirements.added, ['six>=1.10']);
    assert.deepEqual(mozdevice.facts?.lostWheels, [{ target: 'py3.6-linux-x86_64', had: 'mozdevice-1.0-cp36-cp36m-manylinux1_x86_64.whl' }]);
    const redo = change(r.json, 'balrog_scriptworker', 'redo');
    assert.equal(redo.facts?.metadata, 'ok');
  });

  test('risk per module and the recommendation: hold, with the reasons', () => {
    const risk = Object.fromEntries(r.json.modules.map((m) => [m.module, m.risk]));
    assert.deepEqual(risk, { balrog_scriptworker: 'low', buildbot_bridge: 'medium', signing_scriptworker: 'high', signingserver: 'medium' });
    const server = r.json.modules.find((m) => m.module === 'signingserver')!;
    assert.ok(server.reasons.some((x) => /signingserver changes: restart every signing server; its tasks fail while the machines puppetize on mac-v3-signing/.test(x.text)));
    assert.ok(server.reasons.some((x) => /changes Requires-Python/.test(x.text)));
    const bridge = r.json.modules.find((m) => m.module === 'buildbot_bridge')!;
    assert.ok(bridge.reasons.some((x) => x.level === 'medium' && /adds requirements: six>=1\.10/.test(x.text)));
    assert.ok(bridge.reasons.some((x) => x.level === 'medium' && /no wheel for py3\.6-linux-x86_64/.test(x.text)));
    assert.ok(bridge.reasons.some((x) => /no entry under modules:/.test(x.text)));
    assert.equal(r.json.recommendation.action, 'hold');
    assert.ok(r.json.recommendation.reasons.every((x) => x.startsWith('signing_scriptworker: ')));
    assert.match(r.md, /^## Landing brief: hold$/m);
    for (const c of r.json.modules.flatMap((m) => m.changes)) assert.equal(c.mirror.status, c.kind === 'removed' ? 'not-applicable' : 'unknown');
  });
});

describe('brief: revisions, module selection and the mirror', () => {
  test('explicit --base and --head read both sides from git, and agree with the working tree', async () => {
    const fromTree = await brief([], 'tree');
    const fromGit = await brief(['--base', ws.base, '--head', 'pyup', '--json'], 'git');
    assert.equal(fromGit.code, 1);
    assert.equal(fromGit.json.head.commit, ws.head);
    assert.deepEqual(JSON.parse(fromGit.stdout), fromGit.json);
    const strip = (b: Brief) => ({ ...b, base: null, head: null });
    assert.deepEqual(strip(fromGit.json), strip(fromTree.json));
  });

  test('a module whose services restart, with minor bumps: land when someone can watch the puppet runs', async () => {
    const r = await brief(['--module', 'signingserver'], 'watch');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.recommendation.action, 'land-when-watched');
    assert.match(r.json.recommendation.text, /land when someone can watch the puppet runs on mac-v3-signing/);
  });

  test('a module with no restart and no findings: land any time', async () => {
    const r = await brief(['--module', 'balrog_scriptworker'], 'anytime');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.recommendation.action, 'land-any-time');
    assert.deepEqual(r.json.modules.map((m) => m.risk), ['low']);
  });

  test('a mirror without the new files: first-pass failures, and a nodownload pin with no file on any mirror holds the PR', async () => {
    const dir = join(ws.root, 'mirror-partial');
    await writeFindLinksDir(files.filter((f) => !f.filename.startsWith('certifi-2018.11.29')), dir);
    const r = await brief(['--module', 'balrog_scriptworker', '--find-links', dir], 'mirror-partial');
    // wheels, when registered, reports the missing certifi as an error finding.
    assert.equal(r.code, CHECKS.some((c) => c.id === 'wheels') ? 1 : 0, r.stderr);
    const m = r.json.modules[0]!;
    assert.deepEqual(m.notOnMirror.map((n) => [n.package, n.status]), [['certifi', 'missing'], ['signtool', 'absent']]);
    assert.equal(change(r.json, 'balrog_scriptworker', 'redo').mirror.status, 'present');
    assert.equal(m.risk, 'high');
    assert.equal(r.json.recommendation.action, 'hold');
    assert.ok(r.json.recommendation.reasons.some((x) => /no file on any mirror: signtool(==| )2\.0\.3 is (marked )?"# puppet: nodownload"/.test(x)));
    assert.match(r.md, /Expected first-pass puppet failures \(not on the mirror\): certifi 2018\.11\.29, signtool 2\.0\.3/);
  });

  test('a nodownload pin the mirror holds: compat reads its metadata there and finds its conflict', async () => {
    const dir = join(ws.root, 'mirror-full');
    await writeFindLinksDir([...files, ...signtool], dir);
    const r = await brief(['--module', 'balrog_scriptworker', '--find-links', dir], 'mirror-full');
    assert.equal(r.code, 1, r.stderr);
    const st = change(r.json, 'balrog_scriptworker', 'signtool');
    assert.equal(st.mirror.status, 'present');
    assert.equal(st.facts?.metadata, 'ok');
    assert.deepEqual(st.facts?.requirements.added, ['six>=1.13.0']);
    assert.deepEqual(st.findings.filter((f) => f.severity !== 'info').map((f) => [f.code, f.package, f.message]), [['conflict', 'six', "signtool 2.0.3 has requirement six>=1.13.0, but you'll have six 1.12.0 which is incompatible."]]);
    assert.equal(r.json.recommendation.action, 'hold');
    assert.equal(r.json.modules[0]!.notOnMirror.length, 0);
  });

  test('a revision that does not exist is a usage error', async () => {
    const r = await brief(['--base', 'no-such-branch'], 'bad');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not a commit in .*: no-such-branch/);
  });
});

describe('brief against an index that hangs on every wheel', () => {
  test('exit 3; the changed pins\' index-errors name the host in brief.md and brief.json, and nothing lost reads as a release finding', async () => {
    const hung = await startIndexServer({ projects: files, faults: [{ path: /^\/files\//, kind: 'hang' }], pep658: false });
    try {
      const host = new URL(hung.url).host;
      const artifacts = join(ws.root, 'artifacts-hung');
      const run = await runCli(['brief', '--repo', ws.repo, '--index-url', hung.indexUrl, '--cache-dir', join(ws.root, 'cache-hung'), '--artifacts', artifacts], ws.root, { PYUP_CHECKS_TIMEOUT: '0.4' });
      assert.equal(run.code, 3, run.stderr);
      const md = readFileSync(join(artifacts, 'brief.md'), 'utf8');
      const text = readFileSync(join(artifacts, 'brief.json'), 'utf8');
      assert.match(md, new RegExp(`Could not fetch URL http://${host.replace(/\./g, '\\.')}/files/\\S+: connection timed out`));
      assert.ok(md.includes(`could not be fetched from ${host}`), md.slice(0, 2000));
      assert.doesNotMatch(text, /metadata-unavailable|dependencies of \S+ \S+ could not be determined/, 'a hung index is not unreadable metadata');
    } finally {
      await hung.close();
    }
  });
});
