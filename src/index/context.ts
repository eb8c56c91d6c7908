/**
 * What the parts of one client share: resolved options, the HTTP client, the cache and counters.
 */
import type pLimit from 'p-limit';
import type { ByteBudget } from './byte-budget.js';
import type { DiskCache } from './cache.js';
import type { HttpClient, RequestKind } from './http.js';
import { readLocalFile } from './local.js';
import type { ResolvedOptions } from './options.js';

export interface ClientContext {
  opts: ResolvedOptions;
  http: HttpClient;
  cache: DiskCache;
  counters: Counters;
  /** Wheel and sdist reads in flight (each holds a tail or a whole file between requests): at most twice the HTTP concurrency. */
  archiveReads: ReturnType<typeof pLimit>;
  /** Bytes of central directories and members held at once by those reads. */
  budget: ByteBudget;
}

/** What the client answered without the network, or with a conditional request (see IndexStats). */
export interface Counters {
  /** Pages fresh within their max-age and metadata from the cache: no request made. */
  cacheHits: number;
  /** Conditional requests sent (a stale cached page revalidated), and how many the server answered 304. */
  conditional: number;
  notModified: number;
}

/** The whole of a file, local or remote, under `maxBytes`; a distribution file as stored (raw), a PEP 658 metadata file as sent. */
export async function fetchBytes(ctx: ClientContext, url: string, maxBytes: number, kind: RequestKind = 'download'): Promise<Buffer> {
  if (url.startsWith('file:')) return readLocalFile(url, maxBytes);
  const metadata = kind === 'metadata';
  const res = await ctx.http.request({ url, maxBytes, what: metadata ? 'metadata file' : 'download', kind, raw: !metadata });
  if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status} for ${url}`);
  return res.body;
}
