/**
 * When to try an HTTP request again, and how long to wait first.
 *
 * Retried: 408, 429 and 5xx (except 501/505, which will not change), connection resets and refusals,
 * our own per-request timeout, and bodies shorter than their Content-Length. Waits grow exponentially
 * with "equal jitter" (half fixed, half random) so parallel clients do not retry in lockstep; a
 * `Retry-After` (seconds or HTTP-date, RFC 9110 §10.2.3) replaces the computed wait, capped.
 */

/** A failure worth another attempt; `retryAfterMs` comes from the server when it said so. */
export class RetriableError extends Error {
  override readonly name = 'RetriableError';
  readonly status?: number;
  readonly retryAfterMs?: number;
  override readonly cause?: unknown;
  constructor(message: string, opts: { status?: number; retryAfterMs?: number; cause?: unknown } = {}) {
    super(message);
    if (opts.status !== undefined) this.status = opts.status;
    if (opts.retryAfterMs !== undefined) this.retryAfterMs = opts.retryAfterMs;
    if (opts.cause !== undefined) this.cause = opts.cause;
  }
}

export function isRetriableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/** `Retry-After` in ms, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/^[A-Za-z]{3}, /.test(trimmed)) return undefined; // IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** The wait before retry number `attempt` (1-based). */
export function backoffMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, maxMs);
  const exp = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(exp / 2 + (random() * exp) / 2);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
