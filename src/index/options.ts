/**
 * The index client's options, progress events and its one error type.
 *
 * `IndexError` is an infrastructure failure that survived the retries (the CLI maps it to exit 3);
 * a single project or release never throws out of `fetchNeeds`, it becomes a state with a reason.
 */
import envPaths from 'env-paths';

export interface IndexClientOptions {
  /** PEP 503 / PEP 691 simple index: http(s), `file:` URL or a local directory. */
  indexUrl: string;
  extraIndexUrls?: string[];
  /** The mirror(s): URLs of find-links pages, `file:` URLs or local directories. */
  findLinks?: string[];
  /** Where pages and metadata are cached; null disables the cache. */
  cacheDir: string | null;
  /** Use only the cache: nothing is fetched over the network. */
  offline?: boolean;
  /** Revalidate every cached page, even one still fresh by its `Cache-Control: max-age`. */
  refresh?: boolean;
  /** Concurrent HTTP requests (default 8). */
  concurrency?: number;
  /** Per request, covering the whole body (default 30000). */
  timeoutMs?: number;
  /** Retries after the first attempt on 429/5xx/reset/timeout/truncation (default 3). */
  retries?: number;
  /** Base of the exponential backoff in ms (default 250); tests make it small. */
  retryBaseMs?: number;
  /** Cap on any wait between attempts, Retry-After included (default 30000). */
  retryMaxMs?: number;
  /** Cap on a simple page or find-links page (default 20 MiB). */
  maxPageBytes?: number;
  /** Cap on a downloaded distribution (default 200 MiB). */
  maxDownloadBytes?: number;
  /**
   * Bytes that wheel and sdist reads hold at once: central directories and members of ranged reads,
   * and whole downloads (default 32 MiB; one larger than this is read alone). Reads in flight are also
   * capped at twice `concurrency`, so the tails they hold are bounded too.
   */
  maxBufferedBytes?: number;
  /**
   * Bytes whole wheels spooled to disk under the cache folder hold at once (default 1 GiB; one larger
   * than this is spooled alone): a spool waits for room rather than fill the disk (whole-file.ts).
   */
  maxSpoolBytes?: number;
  onProgress?: (e: ProgressEvent) => void;
  userAgent?: string;
}

export type ProgressEvent =
  | { kind: 'request'; url: string }
  | { kind: 'done'; url: string; fromCache: boolean }
  | { kind: 'retry'; url: string; attempt: number; reason: string };

/** An infrastructure failure after retries: unreachable host, 5xx, timeout, truncated or oversized body. */
export class IndexError extends Error {
  override readonly name = 'IndexError';
  readonly url: string;
  readonly status?: number;
  override readonly cause?: unknown;

  constructor(message: string, url: string, opts: { status?: number; cause?: unknown } = {}) {
    super(message);
    this.url = url;
    if (opts.status !== undefined) this.status = opts.status;
    if (opts.cause !== undefined) this.cause = opts.cause;
  }
}

/** Why something was not fetched with `offline`: the words every offline miss is reported with. */
export const OFFLINE_MISS = 'not in cache (offline)';

/** The options with their defaults filled in. */
export interface ResolvedOptions {
  indexUrls: string[];
  findLinks: string[];
  cacheDir: string | null;
  offline: boolean;
  refresh: boolean;
  concurrency: number;
  timeoutMs: number;
  retries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxPageBytes: number;
  maxDownloadBytes: number;
  maxBufferedBytes: number;
  maxSpoolBytes: number;
  onProgress: (e: ProgressEvent) => void;
  userAgent: string;
}

const MiB = 1024 * 1024;

export function resolveOptions(opts: IndexClientOptions): ResolvedOptions {
  return {
    indexUrls: [opts.indexUrl, ...(opts.extraIndexUrls ?? [])],
    findLinks: opts.findLinks ?? [],
    cacheDir: opts.cacheDir,
    offline: opts.offline ?? false,
    refresh: opts.refresh ?? false,
    concurrency: Math.max(1, opts.concurrency ?? 8),
    timeoutMs: opts.timeoutMs ?? 30_000,
    retries: Math.max(0, opts.retries ?? 3),
    retryBaseMs: opts.retryBaseMs ?? 250,
    retryMaxMs: opts.retryMaxMs ?? 30_000,
    maxPageBytes: opts.maxPageBytes ?? 20 * MiB,
    maxDownloadBytes: opts.maxDownloadBytes ?? 200 * MiB,
    maxBufferedBytes: Math.max(1, opts.maxBufferedBytes ?? 32 * MiB),
    maxSpoolBytes: Math.max(1, opts.maxSpoolBytes ?? 1024 * MiB),
    onProgress: opts.onProgress ?? (() => {}),
    userAgent: opts.userAgent ?? 'pyup-checks/0.1.0',
  };
}

/** A short, human reason for any thrown value. */
export function describeError(err: unknown): string {
  if (err instanceof IndexError) return `${err.message} (${err.url})`;
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return `${err.message}${cause}`;
  }
  return String(err);
}

/**
 * The cache directory when `--cache-dir` is not given: `$PYUP_CHECKS_CACHE`, else the user cache dir
 * (`~/.cache/pyup-checks` on Linux, `~/Library/Caches/pyup-checks` on macOS).
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['PYUP_CHECKS_CACHE'];
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : envPaths('pyup-checks', { suffix: '' }).cache;
}
