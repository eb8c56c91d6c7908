/**
 * Finding and reading requirements files inside the checkout. Reads are confined to the repository
 * (a `-r ../../x` include that leaves it is refused), capped in size, and decoded as UTF-8 with
 * invalid bytes reported at their line rather than crashing or silently passing.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { minimatch } from 'minimatch';
import type { InventorySource } from '../inventory/index.js';
import type { IncludeReader } from '../requirements/index.js';
import { isAuthorityUrl } from '../urls/index.js';

const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn', '.tox', '.venv']);
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export interface ReadProblem {
  path: string;
  line: number;
  message: string;
}

export interface RepoFiles {
  sources: InventorySource[];
  problems: ReadProblem[];
}

/** Repo-relative paths (forward slashes) matching any of the globs. */
export function findFiles(repo: string, globs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 32) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(full, depth + 1);
      } else if (e.isFile()) {
        const rel = relative(repo, full).split(sep).join('/');
        if (globs.some((g) => minimatch(rel, g, { dot: true }))) out.push(rel);
      }
    }
  };
  walk(repo, 0);
  return out.sort();
}

/** Reads one file: text (U+FFFD for bad bytes) plus a problem for the first invalid UTF-8 line. */
function readText(repo: string, rel: string): { text: string; problem: ReadProblem | null } {
  const full = resolve(repo, rel);
  const size = statSync(full).size;
  if (size > MAX_FILE_BYTES) {
    return { text: '', problem: { path: rel, line: 1, message: `file is ${size} bytes, over the ${MAX_FILE_BYTES}-byte limit for a requirements file` } };
  }
  const bytes = readFileSync(full);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), problem: null };
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const before = text.slice(0, Math.max(0, text.indexOf('\uFFFD')));
    const line = before.split('\n').length;
    return { text, problem: { path: rel, line, message: 'invalid UTF-8: pip decodes requirements files as UTF-8 (or the locale encoding) and would fail or misread this line' } };
  }
}

export function readRepoFiles(repo: string, paths: readonly string[]): RepoFiles {
  const sources: InventorySource[] = [];
  const problems: ReadProblem[] = [];
  for (const rel of paths) {
    const { text, problem } = readText(repo, rel);
    sources.push({ path: rel, text });
    if (problem) problems.push(problem);
  }
  return { sources, problems };
}

/** `-r`/`-c` includes, resolved against the including file and refused outside the repository. */
export function includeReader(repo: string): IncludeReader {
  const root = realpathSync(repo);
  return (fromPath, target) => {
    if (isAuthorityUrl(target)) return null; // remote includes are not fetched
    const full = resolve(root, dirname(fromPath), target);
    let real: string;
    try {
      real = realpathSync(full);
    } catch {
      return null;
    }
    if (real !== root && !real.startsWith(root + sep)) return null;
    try {
      const { text } = readText(root, relative(root, real));
      return { path: relative(root, real).split(sep).join('/'), text };
    } catch {
      return null;
    }
  };
}
