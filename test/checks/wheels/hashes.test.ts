// wheels in hash-checking mode: pip's hash pre-filter, digests from the listing or the file's bytes,
// hash-mismatch with pip's Expected/Got and both ways out, per target.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKS, runChecks } from '../../../src/checks/index.js';
import type { CheckSettings } from '../../../src/checks/index.js';
import type { Finding } from '../../../src/findings/index.js';
import { buildInventory } from '../../../src/inventory/index.js';
import { normalizeName } from '../../../src/names/index.js';
import { releaseKey } from '../../../src/pypi/index.js';
import type { DigestState, IndexNeeds, IndexSnapshot, ProjectFile } from '../../../src/pypi/index.js';
import { INDEX, MIRROR } from './fixtures.js';

const M = 'modules/signing/files/requirements.txt';
const D = (c: string): string => c.repeat(64);
const ANY = 'foo-1.0-py3-none-any.whl';
const MAC = 'foo-1.0-cp311-cp311-macosx_10_9_x86_64.whl';
const SDIST = 'foo-1.0.tar.gz';
const MAC_TARGET = 'py3.11-macos-x86_64';
const LINUX_TARGET = 'py3.11-linux-x86_64';
const settings: CheckSettings = { mirrors: [{ url: MIRROR, pythons: null }] };

interface World {
  /** filename → sha256 on the index. */
  index: Record<string, string>;
  /** filename → real sha256 of the mirror's file. */
  mirror: Record<string, string>;
  /** Whether the mirror listing gives `#sha256=` fragments. */
  mirrorListsHashes?: boolean;
  /** Mirror files whose download fails. */
  unreadable?: string[];
}

const file = (filename: string, source: string, url: string, sha: string | null): ProjectFile => ({
  filename, url, hashes: sha ? { sha256: sha } : {}, requiresPython: null, yanked: null, coreMetadata: false, size: 1000, source,
});

async function run(text: string, world: World) {
  const foo = normalizeName('foo');
  const indexFiles = Object.entries(world.index).map(([f, sha]) => file(f, INDEX, `https://files.pypi.test/${f}`, sha));
  const mirrorFiles = Object.entries(world.mirror).map(([f, sha]) => file(f, MIRROR, `file:///srv/mirror/packages-3.6/${f}`, world.mirrorListsHashes ? sha : null));
  const page = (files: ProjectFile[], url: string) => ({ status: 'ok' as const, page: { name: foo, url, files, versions: null, warnings: [] } });
  const digests = new Map<string, DigestState>(
    mirrorFiles.map((f) => [f.url, world.unreadable?.includes(f.filename) ? { status: 'error', reason: 'connection reset' } : { status: 'ok', hashes: { sha256: world.mirror[f.filename] ?? '' }, size: 1000 }]),
  );
  const asked: string[] = [];
  const fetch = async (needs: IndexNeeds, into: IndexSnapshot): Promise<IndexSnapshot> => {
    const next: IndexSnapshot = { index: new Map(into.index), mirror: new Map(into.mirror), metadata: new Map(into.metadata), digests: new Map(into.digests ?? []) };
    for (const p of needs.projects) next.index.set(p, p === foo ? page(indexFiles, `${INDEX}foo/`) : { status: 'not-found', url: INDEX });
    for (const p of needs.mirrorProjects) next.mirror.set(p, page(p === foo ? mirrorFiles : [], MIRROR));
    for (const r of needs.releases) {
      next.metadata.set(releaseKey(r.name, r.version), { status: 'ok', source: 'pep658', file: '', metadata: { metadataVersion: '2.1', name: r.name, version: r.version, requiresDist: [], requiresPython: null, providesExtra: [], summary: null, homePage: null, projectUrls: [] } });
    }
    for (const u of needs.fileDigests ?? []) {
      asked.push(u);
      next.digests?.set(u, digests.get(u) ?? { status: 'error', reason: 'HTTP 404' });
    }
    return next;
  };
  const inventory = buildInventory([{ path: M, text }], { configFor: () => ({ pythons: ['3.11'], platforms: ['macos-x86_64', 'linux'] }) });
  const out = await runChecks(CHECKS.filter((c) => c.id === 'wheels'), inventory, { index: new Map(), mirror: new Map(), metadata: new Map() }, fetch, undefined, settings);
  const status = Object.fromEntries(out.results.map((r) => [r.target, r.status]));
  const codes = (target: string): string[] => out.findings.filter((f) => f.target === target && f.severity === 'error').map((f) => f.code).sort();
  return { out, status, codes, asked, find: (code: string, target: string): Finding | undefined => out.findings.find((f) => f.code === code && f.target === target) };
}

