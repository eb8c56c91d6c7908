/**
 * Local indexes and mirrors: `file:` URLs and plain directories.
 *
 * pip accepts a directory for `--find-links` (a flat scan of its files) and a directory or `file:`
 * URL for `--index-url`, where it reads only `<dir>/<normalised name>/index.html` (a PEP 503 tree);
 * projects.ts reads a local index so, and uses the scans here only to say why a project was not found.
 * A sibling `<file>.metadata` of a scanned file is offered as PEP 658 metadata. Files are not hashed:
 * that would read every wheel on every run; the metadata cache falls back to keying them by URL.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { normalizeName, type ProjectName } from '../names/index.js';
import type { ProjectFile } from '../pypi/index.js';
import { isAuthorityUrl } from '../urls/index.js';

/** The local path a location names, or null when it is a remote URL. */
export function localPath(location: string): string | null {
  if (location.startsWith('file:')) return fileURLToPath(location);
  if (isAuthorityUrl(location)) return null;
  return location;
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

export async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The subdirectory of `dir` whose name normalises to `name`, if any. */
export async function projectSubdir(dir: string, name: ProjectName): Promise<string | null> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return null;
  }
  const hit = entries.find((e) => e.isDirectory() && normalizeName(e.name) === name);
  return hit ? join(dir, hit.name) : null;
}

/** The distribution files directly in `dir` that `belongs` accepts, as ProjectFiles. */
export async function scanDirectory(
  dir: string,
  source: string,
  belongs: (filename: string) => boolean,
): Promise<ProjectFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
  const files: ProjectFile[] = [];
  for (const filename of [...names].sort()) {
    if (filename.endsWith('.metadata') || !belongs(filename)) continue;
    const full = join(dir, filename);
    const info = await stat(full);
    files.push({
      filename,
      url: pathToFileURL(full).href,
      hashes: {},
      requiresPython: null,
      yanked: null,
      coreMetadata: names.has(`${filename}.metadata`) ? { hashes: {} } : false,
      size: info.size,
      source,
    });
  }
  return files;
}

/** The size of a local regular file named by a `file:` URL, refusing anything over `maxBytes`. */
export async function localFileSize(url: string, maxBytes: number): Promise<number> {
  const path = fileURLToPath(url);
  const info = await stat(path);
  // A FIFO or a device would block the read (or never end): only regular files are distributions.
  if (!info.isFile()) throw new Error(`${path} is not a regular file`);
  if (info.size > maxBytes) throw new Error(`${path} is ${info.size} bytes, over the ${maxBytes}-byte limit`);
  return info.size;
}

/** Read a local file named by a `file:` URL, refusing anything over `maxBytes`. */
export async function readLocalFile(url: string, maxBytes: number): Promise<Buffer> {
  await localFileSize(url, maxBytes);
  return readFile(fileURLToPath(url));
}
