// Reading a repository at a revision through real git: revisions, merge base, trees, blobs, includes.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { defaultBranch, GitError, listTree, mergeBase, resolveCommit, showFile } from '../../src/cli/git.js';
import { revisionInventory } from '../../src/cli/revision-files.js';

const ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: tmpdir() };
const git = async (repo: string, ...args: string[]) => (await execa('git', args, { cwd: repo, env: ENV })).stdout.trim();

function write(root: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
}

let top: string;
let c1: string;
let c2: string;

before(async () => {
  top = join(mkdtempSync(join(tmpdir(), 'pyup-checks-git-')), 'checkout');
  mkdirSync(top);
  await git(top, 'init', '-q', '-b', 'master');
  write(top, {
    'puppet/modules/a/files/requirements.txt': '-r ../../common/files/base.txt\nsix==1.11.0\n',
    'puppet/modules/common/files/base.txt': '-r nested.txt\nredo==1.6\n',
    'puppet/modules/common/files/nested.txt': 'idna==2.7\n',
    'puppet/modules/b/files/odd name\nreq.txt': 'x==1\n',
    'other/modules/c/files/requirements.txt': 'y==1\n',
  });
  await git(top, 'add', '.');
  await git(top, 'commit', '-q', '-m', 'one');
  c1 = await git(top, 'rev-parse', 'HEAD');
  await git(top, 'checkout', '-q', '-b', 'topic');
  write(top, { 'puppet/modules/common/files/nested.txt': 'idna==2.8\n' });
  await git(top, 'commit', '-q', '-am', 'two');
  c2 = await git(top, 'rev-parse', 'HEAD');
});

describe('git', () => {
  test('revisions resolve to commits; option-like and unknown names are refused', async () => {
    assert.equal(await resolveCommit(top, 'topic'), c2);
    assert.equal(await resolveCommit(top, 'HEAD~1'), c1);
    await assert.rejects(resolveCommit(top, '--output=/tmp/x'), GitError);
    await assert.rejects(resolveCommit(top, 'nope'), /not a commit/);
  });

  test('the default branch without a remote, and the merge base with it', async () => {
    assert.equal(await defaultBranch(top), 'master');
    assert.equal(await mergeBase(top, 'HEAD', 'master'), c1);
  });

  test('a subdirectory repo lists and reads paths relative to itself, any file name', async () => {
    const repo = join(top, 'puppet');
    const paths = (await listTree(repo, c1)).map((e) => e.path).sort();
    assert.deepEqual(paths, ['modules/a/files/requirements.txt', 'modules/b/files/odd name\nreq.txt', 'modules/common/files/base.txt', 'modules/common/files/nested.txt']);
    assert.equal(new TextDecoder().decode((await showFile(repo, c1, 'modules/b/files/odd name\nreq.txt'))!), 'x==1\n');
    assert.equal(await showFile(repo, c1, 'modules/none.txt'), null);
  });

  test('an inventory at a revision reads nested includes from the same revision', async () => {
    const repo = join(top, 'puppet');
    const pins = async (commit: string) =>
      (await revisionInventory(repo, commit, ['modules/a/files/*requirements*.txt'], {})).files.flatMap((f) => f.pins.map((p) => `${p.package}==${p.version}`)).sort();
    assert.deepEqual(await pins(c1), ['idna==2.7', 'redo==1.6', 'six==1.11.0']);
    assert.deepEqual(await pins(c2), ['idna==2.8', 'redo==1.6', 'six==1.11.0']);
  });
});

describe('names that are not UTF-8 at a revision', () => {
  test('are listed escaped and read by object id; an include beside them is found', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'pyup-checks-git-bytes-'));
    await git(repo, 'init', '-q', '-b', 'master');
    const dir = Buffer.concat([Buffer.from(`${repo}/modules/m`), Buffer.from([0xff]), Buffer.from('/files')]);
    mkdirSync(dir, { recursive: true });
    writeFileSync(Buffer.concat([dir, Buffer.from('/requirements-'), Buffer.from([0xfe]), Buffer.from('.txt')]), 'six==1.0\n-r inc.txt\n');
    writeFileSync(Buffer.concat([dir, Buffer.from('/inc.txt')]), 'bad=1\n');
    await git(repo, 'add', '.');
    await git(repo, 'commit', '-q', '-m', 'bytes');
    const commit = await git(repo, 'rev-parse', 'HEAD');
    assert.deepEqual((await listTree(repo, commit)).map((e) => e.path).sort(), ['modules/m\\xff/files/inc.txt', 'modules/m\\xff/files/requirements-\\xfe.txt']);
    const inventory = await revisionInventory(repo, commit, ['modules/*/files/*requirements*.txt'], {});
    assert.deepEqual(inventory.files.map((f) => [f.path, f.module, f.pins.map((p) => p.package)]), [['modules/m\\xff/files/requirements-\\xfe.txt', 'm\\xff', ['six']]]);
    assert.deepEqual(inventory.diagnostics.map((d) => [d.file, d.line, d.code]), [['modules/m\\xff/files/inc.txt', 1, 'invalid-line']]);
  });
});
