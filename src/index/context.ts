/**
 * What the parts of one client share: resolved options, the HTTP client, the cache and counters.
 */
import type pLimit from 'p-limit';
import type { ByteBudget } from './byte-budget.js';
import type { DiskCache } from './cache.js';
import type { HttpClient } from './http.js';
import { localFileSize, readLocalFile } from './local.js';
import type { ResolvedOptions } from './options.js';

export interface ClientContext {
  opts: ResolvedOptions;
  http: HttpClient;
  cache: DiskCache;
  counters: Counters;
  /** Wheel and sdist reads in flight (each holds a tail or a whole file between requests): at most twice the HTTP concurrency. */
  archiveReads: ReturnType<typeof pLimit>;
  /** Bytes held at once by those reads: central directories, members and whole downloads. */
  budget: ByteBudget;
  /** Where whole wheels are spooled (whole-file.ts): the cache folder's `spool/`; null without one (held in memory). */
  spool: string | null;
  /** Bytes those spool files hold at once on disk. */
  spoolBudget: ByteBudget;
}

/** What the client answered without the network, or with a conditional request (see IndexStats). */
export interface Counters {
  /** Pages fresh within their max-age and metadata from the cache: no request made. */
  cacheHits: number;
  /** Conditional requests sent (a stale cached page revalidated), and how many the server answered 304. */
  conditional: number;
  notModified: number;
}

/** A whole file held under the byte budget: call `release` once its bytes are scanned. */
export interface HeldBytes {
  data: Buffer;
  release: () => void;
}

const HOLD = { hold: true } as const;

/**
 * The whole of an archive, local or remote, under `maxBytes`, held under `ctx.budget`: a remote body
 * takes leave once its headers are in (http.ts), a local file before it is read. Read as stored
 * (raw), so the leave is for the bytes held.
 */
export async function fetchHeld(ctx: ClientContext, url: string, maxBytes: number): Promise<HeldBytes> {
  if (url.startsWith('file:')) {
    const leave = await ctx.budget.acquire(await localFileSize(url, maxBytes));
    try {
      return { data: await readLocalFile(url, maxBytes), release: leave.release };
    } catch (err) {
      leave.release();
      throw err;
    }
  }
  const res = await ctx.http.request({ url, maxBytes, what: 'download', kind: 'download', raw: true, onHeaders: () => HOLD });
  if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status} for ${url}`);
  return { data: res.body, release: res.release };
}

/**
 * A PEP 658 metadata file (`<file>.metadata`), local or remote, under `maxBytes`, as sent: small
 * (KBs), so not held under the budget; distributions go through fetchHeld or whole-file.ts.
 */
export async function fetchMetadataFile(ctx: ClientContext, url: string, maxBytes: number): Promise<Buffer> {
  if (url.startsWith('file:')) return readLocalFile(url, maxBytes);
  const res = await ctx.http.request({ url, maxBytes, what: 'metadata file', kind: 'metadata' });
  if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status} for ${url}`);
  return res.body;
}
