/**
 * What a PR or push changed, and which requirements files that puts in scope.
 * - PR: `git diff base...head` (three dots: against the merge base, so commits that landed on the
 *   base branch after the PR forked are not counted as the PR's); push: `before..after`.
 * - `--no-renames`: a renamed file counts under both names, so a module that lost a file is
 *   still re-checked.
 * - Every file is in scope when the suite's own config changed (`.pyup-checks.yml`,
 *   `.taskcluster.yml`, `tasks/`), on a push to the default branch, or without a base.
 * Unsupported: a file changed only through a `-r` include of another file is not followed.
 */
import { execa } from 'execa';
import { GitError } from '../git/index.js';

/** A requirements file and the target pythons it is checked on (from the inventory). */
export interface FileTargets {
  path: string;
  module: string;
  pythons: string[];
}

export type DiffMode = 'merge-base' | 'direct';

/** The paths (repo-relative, POSIX) that differ between two commits of `repo`. */
export async function changedFiles(repo: string, base: string, head: string, mode: DiffMode): Promise<string[]> {
  const range = mode === 'merge-base' ? `${base}...${head}` : `${base}..${head}`;
  const args = ['diff', '--name-only', '--no-renames', '-z', range, '--'];
  try {
    const { stdout } = await execa('git', args, { cwd: repo, stripFinalNewline: false });
    return stdout.split('\0').filter((p) => p.length > 0).sort();
  } catch (error) {
    const detail = (error as { stderr?: unknown }).stderr;
    throw new GitError(`git ${args.join(' ')} failed in ${repo}${typeof detail === 'string' && detail ? `: ${detail.trim()}` : ''}`, args, { cause: error, input: range });
  }
}

/** The best common ancestor of two commits (`git merge-base`), or null when there is none or git fails. */
export async function mergeBaseOf(repo: string, a: string, b: string): Promise<string | null> {
  try {
    const { stdout } = await execa('git', ['merge-base', '--end-of-options', a, b], { cwd: repo });
    return /^[0-9a-f]{40}$/.test(stdout.trim()) ? stdout.trim() : null;
  } catch {
    return null;
  }
}

/** Paths whose change puts every requirements file in scope. */
export const CONFIG_PATHS: readonly string[] = ['.pyup-checks.yml', '.taskcluster.yml', 'tasks/'];

export interface Selection {
  /** The files in scope, in inventory order. */
  files: FileTargets[];
  /** Why every file is in scope, or null when only changed files are. */
  allReason: string | null;
  changed: string[];
}

/** The files to check: every file when `allReason` is given or the config changed, else the changed ones. */
export function selectAffected(files: readonly FileTargets[], changed: readonly string[], allReason: string | null): Selection {
  const config = changed.find((p) => CONFIG_PATHS.some((c) => (c.endsWith('/') ? p.startsWith(c) : p === c)));
  const reason = allReason ?? (config ? `the suite's config changed (${config})` : null);
  if (reason) return { files: [...files], allReason: reason, changed: [...changed] };
  const set = new Set(changed);
  return { files: files.filter((f) => set.has(f.path)), allReason: null, changed: [...changed] };
}
