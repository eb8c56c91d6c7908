/**
 * The `--hash` lines `fix` writes in pip's hash-checking mode (pip 23.2 `req/req_file.py` `--hash`,
 * `utils/hashes.py`): for every pin the plan moves or adds, the sha256 of each file of the new release
 * a target may install. That is every file the index lists for the release (pip-compile
 * `--generate-hashes` does the same, so a target's pip can fall back to any of them), and every file
 * of the release on the mirrors of the file's targets whose name the index does not list (a
 * mirror-only build). A mirror file with an index file's name counts only through the index's digest:
 * a different digest under the same name is the wheels check's hash-mismatch, not something to bless.
 * The digest comes from the listing, else from the file's bytes (Lookups.fileDigest, fetched by the
 * engine's rounds as the wheels check does): never guessed. Pure.
 */
import type { Inventory, InventoryFile } from '../../inventory/index.js';
import { normalizeName } from '../../names/index.js';
import type { ProjectFile } from '../../pypi/index.js';
import { mirrorsForTarget } from '../contract.js';
import type { CheckSettings } from '../contract.js';
import { findRelease, releasesOfState } from '../shared/index.js';
import type { Lookups } from '../shared/index.js';
import type { FilePlan, PlannedChange } from './index.js';

export interface ChangeHashes {
  package: string;
  version: string;
  /** `sha256:<hex>` values, sorted (pip-compile's order), deduplicated. */
  hashes: string[];
  /** Files whose digest could not be read (url: why); their hash is not written. */
  errors: string[];
  /** Mirror-only files included (by name), to vet before trusting them. */
  mirrorOnly: string[];
}

export interface FileHashes {
  file: string;
  /** Whether the file is in hash-checking mode (else no hashes are written). */
  hashMode: boolean;
  /** A digest is still being fetched (the rounds are not done). */
  pending: boolean;
  changes: ChangeHashes[];
}

function sha256Of(f: ProjectFile, lookups: Lookups): string | 'pending' | { error: string } {
  const listed = f.hashes['sha256'];
  if (typeof listed === 'string') return listed;
  const state = lookups.fileDigest(f.url);
  if (!state) return 'pending';
  if (state.status !== 'ok') return { error: state.reason };
  const got = state.hashes['sha256'];
  return typeof got === 'string' ? got : { error: 'no sha256 in the digest' };
}

function changeHashes(file: InventoryFile, c: PlannedChange, lookups: Lookups, settings: CheckSettings): { out: ChangeHashes; pending: boolean } {
  const out: ChangeHashes = { package: c.package, version: c.to, hashes: [], errors: [], mirrorOnly: [] };
  let pending = false;
  const pkg = normalizeName(c.package);
  const indexState = lookups.project(pkg);
  if (!indexState) return { out, pending: true };
  const indexFiles = findRelease(releasesOfState(indexState), c.to)?.files ?? [];
  const mirrors = new Set(file.targets.flatMap((t) => mirrorsForTarget(settings, t)));
  let mirrorFiles: ProjectFile[] = [];
  if (mirrors.size > 0) {
    const mirrorState = lookups.mirrorProject(pkg);
    if (!mirrorState) pending = true;
    else {
      const names = new Set(indexFiles.map((f) => f.filename));
      mirrorFiles = (findRelease(releasesOfState(mirrorState), c.to)?.files ?? []).filter((f) => mirrors.has(f.source) && !names.has(f.filename));
    }
  }
  const seen = new Set<string>();
  for (const f of [...indexFiles, ...mirrorFiles]) {
    const got = sha256Of(f, lookups);
    if (got === 'pending') pending = true;
    else if (typeof got !== 'string') out.errors.push(`${f.url}: ${got.error}`);
    else seen.add(`sha256:${got}`);
  }
  out.mirrorOnly = [...new Set(mirrorFiles.map((f) => f.filename))].sort();
  out.hashes = [...seen].sort();
  return { out, pending };
}

/** The hashes of every change of every fixed plan whose file is in hash-checking mode (a non-hash file: none). */
export function fixHashes(plans: readonly FilePlan[], inventory: Inventory, lookups: Lookups, settings: CheckSettings): FileHashes[] {
  const out: FileHashes[] = [];
  for (const plan of plans) {
    if (plan.status !== 'fixed' || plan.changes.length === 0) continue;
    const file = inventory.files.find((f) => f.path === plan.file);
    if (!file) continue;
    if (!file.hashMode) {
      out.push({ file: plan.file, hashMode: false, pending: false, changes: [] });
      continue;
    }
    const results = plan.changes.map((c) => changeHashes(file, c, lookups, settings));
    out.push({ file: plan.file, hashMode: true, pending: results.some((r) => r.pending), changes: results.map((r) => r.out) });
  }
  return out;
}
