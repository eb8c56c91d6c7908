/**
 * Reading one answer's body (for http.ts): its cap, its truncation, and the byte budget's leave.
 *
 * Bodies are streamed and aborted as soon as they pass the cap. A body shorter than its Content-Length
 * is a truncation (retried); when fetch() decoded a Content-Encoding the length is of the encoded
 * bytes, so it is not compared then (a `raw` answer is not decoded: see raw-fetch.ts). A body with a
 * known length is written straight into one buffer of that size. One streamed to a sink (hashes, a
 * file) is not buffered, and what the sink kept of an answer that failed is dropped at once; a sink
 * that fails is our failure, not retried.
 * A held body (see http.ts) takes leave for its length before its first byte is read, under its
 * plan's budget: the byte budget for a body kept in memory, the spool budget for one streamed to a
 * spool file (whole-file.ts), whose bytes on disk are held the same way. One without a usable length
 * (chunked, or a Content-Encoding) takes {@link UNKNOWN_LENGTH_LEAVE} and tries for twice as much
 * whenever it outgrows it. Leave that cannot be had at once ends the read with {@link SetAside},
 * asking that budget for at least twice what was held, which the request waits for.
 */
import type { ByteBudget, Leave } from './byte-budget.js';
import { RetriableError } from './retry.js';

export interface AnswerHead {
  status: number;
  /** The body's length from Content-Length; null when not given, or of encoded bytes. */
  length: number | null;
}

/** How an answer's body is read, decided once its headers are in (`HttpRequest.onHeaders`). */
export interface BodyPlan {
  /** Hold it under a budget: leave for every byte before it is kept (in memory, or in the plan's sink). */
  hold: boolean;
  /** The budget it is held under; default the client's byte budget (memory). */
  budget?: ByteBudget;
  /** The cap for this answer, in place of the request's. */
  maxBytes?: number;
  /** Stream this answer's body here (as the request's `sink`; a file on disk, say) instead of buffering it. */
  sink?: BodySink;
}

/** Where a streamed body goes, e.g. hashes being updated or a file; a write or reset that returns a promise is awaited. */
export interface BodySink {
  /** Drop what was written: before each attempt, and after one that failed. */
  reset(): void | Promise<void>;
  write(chunk: Buffer): void | Promise<void>;
}

/** Leave first taken for a body of unknown length; it grows by doubling. */
export const UNKNOWN_LENGTH_LEAVE = 1024 * 1024;

/** A body that grew past its cap: not retried. */
export class TooLargeError extends Error {
  override readonly name = 'TooLargeError';
}

/** A sink that failed (a disk full): our failure, not the server's, so not retried. */
export class SinkError extends Error {
  override readonly name = 'SinkError';
}

/** An answer set aside: its body needs `bytes` of leave from `budget` that could not be had at once (see http.ts). */
export class SetAside extends Error {
  override readonly name = 'SetAside';
  constructor(
    readonly bytes: number,
    readonly budget: ByteBudget,
  ) {
    super(`waiting for leave to hold ${bytes} bytes`);
  }
}

export interface BodyRead {
  what: string;
  /** fetch() decoded the body: its Content-Length (of the encoded bytes) is not its length. */
  encoded: boolean;
  maxBytes: number;
  sink: BodySink | null;
  /** The attempt's leave when the body is held (carried over a set-aside, or null until taken); null when not held. */
  held: { leave: Leave | null } | null;
  /** The budget a held body takes its leave from. */
  budget: ByteBudget;
  controller: AbortController;
  /** Counts every byte received. */
  onBytes: (n: number) => void;
}

/** The body's length as read: Content-Length, unless fetch() decoded the body (the length is then of the encoded bytes). */
export function lengthOf(res: Response, encoded: boolean): number | null {
  return encoded ? null : parseLength(res.headers.get('content-length'));
}

function parseLength(value: string | null): number | null {
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  return Number(value.trim());
}

/**
 * Leave for `bytes` of body: the leave in hand (carried over a set-aside) when it covers them or can
 * grow to, else a new one if it can be had at once; else the answer is set aside (its body cancelled
 * unread) to wait for `want`.
 */
