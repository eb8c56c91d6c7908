import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { releaseKey, type ProjectState } from '../../src/pypi/index.js';
import { startIndexServer } from '../support/index-server.js';
import { buildProjects, writeFindLinksDir, writeLocalIndex, type BuiltFile } from '../support/distributions.js';
import type { AutoindexStyle } from '../support/index-pages.js';
import { client, count, needs, pn, tempDir } from './fixtures.js';

function files(state: ProjectState | undefined): Array<[string, string]> {
  assert.equal(state?.status, 'ok', JSON.stringify(state));
  return state?.status === 'ok' ? state.page.files.map((f) => [f.filename, f.source]) : [];
}

let built: BuiltFile[] | undefined;
async function dists(): Promise<BuiltFile[]> {
  built ??= await buildProjects([
    { name: 'Foo_Bar', releases: [{ version: '1.0', requiresDist: ['six'] }, { version: '2.0', files: [{ kind: 'wheel', tags: 'cp36-cp36m-manylinux1_x86_64' }, { kind: 'sdist' }] }] },
    { name: 'six', releases: [{ version: '1.16.0' }] },
    { name: 'foo', releases: [{ version: '1.0' }] },
  ]);
  return built;
}

describe('find-links mirrors', () => {
  test('a directory: flat scan, filtered by project name (foo is not foo-bar)', async (t) => {
    const dir = await tempDir(t);
    await writeFindLinksDir(await dists(), dir);
    await writeFile(join(dir, 'README.txt'), 'not a distribution');
    const snap = await client({ indexUrl: 'http://127.0.0.1:9/unused/', findLinks: [dir] }).fetchNeeds(
      needs({ mirrorProjects: [pn('foo-bar'), pn('foo'), pn('absent')] }),
    );
    assert.deepEqual(files(snap.mirror.get(pn('foo-bar'))).map(([f]) => f), [
      'Foo_Bar-2.0.tar.gz', 'foo_bar-1.0-py2.py3-none-any.whl', 'foo_bar-2.0-cp36-cp36m-manylinux1_x86_64.whl',
    ]);
    assert.deepEqual(files(snap.mirror.get(pn('foo'))), [['foo-1.0-py2.py3-none-any.whl', dir]]);
    assert.deepEqual(files(snap.mirror.get(pn('absent'))), [], 'an empty listing, not an error');
    assert.equal(snap.index.size, 0, 'no index request for mirror listings');
  });

  test('an autoindex page is fetched once and shared by all projects', async (t) => {
    const s = await startIndexServer({ projects: await dists(), findLinks: true });
    t.after(() => s.close());
    const c = client({ indexUrl: s.indexUrl, findLinks: [s.findLinksUrl] });
    const snap = await c.fetchNeeds(needs({ mirrorProjects: [pn('foo-bar'), pn('six'), pn('foo')] }));
    assert.equal(count(s.requests, (r) => r.path === '/links/'), 1);
    assert.equal(files(snap.mirror.get(pn('foo-bar'))).length, 3);
    assert.deepEqual(files(snap.mirror.get(pn('six'))), [['six-1.16.0-py2.py3-none-any.whl', s.findLinksUrl]]);
    const six = snap.mirror.get(pn('six'));
    assert.equal(six?.status === 'ok' ? six.page.files[0]?.url : '', `${s.url}/links/six-1.16.0-py2.py3-none-any.whl`);
    await c.fetchNeeds(needs({ mirrorProjects: [pn('six')] }));
    assert.equal(count(s.requests, (r) => r.path === '/links/'), 1);
  });

  test('two mirrors merge, each file keeping its source', async (t) => {
    const all = await dists();
    const s = await startIndexServer({ projects: all.filter((f) => !f.filename.includes('cp36')), findLinks: true });
    t.after(() => s.close());
    const dir = await tempDir(t);
    await writeFindLinksDir(all.filter((f) => f.filename.includes('cp36')), dir);
    const snap = await client({ indexUrl: s.indexUrl, findLinks: [s.findLinksUrl, pathToFileURL(dir).href] }).fetchNeeds(
      needs({ mirrorProjects: [pn('foo-bar')] }),
    );
    assert.deepEqual(files(snap.mirror.get(pn('foo-bar'))).sort(), [
      ['Foo_Bar-2.0.tar.gz', s.findLinksUrl],
      ['foo_bar-1.0-py2.py3-none-any.whl', s.findLinksUrl],
      ['foo_bar-2.0-cp36-cp36m-manylinux1_x86_64.whl', pathToFileURL(dir).href],
    ]);
  });

  test('a mirror that cannot be read is an error, not an empty listing', async (t) => {
    const dir = await tempDir(t);
    const snap = await client({ indexUrl: 'http://127.0.0.1:9/', findLinks: [join(dir, 'missing')] }).fetchNeeds(needs({ mirrorProjects: [pn('six')] }));
    assert.equal(snap.mirror.get(pn('six'))?.status, 'error');
  });

  test('a release only on the mirror (puppet nodownload) still has metadata', async (t) => {
    const all = await dists();
    const s = await startIndexServer({ projects: all.filter((f) => !f.filename.startsWith('foo_bar-1.0')) });
    t.after(() => s.close());
    const dir = await tempDir(t);
    await writeFindLinksDir(all, dir);
    const snap = await client({ indexUrl: s.indexUrl, findLinks: [dir] }).fetchNeeds(needs({ releases: [{ name: pn('foo-bar'), version: '1.0' }] }));
    const md = snap.metadata.get(releaseKey(pn('foo-bar'), '1.0'));
    assert.equal(md?.status, 'ok', JSON.stringify(md));
    assert.deepEqual(md?.status === 'ok' ? md.metadata.requiresDist : null, ['six']);
  });
});

