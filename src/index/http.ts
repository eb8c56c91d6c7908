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
 * complete answer resets the count (headers followed by a stalled body do not). Bodies are read by
 * body.ts (caps, truncation, leave, sinks). A `raw` request (a distribution file) reads the stored
 * bytes even from a server that labels them encoded (raw-fetch.ts).
 * Non-2xx answers that will not change (404, 406, 403...) are returned, not thrown: callers decide.
 *
 * Bodies held under a budget (`onHeaders` says which, and under which: a whole wheel or sdist in
 * memory under the byte budget, a whole wheel spooled to disk under the spool budget; not a range
 * tail; see body.ts): once the headers give the length, leave for it is *tried*, in the attempt that
 * holds the concurrency slot, under its timer. When it cannot be had at once, the answer is set aside
 * (its body cancelled unread, the connection closed), and the request waits for the leave outside the
 * slot and the timer, holding no other leave, then is sent again with it. Waiting with the answer open
 * instead would hold a socket and the server's send buffer for as long as other bodies take (behind a
 * 200 MB wheel, minutes): servers drop such a connection (nginx `send_timeout`, Apache `Timeout`:
 * 60 s), undici after 300 s, and that would read as the server's silence; holding the slot while
 * waiting would deadlock, since the holders of the budget need slots to finish. So no timer ever runs
 * while leave is awaited, and a slot is only ever held by an attempt that is reading. A set-aside
 * waits for the body's length and at least twice what it held, and a body the size of the budget runs
 * alone, so a request is set aside a bounded number of times. The leave goes to the caller with the
 * response (`release`); a failed attempt gives it back before its retry waits.
 */
import pLimit from 'p-limit';
import { SetAside, SinkError, TooLargeError, lengthOf, readBody, type AnswerHead, type BodyPlan, type BodySink } from './body.js';
import { ByteBudget, type Leave } from './byte-budget.js';
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
  /**
   * How a 2xx GET answer's body is read, decided once its headers are in: held under the client's
   * byte budget (see the header), or streamed to a sink, and capped at `maxBytes` when given (in
   * place of the request's). A request with a `sink` of its own is not asked.
   */
  onHeaders?: (answer: AnswerHead) => BodyPlan | Promise<BodyPlan>;
  /** The body as stored, never content-decoded (a distribution file: its hashes are of those bytes, as pip reads them); see raw-fetch.ts. */
  raw?: boolean;
}

export type RequestKind = 'page' | 'metadata' | 'range' | 'download' | 'other';

export interface HttpResponse {
  status: number;
  /** The URL after redirects. */
  url: string;
  headers: Headers;
  /** Empty unless the status is 2xx and the method GET. */
  body: Buffer;
  /** Gives back the body's leave when it was held (`onHeaders`), a no-op otherwise: call it once the body is scanned. */
  release: () => void;
}

const MAX_REDIRECTS = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const NO_HOLD: BodyPlan = { hold: false };
const noop = (): void => {};

export interface HttpStats {
  /** Every HTTP exchange sent (attempts and redirect hops included). */
  requests: number;
  bytes: number;
  /** Logical requests sent, by kind (a retried request counts once here, its retries in `retries`; one refused by the breaker not at all). */
  byKind: Record<RequestKind, number>;
  retries: number;
  timeouts: number;
  /** Answers set aside to wait for the byte budget or the spool budget (each sent again: counted in `requests`). */
  setAside: number;
}

/** Leave waited for after a set-aside, with the budget it was had from. */
interface Carried {
  leave: Leave | null;
  budget: ByteBudget;
}

/** Consecutive timeouts to one host after which its remaining requests fail at once. */
export const BREAKER_TIMEOUTS = 3;

export class HttpClient {
  readonly stats: HttpStats = { requests: 0, bytes: 0, byKind: { page: 0, metadata: 0, range: 0, download: 0, other: 0 }, retries: 0, timeouts: 0, setAside: 0 };
  private readonly limit: ReturnType<typeof pLimit>;
  /** Per host and `pages`/`files`: consecutive timeouts so far (reset by a complete answer). */
  private readonly silentHosts = new Map<string, number>();

