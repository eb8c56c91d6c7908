import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { releaseKey } from '../../src/pypi/index.js';
import { startIndexServer } from '../support/index-server.js';
import { buildProjects } from '../support/distributions.js';
import { client, needs, pn, tempDir } from './fixtures.js';

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    out.push(full);
    if (e.isDirectory()) out.push(...(await walk(full)));
  }
  return out;
}

test('hostile hrefs: no file: reads from a remote page, no writes outside the cache dir', async (t) => {
  const files = await buildProjects([{ name: 'evil', releases: [{ version: '1.0', requiresDist: ['six'] }] }]);
  const wheel = files[0];
  assert.ok(wheel);
  const anchors = [
    `<a href="file:///etc/passwd#sha256=${'0'.repeat(64)}">evil-1.0-py3-none-any.whl</a>`,
    `<a href="../../../../../../tmp/evil-1.0.tar.gz">../../../../tmp/evil-1.0.tar.gz</a>`,
    `<a href="/files/..%2F..%2F..%2Fevil-1.0-py2-none-any.whl">evil-1.0-py2-none-any.whl</a>`,
    `<a href="javascript:alert(1)">evil-1.0-py27-none-any.whl</a>`,
    `<a href="../../files/${wheel.filename}#sha256=${wheel.sha256}" data-dist-info-metadata="true">${wheel.filename}</a>`,
  ].join('\n');
  const s = await startIndexServer({
    projects: files,
    faults: [{ path: '/simple/evil/', kind: 'body', body: `<html><body>${anchors}</body></html>`, contentType: 'text/html' }],
  });
  t.after(() => s.close());
  const sandbox = await tempDir(t);
  const cacheDir = join(sandbox, 'cache');
  const snap = await client({ indexUrl: s.indexUrl, cacheDir }).fetchNeeds(
    needs({ projects: [pn('evil')], releases: [{ name: pn('evil'), version: '1.0' }] }),
  );

  const state = snap.index.get(pn('evil'));
  assert.equal(state?.status, 'ok');
  const page = state?.status === 'ok' ? state.page : null;
  assert.ok(page);
  // kept: the real wheel and the traversal href (it resolves to a harmless URL on the server);
  // dropped: file:, the encoded-slash name and javascript:
  assert.deepEqual(page.files.map((f) => f.filename).sort(), ['evil-1.0.tar.gz', wheel.filename].sort());
  for (const f of page.files) assert.match(f.url, /^http:\/\/127\.0\.0\.1:\d+\//, f.url);
  assert.ok(page.files.every((f) => !f.url.startsWith('file:')));
  const md = snap.metadata.get(releaseKey(pn('evil'), '1.0'));
  assert.equal(md?.status, 'ok', JSON.stringify(md));

  // Everything written is under <cacheDir>/{pages,metadata}/<hh>/<sha256>.json.
  const written = await walk(sandbox);
  assert.ok(written.length > 0);
  for (const p of written) {
    const rel = relative(sandbox, p);
    assert.match(rel, /^cache(\/(pages|metadata)(\/[0-9a-f]{2}(\/[0-9a-f]{64}\.json)?)?)?$/, rel);
  }
  assert.ok(s.requests.every((r) => !r.path.includes('passwd')));
});
