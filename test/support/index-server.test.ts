import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startIndexServer, parseRange, type IndexServer } from './index-server.js';
import { negotiate } from './index-pages.js';
import type { ProjectSpec } from './distributions.js';
import { requirePython } from './pythons.js';
import { pip } from './pip-run.js';

const PROJECTS: ProjectSpec[] = [
  {
    name: 'Python_Jose',
    releases: [
      { version: '3.0.0', requiresPython: '>=2.7, <4', yanked: 'broken "ecdsa" <pin>' },
      { version: '3.1.0', requiresDist: ['six'], requiresPython: '>=3.6', files: [{ kind: 'wheel' }, { kind: 'sdist' }] },
    ],
  },
  { name: 'taskcluster-urls', releases: [{ version: '11.0.0', files: [{ kind: 'wheel', noMetadataFile: true }] }] },
];

const PIP_ACCEPT = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01';

interface Got {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw GET/HEAD that does not follow redirects and reports resets as errors. */
function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('negotiation and ranges (pure)', () => {
  const accept: Array<[string | undefined, 'html' | 'json' | 'both', string | null]> = [
    [undefined, 'both', 'text/html'],
    [undefined, 'json', 'application/vnd.pypi.simple.v1+json'],
    ['text/html', 'both', 'text/html'],
    [PIP_ACCEPT, 'both', 'application/vnd.pypi.simple.v1+json'],
    [PIP_ACCEPT, 'html', 'application/vnd.pypi.simple.v1+html'],
    ['application/vnd.pypi.simple.v1+json;q=0.2, text/html', 'both', 'text/html'],
    ['*/*', 'both', 'application/vnd.pypi.simple.v1+json'],
    ['text/html', 'json', null],
    ['application/vnd.pypi.simple.v1+json;q=0', 'json', null],
  ];
  for (const [header, api, want] of accept) test(`Accept ${header} (${api})`, () => assert.equal(negotiate(header, api), want));

  const ranges: Array<[string, number, ReturnType<typeof parseRange>]> = [
    ['bytes=0-9', 100, { start: 0, end: 9 }],
    ['bytes=90-', 100, { start: 90, end: 99 }],
    ['bytes=-10', 100, { start: 90, end: 99 }],
    ['bytes=-1000', 100, { start: 0, end: 99 }],
    ['bytes=50-1000', 100, { start: 50, end: 99 }],
    ['bytes=100-', 100, 'unsatisfiable'],
    ['bytes=-0', 100, 'unsatisfiable'],
    ['bytes=0-1,5-6', 100, null],
    ['items=0-1', 100, null],
  ];
  for (const [h, size, want] of ranges) test(`Range ${h}`, () => assert.deepEqual(parseRange(h, size), want));
});

describe('index server over HTTP', () => {
  let s: IndexServer;
  before(async () => {
    s = await startIndexServer({
      projects: PROJECTS,
      findLinks: true,
      faults: [
        { path: '/simple/flaky/', kind: 'status', status: 503, times: 2 },
        { path: /^\/reset/, kind: 'reset' },
        { path: '/slow', kind: 'delay', ms: 150 },
        { path: /\.tar\.gz$/, kind: 'truncate', bytes: 10 },
        { path: '/simple/taskcluster-urls/', kind: 'body', body: '<html><a href="javascript:alert(1)">x</a>', times: 1 },
      ],
    });
  });
  after(() => s.close());

  test('root listing in HTML and JSON', async () => {
    assert.equal(s.indexUrl, `${s.url}/simple/`);
    const html = await get(s.indexUrl);
    assert.equal(html.status, 200);
    assert.match(html.body.toString(), /<a href="python-jose\/">Python_Jose<\/a>/);
    const json = await get(s.indexUrl, { accept: PIP_ACCEPT });
    assert.equal(json.headers['content-type'], 'application/vnd.pypi.simple.v1+json');
    assert.deepEqual(JSON.parse(json.body.toString()).projects, [{ name: 'Python_Jose' }, { name: 'taskcluster-urls' }]);
  });

  test('project page HTML: hashes, escaped requires-python, yanked, PEP 658/714', async () => {
    const r = await get(`${s.indexUrl}python-jose/`, { accept: 'text/html' });
    assert.equal(r.status, 200);
    assert.equal(r.headers['vary'], 'Accept');
    const html = r.body.toString();
    const wheel = s.files.find((f) => f.filename === 'python_jose-3.0.0-py2.py3-none-any.whl');
    assert.ok(wheel);
    const mdSha = createHash('sha256').update(wheel.metadata).digest('hex');
    assert.ok(html.includes(`href="../../files/python_jose-3.0.0-py2.py3-none-any.whl#sha256=${wheel.sha256}"`));
    assert.ok(html.includes('data-requires-python="&gt;=2.7, &lt;4"'));
    assert.ok(html.includes('data-yanked="broken &quot;ecdsa&quot; &lt;pin&gt;"'));
    assert.ok(html.includes(`data-core-metadata="sha256=${mdSha}"`));
    assert.ok(html.includes(`data-dist-info-metadata="sha256=${mdSha}"`));
    // sdists get no .metadata (as on PyPI)
    assert.match(html, /<a href="[^"]*Python_Jose-3\.1\.0\.tar\.gz#sha256=[0-9a-f]{64}" data-requires-python="&gt;=3.6">/);
  });

  test('project page JSON (PEP 691 + 700)', async () => {
    const r = await get(`${s.indexUrl}python-jose/`, { accept: PIP_ACCEPT });
    const page = JSON.parse(r.body.toString()) as { name: string; versions: string[]; meta: unknown; files: Array<Record<string, unknown>> };
    assert.equal(page.name, 'python-jose');
    assert.deepEqual(page.meta, { 'api-version': '1.1' });
    assert.deepEqual(page.versions, ['3.0.0', '3.1.0']);
    assert.equal(page.files.length, 3);
    const [y, w, sd] = page.files;
    assert.equal(y?.yanked, 'broken "ecdsa" <pin>');
    assert.equal(w?.yanked, false);
    assert.equal(w?.['requires-python'], '>=3.6');
    assert.equal(typeof w?.size, 'number');
    assert.ok(w?.['core-metadata']);
    assert.equal(sd?.['core-metadata'], undefined);
    const metaUrl = new URL(`${String(w?.url)}.metadata`, `${s.indexUrl}python-jose/`).href;
    const md = await get(metaUrl);
    assert.equal(createHash('sha256').update(md.body).digest('hex'), (w?.['core-metadata'] as { sha256: string }).sha256);
    assert.match(md.body.toString(), /^Requires-Dist: six$/m);
  });

  test('PEP 503 redirects, 404s, 405, HEAD', async () => {
    const redirect = await get(`${s.indexUrl}Python.Jose/`);
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.location, '/simple/python-jose/');
    assert.equal((await get(`${s.indexUrl}python-jose`)).headers.location, '/simple/python-jose/');
    assert.equal((await get(`${s.indexUrl}nope/`)).status, 404);
    assert.equal((await get(`${s.url}/files/nope.whl`)).status, 404);
    assert.equal((await get(`${s.url}/files/taskcluster_urls-11.0.0-py2.py3-none-any.whl.metadata`)).status, 404);
    assert.equal((await get(`${s.indexUrl}python-jose/`, {}, 'POST')).status, 405);
    const file = s.files[0];
    assert.ok(file);
    const head = await get(`${s.url}/files/${file.filename}`, {}, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String(file.bytes.length));
    assert.equal(head.headers['accept-ranges'], 'bytes');
    assert.equal(head.body.length, 0);
  });

  test('ranges: 206 with Content-Range, suffix range, 416', async () => {
    const file = s.files[0];
    assert.ok(file);
    const u = `${s.url}/files/${file.filename}`;
    const r = await get(u, { range: 'bytes=0-3' });
    assert.equal(r.status, 206);
    assert.equal(r.headers['content-range'], `bytes 0-3/${file.bytes.length}`);
    assert.deepEqual(r.body, file.bytes.subarray(0, 4));
    assert.equal(r.body.toString('latin1'), 'PK\x03\x04');
    const tail = await get(u, { range: 'bytes=-22' });
    assert.deepEqual(tail.body, file.bytes.subarray(file.bytes.length - 22));
    const bad = await get(u, { range: `bytes=${file.bytes.length}-` });
    assert.equal(bad.status, 416);
    assert.equal(bad.headers['content-range'], `bytes */${file.bytes.length}`);
    const logged = s.requests.find((q) => q.range === 'bytes=0-3');
    assert.equal(logged?.path, `/files/${file.filename}`);
  });

  test('find-links autoindex', async () => {
    const r = await get(s.findLinksUrl);
    const html = r.body.toString();
    assert.match(html, /<title>Index of \/links\/<\/title>/);
    for (const f of s.files) assert.ok(html.includes(`<a href="${encodeURIComponent(f.filename)}">`), f.filename);
    const w = s.files[0];
    assert.ok(w);
    assert.deepEqual((await get(`${s.findLinksUrl}${w.filename}`)).body, w.bytes);
  });

  test('faults: status then success, reset, delay, truncate, body', async () => {
    // the status fault applies to a path with no project, so after two 503s the real route answers 404
    assert.equal((await get(`${s.indexUrl}flaky/`)).status, 503);
    assert.equal((await get(`${s.indexUrl}flaky/`)).status, 503);
    assert.equal((await get(`${s.indexUrl}flaky/`)).status, 404);
    await assert.rejects(get(`${s.url}/reset/x`), /socket hang up|ECONNRESET/);
    const t0 = Date.now();
    assert.equal((await get(`${s.url}/slow`)).status, 404);
    assert.ok(Date.now() - t0 >= 140);
    const sdist = s.files.find((f) => f.filename.endsWith('.tar.gz'));
    assert.ok(sdist);
    await assert.rejects(get(`${s.url}/files/${sdist.filename}`), /aborted|ECONNRESET|socket hang up/);
    const body = await get(`${s.indexUrl}taskcluster-urls/`);
    assert.equal(body.body.toString(), '<html><a href="javascript:alert(1)">x</a>');
    assert.match((await get(`${s.indexUrl}taskcluster-urls/`)).body.toString(), /taskcluster_urls-11\.0\.0/);
  });
});

