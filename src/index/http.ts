/**
 * The HTTP layer: one request with redirects, a per-request timeout, a size cap and retries.
 *
 * Uses Node 20's global `fetch` (undici) with `redirect: 'manual'` so that redirects are counted
 * (max 10) and the final URL is known: hrefs on a page resolve against it (PEP 503). The timeout covers
 * headers and the whole body (an AbortController per attempt, armed once the attempt has its
 * concurrency slot): a server that drips a byte a second cannot hold a request past it. A per-host
 * circuit breaker bounds the run against a hung host: after {@link BREAKER_TIMEOUTS} consecutive
 * timeouts to one host, every request to it (queued, retrying or new) fails at once with an
 * IndexError naming the host, so the time lost to it does not grow with the number of files. Pages
 * and files are counted apart (a mirror may answer pages and hang on every wheel), and only a
 * complete answer resets the count (headers followed by a stalled body do not). Bodies are streamed and aborted as soon as they
 * pass the cap. A body shorter than its Content-Length is a truncation (retried); with a
 * Content-Encoding the length is of the encoded bytes, so it is not compared then. A `raw` request (a
 * distribution file) reads the stored bytes even from a server that labels them encoded (raw-fetch.ts).
 * Non-2xx answers that will not change (404, 406, 403...) are returned, not thrown: callers decide.
 */
import pLimit from 'p-limit';
import { IndexError, OFFLINE_MISS, type ResolvedOptions } from './options.js';
import { isContentEncoded, rawGet } from './raw-fetch.js';
import { RetriableError, backoffMs, isRetriableStatus, parseRetryAfter, sleep } from './retry.js';

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
  /** Abort and fail (no retry) when the body grows past this. */
  maxBytes: number;
  /** Name of the cap in error messages ('page', 'download'). */
  what?: string;
  /** Stream the body here instead of buffering it (reset at each attempt); the response body is then empty. */
  sink?: BodySink;
  /** What the request is for, counted in {@link HttpStats}; default 'other'. */
  kind?: RequestKind;
  /** The body as stored, never content-decoded (a distribution file: its hashes are of those bytes, as pip reads them); see raw-fetch.ts. */
  raw?: boolean;
}

/** Where a streamed body goes, e.g. hashes being updated. */
export interface BodySink {
  reset(): void;
  write(chunk: Buffer): void;
}

export type RequestKind = 'page' | 'metadata' | 'range' | 'download' | 'other';

export interface HttpResponse {
  status: number;
  /** The URL after redirects. */
  url: string;
  headers: Headers;
  /** Empty unless the status is 2xx and the method GET. */
  body: Buffer;
}

const MAX_REDIRECTS = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A body that grew past its cap: not retried. */
class TooLargeError extends Error {
  override readonly name = 'TooLargeError';
}

export interface HttpStats {
  /** Every HTTP exchange sent (attempts and redirect hops included). */
  requests: number;
  bytes: number;
  /** Logical requests sent, by kind (a retried request counts once here, its retries in `retries`; one refused by the breaker not at all). */
  byKind: Record<RequestKind, number>;
  retries: number;
  timeouts: number;
}

/** Consecutive timeouts to one host after which its remaining requests fail at once. */
export const BREAKER_TIMEOUTS = 3;

export class HttpClient {
  readonly stats: HttpStats = { requests: 0, bytes: 0, byKind: { page: 0, metadata: 0, range: 0, download: 0, other: 0 }, retries: 0, timeouts: 0 };
  private readonly limit: ReturnType<typeof pLimit>;
  /** Per host and `pages`/`files`: consecutive timeouts so far (reset by a complete answer). */
  private readonly silentHosts = new Map<string, number>();

  constructor(private readonly opts: ResolvedOptions) {
    this.limit = pLimit(opts.concurrency);
  }

