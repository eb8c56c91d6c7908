import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { charsetOf, decodePage, firstInvalidUtf8 } from '../../src/index/charset.js';
import { startIndexServer } from '../support/index-server.js';
import { client, needs, pn, tempDir } from './fixtures.js';

// pip 22+ `_get_encoding_from_headers` (email.message's get_param) and `parse_links`
// (`content.decode(charset or 'utf-8')`, strict; JSON by json.loads(bytes)). The Python results in
// these tables were read from python 3.11 (pip 23.2.1's interpreter): `codecs.lookup(name).name` and
// `bytes.decode(name)`; the oracle (test/oracle/mirror-shapes-pip.test.ts) runs pip itself on pages
// served in these charsets.
describe('charsetOf: the charset parameter as pip reads it', () => {
  const cases: Array<[string | null, string | null]> = [
    ['text/html; charset=ISO-8859-1', 'ISO-8859-1'],
    ['text/html;charset=utf-8', 'utf-8'],
    ['TEXT/HTML; CHARSET="latin1"', 'latin1'],
    ['text/html; q=1; charset = windows-1252 ', 'windows-1252'],
    ['text/html; charset=', null],
    ['text/html; charset=""', null],
    ['text/html', null],
    ['text/html; boundary=x', null],
    [null, null],
  ];
  for (const [header, want] of cases) test(`${JSON.stringify(header)} → ${JSON.stringify(want)}`, () => assert.equal(charsetOf(header), want));
});

describe('decodePage: HTML in its charset, strictly; JSON as UTF-8', () => {
  const latin1 = Buffer.from('<a href="caf\xe9-1.0.tar.gz">', 'latin1');
  const url = 'http://m/links/';
  // [content type, format, bytes, text or the error after the page's Content-Type]
  const cases: Array<[string | null, 'html' | 'json', Buffer, { text: string } | { error: string }]> = [
    // Latin-1 names as Python names them: true ISO-8859-1 (0x80 is U+0080, not the web's €).
    ['text/html; charset=ISO-8859-1', 'html', latin1, { text: '<a href="café-1.0.tar.gz">' }],
    ['text/html; charset=latin-1', 'html', Buffer.from([0x80]), { text: '\u0080' }],
    ['text/html; charset=iso8859_1', 'html', Buffer.from([0xe9]), { text: 'é' }],
    ['text/html; charset=l1', 'html', Buffer.from([0x9d]), { text: '\u009d' }],
    // windows-1252: the web's and Python's agree but for five bytes Python leaves undefined.
    ['text/html; charset=windows-1252', 'html', Buffer.from([0x80, 0xe9]), { text: '€é' }],
    ['text/html; charset=cp1252', 'html', Buffer.from([0x41, 0x81]), { error: "UnicodeDecodeError: 'charmap' codec can't decode byte 0x81 in position 1: character maps to <undefined>" }],
    // ASCII refuses every byte over 0x7F (the web reads it as windows-1252).
    ['text/html; charset=us-ascii', 'html', Buffer.from('ab'), { text: 'ab' }],
    ['text/html; charset=US_ASCII', 'html', Buffer.from([0x61, 0xe9]), { error: "UnicodeDecodeError: 'ascii' codec can't decode byte 0xe9 in position 1: ordinal not in range(128)" }],
    // No charset, or utf-8: UTF-8, strictly, whatever a <meta> says (pip 22+ reads no <meta>).
    ['text/html', 'html', Buffer.from('<a href="café">'), { text: '<a href="café">' }],
    ['text/html', 'html', latin1, { error: "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9 in position 12: invalid continuation byte" }],
    ['text/html', 'html', Buffer.from('<meta charset="iso-8859-1">\xe9', 'latin1'), { error: "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9 in position 27: unexpected end of data" }],
    ['text/html; charset=UTF8', 'html', Buffer.from([0x61, 0xff]), { error: "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 1: invalid start byte" }],
    ['application/vnd.pypi.simple.v1+html; charset=koi8-r', 'html', Buffer.from([0xc1]), { text: 'а' }],
    // A name Python does not know: pip stops with LookupError.
    ['text/html; charset=x-nope', 'html', latin1, { error: 'LookupError: unknown encoding: x-nope' }],
    // JSON: json.loads(bytes) ignores the charset (UTF-8, its BOM dropped).
    ['application/vnd.pypi.simple.v1+json; charset=latin1', 'json', Buffer.from('{"n":"é"}'), { text: '{"n":"é"}' }],
    ['application/vnd.pypi.simple.v1+json', 'json', Buffer.from('\ufeff{}'), { text: '{}' }],
    ['application/vnd.pypi.simple.v1+json', 'json', Buffer.from([0x7b, 0xe9, 0x7d]), { error: "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9 in position 1: invalid continuation byte" }],
  ];
  for (const [type, format, bytes, want] of cases) {
    test(`${type} ${bytes.toString('hex').slice(0, 16)} → ${'text' in want ? JSON.stringify(want.text) : want.error}`, () => {
      const got = decodePage(bytes, type, format, url);
      assert.deepEqual(got, 'text' in want ? { ok: true, text: want.text } : { ok: false, reason: `Cannot decode page ${url} (Content-Type: ${type}): ${want.error}` });
    });
  }

  test('a page pip skips for its type is not decoded strictly: its skip is what is reported', () => {
    assert.deepEqual(decodePage(Buffer.from([0xff]), 'application/xml; charset=x-nope', 'unsupported', url), { ok: true, text: '\ufffd' });
  });
});

