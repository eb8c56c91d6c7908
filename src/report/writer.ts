/**
 * The only code in src/report that touches the file system: writes rendered artifacts under
 * one directory. Artifact names come from code, but also from check ids and, through the CLI,
 * from users, and the directory may be a shared CI workspace, so every name is confined:
 * - refused before anything is written: empty names, absolute names (POSIX or Windows), any
 *   `..` segment, backslashes and NUL bytes;
 * - refused when an existing entry on the way (a directory component, or the file itself) is a
 *   symlink that resolves outside the directory, or dangles;
 * - each file is written to a temporary sibling and renamed into place, so a reader never sees
 *   a half-written report and a crash leaves the old one intact.
 * Trap: `mkdir -p` follows symlinks, so components are checked before and the parent's real
 * path again after creating it.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface WrittenArtifacts {
  /** The artifacts directory, resolved. */
  dir: string;
  /** The relative paths written, normalised ('a/./b' → 'a/b'), in input order. */
  files: string[];
}

/** An artifact name that would write outside the artifacts directory (or cannot name a file). */
export class ArtifactPathError extends Error {
  readonly input: string;
  constructor(input: string, reason: string, options?: { cause?: unknown }) {
    super(`refusing artifact path ${JSON.stringify(input)}: ${reason}`, options);
    this.name = 'ArtifactPathError';
    this.input = input;
  }
}

function segmentsOf(rel: string): string[] {
  if (rel.length === 0) throw new ArtifactPathError(rel, 'empty path');
  if (rel.includes('\0')) throw new ArtifactPathError(rel, 'contains a NUL byte');
  if (rel.includes('\\')) throw new ArtifactPathError(rel, 'contains a backslash');
  if (path.posix.isAbsolute(rel) || path.win32.isAbsolute(rel)) throw new ArtifactPathError(rel, 'absolute path');
  const parts = rel.split('/');
  if (parts.includes('..')) throw new ArtifactPathError(rel, "contains '..'");
  const clean = parts.filter((p) => p !== '' && p !== '.');
  if (clean.length === 0) throw new ArtifactPathError(rel, 'names the directory itself');
  return clean;
}

function inside(root: string, p: string): boolean {
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  return p === root || p.startsWith(prefix);
}

async function exists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/** Checks the entries that already exist on the way to `segs`; nothing is created here. */
async function checkExisting(root: string, rel: string, segs: string[]): Promise<void> {
  let current = root;
  for (const [i, seg] of segs.entries()) {
    current = path.join(current, seg);
    if (!(await exists(current))) return; // the rest will be created by us, inside `current`'s parent
    const info = await lstat(current);
    const last = i === segs.length - 1;
    if (info.isSymbolicLink()) {
      let real: string;
      try {
        real = await realpath(current);
      } catch (cause) {
        throw new ArtifactPathError(rel, `${segs.slice(0, i + 1).join('/')} is a dangling symlink`, { cause });
      }
      if (!inside(root, real)) throw new ArtifactPathError(rel, `${segs.slice(0, i + 1).join('/')} is a symlink to ${real}, outside ${root}`);
    }
    const target = await stat(current);
    if (!last && !target.isDirectory()) throw new ArtifactPathError(rel, `${segs.slice(0, i + 1).join('/')} is not a directory`);
    if (last && target.isDirectory()) throw new ArtifactPathError(rel, 'is an existing directory');
  }
}

async function writeAtomically(target: string, content: string): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, { encoding: 'utf8', flag: 'wx', mode: 0o644 });
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/**
 * Writes `files` (relative path → content) under `dir`, creating directories as needed.
 * Every path is validated before the first write; throws `ArtifactPathError` for any that
 * could land outside `dir`.
 */
export async function writeArtifacts(dir: string, files: Record<string, string>): Promise<WrittenArtifacts> {
  const entries = Object.entries(files).map(([rel, content]) => ({ rel, segs: segmentsOf(rel), content }));
  await mkdir(dir, { recursive: true });
  const root = await realpath(dir);
  for (const e of entries) await checkExisting(root, e.rel, e.segs);

  const written: string[] = [];
  for (const e of entries) {
    const target = path.join(root, ...e.segs);
    const parent = path.dirname(target);
    await mkdir(parent, { recursive: true });
    // Re-check after creating: a symlink planted meanwhile must not redirect the write.
    const realParent = await realpath(parent);
    if (!inside(root, realParent)) throw new ArtifactPathError(e.rel, `resolves to ${realParent}, outside ${root}`);
    await writeAtomically(path.join(realParent, path.basename(target)), e.content);
    written.push(e.segs.join('/'));
  }
  return { dir: path.resolve(dir), files: written };
}

/**
 * `fix --write`: replaces requirement files of the repository with their patched text. Only paths in
 * `allowed` (the files the run read) are written, each confined to `repo` as artifacts are to theirs.
 */
export async function writeRequirementFiles(repo: string, files: Record<string, string>, allowed: ReadonlySet<string>): Promise<WrittenArtifacts> {
  for (const rel of Object.keys(files)) {
    if (!allowed.has(rel)) throw new ArtifactPathError(rel, 'is not a requirements file this run read');
  }
  return writeArtifacts(repo, files);
}
