/**
 * Fetching one page (a simple project page or a find-links page) through the cache.
 *
 * Pages change, but a server says for how long a copy stays good: within `Cache-Control: max-age`
 * (less `Age`; RFC 9111 §4.2) a cached page is used with no request at all (PyPI sends 600 s), so a
 * warm run fetches nothing; `no-cache`/`no-store`, no max-age, or `refresh` make it stale. A stale copy
 * is revalidated: `If-None-Match` with its ETag and/or `If-Modified-Since` with its Last-Modified;
 * a 304 reuses it, with the freshness the 304 gives (RFC 9111 §4.3.4). With `offline` the cached copy is used as
 * is, and a missing one is a clear 'not in cache (offline)'. A 406 to the PEP 691 Accept header is asked
 * again for HTML only. The cache key is the URL asked for; the stored copy keeps the final URL after
 * redirects, since relative hrefs resolve against it, and the body as text, decoded as pip decodes it
 * (charset.ts).
 */
import type { CachedPage } from './cache.js';
import { decodePage } from './charset.js';
import type { ClientContext } from './context.js';
import { ACCEPT, ACCEPT_HTML, formatOf } from './negotiate.js';
import { OFFLINE_MISS, describeError } from './options.js';

export type PageResult =
  | { kind: 'ok'; page: CachedPage }
  | { kind: 'not-found'; url: string }
  | { kind: 'error'; reason: string };

/** Epoch ms until which a response with these headers is fresh, or undefined (stale at once). */
export function freshUntil(headers: Headers, now: number): number | undefined {
  const cc = (headers.get('cache-control') ?? '').toLowerCase();
  if (/(^|[\s,])(no-cache|no-store)([\s,=]|$)/.test(cc)) return undefined;
  const m = /(?:^|[\s,])max-age\s*=\s*"?(\d+)"?/.exec(cc);
  if (!m) return undefined;
  const age = Number(/^\s*(\d+)\s*$/.exec(headers.get('age') ?? '')?.[1] ?? 0);
  const lifetime = Number(m[1]) - age;
  return lifetime > 0 ? now + lifetime * 1000 : undefined;
}

function withFreshness(page: CachedPage, until: number | undefined): CachedPage {
  const { freshUntil: _old, ...rest } = page;
  return until === undefined ? rest : { ...rest, freshUntil: until };
}

export async function fetchPage(ctx: ClientContext, url: string): Promise<PageResult> {
  const cached = await ctx.cache.getPage(url);
  if (cached && !ctx.opts.offline && !ctx.opts.refresh && (cached.freshUntil ?? 0) > Date.now()) {
    ctx.counters.cacheHits++;
    ctx.opts.onProgress({ kind: 'done', url, fromCache: true });
    return { kind: 'ok', page: cached };
  }
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
      ctx.http.request({ url, headers: { accept, ...extra }, maxBytes: ctx.opts.maxPageBytes, what: 'page', kind: 'page' });
    if (Object.keys(conditional).length > 0) ctx.counters.conditional++;
    let res = await ask(ACCEPT, conditional);
    if (res.status === 304 && cached) {
      ctx.counters.notModified++;
      const until = freshUntil(res.headers, Date.now());
      if (until !== cached.freshUntil) await ctx.cache.putPage(url, withFreshness(cached, until));
      return { kind: 'ok', page: cached };
    }
    if (res.status === 406) res = await ask(ACCEPT_HTML, {});
    if (res.status === 404 || res.status === 410) return { kind: 'not-found', url: res.url };
    if (res.status < 200 || res.status >= 300) return { kind: 'error', reason: `${url}: HTTP ${res.status}` };
    const contentType = res.headers.get('content-type');
    // In the charset pip decodes it with; a page pip cannot decode is not cached (see charset.ts).
    const text = decodePage(res.body, contentType, formatOf(contentType).kind, res.url);
    if (!text.ok) return { kind: 'error', reason: text.reason };
    const page: CachedPage = {
      finalUrl: res.url,
      contentType,
      etag: res.headers.get('etag'),
      lastModified: res.headers.get('last-modified'),
      body: text.text,
    };
    const until = freshUntil(res.headers, Date.now());
    if (until !== undefined) page.freshUntil = until;
    if (!/no-store/i.test(res.headers.get('cache-control') ?? '')) await ctx.cache.putPage(url, page);
    return { kind: 'ok', page };
  } catch (err) {
    return { kind: 'error', reason: describeError(err) };
  }
}
