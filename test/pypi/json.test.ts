import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { PageParseError, parseSimpleJson, type ProjectFile } from '../../src/pypi/index.js';
import { startIndexServer } from '../support/index-server.js';

const PAGE = 'https://pypi.example/simple/python-jose/';
const H = 'c'.repeat(64);

function file(over: Partial<ProjectFile>): ProjectFile {
  return { filename: '', url: '', hashes: {}, requiresPython: null, yanked: null, coreMetadata: false, size: null, source: PAGE, ...over };
}

function page(files: unknown[], extra: Record<string, unknown> = {}): unknown {
  return { meta: { 'api-version': '1.1' }, name: 'Python_Jose', files, ...extra };
}

describe('parseSimpleJson: entries', () => {
  const W = 'python_jose-3.1.0-py2.py3-none-any.whl';
  const WURL = `https://files.example/${W}`;
  const cases: Array<{ name: string; entry: unknown; want: ProjectFile | null; warnings?: RegExp[] }> = [
    {
      name: 'complete entry (PEP 691 + 700 + 714)',
      entry: { filename: W, url: WURL, hashes: { sha256: H.toUpperCase(), blake2b_256: 'ab' }, 'requires-python': '>=3.6', size: 1234, 'upload-time': '2020-01-01T00:00:00Z', yanked: false, 'core-metadata': { sha256: H }, 'dist-info-metadata': { sha256: 'd'.repeat(64) } },
      want: file({ filename: W, url: WURL, hashes: { sha256: H, blake2b_256: 'ab' }, requiresPython: '>=3.6', size: 1234, coreMetadata: { hashes: { sha256: H } } }),
    },
    {
      name: 'relative url, yanked true, dist-info-metadata true, fragment hash when hashes is empty',
      entry: { filename: 'a-1.tar.gz', url: `../../f/a-1.tar.gz#sha256=${H}`, hashes: {}, yanked: true, 'dist-info-metadata': true },
      want: file({ filename: 'a-1.tar.gz', url: 'https://pypi.example/f/a-1.tar.gz', hashes: { sha256: H }, yanked: '', coreMetadata: { hashes: {} } }),
    },
    { name: 'yanked reason', entry: { filename: 'a-1.zip', url: 'a-1.zip', hashes: {}, yanked: 'CVE' }, want: file({ filename: 'a-1.zip', url: `${PAGE}a-1.zip`, yanked: 'CVE' }) },
    { name: 'yanked "" is not yanked (as pip)', entry: { filename: 'a-1.zip', url: 'a-1.zip', hashes: {}, yanked: '' }, want: file({ filename: 'a-1.zip', url: `${PAGE}a-1.zip` }) },
    { name: 'missing hashes, size null', entry: { filename: 'a-1.zip', url: 'a-1.zip', size: null }, want: file({ filename: 'a-1.zip', url: `${PAGE}a-1.zip` }) },
    {
      name: 'bad optional fields degrade with warnings',
      entry: { filename: 'a-1.zip', url: 'a-1.zip', hashes: 'sha256', 'requires-python': 3, yanked: 1, size: -5, 'core-metadata': 'yes' },
      want: file({ filename: 'a-1.zip', url: `${PAGE}a-1.zip` }),
      warnings: [/invalid "hashes"/, /invalid "requires-python"/, /invalid "yanked"/, /invalid "size"/, /invalid "core-metadata"/],
    },
    {
      name: 'arrays and fractions are not objects or sizes (the checks without zod agree with it)',
      entry: { filename: 'a-1.zip', url: 'a-1.zip', hashes: ['sha256'], size: 1.5, 'core-metadata': [true] },
      want: file({ filename: 'a-1.zip', url: `${PAGE}a-1.zip` }),
      warnings: [/invalid "hashes"/, /invalid "size"/, /invalid "core-metadata"/],
    },
    { name: 'a size beyond 2^53 is still an integer', entry: { filename: 'a-1.zip', url: 'a-1.zip', size: 2 ** 60 }, want: file({ filename: 'a-1.zip', url: `${PAGE}a-1.zip`, size: 2 ** 60 }) },
    { name: 'non-hex hash dropped', entry: { filename: 'a-1.zip', url: 'a-1.zip', hashes: { sha256: 'zz', md5: 5 } }, want: file({ filename: 'a-1.zip', url: `${PAGE}a-1.zip` }), warnings: [/"sha256" is not a hex/, /"md5" is not a hex/] },
    { name: 'not an object', entry: 'a-1.zip', want: null, warnings: [/files\[0\]: entry without a filename/] },
    { name: 'no url', entry: { filename: 'a-1.zip' }, want: null, warnings: [/entry without a filename and url skipped \(url\)/] },
    { name: 'traversal filename', entry: { filename: '../../etc/passwd', url: 'x' }, want: null, warnings: [/not a safe filename/] },
    { name: 'NUL in filename', entry: { filename: 'a\u0000.whl', url: 'x' }, want: null, warnings: [/not a safe filename/] },
    { name: 'javascript: url', entry: { filename: 'a-1.zip', url: 'javascript:alert(1)' }, want: null, warnings: [/javascript: scheme/] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const ok = { filename: 'z-9.zip', url: 'z-9.zip', hashes: {} };
      const p = parseSimpleJson(page([c.entry, ok]), PAGE);
      // a bad entry never empties the page
      assert.equal(p.files[p.files.length - 1]?.filename, 'z-9.zip');
      assert.deepEqual(p.files.slice(0, -1), c.want ? [c.want] : []);
      for (const w of c.warnings ?? []) assert.ok(p.warnings.some((x) => w.test(x)), `${w} in ${JSON.stringify(p.warnings)}`);
      assert.equal(p.warnings.length, (c.warnings ?? []).length, JSON.stringify(p.warnings));
    });
  }
});

