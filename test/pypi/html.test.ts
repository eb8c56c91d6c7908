import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeName } from '../../src/names/index.js';
import { PageParseError, parseFindLinksHtml, parseSimpleHtml, type ProjectFile } from '../../src/pypi/index.js';
import { startIndexServer } from '../support/index-server.js';
import type { ProjectSpec } from '../support/distributions.js';

const PAGE = 'https://pypi.example/simple/python-jose/';
const NAME = normalizeName('python-jose');
const H = 'a'.repeat(64);

function file(over: Partial<ProjectFile>): ProjectFile {
  return { filename: '', url: '', hashes: {}, requiresPython: null, yanked: null, coreMetadata: false, size: null, source: PAGE, ...over };
}

describe('parseSimpleHtml: hand-written pages', () => {
  const cases: Array<{ name: string; html: string; files: ProjectFile[]; warnings?: RegExp[] }> = [
    {
      name: 'relative href, hash fragment, escaped requires-python',
      html: `<a href="../../packages/python_jose-3.1.0-py2.py3-none-any.whl#sha256=${H}" data-requires-python="&gt;=2.7, !=3.0.*">x</a>`,
      files: [file({ filename: 'python_jose-3.1.0-py2.py3-none-any.whl', url: 'https://pypi.example/packages/python_jose-3.1.0-py2.py3-none-any.whl', hashes: { sha256: H }, requiresPython: '>=2.7, !=3.0.*' })],
    },
    {
      name: 'yanked with and without reason; numeric entity',
      html: '<a href="a-1.0.tar.gz" data-yanked>a</a><a href="a-1.1.tar.gz" data-yanked="bad &#34;release&#34;">b</a>',
      files: [
        file({ filename: 'a-1.0.tar.gz', url: `${PAGE}a-1.0.tar.gz`, yanked: '' }),
        file({ filename: 'a-1.1.tar.gz', url: `${PAGE}a-1.1.tar.gz`, yanked: 'bad "release"' }),
      ],
    },
    {
      name: 'PEP 714 data-core-metadata preferred over data-dist-info-metadata; "true"; bogus value',
      html:
        `<a href="/f/a-1-py3-none-any.whl" data-dist-info-metadata="sha256=${'b'.repeat(64)}" data-core-metadata="sha256=${H.toUpperCase()}">1</a>` +
        '<a href="/f/a-2-py3-none-any.whl" data-dist-info-metadata="true">2</a>' +
        '<a href="/f/a-3-py3-none-any.whl" data-core-metadata="maybe">3</a>' +
        '<a href="/f/a-4-py3-none-any.whl" data-core-metadata="false">4</a>',
      files: [
        file({ filename: 'a-1-py3-none-any.whl', url: 'https://pypi.example/f/a-1-py3-none-any.whl', coreMetadata: { hashes: { sha256: H } } }),
        file({ filename: 'a-2-py3-none-any.whl', url: 'https://pypi.example/f/a-2-py3-none-any.whl', coreMetadata: { hashes: {} } }),
        file({ filename: 'a-3-py3-none-any.whl', url: 'https://pypi.example/f/a-3-py3-none-any.whl' }),
        file({ filename: 'a-4-py3-none-any.whl', url: 'https://pypi.example/f/a-4-py3-none-any.whl' }),
      ],
      warnings: [/unrecognised core-metadata value "maybe"/],
    },
    {
      name: '<base href> applies to every anchor; upper-case tags; md5 fragment; non-hex hash dropped',
      html: '<HTML><HEAD><BASE HREF="https://mirror.example/dl/"></HEAD><BODY><A HREF="x-1.zip#md5=ABCDEF">x</A><a href="x-2.zip#sha256=nothex">y</a></BODY></HTML>',
      files: [
        file({ filename: 'x-1.zip', url: 'https://mirror.example/dl/x-1.zip', hashes: { md5: 'abcdef' } }),
        file({ filename: 'x-2.zip', url: 'https://mirror.example/dl/x-2.zip' }),
      ],
    },
    {
      name: 'hostile: no href, javascript:, data:, traversal, encoded slash, NUL, duplicate',
      html:
        '<a>none</a><a href="javascript:alert(1)">j</a><a href="data:text/plain,x">d</a>' +
        '<a href="../../../../etc/passwd">p</a><a href="..%2F..%2Fetc%2Fpasswd">q</a><a href="a%00b.whl">n</a>' +
        '<a href="ok-1.0.tar.gz">1</a><a href="ok-1.0.tar.gz#sha256=' + H + '">dup</a>\u0000<!-- <a href="hidden-1.0.tar.gz"> -->',
      files: [
        // a traversal href resolves to a URL like any other; its last segment is a harmless name
        file({ filename: 'passwd', url: 'https://pypi.example/etc/passwd' }),
        file({ filename: 'ok-1.0.tar.gz', url: `${PAGE}ok-1.0.tar.gz` }),
      ],
      warnings: [/no href/, /javascript: scheme/, /data: scheme/, /does not name a safe file/, /does not name a safe file/, /listed more than once/],
    },
    { name: 'empty page', html: '', files: [] },
    { name: 'not HTML at all', html: '{"files": []}', files: [] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const page = parseSimpleHtml(c.html, PAGE, NAME);
      assert.equal(page.name, NAME);
      assert.equal(page.url, PAGE);
      assert.deepEqual(page.files, c.files);
      assert.equal(page.versions, null);
      for (const w of c.warnings ?? []) assert.ok(page.warnings.some((x) => w.test(x)), `${w} in ${JSON.stringify(page.warnings)}`);
      assert.equal(page.warnings.length, (c.warnings ?? []).length, JSON.stringify(page.warnings));
    });
  }

  test('source label and repository versions (PEP 629)', () => {
    const v11 = parseSimpleHtml('<meta name="pypi:repository-version" content="1.1"><a href="a-1.zip">a</a>', PAGE, NAME, 'mirror');
    assert.equal(v11.files[0]?.source, 'mirror');
    assert.deepEqual(v11.warnings, []);
    assert.match(parseSimpleHtml('<meta name="pypi:repository-version" content="1.7">', PAGE, NAME).warnings[0] ?? '', /newer than 1\.1/);
    assert.throws(
      () => parseSimpleHtml('<html><meta name="pypi:repository-version" content="2.0"></html>', PAGE, NAME),
      (e: unknown) => e instanceof PageParseError && e.offset === 6 && e.input.includes('2.0'),
    );
    assert.throws(() => parseSimpleHtml('<a href="x">', 'not a url', NAME), PageParseError);
  });

  test('a huge page parses in linear time', () => {
    const anchors = Array.from({ length: 20_000 }, (_, i) => `<a href="/p/a-${i}.0.tar.gz#sha256=${H}">a</a><br/>`).join('\n');
    const t0 = Date.now();
    const page = parseSimpleHtml(anchors, PAGE, NAME);
    assert.equal(page.files.length, 20_000);
    assert.ok(Date.now() - t0 < 5_000);
  });
});