describe('find-links pages as real servers shape them', () => {
  /** Names a folder of a real mirror holds: upper case (old bdist_wheel), a local version, build tags, a .zip sdist, an egg. */
  async function realNames(): Promise<BuiltFile[]> {
    const built = await buildProjects([
      { name: 'Foo_Bar', releases: [{ version: '1.0', files: [{ kind: 'wheel' }, { kind: 'sdist', format: '.zip' }] }] },
      { name: 'localpkg', releases: [{ version: '1.0+mozilla.1' }] },
      { name: 'buildtag', releases: [{ version: '2.0', files: [{ kind: 'wheel', build: '1' }, { kind: 'wheel', build: '2' }] }] },
    ]);
    const renamed = built.map((f) => (f.filename === 'foo_bar-1.0-py2.py3-none-any.whl' ? { ...f, filename: 'Foo_Bar-1.0-py2.py3-none-any.whl' } : f));
    const egg = renamed.find((f) => f.project === 'localpkg');
    return egg ? [...renamed, { ...egg, filename: 'localpkg-1.0-py3.6.egg' }] : renamed;
  }

  test('nginx, Apache (table, pre, list) and http.server listings give the same files (sort links, icons, Parent Directory ignored; an egg kept, to be named)', async (t) => {
    const want = [
      'Foo_Bar-1.0-py2.py3-none-any.whl', 'Foo_Bar-1.0.zip', 'buildtag-2.0-1-py2.py3-none-any.whl', 'buildtag-2.0-2-py2.py3-none-any.whl', 'localpkg-1.0+mozilla.1-py2.py3-none-any.whl', 'localpkg-1.0-py3.6.egg',
    ];
    const styles: AutoindexStyle[] = ['nginx', 'apache-table', 'apache-pre', 'apache-list', 'http.server'];
    for (const style of styles) {
      const s = await startIndexServer({ projects: await realNames(), findLinks: true, autoindex: style });
      t.after(() => s.close());
      const snap = await client({ indexUrl: s.indexUrl, findLinks: [s.findLinksUrl] }).fetchNeeds(needs({ mirrorProjects: [pn('foo-bar'), pn('localpkg'), pn('buildtag')] }));
      const listed = [...snap.mirror.values()].flatMap((state) => (state.status === 'ok' ? state.page.files : []));
      assert.deepEqual(listed.map((f) => f.filename).sort(), want, style);
      // `+` written as is (Apache) or as %2B (nginx, http.server) names the same file, fetched from the listing's folder.
      assert.deepEqual(listed.map((f) => decodeURIComponent(f.url)).sort(), want.map((f) => `${s.findLinksUrl}${f}`).sort(), style);
    }
  });

  test('a simple project page as the find-links URL is read as pip 23 reads it: PEP 691 JSON to our Accept', async (t) => {
    const s = await startIndexServer({ projects: await dists() });
    t.after(() => s.close());
    const page = `${s.indexUrl}foo-bar/`;
    const snap = await client({ indexUrl: 'http://127.0.0.1:9/unused/', findLinks: [page] }).fetchNeeds(needs({ mirrorProjects: [pn('foo-bar')] }));
    assert.deepEqual(files(snap.mirror.get(pn('foo-bar'))).map(([f]) => f).sort(), ['Foo_Bar-2.0.tar.gz', 'foo_bar-1.0-py2.py3-none-any.whl', 'foo_bar-2.0-cp36-cp36m-manylinux1_x86_64.whl']);
    assert.equal(s.requests.find((r) => r.path === '/simple/foo-bar/')?.accept?.startsWith('application/vnd.pypi.simple.v1+json'), true);
  });

  test('a listing pip skips for its Content-Type (an S3 listing, text/plain, none) is an error in pip\'s words, never an empty mirror', async (t) => {
    for (const type of ['application/xml', 'text/plain', null]) {
      const s = await startIndexServer({ projects: await dists(), findLinks: true, pageContentType: type });
      t.after(() => s.close());
      const snap = await client({ indexUrl: s.indexUrl, findLinks: [s.findLinksUrl] }).fetchNeeds(needs({ mirrorProjects: [pn('six')] }));
      assert.deepEqual(snap.mirror.get(pn('six')), {
        status: 'error',
        reason: `Skipping page ${s.findLinksUrl} because the GET request got Content-Type: ${type ?? 'Unknown'}. The only supported Content-Types are application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html, and text/html`,
      });
    }
  });
});

