// Locates the real CPython interpreters (with pip) that differential tests use as oracles.
// In CI (CI=true) a missing interpreter fails the test; elsewhere it skips with a message.
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';

const root = process.env.PYENV_ROOT ?? join(homedir(), '.pyenv');

/** Path of the newest installed python `<minor>.*` (e.g. '3.11' → ~/.pyenv/versions/3.11.7/bin/python), or null. */
export function findPython(minor: string): string | null {
  const versions = join(root, 'versions');
  if (!existsSync(versions)) return null;
  const candidates = readdirSync(versions)
    .filter((v) => v === minor || v.startsWith(`${minor}.`))
    .sort((a, b) => Number(b.split('.')[2] ?? 0) - Number(a.split('.')[2] ?? 0));
  for (const v of candidates) {
    const exe = join(versions, v, 'bin', 'python');
    if (existsSync(exe)) return exe;
  }
  return null;
}

/** findPython, with the CI rule: missing in CI fails the test, elsewhere skips it. */
export function requirePython(minor: string, t: TestContext): string | null {
  const exe = findPython(minor);
  if (exe) return exe;
  if (process.env.CI === 'true') assert.fail(`python ${minor} is required in CI but was not found under ${root}/versions`);
  t.skip(`python ${minor} not installed`);
  return null;
}

/** The existing `site-packages` folders of an interpreter found by findPython (`lib/pythonX.Y/site-packages`). */
export function sitePackages(python: string): string[] {
  const lib = join(dirname(dirname(python)), 'lib');
  if (!existsSync(lib)) return [];
  return readdirSync(lib)
    .filter((d) => d.startsWith('python'))
    .map((d) => join(lib, d, 'site-packages'))
    .filter((sp) => existsSync(sp));
}
