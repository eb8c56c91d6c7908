/**
 * The index client: turns a check's {@link IndexNeeds} into an {@link IndexSnapshot}.
 *
 * Each distinct project page, mirror listing and release metadata is fetched once per client:
 * requests in flight are shared (a promise per key), and entries already in the snapshot are skipped.
 * Concurrency is bounded at the HTTP layer (p-limit around each attempt) rather than per task, so a
 * metadata task waiting on its project page never starves the page of a slot. Wheel and sdist reads
 * are also capped as a whole (`archiveReads`) and hold their directories, members and whole downloads
 * under one byte budget (shared with the HTTP client, which takes leave for a body once its headers are
 * in), so what a cold run buffers does not grow with the number of releases or their sizes
 * (release-metadata.ts, http.ts); whole wheels spooled to disk are held the same way under a spool
 * budget (whole-file.ts). Every task catches:
 * a project or release that fails becomes a state with a reason, never an exception.
 */
import type { ReportStats } from '../findings/index.js';
import type { ProjectName } from '../names/index.js';
import {
  canonicalVersion,
  releaseKey,
  type DigestState,
  type IndexNeeds,
  type IndexSnapshot,
  type MetadataState,
  type ProjectState,
} from '../pypi/index.js';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { ByteBudget } from './byte-budget.js';
import { DiskCache } from './cache.js';
import type { ClientContext } from './context.js';
import { fetchDigest } from './digests.js';
import { HttpClient } from './http.js';
import { IndexError, describeError, resolveOptions, type IndexClientOptions } from './options.js';
import { ProjectListings } from './projects.js';
import { fetchReleaseMetadata } from './release-metadata.js';
import { normalizeVersion } from './select.js';

export interface IndexClient {
  /** Fetch what `needs` asks for into `into` (a new snapshot by default); never throws for one item. */
  fetchNeeds(needs: IndexNeeds, into?: IndexSnapshot): Promise<IndexSnapshot>;
  stats(): IndexStats;
  /** What archive reads buffered: the most bytes held at once (see byte-budget.ts) and the budget; answers set aside to wait for it are in `stats().setAside`. */
  buffered(): { peak: number; limit: number };
  /** What whole wheels spooled to disk held at once, at most (see whole-file.ts), and the budget. */
  spooled(): { peak: number; limit: number };
}

/**
 * What a run asked of the network, by kind (report.json `stats.index`, `--verbose`): a regression in
 * request counts shows to users, not only in the bench. `requests` counts every HTTP exchange
 * (retries, redirect hops and answers set aside for the byte budget included); the kinds count
 * logical requests.
 */
export type IndexStats = Required<ReportStats['index']>;

export function emptySnapshot(): IndexSnapshot {
  return { index: new Map(), mirror: new Map(), metadata: new Map() };
}

function memo<K, V>(tasks: Map<K, Promise<V>>, key: K, run: () => Promise<V>): Promise<V> {
  let task = tasks.get(key);
  if (!task) {
    task = run();
    tasks.set(key, task);
  }
  return task;
}

const projectError = (err: unknown): ProjectState => ({ status: 'error', reason: describeError(err) });

export function createIndexClient(options: IndexClientOptions): IndexClient {
  const opts = resolveOptions(options);
  // One budget for ranged reads (zip-reader.ts) and whole bodies (http.ts): see byte-budget.ts.
  const budget = new ByteBudget(opts.maxBufferedBytes);
  const ctx: ClientContext = {
    opts,
    http: new HttpClient(opts, budget),
    cache: new DiskCache(opts.cacheDir),
    counters: { cacheHits: 0, conditional: 0, notModified: 0 },
    archiveReads: pLimit(2 * opts.concurrency),
    budget,
    spool: opts.cacheDir === null ? null : join(opts.cacheDir, 'spool'),
    spoolBudget: new ByteBudget(opts.maxSpoolBytes),
  };
  const listings = new ProjectListings(ctx);
  const indexTasks = new Map<ProjectName, Promise<ProjectState>>();
  const mirrorTasks = new Map<ProjectName, Promise<ProjectState>>();
  const metadataTasks = new Map<string, Promise<MetadataState>>();
  const digestTasks = new Map<string, Promise<DigestState>>();

  const index = (name: ProjectName) =>
    memo(indexTasks, name, () => listings.indexState(name).catch(projectError));
  const mirror = (name: ProjectName) =>
    memo(mirrorTasks, name, () => listings.mirrorState(name).catch(projectError));
  const metadata = (name: ProjectName, version: string) =>
    memo(metadataTasks, releaseKey(name, canonicalVersion(version)), () =>
      fetchReleaseMetadata(ctx, { index, mirror }, name, version).catch(
        // An IndexError escaping the attempts (a listing fetched on the way) is the index's failure too.
        (err: unknown): MetadataState => ({ status: 'unavailable', reason: describeError(err), ...(err instanceof IndexError ? { infrastructure: true } : {}) }),
      ),
    );

  async function fetchNeeds(needs: IndexNeeds, into: IndexSnapshot = emptySnapshot()): Promise<IndexSnapshot> {
    const jobs: Array<Promise<void>> = [];
    for (const name of new Set(needs.projects)) {
      if (!into.index.has(name)) jobs.push(index(name).then((s) => void into.index.set(name, s)));
    }
    for (const name of new Set(needs.mirrorProjects)) {
      if (!into.mirror.has(name)) jobs.push(mirror(name).then((s) => void into.mirror.set(name, s)));
    }
    for (const { name, version } of needs.releases) {
      const normalized = normalizeVersion(version);
      const key = releaseKey(name, normalized);
      if (into.metadata.has(key) && into.metadata.has(releaseKey(name, version))) continue;
      jobs.push(
        metadata(name, normalized).then(async (state) => {
          into.metadata.set(key, state);
          // Checks may look a release up as pinned (`1.0.0`) or as listed; both keys are answered.
          into.metadata.set(releaseKey(name, version), state);
          // The release's page was fetched on the way: keep it, it costs nothing more.
          if (!into.index.has(name)) into.index.set(name, await index(name));
          const mirrorTask = mirrorTasks.get(name);
          if (mirrorTask && !into.mirror.has(name)) into.mirror.set(name, await mirrorTask);
        }),
      );
    }
    for (const url of new Set(needs.fileDigests ?? [])) {
      const digests = (into.digests ??= new Map());
      if (!digests.has(url)) jobs.push(memo(digestTasks, url, () => fetchDigest(ctx, url)).then((s) => void digests.set(url, s)));
    }
    await Promise.all(jobs);
    return into;
  }

  return {
    fetchNeeds,
    buffered: () => ({ peak: budget.peak, limit: budget.limit }),
    spooled: () => ({ peak: ctx.spoolBudget.peak, limit: ctx.spoolBudget.limit }),
    stats: (): IndexStats => {
      const { requests, bytes, byKind, retries, timeouts, setAside } = ctx.http.stats;
      const { cacheHits, conditional, notModified } = ctx.counters;
      return {
        requests,
        pages: byKind.page,
        metadataFiles: byKind.metadata,
        ranges: byKind.range,
        downloads: byKind.download,
        retries,
        timeouts,
        setAside,
        cacheHits,
        conditional,
        notModified,
        bytes,
      };
    },
  };
}
