// Runs a real interpreter's pip (or a python snippet) in isolation for the support tests:
// no user config, no version check, no proxies, loopback only.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

export const PIP_ENV: Record<string, string> = {
  PIP_CONFIG_FILE: '/dev/null',
  PIP_DISABLE_PIP_VERSION_CHECK: '1',
  PIP_NO_INPUT: '1',
  PIP_FIND_LINKS: '',
  PIP_INDEX_URL: '',
  PIP_EXTRA_INDEX_URL: '',
  // PIP_NO_CACHE_DIR=1 crashes pip 18; a private cache dir keeps runs isolated instead.
  PIP_CACHE_DIR: join(tmpdir(), 'pyup-checks-pip-cache'),
  PYTHONDONTWRITEBYTECODE: '1',
  PYTHONWARNINGS: 'ignore',
  NO_PROXY: '*',
  no_proxy: '*',
  HTTP_PROXY: '',
  http_proxy: '',
  HTTPS_PROXY: '',
  https_proxy: '',
};

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** `python -m pip <args>`; never throws on a non-zero exit. */
export async function pip(python: string, args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  const r = await execa(python, ['-m', 'pip', ...args], { env: { ...PIP_ENV, ...env }, reject: false, timeout: 120_000 });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Run a python script with `input` on stdin; never throws on a non-zero exit. */
export async function py(python: string, script: string, input = '', env: Record<string, string> = {}): Promise<RunResult> {
  const r = await execa(python, ['-c', script], { input, env: { ...PIP_ENV, ...env }, reject: false, timeout: 60_000 });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}
