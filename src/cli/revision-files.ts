/**
 * Requirements files as a git revision holds them, and as the working tree holds them, turned into
 * an inventory with the same options the checks use. At a revision, `-r`/`-c` includes are read from
 * the same revision: the inventory is built, the includes it asked for and did not have are read
 * from git, and it is built again (a few rounds cover nested includes). Includes are confined to
 * the repository directory, and files over the size cap are refused at their first line, as in
 * repo-files.ts.
 */
import { posix } from 'node:path';
import { minimatch } from 'minimatch';
import { buildInventory } from '../inventory/index.js';
import type { Inventory, InventoryOptions, InventorySource } from '../inventory/index.js';
import type { IncludeReader } from '../requirements/index.js';
import { TargetParseError } from '../targets/index.js';
import { UsageError } from './command.js';
import { listTree, showBlob } from './git.js';
import { findFiles, includeReader, MAX_FILE_BYTES, readRepoFiles } from './repo-files.js';
import { isAuthorityUrl } from '../urls/index.js';

const INCLUDE_ROUNDS = 6;

/** UTF-8 text; invalid bytes become U+FFFD, as the working-tree reader does. */
function decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

function build(sources: InventorySource[], opts: InventoryOptions): Inventory {
  try {
    return buildInventory(sources, opts);
  } catch (error) {
    if (error instanceof TargetParseError) throw new UsageError(error.message);
    throw error;
  }
}

/** The inventory of the working tree (what `compat` would check now). */
export function workingTreeInventory(repo: string, globs: readonly string[], opts: InventoryOptions): Inventory {
  const { files } = findFiles(repo, globs);
  const { sources } = readRepoFiles(repo, files);
  return build(sources, { ...opts, readInclude: includeReader(repo, files) });
}

/** The inventory of a commit: its files matching the globs, includes read from the same commit. */
export async function revisionInventory(repo: string, commit: string, globs: readonly string[], opts: InventoryOptions): Promise<Inventory> {
  const tree = new Map((await listTree(repo, commit)).map((e) => [e.path, e]));
  const blobs = new Map<string, string>();
  const read = async (path: string): Promise<void> => {
    const entry = tree.get(path);
    if (entry === undefined || blobs.has(path)) return;
    if (entry.size > MAX_FILE_BYTES) {
      blobs.set(path, '');
      return;
    }
    // By object id: a name that is not UTF-8 cannot be passed to `git show REV:path` as text.
    const bytes = await showBlob(repo, entry.object);
    blobs.set(path, bytes ? decode(bytes) : '');
  };
  const paths = [...tree.keys()].filter((p) => globs.some((g) => minimatch(p, g, { dot: true }))).sort();
  for (const p of paths) await read(p);

  let inventory: Inventory | null = null;
  for (let round = 0; round < INCLUDE_ROUNDS; round++) {
    const asked = new Set<string>();
    const readInclude: IncludeReader = (fromPath, target) => {
      if (isAuthorityUrl(target)) return null; // remote includes are not fetched
      const path = posix.normalize(posix.join(posix.dirname(fromPath), target));
      if (path.startsWith('../') || path === '..' || posix.isAbsolute(path)) return null;
      const text = blobs.get(path);
      if (text === undefined) asked.add(path);
      return text === undefined ? null : { path, text };
    };
    inventory = build(paths.map((path) => ({ path, text: blobs.get(path) ?? '' })), { ...opts, readInclude });
    const missing = [...asked].filter((p) => tree.has(p) && !blobs.has(p));
    if (missing.length === 0) break;
    for (const p of missing) await read(p);
  }
  return inventory!;
}