/** A finding's details as a plain record, for assertions on any key. */
const det = (f: Finding | undefined): Record<string, unknown> => (f?.details ?? {}) as Record<string, unknown>;

const PIN_A = `foo==1.0 --hash=sha256:${D('a')}\n`;

describe('wheels: hash-checking mode', () => {
  test('a mirror file without a listed hash is downloaded and matches: pass', async () => {
    const r = await run(PIN_A, { index: { [ANY]: D('a') }, mirror: { [ANY]: D('a') } });
    assert.deepEqual(r.status, { [MAC_TARGET]: 'pass', [LINUX_TARGET]: 'pass' });
    assert.deepEqual(r.asked, [`file:///srv/mirror/packages-3.6/${ANY}`], 'one download for both targets');
  });

  test('a listed hash is used as is: nothing downloaded', async () => {
    const r = await run(PIN_A, { index: { [ANY]: D('a') }, mirror: { [ANY]: D('a') }, mirrorListsHashes: true });
    assert.deepEqual(r.status, { [MAC_TARGET]: 'pass', [LINUX_TARGET]: 'pass' });
    assert.deepEqual(r.asked, []);
  });

  test('a mirror-only macOS wheel without a listed hash: pip picks it on macOS and stops; linux passes', async () => {
    const r = await run(PIN_A, { index: { [ANY]: D('a') }, mirror: { [ANY]: D('a'), [MAC]: D('9') } });
    assert.deepEqual(r.status, { [MAC_TARGET]: 'fail', [LINUX_TARGET]: 'pass' });
    assert.deepEqual(r.codes(MAC_TARGET), ['hash-mismatch']);
    const f = r.find('hash-mismatch', MAC_TARGET);
    assert.ok(f);
    assert.equal(
      f.message,
      'THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE. If you have updated the package versions, please update the hashes. Otherwise, examine the package contents carefully; someone may have tampered with them.\n' +
        `    foo==1.0 from file:///srv/mirror/packages-3.6/${MAC}:\n        Expected sha256 ${D('a')}\n             Got        ${D('9')}`,
    );
    assert.match(f.suggestion?.text ?? '', new RegExp(`^add --hash=sha256:${D('9')} to line 1 once ${MAC.replace(/\./g, '\\.')} is vetted: the index has no such file`));
    assert.equal(det(f)['hashLine'], `--hash=sha256:${D('9')}`);
    assert.equal(det(f)['indexFile'], undefined, 'putting the index wheel on the mirror would not change pip\'s choice');
  });

  test('the same mirror listing with #sha256 fragments: pip\'s pre-filter drops the unlisted wheel, both pass', async () => {
    const r = await run(PIN_A, { index: { [ANY]: D('a') }, mirror: { [ANY]: D('a'), [MAC]: D('9') }, mirrorListsHashes: true });
    assert.deepEqual(r.status, { [MAC_TARGET]: 'pass', [LINUX_TARGET]: 'pass' });
  });

  test('the release\'s own macOS wheel whose hash the file lacks: the hash line to add, marked genuine', async () => {
    const r = await run(PIN_A, { index: { [ANY]: D('a'), [MAC]: D('m') }, mirror: { [ANY]: D('a'), [MAC]: D('m') } });
    const f = r.find('hash-mismatch', MAC_TARGET);
    assert.equal(det(f)['genuine'], true);
    assert.match(f?.suggestion?.text ?? '', /the release's own file \(same name and sha256 as on the index\)/);
  });

  test('a mirror file that differs from the index\'s: replace it, never hash it', async () => {
    const r = await run(PIN_A, { index: { [ANY]: D('a') }, mirror: { [ANY]: D('e') } });
    const f = r.find('hash-mismatch', LINUX_TARGET);
    assert.ok(f);
    assert.equal(det(f)['hashLine'], undefined);
    assert.match(f.suggestion?.text ?? '', /differs from the index's \(sha256 a{64}\): replace it with https:\/\/files\.pypi\.test\/foo-1\.0-py3-none-any\.whl/);
  });

  test('only an unlisted sdist on the mirror: put the listed wheel there (download plan details), pip then picks it', async () => {
    const r = await run(PIN_A, { index: { [ANY]: D('a'), [SDIST]: D('s') }, mirror: { [SDIST]: D('s') } });
    const f = r.find('hash-mismatch', LINUX_TARGET);
    assert.ok(f);
    assert.deepEqual((det(f)['indexFile'] as { filename: string }).filename, ANY);
    assert.equal(det(f)['mirror'], MIRROR);
    assert.match(f.suggestion?.text ?? '', /or put foo-1\.0-py3-none-any\.whl \(from the index, its hash is listed\) on the mirror/);
  });

  test('a digest that cannot be read: the cell is error, never a pass', async () => {
    const r = await run(PIN_A, { index: { [ANY]: D('a') }, mirror: { [ANY]: D('a') }, unreadable: [ANY] });
    assert.deepEqual(r.status, { [MAC_TARGET]: 'error', [LINUX_TARGET]: 'error' });
    // Said as every index-error is: pip's line for the file, what was lost, and the way out.
    for (const target of [MAC_TARGET, LINUX_TARGET]) {
      const f = r.find('index-error', target);
      assert.ok(f?.code === 'index-error' && 'lost' in f.details, JSON.stringify(r.out.findings));
      assert.equal(f.details.lost, 'file');
      assert.equal(f.details.where, 'mirror');
      assert.match(f.message, new RegExp(`^Could not fetch URL file:///srv/mirror/packages-3\\.6/${ANY.replace(/\./g, '\\.')}: Connection aborted: ConnectionResetError.*: ${ANY.replace(/\./g, '\\.')} could not be fetched, so its hash was not checked`));
      assert.match(f.suggestion?.text ?? '', /^check that the mirror answers/);
    }
  });

  test('unpinned and unhashed requirements in a hashed file: hash-unpinned / hash-missing with pip\'s line', async () => {
    const text = `bar==2.0 --hash=sha256:${D('b')}\nfoo>=1.0\n`;
    const r = await run(text, { index: { [ANY]: D('a') }, mirror: { [ANY]: D('a') } });
    assert.ok(r.codes(LINUX_TARGET).includes('hash-unpinned'), JSON.stringify(r.out.findings));
    const missing = await run(`bar==2.0 --hash=sha256:${D('b')}\nfoo==1.0\n`, { index: { [ANY]: D('a') }, mirror: { [ANY]: D('a') } });
    const f = missing.find('hash-missing', LINUX_TARGET);
    assert.equal(f?.message, `Hashes are required in --require-hashes mode, but they are missing from some requirements.\n    foo==1.0 --hash=sha256:${D('a')}`);
  });

  test('not in hash mode: nothing downloaded, no hash findings', async () => {
    const r = await run('foo==1.0\n', { index: { [ANY]: D('a') }, mirror: { [ANY]: D('a'), [MAC]: D('9') } });
    assert.deepEqual(r.asked, []);
    assert.deepEqual(r.status, { [MAC_TARGET]: 'pass', [LINUX_TARGET]: 'pass' });
  });
});
