import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasUrlScheme, isAuthorityUrl, isRemoteUrl } from '../../src/urls/index.js';

const CASES: Array<[string, boolean, boolean, boolean]> = [
  // text, hasUrlScheme, isAuthorityUrl, isRemoteUrl
  ['https://pypi.org/simple', true, true, true],
  ['HTTP://mirror/packages/', true, true, true],
  ['file:///srv/mirror', true, true, false],
  ['FILE:///srv/mirror', true, true, false],
  ['file:relative', true, false, false],
  ['git+https://github.com/x/y', true, true, true],
  ['/srv/mirror', false, false, false],
  ['./packages', false, false, false],
  ['packages-3.6', false, false, false],
  ['1abc://x', false, false, false],
  ['mailto:a@b', true, false, false],
];

test('the URL tests, one table', () => {
  for (const [text, scheme, authority, remote] of CASES) {
    assert.equal(hasUrlScheme(text), scheme, `hasUrlScheme(${text})`);
    assert.equal(isAuthorityUrl(text), authority, `isAuthorityUrl(${text})`);
    assert.equal(isRemoteUrl(text), remote, `isRemoteUrl(${text})`);
  }
  assert.equal(CASES.length, 11);
});
