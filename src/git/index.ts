/**
 * The one error type for a git command that fails or refuses its input, for every folder that runs
 * git (`taskcluster` diffs a PR's changes, `cli` reads a revision's files for `brief`). It lives in
 * a folder of its own, below both, so that raising or catching it loads neither (cli/git.ts would
 * otherwise import taskcluster's whole index, and taskcluster cannot import cli). No I/O here.
 * `reportError` words it for the user (exit 2): a git failure is input that prevents checking.
 */
export class GitError extends Error {
  override name = 'GitError';
  /** The arguments given to git (after `git`). */
  readonly args: readonly string[];
  /** The user's text git refused (a revision or a range), as typed errors quote their input. */
  readonly input: string;
  readonly offset = 0;
  constructor(message: string, args: readonly string[], options?: { cause?: unknown; input?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.args = args;
    this.input = options?.input ?? args.join(' ');
  }
}
