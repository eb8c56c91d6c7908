/**
 * Fetching one page (a simple project page or a find-links page) through the cache.
 *
 * Pages change, so a cached copy is revalidated: `If-None-Match` with its ETag and/or
 * `If-Modified-Since` with its Last-Modified; a 304 reuses it. With `offline` the cached copy is used as
 * is, and a missing one is a clear 'not in cache (offline)'. A 406 to the PEP 691 Accept header is asked
 * again for HTML only. The cache key is the URL asked for; the stored copy keeps the final URL after
 * redirects, since relative hrefs resolve against it.
 */
import type { CachedPage } from './cache.js';
import type { ClientContext } from './context.js';
import { ACCEPT, ACCEPT_HTML } from './negotiate.js';
import { OFFLINE_MISS, describeError } from './options.js';

export type PageResult =
  | { kind: 'ok'; page: CachedPage }
  | { kind: 'not-found'; url: string }
  | { kind: 'error'; reason: string };

export async function fetchPage(ctx: ClientContext, url: string): Promise<PageResult> {
  const cached = await ctx.cache.getPage(url);
  if (ctx.opts.offline) {
    if (!cached) return { kind: 'error', reason: `${url}: ${OFFLINE_MISS}` };
    ctx.counters.cacheHits++;
    ctx.opts.onProgress({ kind: 'done', url, fromCache: true });
    return { kind: 'ok', page: cached };
  }
  try {
    const conditional: Record<string, string> = {};
    if (cached?.etag) conditional['if-none-match'] = cached.etag;
    if (cached?.lastModified) conditional['if-modified-since'] = cached.lastModified;
    const ask = (accept: string, extra: Record<string, string>) =>
      ctx.http.request({ url, headers: { accept, ...extra }, maxBytes: ctx.opts.maxPageBytes, what: 'page' });
    let res = await ask(ACCEPT, conditional);
    if (res.status === 304 && cached) {
      ctx.counters.cacheHits++;
      return { kind: 'ok', page: cached };
    }
    if (res.status === 406) res = await ask(ACCEPT_HTML, {});
    if (res.status === 404 || res.status === 410) return { kind: 'not-found', url: res.url };
    if (res.status < 200 || res.status >= 300) return { kind: 'error', reason: `${url}: HTTP ${res.status}` };
    const page: CachedPage = {
      finalUrl: res.url,
      contentType: res.headers.get('content-type'),
      etag: res.headers.get('etag'),
      lastModified: res.headers.get('last-modified'),
      body: res.body.toString('utf8'),
    };
    await ctx.cache.putPage(url, page);
    return { kind: 'ok', page };
  } catch (err) {
    return { kind: 'error', reason: describeError(err) };
  }
}
