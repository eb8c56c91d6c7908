/**
 * A whole wheel on disk, read by ranges: a download spooled to a temporary file under the cache folder,
 * or a local file in place; zip-reader.ts reads only its tail, central directory and METADATA, as
 * over HTTP. Without a cache folder a download is held in memory under the byte budget instead.
 *
 * Why spool rather than hold (a cold `compat` against an index that ignores Range, 192 wheels of 20
 * MB and one of 100 MB, `npm run bench -- --only compat-16 --no-ranges --wheel-mb 20 --big-mb 100`,
 * four runs each on two loaded cores): held in memory under the 32 MiB budget, 257-285 MiB peak RSS
 * and 15-24 s, since a wheel near the budget's size is downloaded alone (and set aside, sent again)
 * and one over it (up to the 200 MiB cap) is held whole; spooled, 158-170 MiB and 10-16 s, whatever
 * the wheels' sizes (before either, every read held its wheel: 644-687 MiB, 14-16 s). The cost is
 * disk: one file per read in flight (at most twice `concurrency`), written once and read back from
 * the page cache.
 * The file is unlinked as soon as it is open (Linux, macOS: it lives on through its descriptor), so
 * a crash leaves nothing behind; where that is refused (Windows) it is removed on close. A folder that
 * cannot be written falls back to memory, as the cache does.
 * Disk is bounded as memory is: a spooled body is held under the spool budget (a second ByteBudget,
 * 1 GiB by default), leave for its bytes taken as they arrive, the way the HTTP client holds a body in
 * memory (http.ts: set aside and sent again when there is no room, a wheel over the budget alone),
 * and given back when the file is closed. One order keeps the two budgets free of deadlock: a spool
 * holds its disk leave while its directory and member are read under memory leave, and nothing that
 * holds memory leave waits for disk leave.
 */
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { mkdir, open, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BodyPlan, BodySink } from './body.js';
import type { ByteBudget } from './byte-budget.js';
import type { HttpResponse } from './http.js';
import { localFileSize } from './local.js';
import type { RangeFetch, Segment } from './zip-reader.js';

/**
 * A whole wheel: on disk (a spool or a local file), read by ranges; or in memory (a held download, a
 * small wheel's one range), read as before with yauzl, which asks for no leave (its bytes hold theirs).
 */
export type WholeFile = OnDisk | InMemory;

export interface OnDisk {
  kind: 'disk';
  size: number;
  read: RangeFetch;
  /** The last `bytes` (all of it when smaller), what the zip reader starts from. */
  tail(bytes: number): Promise<Segment>;
  sha256(): Promise<string>;
  close(): Promise<void>;
}

export interface InMemory {
  kind: 'memory';
  data: Buffer;
  /** Gives its leave back. */
  close(): Promise<void>;
}

/** A download's body, written to disk as it arrives; hashed on the way, so it is never read twice for its sha256. */
class Spool implements BodySink {
  private hash: Hash = createHash('sha256');
  size = 0;

  private constructor(
    private readonly handle: FileHandle,
    private readonly path: string | null,
  ) {}

  static async open(dir: string): Promise<Spool> {
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${process.pid}-${randomBytes(8).toString('hex')}.part`);
    const handle = await open(path, 'wx+', 0o600);
    const unlinked = await unlink(path).then(() => true, () => false);
    return new Spool(handle, unlinked ? null : path);
  }

  /** Emptied, not only rewound: bytes left of a failed attempt would be on disk outside any leave. */
  async reset(): Promise<void> {
    this.size = 0;
    this.hash = createHash('sha256');
    await this.handle.truncate(0);
  }

  async write(chunk: Buffer): Promise<void> {
    const at = this.size;
    this.size += chunk.length;
    this.hash.update(chunk);
    for (let done = 0; done < chunk.length; ) {
      done += (await this.handle.write(chunk, done, chunk.length - done, at + done)).bytesWritten;
    }
  }

  /** The file written; closing it also calls `release` (its disk leave). */
  file(release: () => void): OnDisk {
    const digest = this.hash.digest('hex');
    return onDisk(this.handle, this.size, async () => digest, async () => {
      await this.close();
      release();
    });
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => {});
    if (this.path) await unlink(this.path).catch(() => {});
  }
}

function onDisk(handle: FileHandle, size: number, sha256: () => Promise<string>, close: () => Promise<void>): OnDisk {
  const read = async (start: number, end: number): Promise<Buffer> => {
    const buf = Buffer.allocUnsafe(Math.max(0, Math.min(end, size) - start));
    let got = 0;
    while (got < buf.length) {
      const { bytesRead } = await handle.read(buf, got, buf.length - got, start + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return buf.subarray(0, got);
  };
  return {
    kind: 'disk',
    size,
    read,
    tail: async (bytes) => {
      const start = Math.max(0, size - bytes);
      return { start, data: await read(start, size) };
    },
    sha256,
    close,
  };
}

export function inMemory(data: Buffer, release: () => void = () => {}): InMemory {
  return { kind: 'memory', data, close: async () => release() };
}

/** A local file named by a `file:` URL, read in place (only what the zip reader asks for). */
export async function openLocal(url: string, maxBytes: number): Promise<OnDisk> {
  // Checked before opening: opening a FIFO would block.
  await localFileSize(url, maxBytes);
  const handle = await open(fileURLToPath(url), 'r');
  try {
    const { size } = await handle.stat();
    const sha256 = async (): Promise<string> => {
      const hash = createHash('sha256');
      const chunk = Buffer.allocUnsafe(1024 * 1024);
      for (let at = 0; at < size; ) {
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, at);
        if (bytesRead === 0) break;
        hash.update(chunk.subarray(0, bytesRead));
        at += bytesRead;
      }
      return hash.digest('hex');
    };
    return onDisk(handle, size, sha256, () => handle.close());
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/**
 * How one download keeps an answer that is the whole file: spooled under `dir` (null: no cache
 * folder) and held under `disk`, else held in memory under the byte budget. `plan` is the request's
 * `onHeaders` answer for it (called again at each attempt: the spool is reused, and reset by the
 * HTTP client).
 */
export class WholeDownload {
  private spool: Spool | null = null;
  private spoolFailed = false;

  constructor(
    private readonly dir: string | null,
    private readonly disk: ByteBudget,
  ) {}

  async plan(): Promise<BodyPlan> {
    if (this.dir !== null && !this.spoolFailed) {
      try {
        this.spool ??= await Spool.open(this.dir);
        return { hold: true, budget: this.disk, sink: this.spool };
      } catch {
        // A folder that cannot be written costs memory, not the read.
        this.spoolFailed = true;
      }
    }
    return { hold: true };
  }

  /** The file, once the request answered with it; the caller closes it, which gives its leave back. */
  file(res: HttpResponse): WholeFile {
    const spool = this.spool;
    this.spool = null;
    return spool ? spool.file(res.release) : inMemory(res.body, res.release);
  }

  /** Give back what a request that did not answer with the whole file left behind. */
  async discard(): Promise<void> {
    await this.spool?.close();
    this.spool = null;
  }
}