describe('parseSimpleJson: pages', () => {
  test('name normalised, versions (PEP 700), duplicates, string and Buffer bodies', () => {
    const body = JSON.stringify(page([{ filename: 'a-1.zip', url: 'a-1.zip', hashes: {} }, { filename: 'a-1.zip', url: 'b/a-1.zip', hashes: {} }], { versions: ['1', 2, '3'] }));
    for (const input of [body, Buffer.from(body)]) {
      const p = parseSimpleJson(input, PAGE, 'idx');
      assert.equal(p.name, 'python-jose');
      assert.deepEqual(p.versions, ['1', '3']);
      assert.deepEqual(p.files.map((f) => [f.url, f.source]), [[`${PAGE}a-1.zip`, 'idx']]);
      assert.equal(p.warnings.length, 2);
    }
  });

  test('missing name falls back to the URL; newer minor api-version warns', () => {
    const p = parseSimpleJson({ meta: { 'api-version': '1.4' }, files: [] }, PAGE);
    assert.equal(p.name, 'python-jose');
    assert.equal(p.versions, null);
    assert.equal(p.warnings.length, 2);
  });

  const bad: Array<[string, unknown, number]> = [
    ['invalid JSON', '{"files": [', 11],
    ['array', [], 0],
    ['null', null, 0],
    ['files not an array', { name: 'x', files: {} }, 0],
    ['api-version 2', { meta: { 'api-version': '2.0' }, name: 'x', files: [] }, 0],
  ];
  for (const [name, body, offset] of bad) {
    test(`page-level failure: ${name}`, () => {
      // the error quotes the page it could not read
      const quoted = typeof body === 'string' ? body : JSON.stringify(body);
      assert.throws(() => parseSimpleJson(body, PAGE), (e: unknown) => e instanceof PageParseError && e.offset === offset && e.input === quoted);
    });
  }

  test('round trip: the loopback index JSON page', async () => {
    const s = await startIndexServer({
      projects: [{ name: 'taskcluster-urls', releases: [{ version: '10.0.0', yanked: true }, { version: '11.0.0', requiresPython: '>=3.6', files: [{ kind: 'wheel' }, { kind: 'sdist' }] }] }],
      api: 'json',
    });
    try {
      const res = await fetch(`${s.indexUrl}taskcluster.urls`, { headers: { accept: 'application/vnd.pypi.simple.v1+json' } });
      assert.equal(res.headers.get('content-type'), 'application/vnd.pypi.simple.v1+json');
      const p = parseSimpleJson(await res.json(), res.url);
      assert.deepEqual(p.warnings, []);
      assert.deepEqual(p.versions, ['10.0.0', '11.0.0']);
      assert.deepEqual(
        p.files.map((f) => [f.filename, f.hashes['sha256'], f.size, f.yanked, f.requiresPython, f.coreMetadata !== false]),
        s.files.map((b) => [b.filename, b.sha256, b.bytes.length, b.yanked === true ? '' : (b.yanked ?? null), b.requiresPython ?? null, b.pep658]),
      );
      let checked = 0;
      for (const f of p.files) {
        if (f.coreMetadata === false) continue;
        const md = Buffer.from(await (await fetch(`${f.url}.metadata`)).arrayBuffer());
        assert.equal(createHash('sha256').update(md).digest('hex'), f.coreMetadata.hashes['sha256']);
        checked++;
      }
      assert.equal(checked, 2, 'both wheels advertise PEP 658 metadata');
    } finally {
      await s.close();
    }
  });
});
