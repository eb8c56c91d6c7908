import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFiles, includeReader, MAX_REQUIREMENTS_FILES, readRepoFiles } from '../../src/cli/repo-files.js';

const GLOB = ['modules/*/files/*requirements*.txt'];
const bytes = (...parts: Array<string | number[]>): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

function repo(): string {
  const root = mkdtempSync(join(tmpdir(), 'repo-files-'));
  const files = join(root, 'modules/a/files');
  mkdirSync(files, { recursive: true });
  writeFileSync(join(files, 'requirements.txt'), 'six==1.0\n-r inc.txt\n');
  writeFileSync(join(files, 'inc.txt'), 'idna==2.8\n');
  execFileSync('mkfifo', [join(files, 'fifo-requirements.txt')]);
  execFileSync('mkfifo', [join(files, 'fifo.txt')]);
  mkdirSync(join(files, 'dir-requirements.txt'));
  symlinkSync('/dev/zero', join(files, 'zero-requirements.txt'));
  symlinkSync('/etc/hostname', join(files, 'out-requirements.txt'));
  symlinkSync('requirements.txt', join(files, 'link-requirements.txt'));
  mkdirSync(bytes(root, '/modules/m', [0xff], '/files'), { recursive: true });
  writeFileSync(bytes(root, '/modules/m', [0xff], '/files/requirements-', [0xfe], '.txt'), 'six=1.0\n-r inc.txt\n');
  writeFileSync(bytes(root, '/modules/m', [0xff], '/files/inc.txt'), 'bad=1\n');
  return root;
}

describe('findFiles and readRepoFiles', () => {
  const root = repo();
  const found = findFiles(root, GLOB);
  const read = readRepoFiles(root, found.files);
  test('every matching name is found, directories and non-regular files included; bytes escaped', () => {
    assert.deepEqual(found.files.map((f) => f.path), [
      'modules/a/files/dir-requirements.txt',
      'modules/a/files/fifo-requirements.txt',
      'modules/a/files/link-requirements.txt',
      'modules/a/files/out-requirements.txt',
      'modules/a/files/requirements.txt',
      'modules/a/files/zero-requirements.txt',
      'modules/m\\xff/files/requirements-\\xfe.txt',
    ]);
  });
  test('what is not a regular file inside the repository is a problem naming it; nothing blocks', () => {
    assert.deepEqual(read.problems.map((p) => p.message), [
      'modules/a/files/dir-requirements.txt is a directory, not a regular file: only regular files are read',
      'modules/a/files/fifo-requirements.txt is a FIFO (named pipe), not a regular file: only regular files are read',
      'modules/a/files/out-requirements.txt is a symbolic link to /etc/hostname, outside the repository: not read',
      'modules/a/files/zero-requirements.txt is a symbolic link to /dev/zero, outside the repository: not read',
    ]);
  });
  test('regular files (through a Buffer path, through an in-repo symlink) are read', () => {
    const text = new Map(read.sources.map((s) => [s.path, s.text]));
    assert.equal(text.get('modules/a/files/requirements.txt'), 'six==1.0\n-r inc.txt\n');
    assert.equal(text.get('modules/a/files/link-requirements.txt'), 'six==1.0\n-r inc.txt\n');
    assert.equal(text.get('modules/m\\xff/files/requirements-\\xfe.txt'), 'six=1.0\n-r inc.txt\n');
  });
  test('includes: next to a non-UTF-8 folder, a FIFO, outside the repository, missing', () => {
    const reader = includeReader(root, found.files);
    assert.deepEqual(reader('modules/m\\xff/files/requirements-\\xfe.txt', 'inc.txt'), { path: 'modules/m\\xff/files/inc.txt', text: 'bad=1\n' });
    assert.deepEqual(reader('modules/a/files/requirements.txt', 'fifo.txt'), { path: 'modules/a/files/fifo.txt', error: 'modules/a/files/fifo.txt is a FIFO (named pipe), not a regular file: only regular files are read' });
    assert.equal(reader('modules/a/files/requirements.txt', '../../../../../../../etc/hostname'), null);
    assert.equal(reader('modules/a/files/requirements.txt', 'nothing.txt'), null);
    assert.equal(reader('modules/a/files/requirements.txt', 'https://example.com/r.txt'), null);
  });
});

describe('budgets', () => {
  test(`more than ${MAX_REQUIREMENTS_FILES} matching files: the first ${MAX_REQUIREMENTS_FILES} by name, and a problem saying so`, () => {
    const root = mkdtempSync(join(tmpdir(), 'repo-files-many-'));
    mkdirSync(join(root, 'modules/a/files'), { recursive: true });
    for (let i = 0; i < MAX_REQUIREMENTS_FILES + 20; i++) writeFileSync(join(root, `modules/a/files/requirements-${String(i).padStart(4, '0')}.txt`), 'six==1.0\n');
    const found = findFiles(root, GLOB);
    assert.equal(found.files.length, MAX_REQUIREMENTS_FILES);
    assert.deepEqual(found.problems.map((p) => [p.path, p.message]), [[
      `modules/a/files/requirements-0${MAX_REQUIREMENTS_FILES}.txt`,
      `${MAX_REQUIREMENTS_FILES + 20} files match modules/*/files/*requirements*.txt, more than the ${MAX_REQUIREMENTS_FILES} a run checks: this one and the 19 after it (by name) are not checked`,
    ]]);
  });
});
