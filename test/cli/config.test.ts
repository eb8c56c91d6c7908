import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_FILE, loadConfig, MAX_CONFIG_BYTES } from '../../src/cli/config.js';

type Setup = (repo: string) => string | null;

describe('loadConfig reads only a regular file, confined and capped', () => {
  const cases: Array<[string, Setup, RegExp | Record<string, unknown>]> = [
    ['absent: an empty config', () => null, {}],
    ['a regular file', (r) => (writeFileSync(join(r, CONFIG_FILE), 'default-python: "2.7"\n'), null), { 'default-python': '2.7' }],
    ['an in-repo symlink', (r) => (writeFileSync(join(r, 'real.yml'), 'files: ["x"]\n'), symlinkSync('real.yml', join(r, CONFIG_FILE)), null), { files: ['x'] }],
    ['a FIFO', (r) => (execFileSync('mkfifo', [join(r, CONFIG_FILE)]), null), /\.pyup-checks\.yml: is a FIFO \(named pipe\), not a regular file/],
    ['a directory', (r) => (mkdirSync(join(r, CONFIG_FILE)), null), /\.pyup-checks\.yml: is a directory/],
    ['a symlink to /dev/zero', (r) => (symlinkSync('/dev/zero', join(r, CONFIG_FILE)), null), /a symbolic link to \/dev\/zero, outside the repository: not read/],
    ['a dangling symlink: no config', (r) => (symlinkSync('nowhere.yml', join(r, CONFIG_FILE)), null), {}],
    ['over the size cap', (r) => (writeFileSync(join(r, CONFIG_FILE), `# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`), null), /is \d+ bytes, over the 1048576-byte limit for a config file/],
    ['--config /dev/zero', () => '/dev/zero', /\/dev\/zero: is a character device/],
    ['--config missing', (r) => join(r, 'nope.yml'), /config file not found: .*nope\.yml/],
    ['nested too deep', (r) => (writeFileSync(join(r, CONFIG_FILE), `files: ${'['.repeat(100)}`), null), /\.pyup-checks\.yml:1: not valid YAML: nested too deep/],
  ];
  for (const [what, setup, want] of cases) {
    test(what, () => {
      const repo = mkdtempSync(join(tmpdir(), 'config-'));
      const explicit = setup(repo);
      if (want instanceof RegExp) {
        assert.throws(() => loadConfig(repo, explicit), (e: Error) => e.name === 'UsageError' && want.test(e.message));
      } else {
        assert.deepEqual(loadConfig(repo, explicit).config, want);
      }
    });
  }
});
