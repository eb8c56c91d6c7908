// The one GitError: both folders that run git (taskcluster's PR diff, cli's revision reader) raise
// the same class, which the CLI words for the user, and loading it loads nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitError } from '../../src/git/index.js';
import { resolveCommit } from '../../src/cli/git.js';
import { GitError as CliGitError } from '../../src/cli/git.js';
import { reportError } from '../../src/cli/main.js';
import { changedFiles, GitError as TaskclusterGitError } from '../../src/taskcluster/index.js';

const notARepo = (): string => mkdtempSync(join(tmpdir(), 'pyup-checks-nogit-'));

test('one class, whichever folder it is imported from', () => {
  assert.equal(CliGitError, GitError);
  assert.equal(TaskclusterGitError, GitError);
});

test("taskcluster's diff outside a repository: a GitError quoting the range, with git's args and the cause", async () => {
  const error = await changedFiles(notARepo(), 'base1', 'head2', 'merge-base').then(() => null, (e: unknown) => e);
  assert.ok(error instanceof GitError, String(error));
  assert.equal(error.name, 'GitError');
  assert.equal(error.input, 'base1...head2');
  assert.equal(error.offset, 0);
  assert.deepEqual(error.args, ['diff', '--name-only', '--no-renames', '-z', 'base1...head2', '--']);
  assert.ok(error.cause !== undefined);
  assert.match(error.message, /^git diff .* failed in /);
});

test("cli's revision reader outside a repository: the same class, input from its args; reportError words it (exit 2)", async () => {
  const error = await resolveCommit(notARepo(), 'nope').then(() => null, (e: unknown) => e);
  assert.ok(error instanceof GitError, String(error));
  assert.deepEqual(error.args, ['rev-parse', 'nope']);
  assert.equal(error.input, 'rev-parse nope');
  assert.equal(error.cause, undefined);
  let stderr = '';
  const code = reportError(error, { stdout: () => {}, stderr: (t) => (stderr += t), env: {}, cwd: '/', isTty: false });
  assert.equal(code, 2);
  assert.match(stderr, /^pyup-checks: not a commit in .*: nope\n$/);
});

test('src/git imports nothing, so raising or catching a GitError loads no other module', () => {
  const text = readFileSync(new URL('../../src/git/index.ts', import.meta.url), 'utf8');
  assert.ok(text.includes('class GitError'));
  assert.doesNotMatch(text, /^\s*(import|export)\s[^;]*from\s/m);
  assert.doesNotMatch(text, /import\(/);
});
