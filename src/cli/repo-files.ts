/**
 * Finding and reading requirements files inside the checkout (an untrusted pull request's tree).
 * Names are bytes: directories are listed with `encoding: 'buffer'` and paths handled as byte
 * strings (latin1, one char per byte, lossless), so a name that is not UTF-8 is found, shown
 * escaped (`requirements-\xff.txt`) and read through its Buffer path. Only regular files are read
 * (safe-read.ts: a FIFO, device, socket or directory is a problem naming what it is, never a hang);
 * symlinks are resolved and confined to the repository, for top-level files and `-r`/`-c` includes
 * alike; sizes are capped before reading; text is UTF-8 with invalid bytes reported at their line.
 * The walk and the number of matched files are budgeted: past them, a problem, not an endless run.
 */
import { readdirSync, realpathSync } from 'node:fs';
import { posix } from 'node:path';
import { Minimatch } from 'minimatch';
import type { InventorySource } from '../inventory/index.js';
import type { IncludeReader } from '../requirements/index.js';
import { isAuthorityUrl } from '../urls/index.js';
import { displayName, readRegularFile } from './safe-read.js';

const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn', '.tox', '.venv']);
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Matched requirements files checked per run (build-puppet has 32 paths). */
export const MAX_REQUIREMENTS_FILES = 500;
/** Directory entries looked at while searching the checkout. */
export const MAX_WALK_ENTRIES = 500_000;
const MAX_WALK_DEPTH = 32;

export interface ReadProblem {
  path: string;
  line: number;
  message: string;
}

/** A matched file: its repo-relative display path (forward slashes, escaped) and its bytes path. */
export interface FoundFile {
  path: string;
  /** Absolute path as a byte string (latin1: one char per byte). */
  bytePath: string;
}

export interface FoundFiles {
  files: FoundFile[];
  problems: ReadProblem[];
}

export interface RepoFiles {
  sources: InventorySource[];
  problems: ReadProblem[];
}

const toBytes = (byteString: string): Buffer => Buffer.from(byteString, 'latin1');
const asByteString = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');
const display = (byteString: string): string => displayName(toBytes(byteString));

/** The checkout's real path as a byte string (a usage error upstream when it does not exist). */
function rootOf(repo: string): string {
  try {
    return realpathSync.native(toBytes(asByteString(repo)), { encoding: 'buffer' }).toString('latin1');
  } catch {
    return posix.resolve(asByteString(repo));
  }
}

/** Files (of any type but directories, which are walked) whose display path matches a glob. */
export function findFiles(repo: string, globs: readonly string[]): FoundFiles {
  const root = rootOf(repo);
  const files: FoundFile[] = [];
  const problems: ReadProblem[] = [];
  let budget = MAX_WALK_ENTRIES;
  // Compiled once: minimatch(path, glob) builds a Minimatch per call, which was most of the walk's time on 200 modules.
  const compiled = globs.map((g) => new Minimatch(g, { dot: true }));
  const matches = (rel: string): boolean => compiled.some((m) => m.match(rel));
  const walk = (dir: string, rel: string, depth: number): void => {
    if (depth > MAX_WALK_DEPTH || budget <= 0) return;
    let entries;
    try {
      entries = readdirSync(toBytes(dir), { withFileTypes: true, encoding: 'buffer' });
    } catch {
      return; // unreadable folders hold nothing we could check; a matched file's own problems are reported
    }
    budget -= entries.length;
    if (budget <= 0) {
      problems.push({ path: rel || '.', line: 1, message: `the checkout has more than ${MAX_WALK_ENTRIES} files and folders: stopped looking for requirements files here` });
      return;
    }
    for (const e of entries.sort((a, b) => Buffer.compare(a.name, b.name))) {
      const name = e.name.toString('latin1');
      const full = `${dir}/${name}`;
      const relBytes = rel ? `${rel}/${name}` : name;
      const shown = display(relBytes);
      if (e.isDirectory()) {
        if (matches(shown)) files.push({ path: shown, bytePath: full }); // reported as a directory when read
        if (!SKIP_DIRS.has(name)) walk(full, relBytes, depth + 1);
      } else if (matches(shown)) {
        files.push({ path: shown, bytePath: full });
      }
    }
  };
  walk(root, '', 0);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (files.length > MAX_REQUIREMENTS_FILES) {
    const first = files[MAX_REQUIREMENTS_FILES]!;
    problems.push({ path: first.path, line: 1, message: `${files.length} files match ${globs.join(', ')}, more than the ${MAX_REQUIREMENTS_FILES} a run checks: this one and the ${files.length - MAX_REQUIREMENTS_FILES - 1} after it (by name) are not checked` });
    files.length = MAX_REQUIREMENTS_FILES;
  }
  return { files, problems };
}