async function takeLeave(held: { leave: Leave | null }, budget: ByteBudget, bytes: number, want: number, res: Response): Promise<void> {
  if (held.leave ? held.leave.tryGrow(bytes) : (held.leave = budget.tryAcquire(bytes)) !== null) return;
  held.leave?.release();
  held.leave = null;
  await res.body?.cancel().catch(() => {});
  throw new SetAside(want, budget);
}

/** Hand a chunk to the sink; one that fails (a disk full) ends the body as our failure, not the server's. */
async function feed(sink: BodySink, chunk: Buffer, what: string, controller: AbortController): Promise<void> {
  try {
    await sink.write(chunk);
  } catch (err) {
    controller.abort();
    throw new SinkError(`cannot keep the ${what}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/** The body (empty when streamed to a sink); throws TooLargeError, SinkError, SetAside or a RetriableError truncation. */
export async function readBody(res: Response, r: BodyRead): Promise<Buffer> {
  try {
    return await read(res, r);
  } catch (err) {
    // What a sink kept of a failed answer is dropped now, not at the next attempt: a set-aside or a
    // retry waits holding no leave, so it must hold no bytes either (a spool file on disk).
    if (r.sink) await Promise.resolve(r.sink.reset()).catch(() => {});
    throw err;
  }
}

async function read(res: Response, r: BodyRead): Promise<Buffer> {
  const { what, maxBytes, sink, held, controller } = r;
  const declared = parseLength(res.headers.get('content-length'));
  const length = lengthOf(res, r.encoded);
  if (length !== null && length > maxBytes) {
    controller.abort();
    throw new TooLargeError(`${what} is ${length} bytes, over the ${maxBytes}-byte limit`);
  }
  // At least `bytes` and twice what is held, up to the cap: a set-aside waits for that much.
  const more = (bytes: number): number => Math.min(maxBytes, Math.max(bytes, 2 * (held?.leave?.bytes ?? 0)));
  if (held) {
    const first = length ?? Math.min(maxBytes, UNKNOWN_LENGTH_LEAVE);
    await takeLeave(held, r.budget, first, more(first), res);
  }
  // With a known length the body is written straight into one buffer of that size: collecting
  // copies of the chunks and concatenating them held each body two or three times over.
  let into = length !== null && !sink && length > 0 ? Buffer.allocUnsafe(length) : null;
  const chunks: Buffer[] = [];
  let total = 0;
  await sink?.reset();
  if (res.body) {
    try {
      for await (const chunk of res.body) {
        const bytes = chunk as Uint8Array;
        // A view, not a copy: the stream hands the chunk over.
        const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        total += buf.length;
        r.onBytes(buf.length);
        if (total > maxBytes) {
          controller.abort();
          throw new TooLargeError(`${what} exceeds the ${maxBytes}-byte limit`);
        }
        if (held?.leave && total > held.leave.bytes && !held.leave.tryGrow(more(total))) {
          const want = more(total);
          controller.abort();
          throw new SetAside(want, r.budget);
        }
        if (sink) await feed(sink, buf, what, controller);
        else if (into && total <= into.length) buf.copy(into, total - buf.length);
        else {
          // More than Content-Length said: collect the rest, the length check below refuses it.
          if (into) chunks.push(into.subarray(0, total - buf.length));
          into = null;
          chunks.push(buf);
        }
      }
    } catch (err) {
      if (err instanceof TooLargeError || err instanceof SinkError || controller.signal.aborted) throw err;
      // undici reports a connection closed mid-body as `terminated`: say what it means.
      const of = declared !== null ? ` of ${declared}` : '';
      throw new RetriableError(`truncated ${what}: connection closed after ${total}${of} bytes`, { cause: err });
    }
  }
  if (length !== null && total !== length) {
    throw new RetriableError(`truncated ${what}: got ${total} of ${length} bytes`);
  }
  // A streamed body stays empty: Buffer.concat([], total) would allocate `total` zero bytes.
  if (sink) return Buffer.alloc(0);
  return into && total === into.length ? into : Buffer.concat(chunks, total);
}
