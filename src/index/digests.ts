/**
 * A distribution file's digests from its bytes, for hash-checking mode when the listing gives none
 * (a flat mirror folder or autoindex). A guessed digest would be a false green, so the file is read:
 * streamed through sha256/sha384/sha512 (pip's STRONG_HASHES), never buffered, capped at
 * `maxDownloadBytes`, once per client (the caller memoizes) and cached on disk by URL + ETag /
 * Last-Modified + size (a local file: path + mtime + size), so an unchanged file is never read twice.
 * Without validators the answer is not cached (nothing would say when it changed). Offline, the last
 * answer seen for the URL is used.
 */
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { DigestState } from '../pypi/index.js';
import type { CachedDigest } from './cache.js';
import type { ClientContext } from './context.js';
import type { BodySink } from './body.js';
import { describeError, OFFLINE_MISS } from './options.js';

const ALGORITHMS = ['sha256', 'sha384', 'sha512'] as const;

class HashSink implements BodySink {
  private hashes: Hash[] = [];
  size = 0;
  constructor() {
    this.reset();
  }
  reset(): void {
    this.hashes = ALGORITHMS.map((a) => createHash(a));
    this.size = 0;
  }
  write(chunk: Buffer): void {
    this.size += chunk.length;
    for (const h of this.hashes) h.update(chunk);
  }
  result(): CachedDigest {
    return { hashes: Object.fromEntries(ALGORITHMS.map((a, i) => [a, (this.hashes[i] as Hash).digest('hex')])), size: this.size };
  }
}

const ok = (d: CachedDigest): DigestState => ({ status: 'ok', hashes: d.hashes, size: d.size });

async function localDigest(ctx: ClientContext, url: string): Promise<DigestState> {
  const path = fileURLToPath(url);
  const info = await stat(path);
  // A FIFO or a device would block the read (or never end): only regular files are distributions.
  if (!info.isFile()) return { status: 'error', reason: `${path} is not a regular file` };
  if (info.size > ctx.opts.maxDownloadBytes) return { status: 'error', reason: `${path} is ${info.size} bytes, over the ${ctx.opts.maxDownloadBytes}-byte limit` };
  const key = `${url}\0mtime ${info.mtimeMs}\0size ${info.size}`;
  const hit = await ctx.cache.getDigest(key);
  if (hit) {
    ctx.counters.cacheHits++;
    return ok(hit);
  }
  const sink = new HashSink();
  for await (const chunk of createReadStream(path)) {
    sink.write(chunk as Buffer);
    if (sink.size > ctx.opts.maxDownloadBytes) return { status: 'error', reason: `${path} grew past the ${ctx.opts.maxDownloadBytes}-byte limit while read` };
  }
  const digest = sink.result();
  await ctx.cache.putDigest(key, digest);
  return ok(digest);
}

function validatorKey(url: string, headers: Headers): string | null {
  const etag = headers.get('etag');
  const modified = headers.get('last-modified');
  if (!etag && !modified) return null;
  return `${url}\0etag ${etag ?? ''}\0modified ${modified ?? ''}\0size ${headers.get('content-length') ?? '?'}`;
}

async function remoteDigest(ctx: ClientContext, url: string): Promise<DigestState> {
  const latest = `latest\0${url}`;
  if (ctx.opts.offline) {
    const seen = await ctx.cache.getDigest(latest);
    return seen ? ok(seen) : { status: 'error', reason: `${OFFLINE_MISS}: ${url}` };
  }
  // HEAD first: an unchanged file (same validators and size) is answered from the cache.
  const head = await ctx.http.request({ url, method: 'HEAD', maxBytes: 0, what: 'download' });
  const headKey = head.status >= 200 && head.status < 300 ? validatorKey(url, head.headers) : null;
  if (head.status === 404 || head.status === 410) return { status: 'error', reason: `HTTP ${head.status} for ${url}` };
  if (headKey) {
    const hit = await ctx.cache.getDigest(headKey);
    if (hit) {
      ctx.counters.cacheHits++;
      return ok(hit);
    }
  }
  const sink = new HashSink();
  const res = await ctx.http.request({ url, maxBytes: ctx.opts.maxDownloadBytes, what: 'download', kind: 'download', sink, raw: true });
  if (res.status < 200 || res.status >= 300) return { status: 'error', reason: `HTTP ${res.status} for ${url}` };
  const digest = sink.result();
  const key = validatorKey(url, res.headers);
  if (key) {
    await ctx.cache.putDigest(key, digest);
    await ctx.cache.putDigest(latest, digest);
  }
  return ok(digest);
}

/** The file's digests, or why they could not be computed; never throws. */
export async function fetchDigest(ctx: ClientContext, url: string): Promise<DigestState> {
  try {
    if (url.startsWith('file:')) return await localDigest(ctx, url);
    if (!/^https?:/i.test(url)) return { status: 'error', reason: `cannot download ${url}: not an http(s) or file: URL` };
    return await remoteDigest(ctx, url);
  } catch (err) {
    return { status: 'error', reason: describeError(err) };
  }
}
