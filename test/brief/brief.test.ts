// The brief as a pure function of two inventories and an in-memory index snapshot (no git, no HTTP).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { releaseLinks, renderBriefJson, renderBriefMarkdown, runBrief } from '../../src/brief/index.js';
import type { Brief, ModuleConfig } from '../../src/brief/index.js';
import { CHECKS } from '../../src/checks/index.js';
import { buildInventory } from '../../src/inventory/index.js';
import { fetcherFrom, snapshotOf } from '../checks/snapshot.js';
import type { IndexDesc } from '../checks/snapshot.js';

const F = 'modules/m/files/requirements.txt';
const compat = CHECKS.filter((c) => c.id === 'compat');
const empty = () => ({ index: new Map(), mirror: new Map(), metadata: new Map() });

const INDEX: IndexDesc = {
  a: {
    '1.0': { requires: ['x>=1', 'gone<2'], requiresPython: '>=2.7', wheels: ['cp36-cp36m-manylinux1_x86_64', 'py3-none-any'], homePage: 'https://a.example/' },
    '1.1': { requires: ['x>=1.5', 'new[extra]>=0.1; python_version >= "3"'], requiresPython: '>=3.5', sdist: true, projectUrls: [['Source', 'https://github.com/a/a'], ['Changelog', 'https://a.example/changes'], ['Funding', 'javascript:alert(1)']] },
    '2.0': {},
  },
  x: { '1.0': {}, '2.0': {} },
  gone: { '1.0': {} },
  new: { '0.1': {} },
  b: { '1.0': {}, '1.0.post1': {}, '2.0': {} },
};

async function brief(base: string, head: string, opts: { modules?: Record<string, ModuleConfig>; mirror?: IndexDesc; mirrors?: boolean; index?: IndexDesc } = {}): Promise<Brief> {
  const inv = (text: string) => buildInventory([{ path: F, text }]);
  const full = snapshotOf(opts.index ?? INDEX, opts.mirror ? { mirror: opts.mirror } : {});
  const out = await runBrief(
    {
      toolVersion: '0.0.0', base: { rev: 'base', commit: null }, head: { rev: 'head', commit: null },
      baseInventory: inv(base), headInventory: inv(head), checks: compat, modules: opts.modules ?? {},
      settings: { mirrors: opts.mirrors || opts.mirror ? [{ url: 'http://127.0.0.1:1/mirror/', pythons: null }] : [] },
    },
    empty(),
    fetcherFrom(full),
  );
  return out.brief;
}