describe('server options', () => {
  test('api: json refuses text/html with 406; pep658: false advertises nothing; custom basePath; close() ends keep-alive sockets', async () => {
    const s = await startIndexServer({ projects: PROJECTS, api: 'json', pep658: false, basePath: '/pypi/simple', ranges: false });
    try {
      assert.equal(s.indexUrl, `${s.url}/pypi/simple/`);
      assert.equal((await get(`${s.indexUrl}python-jose/`, { accept: 'text/html' })).status, 406);
      const r = await get(`${s.indexUrl}python-jose/`);
      const page = JSON.parse(r.body.toString()) as { files: Array<Record<string, unknown>> };
      assert.equal(page.files.length, 3);
      assert.ok(page.files.every((f) => f['core-metadata'] === undefined && f['dist-info-metadata'] === undefined));
      assert.equal(new URL(String(page.files[0]?.url), `${s.indexUrl}python-jose/`).pathname.startsWith('/files/'), true);
      const f = s.files[0];
      assert.ok(f);
      const full = await get(`${s.url}/files/${f.filename}`, { range: 'bytes=0-3' });
      assert.equal(full.status, 200);
      assert.equal(full.body.length, f.bytes.length);
      const keep = await fetch(`${s.indexUrl}`); // undici keeps the socket alive
      await keep.arrayBuffer();
    } finally {
      await s.close();
    }
  });

  test('contentLength: false sends files chunked (pages keep their length); a Range is still honoured', async () => {
    const s = await startIndexServer({ projects: PROJECTS, contentLength: false });
    try {
      const f = s.files[0];
      assert.ok(f);
      const whole = await get(`${s.url}/files/${f.filename}`);
      assert.equal(whole.headers['content-length'], undefined);
      assert.equal(whole.headers['transfer-encoding'], 'chunked');
      assert.deepEqual(whole.body, f.bytes);
      const part = await get(`${s.url}/files/${f.filename}`, { range: 'bytes=-10' });
      assert.equal(part.status, 206);
      assert.equal(part.headers['transfer-encoding'], 'chunked');
      assert.deepEqual(part.body, f.bytes.subarray(f.bytes.length - 10));
      assert.ok((await get(s.indexUrl)).headers['content-length']);
    } finally {
      await s.close();
    }
  });
});

