/**
 * Reading a repository at a revision through git (execa, no shell): resolve revisions, find the merge
 * base with the default branch, list a revision's files with their sizes (`git ls-tree -r -l -z`) and
 * read blobs (`git show REV:./path`). Paths are relative to the `--repo` directory, which may be a
 * subdirectory of the checkout (git resolves `./` against the working directory).
 * Traps: `-z` output, so any file name is safe; revisions are passed after validation with
 * `rev-parse --verify --end-of-options` so a value starting with `-` is never read as an option;
 * a blob over the size cap is not read.
 */

import { GitError } from '../git/index.js';
import { displayName } from './safe-read.js';

export { GitError };

async function git(repo: string, args: readonly string[], opts: { encoding?: 'buffer' } = {}): Promise<{ stdout: string | Uint8Array; exitCode: number; stderr: string }> {
  try {
    const { execa } = await import('execa'); // lazily: only `brief` runs git
    const result = await execa('git', [...args], {
      cwd: repo,
      reject: false,
      stripFinalNewline: false,
      env: { GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
      ...(opts.encoding ? { encoding: 'buffer' as const } : {}),
    });
    return { stdout: result.stdout as string | Uint8Array, exitCode: result.exitCode ?? 1, stderr: String(result.stderr ?? '') };
  } catch (error) {
    throw new GitError(`could not run git ${args.join(' ')}: ${error instanceof Error ? error.message : String(error)}`, args, { cause: error });
  }
}

async function gitText(repo: string, args: readonly string[]): Promise<string> {
  const r = await git(repo, args);
  if (r.exitCode !== 0) throw new GitError(`git ${args.join(' ')}: ${r.stderr.trim() || `exit ${r.exitCode}`}`, args);
  return String(r.stdout).trim();
}

/** The commit a revision names (full sha), or a GitError saying it does not. */
export async function resolveCommit(repo: string, rev: string): Promise<string> {
  const r = await git(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  const sha = String(r.stdout).trim();
  if (r.exitCode !== 0 || !/^[0-9a-f]{40,64}$/.test(sha)) throw new GitError(`not a commit in ${repo}: ${rev}`, ['rev-parse', rev]);
  return sha;
}

/** The default branch: origin/HEAD when the clone has it, else the first of origin/main, origin/master, main, master. */
export async function defaultBranch(repo: string): Promise<string> {
  const head = await git(repo, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']);
  if (head.exitCode === 0 && String(head.stdout).trim()) return String(head.stdout).trim();
  for (const candidate of ['origin/main', 'origin/master', 'main', 'master']) {
    const r = await git(repo, ['rev-parse', '--verify', '--quiet', `refs/${candidate.startsWith('origin/') ? 'remotes/' : 'heads/'}${candidate}`]);
    if (r.exitCode === 0) return candidate;
  }
  throw new GitError('no default branch found (origin/HEAD, origin/main, origin/master, main, master): give --base', ['symbolic-ref']);
}

/** `git merge-base a b`. */
export async function mergeBase(repo: string, a: string, b: string): Promise<string> {
  const [ca, cb] = [await resolveCommit(repo, a), await resolveCommit(repo, b)];
  return gitText(repo, ['merge-base', ca, cb]);
}

export interface TreeEntry {
  /** Relative to the repo directory, forward slashes; bytes that are not UTF-8 shown as `\xNN`. */
  path: string;
  size: number;
  /** The blob's object id: read it with {@link showBlob} whatever bytes its name holds. */
  object: string;
}

/** The regular files of a revision under the repo directory, with their sizes. */
export async function listTree(repo: string, commit: string): Promise<TreeEntry[]> {
  const r = await git(repo, ['ls-tree', '-r', '-l', '-z', commit, '--', '.'], { encoding: 'buffer' });
  if (r.exitCode !== 0) throw new GitError(`git ls-tree ${commit}: ${r.stderr.trim()}`, ['ls-tree', commit]);
  const out: TreeEntry[] = [];
  const stdout = typeof r.stdout === 'string' ? Buffer.from(r.stdout) : Buffer.from(r.stdout);
  // Records are NUL-terminated; the name after the tab is raw bytes (latin1 keeps one char per byte).
  for (const record of stdout.toString('latin1').split('\0')) {
    const m = /^(\d+) (\w+) ([0-9a-f]+) +(\d+|-)\t(.*)$/s.exec(record);
    if (!m || m[2] !== 'blob' || m[1] === '120000' || m[1] === '160000') continue; // symlinks and submodules are not files
    out.push({ path: displayName(Buffer.from(m[5]!, 'latin1')), size: m[4] === '-' ? 0 : Number(m[4]), object: m[3]! });
  }
  return out;
}

/** A blob's bytes by object id, or null when git cannot read it. */
export async function showBlob(repo: string, object: string): Promise<Uint8Array | null> {
  if (!/^[0-9a-f]{40,64}$/.test(object)) return null;
  const r = await git(repo, ['cat-file', 'blob', object], { encoding: 'buffer' });
  if (r.exitCode !== 0) return null;
  return r.stdout instanceof Uint8Array ? r.stdout : new TextEncoder().encode(r.stdout);
}

/** A file's bytes at a revision, or null when the revision has no such file. */
export async function showFile(repo: string, commit: string, path: string): Promise<Uint8Array | null> {
  const r = await git(repo, ['show', `${commit}:./${path}`], { encoding: 'buffer' });
  if (r.exitCode !== 0) return null;
  return r.stdout instanceof Uint8Array ? r.stdout : new TextEncoder().encode(r.stdout);
}
