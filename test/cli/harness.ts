// Runs the CLI in-process with captured output, in a throwaway workspace, for end-to-end tests.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { main } from '../../src/cli/index.js';

export const EXAMPLE_REPO = new URL('../../examples/puppet-repo', import.meta.url).pathname;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: { ...env },
    cwd,
    isTty: false,
  });
  return { code, stdout, stderr };
}

/** A temp workspace with `repo/` (a copy of `from`, or the given files), and paths for artifacts and cache. */
export function workspace(files: Record<string, string | Buffer> | null, from: string = EXAMPLE_REPO) {
  const root = mkdtempSync(join(tmpdir(), 'pyup-checks-cli-'));
  const repo = join(root, 'repo');
  if (files === null) cpSync(from, repo, { recursive: true });
  else {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(repo, path)), { recursive: true });
      writeFileSync(join(repo, path), content);
    }
  }
  return { root, repo, artifacts: join(root, 'artifacts'), cache: join(root, 'cache') };
}

/** Every file under dir, relative, with its size and mtime: to prove nothing else was written. */
export function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d)) {
      const full = join(d, e);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else out.push(`${relative(dir, full)} ${st.size} ${st.mtimeMs}`);
    }
  };
  walk(dir);
  return out.sort();
}
