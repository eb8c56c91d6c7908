import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { displayName, readRegularFile } from '../../src/cli/safe-read.js';

describe('readRegularFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'safe-read-'));
  writeFileSync(join(dir, 'small.txt'), 'six==1.0\n');
  writeFileSync(join(dir, 'big.txt'), 'x'.repeat(2000));
  mkdirSync(join(dir, 'folder'));
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  symlinkSync('/dev/zero', join(dir, 'zero'));
  symlinkSync(join(dir, 'fifo'), join(dir, 'to-fifo'));
  const bytesName = Buffer.concat([Buffer.from(`${dir}/req-`), Buffer.from([0xff]), Buffer.from('.txt')]);
  writeFileSync(bytesName, 'idna==2.8\n');
  const cases: Array<[string, string | Buffer, { ok: true; text: string } | { ok: false; reason: string; message: RegExp }]> = [
    ['a regular file', join(dir, 'small.txt'), { ok: true, text: 'six==1.0\n' }],
    ['a non-UTF-8 name through its Buffer path', bytesName, { ok: true, text: 'idna==2.8\n' }],
    ['over the cap, refused before reading', join(dir, 'big.txt'), { ok: false, reason: 'too-big', message: /2000 bytes, over the 1000-byte limit/ }],
    ['a directory', join(dir, 'folder'), { ok: false, reason: 'not-regular', message: /is a directory/ }],
    ['a FIFO: refused without blocking', join(dir, 'fifo'), { ok: false, reason: 'not-regular', message: /is a FIFO \(named pipe\)/ }],
    ['a symlink to a FIFO', join(dir, 'to-fifo'), { ok: false, reason: 'not-regular', message: /FIFO/ }],
    ['a symlink to /dev/zero', join(dir, 'zero'), { ok: false, reason: 'not-regular', message: /is a character device/ }],
    ['missing', join(dir, 'nothing'), { ok: false, reason: 'missing', message: /no such file/ }],
    ['under a file', join(dir, 'small.txt', 'x'), { ok: false, reason: 'missing', message: /no such file/ }],
  ];
  for (const [what, path, want] of cases) {
    test(what, () => {
      const got = readRegularFile(path, 1000);
      if (want.ok) {
        assert.ok(got.ok, JSON.stringify(got));
        assert.equal(got.bytes.toString('utf8'), want.text);
      } else {
        assert.ok(!got.ok);
        assert.equal(got.reason, want.reason);
        assert.match(got.message, want.message);
      }
    });
  }
});

describe('displayName', () => {
  const cases: Array<[number[] | string, string]> = [
    ['requirements.txt', 'requirements.txt'],
    ['modules/é/ß.txt', 'modules/é/ß.txt'],
    [[...Buffer.from('requirements-'), 0xff, ...Buffer.from('.txt')], 'requirements-\\xff.txt'],
    [[0x6d, 0xc3], 'm\\xc3'], // a truncated sequence
    [[0xc3, 0xa9, 0x80], 'é\\x80'], // a stray continuation byte after a valid one
    [[0xed, 0xa0, 0x80], '\\xed\\xa0\\x80'], // a UTF-16 surrogate, not UTF-8
    [[0xc0, 0xaf], '\\xc0\\xaf'], // overlong '/'
    [[0xf0, 0x9f, 0x90, 0x8d, 0xfe], '🐍\\xfe'],
  ];
  for (const [input, want] of cases) {
    test(`${JSON.stringify(want)}`, () => assert.equal(displayName(typeof input === 'string' ? Buffer.from(input) : Buffer.from(input)), want));
  }
});