describe('firstInvalidUtf8: where Python stops, at the start of the bad sequence', () => {
  const cases: Array<[number[], { at: number; why: string } | null]> = [
    [[0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x90, 0x8d], null],
    [[0x61, 0xc0, 0xaf], { at: 1, why: 'invalid start byte' }], // overlong
    [[0xe0, 0x80, 0x80], { at: 0, why: 'invalid continuation byte' }], // overlong
    [[0xed, 0xa0, 0x80], { at: 0, why: 'invalid continuation byte' }], // a surrogate
    [[0xf4, 0x90, 0x80, 0x80], { at: 0, why: 'invalid continuation byte' }], // past U+10FFFF
    [[0x61, 0x62, 0xe2, 0x82], { at: 2, why: 'unexpected end of data' }],
    [[0x80], { at: 0, why: 'invalid start byte' }],
  ];
  for (const [bytes, want] of cases) test(Buffer.from(bytes).toString('hex'), () => assert.deepEqual(firstInvalidUtf8(Buffer.from(bytes)), want));
});

describe('pages on a loopback index, in the charset their Content-Type names', () => {
  const project = [{ name: 'six', releases: [{ version: '1.16.0' }] }];
  // A file of six under a folder whose name is not ASCII, as pip 23 requests it: the decoded href, percent-encoded as UTF-8.
  const href = (folder: Buffer) => Buffer.concat([Buffer.from('<a href="/'), folder, Buffer.from('/six-1.16.0-py3-none-any.whl">six</a>')]);
  const cases: Array<[string, string, Buffer, string]> = [
    ['latin-1', 'text/html; charset=ISO-8859-1', Buffer.from('d\xe9p', 'latin1'), '/d%C3%A9p/'],
    ['windows-1252', 'text/html; charset=windows-1252', Buffer.from([0x64, 0x80, 0x70]), '/d%E2%82%ACp/'],
    ['latin-1, a C1 byte', 'text/html; charset=iso-8859-1', Buffer.from([0x64, 0x80, 0x70]), '/d%C2%80p/'],
    ['UTF-8 by default', 'text/html', Buffer.from('dép'), '/d%C3%A9p/'],
  ];
  for (const [name, contentType, folder, path] of cases) {
    test(`${name}: the href resolves to ${path}`, async (t) => {
      const s = await startIndexServer({ projects: project, faults: [{ path: '/simple/six/', kind: 'body', body: href(folder), contentType }] });
      t.after(() => s.close());
      const snap = await client({ indexUrl: s.indexUrl }).fetchNeeds(needs({ projects: [pn('six')] }));
      const state = snap.index.get(pn('six'));
      assert.deepEqual(state?.status === 'ok' ? state.page.files.map((f) => f.url) : state, [`${s.url}${path}six-1.16.0-py3-none-any.whl`]);
    });
  }

  test('a charset pip does not know, or bytes it cannot decode: an error state in Python\'s words, and nothing cached', async (t) => {
    const latin1 = href(Buffer.from('d\xe9p', 'latin1'));
    const rows: Array<[string, string]> = [
      ['text/html; charset=x-nope', 'LookupError: unknown encoding: x-nope'],
      ['text/html; charset=utf-8', "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9 in position 11: invalid continuation byte"],
    ];
    for (const [contentType, error] of rows) {
      const s = await startIndexServer({ projects: project, cacheControl: 'max-age=600', faults: [{ path: '/simple/six/', kind: 'body', body: latin1, contentType }] });
      t.after(() => s.close());
      const cacheDir = await tempDir(t);
      // Two runs on one cache: a page left undecoded is asked for again, though fresh for ten minutes.
      for (let run = 0; run < 2; run++) {
        const snap = await client({ indexUrl: s.indexUrl, cacheDir }).fetchNeeds(needs({ projects: [pn('six')] }));
        assert.deepEqual(snap.index.get(pn('six')), { status: 'error', reason: `Cannot decode page ${s.indexUrl}six/ (Content-Type: ${contentType}): ${error}` });
      }
      assert.equal(s.counts().pages, 2);
    }
  });
});