describe('local indexes', () => {
  // pip reads `<index>/<normalised name>/index.html` of a local index and nothing else (its collector
  // joins index.html to a file: directory URL); what it would not find is not found, with the reason.
  test('a PEP 503 tree (file: URL or path): each project from its index.html, with the hashes it gives', async (t) => {
    const root = await tempDir(t);
    const all = await dists();
    await writeLocalIndex(all.filter((f) => f.project === 'Foo_Bar'), root);
    await mkdir(join(root, 'six'));
    const six = all.find((f) => f.project === 'six');
    assert.ok(six);
    await writeFile(join(root, 'six', six.filename), six.bytes);
    await writeFile(join(root, 'six', 'index.html'), `<a href="${six.filename}#sha256=${six.sha256}">${six.filename}</a>`);
    for (const indexUrl of [pathToFileURL(root).href, root]) {
      const snap = await client({ indexUrl }).fetchNeeds(
        needs({ projects: [pn('foo-bar'), pn('six'), pn('nope')], releases: [{ name: pn('six'), version: '1.16.0' }] }),
      );
      assert.equal(files(snap.index.get(pn('foo-bar'))).length, 3);
      const sixState = snap.index.get(pn('six'));
      assert.equal(sixState?.status === 'ok' ? sixState.page.files[0]?.hashes['sha256'] : '', six.sha256);
      const nope = snap.index.get(pn('nope'));
      assert.deepEqual(nope, { status: 'not-found', url: `${pathToFileURL(join(root, 'nope')).href}/` }, 'nothing of it on disk: no hint');
      assert.equal(snap.metadata.get(releaseKey(pn('six'), '1.16.0'))?.status, 'ok');
    }
  });

  const layouts: Array<{ name: string; write: (root: string, six: BuiltFile) => Promise<void>; hint: RegExp }> = [
    {
      name: 'a project folder of files without index.html',
      write: (root, six) => writeFindLinksDir([six], join(root, 'six')),
      hint: /six\/ holds files of six but no index\.html, and pip reads only the index\.html .*pass .*six with --find-links/,
    },
    {
      name: 'the project folder spelled otherwise',
      write: async (root, six) => {
        await writeFindLinksDir([six], join(root, 'Six'));
        await writeFile(join(root, 'Six', 'index.html'), `<a href="${six.filename}">${six.filename}</a>`);
      },
      hint: /pip looks for .*\/six\/index\.html; .*\/Six\/ is the same project spelled otherwise.*rename it six/,
    },
    {
      name: 'files directly in the index folder',
      write: (root, six) => writeFindLinksDir([six], root),
      hint: /holds files of six itself, and pip does not list the files of a local index: pass .* with --find-links/,
    },
  ];
  for (const layout of layouts) {
    test(`${layout.name}: not found, as for pip, and the state says why`, async (t) => {
      const root = await tempDir(t);
      const six = (await dists()).find((f) => f.project === 'six');
      assert.ok(six);
      await layout.write(root, six);
      const snap = await client({ indexUrl: root }).fetchNeeds(needs({ projects: [pn('six')] }));
      const state = snap.index.get(pn('six'));
      assert.equal(state?.status, 'not-found');
      assert.match(state?.status === 'not-found' ? (state.hint ?? '') : '', layout.hint);
    });
  }

  test('an index.html over the page cap is an error, not a read', async (t) => {
    const root = await tempDir(t);
    await mkdir(join(root, 'six'));
    await writeFile(join(root, 'six', 'index.html'), `<a href="six-1.16.0-py2.py3-none-any.whl">x</a>${' '.repeat(4096)}`);
    const snap = await client({ indexUrl: root, maxPageBytes: 1024 }).fetchNeeds(needs({ projects: [pn('six')] }));
    const state = snap.index.get(pn('six'));
    assert.match(state?.status === 'error' ? state.reason : '', /over the 1024-byte limit/);
  });
});
