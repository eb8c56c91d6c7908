/**
 * What the parts of one client share: resolved options, the HTTP client, the cache and counters.
 */
import type { DiskCache } from './cache.js';
import type { HttpClient } from './http.js';
import { readLocalFile } from './local.js';
import type { ResolvedOptions } from './options.js';

export interface ClientContext {
  opts: ResolvedOptions;
  http: HttpClient;
  cache: DiskCache;
  counters: { cacheHits: number };
}

/** The whole of a file, local or remote, under `maxBytes`. */
export async function fetchBytes(ctx: ClientContext, url: string, maxBytes: number): Promise<Buffer> {
  if (url.startsWith('file:')) return readLocalFile(url, maxBytes);
  const res = await ctx.http.request({ url, maxBytes, what: 'download' });
  if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status} for ${url}`);
  return res.body;
}
