import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { safeFilename } from '../../src/pypi/index.js';

describe('safeFilename', () => {
  const cases: Array<[string, string | null]> = [
    ['https://files.example/packages/ab/cd/six-1.16.0-py2.py3-none-any.whl', 'six-1.16.0-py2.py3-none-any.whl'],
    ['https://h/x/Foo-1.0.tar.gz?download=1#sha256=abc', 'Foo-1.0.tar.gz'],
    ['https://h/x/foo-1.0%2Blocal-py3-none-any.whl', 'foo-1.0+local-py3-none-any.whl'],
    ['https://h/x/a%20b.zip', 'a b.zip'],
    ['file:///srv/wheels/x-1.0.tar.gz', 'x-1.0.tar.gz'],
    ['x-1.0.tar.gz', 'x-1.0.tar.gz'],
    ['dir/sub/x-1.0.tar.gz', 'x-1.0.tar.gz'],
    ['100%.txt', '100%.txt'], // a plain name is not percent-decoded
    // rejected
    ['https://h/x/..%2F..%2Fetc%2Fpasswd', null],
    ['https://h/x/..%5C..%5Cwin.ini', null],
    ['https://h/x/a%00b.whl', null],
    ['https://h/x/a%0Ab.whl', null],
    ['https://h/x/a%1Bb.whl', null],
    ['https://h/x/a%7Fb.whl', null],
    ['https://h/x/%E0%A4%A.whl', null],
    ['https://h/x/', null],
    ['https://h/', null],
    ['https://h/x/..', null],
    ['https://h/x/%2E%2E', null],
    ['https://h/x/.', null],
    ['', null],
    ['..', null],
    ['a\\b.whl', null],
    ['C:\\Windows\\x.whl', null],
    ['a\u0000b', null],
    ['foo..bar.whl', null],
    ['dir/', null],
    ['http://[bad', null],
  ];
  for (const [input, want] of cases) test(JSON.stringify(input), () => assert.equal(safeFilename(input), want));
});