type TextOutcome = { ok: true; text: string; problem: ReadProblem | null } | { ok: false; message: string };

/** Reads one file confined to `root`: text (U+FFFD for bad bytes) plus a problem for the first invalid UTF-8 line. */
function readConfined(root: string, bytePath: string, shown: string): TextOutcome {
  let real: string;
  try {
    real = realpathSync.native(toBytes(bytePath), { encoding: 'buffer' }).toString('latin1');
  } catch {
    return { ok: false, message: 'no such file (or a symbolic link to nothing)' };
  }
  if (real !== root && !real.startsWith(`${root}/`)) return { ok: false, message: `is a symbolic link to ${display(real)}, outside the repository: not read` };
  const read = readRegularFile(toBytes(real), MAX_FILE_BYTES);
  if (!read.ok) return { ok: false, message: read.reason === 'too-big' ? `${read.message} for a requirements file` : read.message };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(read.bytes), problem: null };
  } catch {
    const text = new TextDecoder('utf-8').decode(read.bytes);
    const before = text.slice(0, Math.max(0, text.indexOf('\uFFFD')));
    const line = before.split('\n').length;
    return { ok: true, text, problem: { path: shown, line, message: 'invalid UTF-8: pip decodes requirements files as UTF-8 (or the locale encoding) and would fail or misread this line' } };
  }
}

export function readRepoFiles(repo: string, found: readonly FoundFile[]): RepoFiles {
  const root = rootOf(repo);
  const sources: InventorySource[] = [];
  const problems: ReadProblem[] = [];
  for (const file of found) {
    const read = readConfined(root, file.bytePath, file.path);
    sources.push({ path: file.path, text: read.ok ? read.text : '' });
    if (!read.ok) problems.push({ path: file.path, line: 1, message: `${file.path} ${read.message}` });
    else if (read.problem) problems.push(read.problem);
  }
  return { sources, problems };
}

/**
 * `-r`/`-c` includes, resolved against the including file and refused outside the repository.
 * Each include is read once per run (the text is kept by real path), however many files name it.
 */
export function includeReader(repo: string, found: readonly FoundFile[]): IncludeReader {
  const root = rootOf(repo);
  const bytePaths = new Map<string, string>(found.map((f) => [f.path, f.bytePath]));
  const cache = new Map<string, ReturnType<IncludeReader>>();
  return (fromPath, target) => {
    if (isAuthorityUrl(target)) return null; // remote includes are not fetched
    const from = bytePaths.get(fromPath) ?? `${root}/${asByteString(fromPath)}`;
    const full = posix.resolve(posix.dirname(from), asByteString(target));
    const cached = cache.get(full);
    if (cached !== undefined) return cached;
    let result: ReturnType<IncludeReader>;
    let real: string | null = null;
    try {
      real = realpathSync.native(toBytes(full), { encoding: 'buffer' }).toString('latin1');
    } catch {
      result = null;
    }
    if (real === null) result = null;
    else if (real !== root && !real.startsWith(`${root}/`)) result = null; // as pip would not find it in the checkout
    else {
      const path = display(real === root ? '.' : real.slice(root.length + 1));
      const read = readConfined(root, real, path);
      result = read.ok ? { path, text: read.text } : { path, error: `${path} ${read.message}` };
      bytePaths.set(path, real);
    }
    cache.set(full, result);
    return result;
  };
}