describe('release facts from METADATA', () => {
  test('links, Requires-Python, requirement diffs and lost wheels of a changed pin', async () => {
    const b = await brief('# python_version: 36\na==1.0\nx==2.0\ngone==1.0\nnew==0.1\n', '# python_version: 36\na==1.1\nx==2.0\ngone==1.0\nnew==0.1\n');
    const c = b.modules[0]!.changes[0]!;
    assert.equal(c.package, 'a');
    assert.deepEqual(c.facts, {
      metadata: 'ok',
      links: [
        { label: 'Changelog', url: 'https://a.example/changes', kind: 'changelog' },
        { label: 'Source', url: 'https://github.com/a/a', kind: 'source' },
      ],
      requiresPython: { from: '>=2.7', to: '>=3.5' },
      requirements: { added: ['new[extra]>=0.1; python_version >= "3"'], dropped: ['gone<2'], changed: [{ name: 'x', from: 'x>=1', to: 'x>=1.5' }] },
      lostWheels: [{ target: 'py3.6-linux-x86_64', had: 'a-1.0-cp36-cp36m-manylinux1_x86_64.whl' }],
    });
    const reasons = b.modules[0]!.reasons.map((r) => `${r.level}: ${r.text}`);
    assert.deepEqual(reasons, [
      'medium: a 1.1 changes Requires-Python: >=2.7 → >=3.5',
      'medium: a 1.1 adds requirements: new[extra]>=0.1; python_version >= "3"',
      'medium: a 1.1 has no wheel for py3.6-linux-x86_64 (a-1.0-cp36-cp36m-manylinux1_x86_64.whl had one): it builds from source there',
      'low: a 1.1 changes its requirement x>=1 → x>=1.5',
      'low: m has no entry under modules: in the repository config: restarts and machines unknown',
    ]);
  });

  test('an added pin lists its release\'s requirements; a removed pin has no facts', async () => {
    const b = await brief('# python_version: 36\nb==1.0\n', '# python_version: 36\na==1.0\nx==1.0\ngone==1.0\n');
    const byName = Object.fromEntries(b.modules[0]!.changes.map((c) => [c.package, c]));
    assert.deepEqual(byName.a?.facts?.requirements, { added: ['gone<2', 'x>=1'], dropped: [], changed: [] });
    assert.equal(byName.a?.facts?.requiresPython, null);
    assert.deepEqual(byName.a?.facts?.links.map((l) => l.kind), ['home']);
    assert.equal(byName.b?.kind, 'removed');
    assert.equal(byName.b?.facts, null);
  });

  test('links: well-known labels, Home-page, http(s) only, each URL once', () => {
    const meta = (projectUrls: Array<[string, string]>, homePage: string | null) => ({
      metadataVersion: '2.1', name: 'p', version: '1', requiresDist: [], requiresPython: null, providesExtra: [], summary: null, homePage,
      projectUrls: projectUrls.map(([label, url]) => ({ label, url })),
    });
    const cases: Array<[Array<[string, string]>, string | null, Array<[string, string]>]> = [
      [[['Release Notes', 'https://x/rn'], ['Documentation', 'https://x/docs'], ['Bug Tracker', 'https://x/issues']], null, [['release-notes', 'https://x/rn'], ['docs', 'https://x/docs'], ['issues', 'https://x/issues']]],
      [[['What\'s New', 'https://x/new'], ['Homepage', 'https://x/']], 'https://x/', [['changelog', 'https://x/new'], ['home', 'https://x/']]],
      [[['GitHub', 'https://github.com/o/r/releases']], 'UNKNOWN', [['source', 'https://github.com/o/r/releases']]],
      [[['Misc', 'https://x/CHANGELOG.md'], ['Other', 'https://x/y']], null, [['changelog', 'https://x/CHANGELOG.md'], ['other', 'https://x/y']]],
      [[['x', 'ftp://x/'], ['y', 'https://x/a b'], ['z', 'https://x/(y)']], null, []],
    ];
    for (const [urls, home, want] of cases) {
      assert.deepEqual(releaseLinks(meta(urls, home)).map((l) => [l.kind, l.url]), want, JSON.stringify(urls));
    }
  });
});