  /** One logical request with retries; throws {@link IndexError} when every attempt failed. */
  async request(req: HttpRequest): Promise<HttpResponse> {
    if (this.opts.offline) throw new IndexError(OFFLINE_MISS, req.url);
    this.opts.onProgress({ kind: 'request', url: req.url });
    const host = hostOf(req.url);
    const breaker = { host, what: req.kind === 'page' ? 'page' : 'file', key: `${host} ${req.kind === 'page' ? 'page' : 'file'}` };
    for (let attempt = 0; ; attempt++) {
      try {
        this.refuseHung(breaker, req.url);
        const res = await this.limit(async () => {
          // Checked again once the slot is ours: the host may have been given up while we queued.
          this.refuseHung(breaker, req.url);
          if (attempt === 0) this.stats.byKind[req.kind ?? 'other']++;
          const answer = await this.attempt(req, breaker.key);
          this.silentHosts.set(breaker.key, 0);
          return answer;
        });
        this.opts.onProgress({ kind: 'done', url: req.url, fromCache: false });
        return res;
      } catch (err) {
        if (!(err instanceof RetriableError) || attempt >= this.opts.retries) {
          throw toIndexError(err, req.url, attempt);
        }
        this.stats.retries++;
        this.opts.onProgress({ kind: 'retry', url: req.url, attempt: attempt + 1, reason: err.message });
        await sleep(backoffMs(attempt + 1, this.opts.retryBaseMs, this.opts.retryMaxMs, err.retryAfterMs));
      }
    }
  }

  /** Throw at once when the host has timed out {@link BREAKER_TIMEOUTS} times in a row (for pages, or for files). */
  private refuseHung(b: { host: string; what: string; key: string }, url: string): void {
    if ((this.silentHosts.get(b.key) ?? 0) < BREAKER_TIMEOUTS) return;
    throw new IndexError(
      `${b.host} is not answering: ${BREAKER_TIMEOUTS} ${b.what} requests in a row timed out after ${this.opts.timeoutMs / 1000} s each; its remaining ${b.what} requests were not sent`,
      url,
    );
  }