  constructor(
    private readonly opts: ResolvedOptions,
    private readonly budget: ByteBudget = new ByteBudget(opts.maxBufferedBytes),
  ) {
    this.limit = pLimit(opts.concurrency);
  }

  /** One logical request with retries; throws {@link IndexError} when every attempt failed. */
  async request(req: HttpRequest): Promise<HttpResponse> {
    if (this.opts.offline) throw new IndexError(OFFLINE_MISS, req.url);
    this.opts.onProgress({ kind: 'request', url: req.url });
    const host = hostOf(req.url);
    const breaker = { host, what: req.kind === 'page' ? 'page' : 'file', key: `${host} ${req.kind === 'page' ? 'page' : 'file'}` };
    let counted = false;
    // Leave waited for after an answer was set aside, and its budget: the next attempt takes it, else it is given back.
    const carried: Carried = { leave: null, budget: this.budget };
    for (let attempt = 0; ; ) {
      try {
        this.refuseHung(breaker, req.url);
        const res = await this.limit(async () => {
          // Checked again once the slot is ours: the host may have been given up while we queued.
          this.refuseHung(breaker, req.url);
          if (!counted) this.stats.byKind[req.kind ?? 'other']++;
          counted = true;
          const answer = await this.attempt(req, breaker.key, carried);
          this.silentHosts.set(breaker.key, 0);
          return answer;
        });
        this.opts.onProgress({ kind: 'done', url: req.url, fromCache: false });
        return res;
      } catch (err) {
        carried.leave?.release();
        carried.leave = null;
        if (err instanceof SetAside) {
          // Outside the slot and any timer, holding no leave: see the header.
          this.stats.setAside++;
          carried.leave = await err.budget.acquire(err.bytes);
          carried.budget = err.budget;
          continue;
        }
        if (!(err instanceof RetriableError) || attempt >= this.opts.retries) {
          throw toIndexError(err, req.url, attempt);
        }
        attempt++;
        this.stats.retries++;
        this.opts.onProgress({ kind: 'retry', url: req.url, attempt, reason: err.message });
        await sleep(backoffMs(attempt, this.opts.retryBaseMs, this.opts.retryMaxMs, err.retryAfterMs));
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

  /** One attempt; it takes `carried.leave` (owning it from then on) and hands its body's leave to the response. */
  private async attempt(req: HttpRequest, breakerKey: string, carried: Carried): Promise<HttpResponse> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.opts.timeoutMs);
    const held: { leave: Leave | null } = { leave: carried.leave };
    carried.leave = null;
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
          const location = res.headers.get('location') ?? '';
          // Not a URL is the server's answer, not the network failing: refused, not retried.
          const next = URL.canParse(location, url) ? new URL(location, url) : null;
          if (next === null) throw new IndexError(`redirect to ${JSON.stringify(location.slice(0, 200))}, which is not a URL, refused`, req.url);
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
        const plan = wantsBody && !req.sink && req.onHeaders ? await req.onHeaders({ status: res.status, length: lengthOf(res, decoded) }) : NO_HOLD;
        const budget = plan.budget ?? this.budget;
        // Leave carried over a set-aside serves only a body held under the budget it came from.
        if (!plan.hold || budget !== carried.budget) {
          held.leave?.release();
          held.leave = null;
        }
        if (!wantsBody) {
          await res.body?.cancel().catch(() => {});
          return { status: res.status, url, headers: res.headers, body: Buffer.alloc(0), release: noop };
        }
        const sink = req.sink ?? plan.sink ?? null;
        const body = await readBody(res, {
          what: req.what ?? 'body',
          encoded: decoded,
          maxBytes: plan.maxBytes ?? req.maxBytes,
          sink,
          held: plan.hold ? held : null,
          budget,
          controller,
          onBytes: (n) => (this.stats.bytes += n),
        });
        const leave = held.leave;
        held.leave = null;
        return { status: res.status, url, headers: res.headers, body, release: leave ? leave.release : noop };
      }
    } catch (err) {
      held.leave?.release();
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
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** Network-level failures (reset, refused, premature close) are worth retrying; ours are not. */
function classifyNetworkError(err: unknown): unknown {
  if (err instanceof RetriableError || err instanceof TooLargeError || err instanceof IndexError || err instanceof SetAside || err instanceof SinkError) return err;
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