describe('risk and recommendation', () => {
  const SIGNING: Record<string, ModuleConfig> = { m: { restart: 'restart the signing workers', machines: ['signing-linux'] } };
  const QUIET: Record<string, ModuleConfig> = { m: { machines: ['quiet'] } };
  const cases: Array<{ name: string; base: string; head: string; modules: Record<string, ModuleConfig>; risk: string; action: string; reason: RegExp }> = [
    { name: 'major bump of a module that restarts: high, hold', base: 'b==1.0\n', head: 'b==2.0\n', modules: SIGNING, risk: 'high', action: 'hold', reason: /b 1\.0 → 2\.0 is a major bump, and m needs a restart \(restart the signing workers\)/ },
    { name: 'post bump of a module that restarts: medium, watch', base: 'b==1.0\n', head: 'b==1.0.post1\n', modules: SIGNING, risk: 'medium', action: 'land-when-watched', reason: /m changes: restart the signing workers; its tasks fail while the machines puppetize on signing-linux/ },
    { name: 'major bump of a module without restart: medium', base: 'b==1.0\n', head: 'b==2.0\n', modules: QUIET, risk: 'medium', action: 'land-when-watched', reason: /b 1\.0 → 2\.0 is a major bump$/ },
    { name: 'post bump, no restart: low, any time', base: 'b==1.0\n', head: 'b==1.0.post1\n', modules: QUIET, risk: 'low', action: 'land-any-time', reason: /only post-level changes/ },
    { name: 'downgrade: medium', base: 'b==2.0\n', head: 'b==1.0\n', modules: QUIET, risk: 'medium', action: 'land-when-watched', reason: /b 2\.0 → 1\.0 is a downgrade/ },
    { name: 'compat error on the changed pin: high', base: 'a==1.0\nx==2.0\ngone==1.0\n', head: 'a==2.0\nx==2.0\ngone==1.0\nb==9.9\n', modules: QUIET, risk: 'high', action: 'hold', reason: /compat: Could not find a version that satisfies the requirement b==9\.9/ },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const b = await brief(`# python_version: 36\n${c.base}`, `# python_version: 36\n${c.head}`, { modules: c.modules });
      const m = b.modules[0]!;
      assert.equal(m.risk, c.risk, JSON.stringify(m.reasons));
      assert.equal(b.recommendation.action, c.action);
      assert.ok(m.reasons.some((r) => c.reason.test(r.text)), JSON.stringify(m.reasons));
      assert.equal(m.reasons[0]!.level, c.risk, 'reasons are listed highest first');
    });
  }

  test('a finding on a changed pin and its changed dependent is listed under both, counted once', async () => {
    const index: IndexDesc = { p: { '1.0': {}, '2.0': { requires: ['q>=2'] } }, q: { '1.0': {}, '2.0': {} } };
    const b = await brief('# python_version: 36\np==1.0\nq==2.0\n', '# python_version: 36\np==2.0\nq==1.0\n', { index });
    const changes = b.modules[0]!.changes;
    assert.deepEqual(changes.map((c) => [c.package, c.findings.map((f) => f.code)]), [['p', ['conflict']], ['q', ['conflict']]]);
    assert.equal(b.summary.errors, 1);
  });

  test('an index that never answers: the brief says it is incomplete and does not advise landing any time', async () => {
    const inv = (text: string) => buildInventory([{ path: F, text }]);
    let asked = 0;
    const out = await runBrief(
      {
        toolVersion: '0.0.0', base: { rev: 'base', commit: null }, head: { rev: 'head', commit: null },
        baseInventory: inv('# python_version: 36\nb==1.0\n'), headInventory: inv('# python_version: 36\nb==1.0.post1\n'),
        checks: [], modules: {}, settings: { mirrors: [] },
      },
      empty(),
      async (_needs, into) => {
        asked++;
        return into; // nothing ever arrives
      },
    );
    assert.ok(asked > 0, 'the brief asked the index');
    assert.match(out.brief.recommendation.reasons[0] ?? '', /^the brief is incomplete: after \d+ rounds \d+ index page\(s\) or release\(s\) were still not fetched$/);
    assert.notEqual(out.brief.recommendation.action, 'land-any-time');
  });

  test('no changes: land any time, nothing fetched', async () => {
    const b = await brief('b==1.0\n', 'b==1.0\n');
    assert.deepEqual(b.recommendation, { action: 'land-any-time', text: 'land any time: no pin changes', reasons: [] });
    assert.deepEqual(b.modules, []);
  });
});