  private async attempt(req: HttpRequest, breakerKey: string): Promise<HttpResponse> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.opts.timeoutMs);
    try {
      let url = req.url;
      for (let hop = 0; ; hop++) {
        let res = await this.fetchOnce(url, req, controller.signal);
        let decoded = isContentEncoded(res.headers);
        if (req.raw && decoded && res.status >= 200 && res.status < 300 && (req.method ?? 'GET') === 'GET') {
          // fetch() has decoded it: ask again for the stored bytes (see raw-fetch.ts).
          await res.body?.cancel().catch(() => {});
          this.stats.requests++;
          res = await rawGet(url, this.headersOf(req), controller.signal);
          decoded = false;
        }
        if (REDIRECTS.has(res.status) && res.headers.has('location')) {
          await res.body?.cancel().catch(() => {});
          if (hop >= MAX_REDIRECTS) throw new IndexError(`more than ${MAX_REDIRECTS} redirects`, req.url);
          const next = new URL(res.headers.get('location') ?? '', url);
          if (next.protocol !== 'http:' && next.protocol !== 'https:') {
            throw new IndexError(`redirect to a ${next.protocol} URL refused`, req.url);
          }
          url = next.href;
          continue;
        }
        if (isRetriableStatus(res.status)) {
          await res.body?.cancel().catch(() => {});
          throw new RetriableError(`HTTP ${res.status}`, {
            status: res.status,
            ...optional('retryAfterMs', parseRetryAfter(res.headers.get('retry-after'))),
          });
        }
        const wantsBody = res.status >= 200 && res.status < 300 && (req.method ?? 'GET') === 'GET';
        if (!wantsBody) {
          await res.body?.cancel().catch(() => {});
          return { status: res.status, url, headers: res.headers, body: Buffer.alloc(0) };
        }
        const body = await this.readBody(res, req, controller, decoded);
        return { status: res.status, url, headers: res.headers, body };
      }
    } catch (err) {
      if (timedOut) {
        this.stats.timeouts++;
        this.silentHosts.set(breakerKey, (this.silentHosts.get(breakerKey) ?? 0) + 1);
        throw new RetriableError(`timed out after ${this.opts.timeoutMs} ms`, { cause: err });
      }
      throw classifyNetworkError(err);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A raw request asks for the stored bytes, as pip's downloads do. */
  private headersOf(req: HttpRequest): Record<string, string> {
    return { 'user-agent': this.opts.userAgent, ...(req.raw ? { 'accept-encoding': 'identity' } : {}), ...req.headers };
  }

  private async fetchOnce(url: string, req: HttpRequest, signal: AbortSignal): Promise<Response> {
    this.stats.requests++;
    return fetch(url, { method: req.method ?? 'GET', headers: this.headersOf(req), redirect: 'manual', signal });
  }

  /** `encoded`: fetch() decoded the body, so its Content-Length (of the encoded bytes) is not compared. */
  private async readBody(res: Response, req: HttpRequest, controller: AbortController, encoded: boolean): Promise<Buffer> {
    const what = req.what ?? 'body';
    const declared = parseLength(res.headers.get('content-length'));
    if (declared !== null && !encoded && declared > req.maxBytes) {
      controller.abort();
      throw new TooLargeError(`${what} is ${declared} bytes, over the ${req.maxBytes}-byte limit`);
    }
    // With a known length the body is written straight into one buffer of that size: collecting
    // copies of the chunks and concatenating them held each body two or three times over.
    let into = declared !== null && !encoded && !req.sink && declared > 0 ? Buffer.allocUnsafe(declared) : null;
    const chunks: Buffer[] = [];
    let total = 0;
    req.sink?.reset();
    if (res.body) {
      try {
        for await (const chunk of res.body) {
          const bytes = chunk as Uint8Array;
          // A view, not a copy: the stream hands the chunk over.
          const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
          total += buf.length;
          this.stats.bytes += buf.length;
          if (total > req.maxBytes) {
            controller.abort();
            throw new TooLargeError(`${what} exceeds the ${req.maxBytes}-byte limit`);
          }
          if (req.sink) req.sink.write(buf);
          else if (into && total <= into.length) buf.copy(into, total - buf.length);
          else {
            // More than Content-Length said: collect the rest, the length check below refuses it.
            if (into) chunks.push(into.subarray(0, total - buf.length));
            into = null;
            chunks.push(buf);
          }
        }
      } catch (err) {
        if (err instanceof TooLargeError || controller.signal.aborted) throw err;
        // undici reports a connection closed mid-body as `terminated`: say what it means.
        const of = declared !== null ? ` of ${declared}` : '';
        throw new RetriableError(`truncated ${what}: connection closed after ${total}${of} bytes`, { cause: err });
      }
    }
    if (declared !== null && !encoded && total !== declared) {
      throw new RetriableError(`truncated ${what}: got ${total} of ${declared} bytes`);
    }
    // A streamed body stays empty: Buffer.concat([], total) would allocate `total` zero bytes.
    if (req.sink) return Buffer.alloc(0);
    return into && total === into.length ? into : Buffer.concat(chunks, total);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function parseLength(value: string | null): number | null {
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  return Number(value.trim());
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** Network-level failures (reset, refused, premature close) are worth retrying; ours are not. */
function classifyNetworkError(err: unknown): unknown {
  if (err instanceof RetriableError || err instanceof TooLargeError || err instanceof IndexError) return err;
  if (err instanceof Error) {
    const code = errorCode(err);
    return new RetriableError(code ? `${err.message} (${code})` : err.message, { cause: err });
  }
  return err;
}

function errorCode(err: Error): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e instanceof Error; depth++) {
    const code = (e as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = e.cause;
  }
  return undefined;
}

function toIndexError(err: unknown, url: string, retries: number): IndexError {
  if (err instanceof IndexError) return err;
  const after = retries > 0 ? ` after ${retries} ${retries === 1 ? 'retry' : 'retries'}` : '';
  if (err instanceof RetriableError) {
    return new IndexError(`${err.message}${after}`, url, {
      ...optional('status', err.status),
      cause: err.cause ?? err,
    });
  }
  if (err instanceof Error) return new IndexError(err.message, url, { cause: err });
  return new IndexError(String(err), url, { cause: err });
}
