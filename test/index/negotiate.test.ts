import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCEPT, formatOf } from '../../src/index/negotiate.js';

describe('formatOf: dispatch on the response Content-Type', () => {
  const cases: Array<[string | null, string]> = [
    ['application/vnd.pypi.simple.v1+json', 'json'],
    ['application/vnd.pypi.simple.latest+json', 'json'],
    ['Application/Vnd.Pypi.Simple.V1+JSON; charset=utf-8', 'json'],
    ['application/vnd.pypi.simple.v1+html', 'html'],
    ['application/vnd.pypi.simple.latest+html', 'html'],
    ['text/html', 'html'],
    ['text/html; charset=utf-8', 'html'],
    ['application/json', 'json'],
    ['text/plain', 'html'],
    [null, 'html'],
    ['', 'html'],
    ['application/vnd.pypi.simple.v2+json', 'unsupported'],
  ];
  for (const [ct, want] of cases) {
    test(`${JSON.stringify(ct)} → ${want}`, () => assert.equal(formatOf(ct).kind, want));
  }
});

test('ACCEPT prefers PEP 691 JSON, then HTML (PEP 691 example header)', () => {
  const parts = ACCEPT.split(',').map((s) => s.trim());
  assert.deepEqual(parts, [
    'application/vnd.pypi.simple.v1+json',
    'application/vnd.pypi.simple.v1+html;q=0.2',
    'text/html;q=0.01',
  ]);
});
