// In-memory index and mirror listings for pure wheels tests: files named by filename, with the
// few attributes that matter (source mirror, Requires-Python, yanked, sha256).
import { CHECKS, runChecks } from '../../../src/checks/index.js';
import type { CheckSettings } from '../../../src/checks/index.js';
import { buildInventory } from '../../../src/inventory/index.js';
import type { FileTargetConfig } from '../../../src/inventory/index.js';
import { parseEggFilename } from '../../../src/filenames/index.js';
import { normalizeName } from '../../../src/names/index.js';
import { parseDistributionFilenameSafe, releaseKey } from '../../../src/pypi/index.js';
import type { IndexNeeds, IndexSnapshot, ProjectFile, ProjectState } from '../../../src/pypi/index.js';
import { FindingSchema } from '../../../src/findings/index.js';

export const INDEX = 'https://pypi.test/simple/';
export const MIRROR = '/srv/mirror/packages-3.6';

export interface FileDesc {
  filename: string;
  requiresPython?: string;
  yanked?: string;
  /** Mirror location (ProjectFile.source); default MIRROR for mirror files. */
  source?: string;
}

export type Listing = Array<string | FileDesc>;

export function projectFile(d: string | FileDesc, source: string, base: string): ProjectFile {
  const desc = typeof d === 'string' ? { filename: d } : d;
  const from = desc.source ?? source;
  return {
    filename: desc.filename,
    // A file listed by an explicit (http) mirror lives there; otherwise under the listing's base.
    url: desc.source && /^https?:\/\//.test(desc.source) ? `${desc.source.replace(/\/+$/, '')}/${desc.filename}` : `${base}${desc.filename}`,
    hashes: { sha256: sha(desc.filename) },
    requiresPython: desc.requiresPython ?? null,
    yanked: desc.yanked ?? null,
    coreMetadata: false,
    size: 1000,
    source: from,
  };
}

/** A stable fake sha256 per filename (64 hex digits). */
export function sha(filename: string): string {
  let h = 0;
  for (const c of filename) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h.toString(16).padStart(8, '0').repeat(8);
}

function group(files: ProjectFile[]): Map<string, ProjectFile[]> {
  const out = new Map<string, ProjectFile[]>();
  for (const f of files) {
    // Eggs are listed as mirrors list them (pip skips them; the check names them).
    const parsed = parseDistributionFilenameSafe(f.filename) ?? parseEggFilename(f.filename);
    if (!parsed) throw new Error(`fixture: not a distribution or egg: ${f.filename}`);
    const name = parsed.normalizedName;
    out.set(name, [...(out.get(name) ?? []), f]);
  }
  return out;
}

function state(name: string, files: ProjectFile[]): ProjectState {
  const n = normalizeName(name);
  return { status: 'ok', page: { name: n, url: `${INDEX}${n}/`, files, versions: null, warnings: [] } };
}

/** The full snapshot the fetcher serves from: index files and mirror files (every mirror merged). */
export function universe(index: Listing, mirror: Listing, opts: { indexErrors?: string[]; mirrorErrors?: string[] } = {}): IndexSnapshot {
  const snap: IndexSnapshot = { index: new Map(), mirror: new Map(), metadata: new Map() };
  for (const [name, files] of group(index.map((d) => projectFile(d, INDEX, 'https://files.pypi.test/')))) snap.index.set(normalizeName(name), state(name, files));
  for (const [name, files] of group(mirror.map((d) => projectFile(d, MIRROR, 'file:///mirror/')))) snap.mirror.set(normalizeName(name), state(name, files));
  // The index client's words: describeError puts the URL that failed after the message.
  for (const e of opts.indexErrors ?? []) snap.index.set(normalizeName(e), { status: 'error', reason: `HTTP 503 after 3 retries (${INDEX}${normalizeName(e)}/)` });
  for (const e of opts.mirrorErrors ?? []) snap.mirror.set(normalizeName(e), { status: 'error', reason: 'read ECONNRESET (ECONNRESET) after 3 retries (https://mirror.test/pub/)' });
  return snap;
}

export async function runWheels(files: Record<string, string>, full: IndexSnapshot, settings: CheckSettings, targets: Record<string, FileTargetConfig> = {}) {
  const inventory = buildInventory(Object.entries(files).map(([path, text]) => ({ path, text })), { configFor: (path) => targets[path] ?? null });
  const wheels = CHECKS.filter((c) => c.id === 'wheels');
  const asked: IndexNeeds[] = [];
  const fetch = async (needs: IndexNeeds, into: IndexSnapshot): Promise<IndexSnapshot> => {
    asked.push(needs);
    const next: IndexSnapshot = { index: new Map(into.index), mirror: new Map(into.mirror), metadata: new Map(into.metadata) };
    for (const p of needs.projects) next.index.set(p, full.index.get(p) ?? { status: 'not-found', url: `${INDEX}${p}/` });
    for (const p of needs.mirrorProjects) next.mirror.set(p, full.mirror.get(p) ?? { status: 'ok', page: { name: p, url: MIRROR, files: [], versions: null, warnings: [] } });
    // Release metadata (wheels asks for a listing-less file's Requires-Python): what the universe holds, else unreadable.
    for (const r of needs.releases) {
      const key = releaseKey(r.name, r.version);
      next.metadata.set(key, full.metadata.get(key) ?? { status: 'unavailable', reason: 'the fixture has no metadata for it' });
    }
    return next;
  };
  const out = await runChecks(wheels, inventory, { index: new Map(), mirror: new Map(), metadata: new Map() }, fetch, undefined, settings);
  for (const f of out.findings) FindingSchema.parse(f); // every finding matches its code's row of the codes table
  return { ...out, asked };
}