describe('parseFindLinksHtml', () => {
  test('autoindex: only distribution files (and eggs, to be named), resolved against the listing', () => {
    const html =
      '<html><head><title>Index of /wheels/</title></head><body><h1>Index of /wheels/</h1><hr><pre><a href="../">../</a>\n' +
      '<a href="?C=N;O=D">Name</a>\n<a href="README.txt">README.txt</a>\n<a href="six-1.16.0-py2.py3-none-any.whl">six-1.16.0-py2.py3-none-any.whl</a>  01-Jan-2020 00:00  11053\n' +
      '<a href="pyyaml-5.1.tar.gz">pyyaml-5.1.tar.gz</a>\n<a href="foo-1.0.egg">egg</a>\n<a href="bad-name.whl">bad</a>\n<a href="javascript:x">x</a></pre><hr></body></html>';
    const files = parseFindLinksHtml(html, 'https://mirror.example/wheels/');
    assert.deepEqual(
      files.map((f) => [f.filename, f.url, f.source]),
      [
        ['six-1.16.0-py2.py3-none-any.whl', 'https://mirror.example/wheels/six-1.16.0-py2.py3-none-any.whl', 'https://mirror.example/wheels/'],
        ['pyyaml-5.1.tar.gz', 'https://mirror.example/wheels/pyyaml-5.1.tar.gz', 'https://mirror.example/wheels/'],
        ['foo-1.0.egg', 'https://mirror.example/wheels/foo-1.0.egg', 'https://mirror.example/wheels/'],
      ],
    );
  });
});

describe('round trip through the loopback index', () => {
  const projects: ProjectSpec[] = [
    {
      name: 'Python_Jose',
      releases: [
        { version: '3.0.0', requiresPython: '>=2.7, <4', yanked: 'broken <"&>' },
        { version: '3.1.0', requiresPython: '>=3.6', files: [{ kind: 'wheel' }, { kind: 'wheel', tags: 'cp36-cp36m-manylinux1_x86_64', noMetadataFile: true }, { kind: 'sdist' }] },
        { version: '3.2.0+local.1', yanked: true },
      ],
    },
  ];
  test('HTML page → the files the server built', async () => {
    const s = await startIndexServer({ projects, findLinks: true });
    try {
      const res = await fetch(`${s.indexUrl}Python_Jose/`, { headers: { accept: 'text/html' } });
      const page = parseSimpleHtml(await res.text(), res.url, NAME, 'index');
      assert.equal(res.url, `${s.indexUrl}python-jose/`);
      assert.deepEqual(page.warnings, []);
      assert.equal(s.files.length, 5, 'the server built every file of the spec');
      assert.equal(page.files.length, s.files.length);
      for (const built of s.files) {
        const f = page.files.find((x) => x.filename === built.filename);
        assert.ok(f, built.filename);
        assert.deepEqual(f.hashes, { sha256: built.sha256 });
        assert.equal(f.requiresPython, built.requiresPython ?? null);
        assert.equal(f.yanked, built.yanked === undefined ? null : built.yanked === true ? '' : built.yanked);
        assert.equal(f.coreMetadata !== false, built.pep658);
        assert.equal(f.url, `${s.url}/files/${encodeURIComponent(built.filename)}`);
        const bytes = Buffer.from(await (await fetch(f.url)).arrayBuffer());
        assert.deepEqual(bytes, built.bytes);
      }
      const links = parseFindLinksHtml(await (await fetch(s.findLinksUrl)).text(), s.findLinksUrl);
      assert.deepEqual(links.map((l) => l.filename), s.files.map((f) => f.filename));
    } finally {
      await s.close();
    }
  });
});
