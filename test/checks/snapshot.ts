// Builds an IndexSnapshot in memory from a compact description, for pure check tests.
import { normalizeName } from '../../src/names/index.js';
import type { ProjectName } from '../../src/names/index.js';
import { releaseKey } from '../../src/pypi/index.js';
import type { CoreMetadata, IndexSnapshot, ProjectFile } from '../../src/pypi/index.js';

export interface ReleaseDesc {
  requires?: string[];
  requiresPython?: string;
  fileRequiresPython?: string;
  yanked?: string;
  /** Wheel tag sets; default one py2.py3-none-any wheel. */
  wheels?: string[];
  /** Pythons (`3.6`) of eggs listed beside (pip skips them). */
  eggs?: string[];
  sdist?: boolean;
  metadata?: 'ok' | 'unavailable' | 'infrastructure';
  /** METADATA `Home-page` and `Project-URL` entries (label, url). */
  homePage?: string;
  projectUrls?: Array<[string, string]>;
}

export type IndexDesc = Record<string, Record<string, ReleaseDesc>>;

export function snapshotOf(desc: IndexDesc, opts: { errors?: string[]; mirror?: IndexDesc; mirrorErrors?: string[] } = {}): IndexSnapshot {
  const snapshot: IndexSnapshot = { index: new Map(), mirror: new Map(), metadata: new Map() };
  for (const [display, releases] of Object.entries(desc)) {
    const name = normalizeName(display);
    const files: ProjectFile[] = [];
    for (const [version, r] of Object.entries(releases)) {
      const base = display.replace(/[-_.]+/g, '_');
      const names = (r.wheels ?? (r.sdist ? [] : ['py2.py3-none-any'])).map((t) => `${base}-${version}-${t}.whl`);
      if (r.sdist) names.push(`${display}-${version}.tar.gz`);
      for (const py of r.eggs ?? []) names.push(`${base}-${version}-py${py}.egg`);
      for (const filename of names) {
        files.push({
          filename,
          url: `http://127.0.0.1:1/files/${filename}`,
          hashes: { sha256: '0'.repeat(64) },
          requiresPython: r.fileRequiresPython ?? r.requiresPython ?? null,
          yanked: r.yanked ?? null,
          coreMetadata: false,
          size: 100,
          source: 'http://127.0.0.1:1/simple/',
        });
      }
      const metadata: CoreMetadata = {
        metadataVersion: '2.1', name: display, version, requiresDist: r.requires ?? [], requiresPython: r.requiresPython ?? null,
        providesExtra: [], summary: null, homePage: r.homePage ?? null, projectUrls: (r.projectUrls ?? []).map(([label, url]) => ({ label, url })),
      };
      const state = r.metadata ?? 'ok';
      snapshot.metadata.set(
        releaseKey(name, version),
        state === 'ok'
          ? { status: 'ok', metadata, source: 'pep658', file: names[0] ?? '' }
          : state === 'infrastructure'
            // The index client's words (describeError: the message, then the URL that failed).
            ? { status: 'unavailable', reason: `${names[0] ?? ''}: HTTP 503 after 3 retries (http://127.0.0.1:1/files/${names[0] ?? ''})`, infrastructure: true }
            : { status: 'unavailable', reason: 'sdist has no static dependency metadata', infrastructure: false },
      );
    }
    snapshot.index.set(name, { status: 'ok', page: { name, url: `http://127.0.0.1:1/simple/${name}/`, files, versions: null, warnings: [] } });
  }
  for (const e of opts.errors ?? []) snapshot.index.set(normalizeName(e), { status: 'error', reason: `HTTP 500 after 3 retries (http://127.0.0.1:1/simple/${normalizeName(e)}/)` });
  // The mirror (find-links) listings: same description; a release's metadata is the index's when both have it.
  if (opts.mirror) {
    const mirrored = snapshotOf(opts.mirror);
    for (const [name, state] of mirrored.index) snapshot.mirror.set(name, state);
    for (const [key, meta] of mirrored.metadata) if (!snapshot.metadata.has(key)) snapshot.metadata.set(key, meta);
  }
  for (const e of opts.mirrorErrors ?? []) snapshot.mirror.set(normalizeName(e), { status: 'error', reason: 'HTTP 502 after 3 retries (http://127.0.0.2:8/links/)' });
  return snapshot;
}

/** A fetcher for the engine that serves from a full snapshot, recording each request. */
export function fetcherFrom(full: IndexSnapshot, log: string[] = []) {
  return async (needs: { projects: ProjectName[]; mirrorProjects: ProjectName[]; releases: Array<{ name: ProjectName; version: string }> }, into: IndexSnapshot): Promise<IndexSnapshot> => {
    const next: IndexSnapshot = { index: new Map(into.index), mirror: new Map(into.mirror), metadata: new Map(into.metadata) };
    for (const p of needs.projects) {
      log.push(`project ${p}`);
      next.index.set(p, full.index.get(p) ?? { status: 'not-found', url: `http://127.0.0.1:1/simple/${p}/` });
    }
    for (const p of needs.mirrorProjects) next.mirror.set(p, full.mirror.get(p) ?? { status: 'not-found', url: 'mirror' });
    for (const r of needs.releases) {
      const key = releaseKey(r.name, r.version);
      log.push(`metadata ${key}`);
      next.metadata.set(key, full.metadata.get(key) ?? { status: 'unavailable', reason: 'no such release' });
    }
    return next;
  };
}

/** The runbook's taskcluster story: 5.0.0 narrows taskcluster-urls to <11, slugid 2.0.0 needs Python 3.5. */
export const TASKCLUSTER_INDEX: IndexDesc = {
  taskcluster: {
    '4.0.1': { requires: ['taskcluster-urls>=10.1.0', 'slugid>=1.0.7'] },
    '5.0.0': { requires: ['taskcluster-urls<11,>=10.1.0', 'slugid>=1.0.7'] },
  },
  'taskcluster-urls': { '10.0.0': {}, '10.1.0': {}, '10.1.2': {}, '11.0.0': {} },
  slugid: { '1.0.7': {}, '2.0.0': { requiresPython: '>=3.5' } },
};
