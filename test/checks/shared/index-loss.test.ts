// The one wording every check gives what the index failed to deliver: the URL and host read back
// from the index client's reasons (as its HttpClient and describeError write them), pip's words for
// the cause, and the way out.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { couldNotFetch, indexLoss, indexLossMessage, indexLossSuggestion, lostWhat, pinIndexLoss, pipCause } from '../../../src/checks/shared/index.js';

const W = 'http://127.0.0.1:8080/files/six-1.12.0-py2.py3-none-any.whl';
const P = 'https://pypi.test/simple/six/';

const cases: Array<{ reason: string; lost: 'page' | 'metadata'; url: string | null; host: string | null; pip: RegExp }> = [
  { reason: `timed out after 400 ms after 3 retries (${P})`, lost: 'page', url: P, host: 'pypi.test', pip: /^Read timed out\. \(timed out after 400 ms after 3 retries\)$/ },
  { reason: `127.0.0.1:8080 is not answering: 3 file requests in a row timed out after 0.4 s each; its remaining file requests were not sent (${W})`, lost: 'metadata', url: W, host: '127.0.0.1:8080', pip: /^connection timed out \(127\.0\.0\.1:8080 is not answering: .* were not sent\)$/ },
  { reason: `six-1.12.0-py2.py3-none-any.whl: HTTP 503 after 3 retries (${W})`, lost: 'metadata', url: W, host: '127.0.0.1:8080', pip: /^503 Server Error \(HTTP 503 after 3 retries\)$/ },
  { reason: `six-1.12.0-py2.py3-none-any.whl: fetch failed (UND_ERR_SOCKET) after 3 retries (${W}); six-1.12.0.tar.gz: HTTP 502 (http://127.0.0.1:8080/files/six-1.12.0.tar.gz)`, lost: 'metadata', url: W, host: '127.0.0.1:8080', pip: /^Connection aborted: ConnectionResetError\(104, 'Connection reset by peer'\) \(fetch failed/ },
  { reason: `fetch failed (ECONNREFUSED) after 3 retries (${P})`, lost: 'page', url: P, host: 'pypi.test', pip: /^Failed to establish a new connection: \[Errno 111\] Connection refused/ },
  { reason: `truncated download: got 40 of 900 bytes after 3 retries (${W})`, lost: 'metadata', url: W, host: '127.0.0.1:8080', pip: /^Connection broken: IncompleteRead \(truncated download/ },
  { reason: `${P}: page is 30000000 bytes, over the 20971520-byte limit`, lost: 'page', url: P, host: 'pypi.test', pip: /^page is 30000000 bytes, over the 20971520-byte limit$/ },
  { reason: 'index directory /srv/index does not exist', lost: 'page', url: null, host: null, pip: /^index directory \/srv\/index does not exist$/ },
  { reason: `HTTP 404 for ${W}`, lost: 'metadata', url: W, host: '127.0.0.1:8080', pip: /^404 Client Error \(HTTP 404 for http:\/\/127\.0\.0\.1:8080\/files\/six-1\.12\.0-py2\.py3-none-any\.whl\)$/ },
  { reason: 'not in cache (offline)', lost: 'page', url: null, host: null, pip: /^not in cache \(offline\)$/ },
];

describe('indexLoss: what failed, where, in pip\'s words', () => {
  for (const c of cases) {
    test(c.reason.slice(0, 70), () => {
      const loss = indexLoss('index', c.lost, c.reason);
      assert.deepEqual(loss, { where: 'index', lost: c.lost, url: c.url, host: c.host, reason: c.reason });
      assert.match(pipCause(c.reason, loss.url), c.pip);
      const line = couldNotFetch(loss);
      assert.ok(line.startsWith(`Could not fetch URL ${c.url ?? '(the index)'}: `), line);
      const fix = indexLossSuggestion(loss);
      assert.ok(fix.startsWith(`check that ${c.host ?? 'the index'} answers`), fix);
      assert.equal(/--timeout SECONDS/.test(fix), /timed out|not answering/.test(c.reason), fix);
      assert.ok(fix.endsWith('if it persists, check --index-url'), fix);
    });
  }
  test(`${cases.length} reasons compared`, () => assert.equal(cases.length, 10));

  test('what was lost, for the message', () => {
    const at = (lost: 'page' | 'metadata' | 'file', where: 'index' | 'mirror' = 'index') => lostWhat(indexLoss(where, lost, 'x'), 'six', '1.12.0', 'six-1.12.0.tar.gz');
    assert.equal(at('page'), 'the index page of six');
    assert.equal(at('page', 'mirror'), 'the mirror listing of six');
    assert.equal(at('metadata'), 'the metadata of six 1.12.0');
    assert.equal(at('file'), 'six-1.12.0.tar.gz');
    assert.match(indexLossSuggestion(indexLoss('mirror', 'page', 'x')), /check --find-links \/ mirrors in \.pyup-checks\.yml$/);
  });

  test("a pin's loss and the finding's message: page or metadata, index or mirror, host when the reason names one", () => {
    const url = 'http://127.0.0.1:9/simple/six/';
    const rows: Array<[nodownload: boolean, release: { version: string } | null, reason: string | null, where: string, lost: string, message: RegExp]> = [
      [false, null, `timed out after 20 s (${url})`, 'index', 'page', /^Could not fetch URL http:\/\/127\.0\.0\.1:9\/simple\/six\/: Read timed out\. .*: the index page of six could not be fetched from 127\.0\.0\.1:9, so it was not checked$/],
      [false, { version: '1.12.0' }, `HTTP 503 (${url})`, 'index', 'metadata', /: 503 Server Error .*: the metadata of six 1\.12\.0 could not be fetched from 127\.0\.0\.1:9, so it was not checked$/],
      [true, null, `timed out (${url})`, 'mirror', 'page', /: the mirror listing of six could not be fetched from 127\.0\.0\.1:9, so/],
      [false, null, null, 'index', 'page', /^Could not fetch URL \(the index\): no answer: the index page of six could not be fetched, so it was not checked$/],
    ];
    for (const [nodownload, release, reason, where, lost, message] of rows) {
      const loss = pinIndexLoss({ nodownload }, release, reason);
      assert.deepEqual([loss.where, loss.lost], [where, lost]);
      assert.match(indexLossMessage(loss, { name: 'six', version: release?.version ?? '1.12.0' }, 'it was not checked'), message);
    }
  });

  test("a page pip skips for its Content-Type: pip's own line, and the way out is to serve it as HTML", () => {
    const mirror = 'https://mirror.s3.amazonaws.com/';
    const reason = `Skipping page ${mirror} because the GET request got Content-Type: application/xml. The only supported Content-Types are application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html, and text/html`;
    const loss = indexLoss('mirror', 'page', reason);
    assert.deepEqual([loss.url, loss.host], [mirror, 'mirror.s3.amazonaws.com']);
    assert.equal(couldNotFetch(loss), reason);
    assert.equal(indexLossMessage(loss, { name: 'six', version: '1.12.0' }, 'six==1.12.0 was not checked'), `${reason}: pip reads no file from it, so six==1.12.0 was not checked`);
    assert.equal(
      indexLossSuggestion(loss),
      `make mirror.s3.amazonaws.com serve ${mirror} as text/html (pip reads no other page: an S3 bucket's own listing is XML, an object stored without a type is binary/octet-stream), or check --find-links / mirrors in .pyup-checks.yml`,
    );
  });
  test("a page pip cannot decode: Python's error as pip stops on it, and the way out is to name the charset", () => {
    const mirror = 'http://mirror:8080/links/';
    const rows: Array<[string, string]> = [
      ['text/html; charset=x-nope', 'LookupError: unknown encoding: x-nope'],
      ['text/html', "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9 in position 11: invalid continuation byte"],
    ];
    for (const [contentType, error] of rows) {
      const reason = `Cannot decode page ${mirror} (Content-Type: ${contentType}): ${error}`;
      const loss = indexLoss('mirror', 'page', reason);
      assert.deepEqual([loss.url, loss.host], [mirror, 'mirror:8080']);
      assert.equal(couldNotFetch(loss), reason);
      assert.equal(indexLossMessage(loss, { name: 'six', version: '1.12.0' }, 'six==1.12.0 was not checked'), `${reason}: pip 22 and later stop there with this error, so six==1.12.0 was not checked`);
      assert.equal(
        indexLossSuggestion(loss),
        `make mirror:8080 name the page's encoding in the Content-Type of ${mirror} (text/html; charset=ISO-8859-1 for Latin-1 file names), or serve it in UTF-8: pip decodes a page in its charset, and in UTF-8 when none is given; or check --find-links / mirrors in .pyup-checks.yml`,
      );
    }
  });
});