describe('the mirror, read directly when wheels does not run', () => {
  test('present, not yet there, and a nodownload pin with no file anywhere', async () => {
    const b = await brief(
      '# python_version: 36\nb==1.0\nx==1.0\nsigntool==1.0  # puppet: nodownload\n',
      '# python_version: 36\nb==1.0.post1\nx==2.0\nsigntool==2.0  # puppet: nodownload\n',
      { mirror: { b: { '1.0.post1': {} }, x: { '1.0': {} }, signtool: { '1.0': {} } } },
    );
    const state = Object.fromEntries(b.modules[0]!.changes.map((c) => [c.package, c.mirror.status]));
    assert.deepEqual(state, { b: 'present', x: 'missing', signtool: 'absent' });
    assert.deepEqual(b.modules[0]!.notOnMirror.map((n) => [n.package, n.status]), [['x', 'missing'], ['signtool', 'absent']]);
    assert.equal(b.recommendation.action, 'hold');
    assert.match(b.recommendation.reasons.join('\n'), /no file on any mirror: signtool 2\.0 is "# puppet: nodownload"/);
  });

  test('only files not yet on the mirror: land when watched', async () => {
    const b = await brief('# python_version: 36\nx==1.0\n', '# python_version: 36\nx==2.0\n', { mirror: { x: { '1.0': {} } }, modules: { m: {} } });
    assert.equal(b.recommendation.action, 'land-when-watched');
    assert.match(b.modules[0]!.reasons.map((r) => r.text).join('\n'), /not on the mirror yet \(every target\): the first puppet pass fails until it is uploaded/);
  });

  test('no mirror configured: not checked, said once in the Markdown', async () => {
    const b = await brief('# python_version: 36\nx==1.0\nb==1.0\n', '# python_version: 36\nx==2.0\nb==2.0\n');
    assert.ok(b.modules[0]!.changes.every((c) => c.mirror.status === 'unknown'));
    const md = renderBriefMarkdown(b);
    assert.equal(md.match(/Mirror: not checked/g)?.length, 1);
  });
});

describe('renderers', () => {
  test('brief.json is the model; brief.md escapes names and messages from outside', async () => {
    const index: IndexDesc = { 'evil-pkg': { '1.0': {}, '2.0': { projectUrls: [['[x](javascript:1) <b>', 'https://e.example/|x']] } } };
    const b = await brief('# python_version: 36\nevil_pkg==1.0\n', '# python_version: 36\nevil_pkg==2.0\n', { index });
    assert.deepEqual(JSON.parse(renderBriefJson(b)), JSON.parse(JSON.stringify(b)));
    const md = renderBriefMarkdown(b);
    assert.match(md, /\| evil\\_pkg \| 1\.0 → 2\.0 \| major \(semver: major\) \|/);
    assert.match(md, /\[\\\[x\\\]\(javascript:1\) \\<b\\>\]\(https:\/\/e\.example\/\|x\)/);
    assert.doesNotMatch(md, /<b>/);
  });
});

describe('a bump in a hash-checking file', () => {
  const Z = '0'.repeat(64); // the digest snapshotOf gives every file
  const cases: Array<[string, string, string, string[]]> = [
    ['the version moved, the hashes did not', `b==1.0 --hash=sha256:${Z}\n`, `b==2.0 --hash=sha256:${Z}\n`, ['hashes-unchanged']],
    ['new hashes that match no file of the new release', `b==1.0 --hash=sha256:${Z}\n`, `b==2.0 --hash=sha256:${'c'.repeat(64)}\n`, ['hashes-match-no-file']],
    ['new hashes, one of them a file of the new release', `b==1.0 --hash=sha256:${'d'.repeat(64)}\n`, `b==2.0 --hash=sha256:${Z}\n`, []],
    ['no hashes on either side', 'b==1.0\n', 'b==2.0\n', []],
  ];
  for (const [name, base, head, reasons] of cases) {
    test(name, async () => {
      const b = await brief(`# python_version: 36\n${base}`, `# python_version: 36\n${head}`);
      const change = b.modules[0]?.changes[0];
      assert.ok(change);
      const got = change.findings.filter((f) => f.code === 'hash-mismatch').map((f) => (f.details as Record<string, unknown>)['reason']);
      assert.deepEqual(got, reasons);
      assert.equal(b.summary.errors > 0, reasons.length > 0);
      if (reasons.length > 0) assert.equal(b.recommendation.action, 'hold');
      assert.deepEqual(change.to?.hashes, head.includes('--hash') ? [head.slice(head.indexOf('sha256:'), head.indexOf('sha256:') + 71)] : []);
    });
  }
});