describe('real pip 23 downloads from the server', () => {
  for (const api of ['both', 'html', 'json'] as const) {
    test(`pip download --index-url (api ${api})`, async (t) => {
      const python = requirePython('3.11', t);
      if (!python) return;
      const s = await startIndexServer({ projects: PROJECTS, api });
      const dir = await mkdtemp(join(tmpdir(), 'pyup-dl-'));
      try {
        const r = await pip(python, ['download', '--no-deps', '--index-url', s.indexUrl, '--only-binary', ':all:', 'Python.Jose==3.1.0', '-d', dir]);
        assert.equal(r.exitCode, 0, r.stderr + r.stdout);
        assert.deepEqual(await readdir(dir), ['python_jose-3.1.0-py2.py3-none-any.whl']);
        const want = s.files.find((f) => f.filename === 'python_jose-3.1.0-py2.py3-none-any.whl');
        assert.deepEqual(await readFile(join(dir, 'python_jose-3.1.0-py2.py3-none-any.whl')), want?.bytes);
        const pages = s.requests.filter((q) => q.path.startsWith('/simple/'));
        assert.ok(pages.length >= 1);
        assert.ok(pages.every((q) => q.accept?.includes('application/vnd.pypi.simple.v1+json')));
        // pip 23.2 uses PEP 658 metadata before downloading the wheel
        assert.ok(s.requests.some((q) => q.path.endsWith('.whl.metadata')), JSON.stringify(s.requests));
        // PEP 592: the yanked 3.0.0 is ignored for a range, but an exact pin still gets it (with a warning)
        const range = await pip(python, ['download', '--no-deps', '--index-url', s.indexUrl, '--only-binary', ':all:', 'python-jose<3.1', '-d', dir]);
        assert.notEqual(range.exitCode, 0);
        const pinned = await pip(python, ['download', '--no-deps', '--index-url', s.indexUrl, '--only-binary', ':all:', 'python-jose==3.0.0', '-d', dir]);
        assert.equal(pinned.exitCode, 0, pinned.stderr);
        assert.match(pinned.stderr + pinned.stdout, /yanked.*broken "ecdsa" <pin>/i);
      } finally {
        await s.close();
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('older pips read the server too (HTML only: they send Accept: text/html or nothing)', () => {
  for (const minor of ['2.7', '3.6', '3.11']) {
    test(`pip on python ${minor}: --index-url and --find-links <autoindex URL>`, async (t) => {
      const python = requirePython(minor, t);
      if (!python) return;
      const s = await startIndexServer({ projects: PROJECTS, findLinks: true });
      const dir = await mkdtemp(join(tmpdir(), 'pyup-dl-'));
      try {
        const viaIndex = await pip(python, ['download', '--no-deps', '--index-url', s.indexUrl, '--only-binary', ':all:', 'python_jose==3.0.0', '-d', join(dir, 'a')]);
        assert.equal(viaIndex.exitCode, 0, viaIndex.stderr + viaIndex.stdout);
        assert.deepEqual(await readdir(join(dir, 'a')), ['python_jose-3.0.0-py2.py3-none-any.whl']);
        // 3.1.0 says data-requires-python="&gt;=3.6": python 2.7 must not see it
        const py2 = await pip(python, ['download', '--no-deps', '--index-url', s.indexUrl, '--only-binary', ':all:', 'python_jose==3.1.0', '-d', join(dir, 'c')]);
        assert.equal(py2.exitCode === 0, minor !== '2.7', py2.stderr);
        const viaLinks = await pip(python, ['download', '--no-deps', '--no-index', '--find-links', s.findLinksUrl, '--only-binary', ':all:', 'taskcluster-urls==11.0.0', '-d', join(dir, 'b')]);
        assert.equal(viaLinks.exitCode, 0, viaLinks.stderr + viaLinks.stdout);
        assert.deepEqual(await readdir(join(dir, 'b')), ['taskcluster_urls-11.0.0-py2.py3-none-any.whl']);
        assert.ok(s.requests.some((q) => q.path === '/links/'));
      } finally {
        await s.close();
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});
