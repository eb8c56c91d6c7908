import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCEPT, formatOf } from '../../src/index/negotiate.js';

describe('formatOf: dispatch on the response Content-Type, reading only what pip reads', () => {
  // pip 23.2 `collector._ensure_api_header`: the lower-cased header must start with one of three
  // types, else the page is skipped ("Skipping page …"); pip 18/19 require `text/html`.
  const cases: Array<[string | null, string]> = [
    ['application/vnd.pypi.simple.v1+json', 'json'],
    ['Application/Vnd.Pypi.Simple.V1+JSON; charset=utf-8', 'json'],
    ['application/vnd.pypi.simple.v1+html', 'html'],
    ['text/html', 'html'],
    ['TEXT/HTML; charset=ISO-8859-1', 'html'],
    ['text/html; charset=utf-8', 'html'],
    // What static hosts send and pip skips: a bucket listing, an object stored without a type, plain JSON.
    ['application/xml', 'unsupported'],
    ['binary/octet-stream', 'unsupported'],
    ['application/octet-stream', 'unsupported'],
    ['text/plain', 'unsupported'],
    ['application/json', 'unsupported'],
    ['application/vnd.pypi.simple.latest+json', 'unsupported'],
    [' text/html', 'unsupported'],
    [null, 'unsupported'],
    ['', 'unsupported'],
    ['application/vnd.pypi.simple.v2+json', 'unsupported'],
  ];
  for (const [ct, want] of cases) {
    test(`${JSON.stringify(ct)} → ${want}`, () => assert.equal(formatOf(ct).kind, want));
  }

  test("a skipped page's reason is pip's warning, naming the page and the type (Unknown when none)", () => {
    assert.deepEqual(formatOf('application/xml', 'https://b.s3.amazonaws.com/'), {
      kind: 'unsupported',
      reason:
        'Skipping page https://b.s3.amazonaws.com/ because the GET request got Content-Type: application/xml. The only supported ' +
        'Content-Types are application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html, and text/html',
    });
    const none = formatOf(null, 'https://x/');
    assert.match(none.kind === 'unsupported' ? none.reason : '', /got Content-Type: Unknown\./);
    const v2 = formatOf('application/vnd.pypi.simple.v2+json', 'https://x/simple/six/');
    assert.equal(v2.kind === 'unsupported' ? v2.reason : '', 'https://x/simple/six/: unsupported simple API version v2 (application/vnd.pypi.simple.v2+json)');
  });
});

test('ACCEPT prefers PEP 691 JSON, then HTML (PEP 691 example header)', () => {
  const parts = ACCEPT.split(',').map((s) => s.trim());
  assert.deepEqual(parts, [
    'application/vnd.pypi.simple.v1+json',
    'application/vnd.pypi.simple.v1+html;q=0.2',
    'text/html;q=0.01',
  ]);
});
