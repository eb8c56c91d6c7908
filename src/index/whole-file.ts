/**
 * A whole wheel, read by ranges wherever it is: a download spooled to a temporary file under the cache
 * folder, a local file in place, or (without a cache folder) a download held in memory under the byte
 * budget. zip-reader.ts then reads only its tail, central directory and METADATA, as over HTTP.
 *
 * Why spool rather than hold (measured on a cold `compat` against an index that ignores Range, 192
 * wheels of 20 MB and one of 100 MB, `npm run bench -- --only compat-16 --no-ranges --wheel-mb 20
 * --big-mb 100`): held whole in memory, each under the 32 MiB budget, 243 MiB peak RSS and 19 s, since
 * a wheel near the budget's size is downloaded alone and one over it (up to the 200 MiB cap) is held
 * whole; spooled, 166 MiB and 10 s, whatever the wheels' sizes (before either, 659 MiB and 24 s). The
 * cost is disk: one file per read in flight (at most twice `concurrency`), written once and read back
 * from the page cache.
 * The file is unlinked as soon as it is open (Linux, macOS: it lives on through its descriptor), so
 * a crash leaves nothing behind; where that is refused (Windows) it is removed on close. A folder that
 * cannot be written falls back to memory, as the cache does.
 */
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { mkdir, open, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BodyPlan, BodySink } from './body.js';
import type { HttpResponse } from './http.js';
import { localFileSize } from './local.js';
import type { RangeFetch, Segment } from './zip-reader.js';

/** A whole file read by ranges. */
export interface WholeFile {
  size: number;
  read: RangeFetch;
  /** What the zip reader starts from: the tail, or all of it when it is in memory already. */
  tail(tailBytes: number): Promise<Segment>;
  sha256(): Promise<string>;
  /** Its bytes are in memory already, under their own leave: reading them asks for none (asking while holding could deadlock). */
  inMemory: boolean;
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

  reset(): void {
    this.size = 0;
    this.hash = createHash('sha256');
  }

  async write(chunk: Buffer): Promise<void> {
    const at = this.size;
    this.size += chunk.length;
    this.hash.update(chunk);
    for (let done = 0; done < chunk.length; ) {
      done += (await this.handle.write(chunk, done, chunk.length - done, at + done)).bytesWritten;
    }
  }

  file(): WholeFile {
    const digest = this.hash.digest('hex');
    return onDisk(this.handle, this.size, async () => digest, () => this.close());
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => {});
    if (this.path) await unlink(this.path).catch(() => {});
  }
}

function onDisk(handle: FileHandle, size: number, sha256: () => Promise<string>, close: () => Promise<void>): WholeFile {
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
    size,
    read,
    tail: async (tailBytes) => {
      const start = Math.max(0, size - tailBytes);
      return { start, data: await read(start, size) };
    },
    sha256,
    inMemory: false,
    close,
  };
}

/** Bytes in memory (a held download): its tail is all of it, so the zip reader asks for no range (nor leave: the bytes' own covers them). */
export function inMemory(data: Buffer, release: () => void = () => {}): WholeFile {
  return {
    size: data.length,
    read: async (start, end) => data.subarray(start, end),
    tail: async () => ({ start: 0, data }),
    sha256: async () => createHash('sha256').update(data).digest('hex'),
    inMemory: true,
    close: async () => release(),
  };
}

/** A local file named by a `file:` URL, read in place (only what the zip reader asks for). */
export async function openLocal(url: string, maxBytes: number): Promise<WholeFile> {
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
 * folder), else held in memory under the byte budget. `plan` is the request's `onHeaders` answer for
 * it (called again at each attempt: the spool is reused, and reset by the HTTP client).
 */
export class WholeDownload {
  private spool: Spool | null = null;
  private spoolFailed = false;

  constructor(private readonly dir: string | null) {}

  async plan(): Promise<BodyPlan> {
    if (this.dir !== null && !this.spoolFailed) {
      try {
        this.spool ??= await Spool.open(this.dir);
        return { hold: false, sink: this.spool };
      } catch {
        // A folder that cannot be written costs memory, not the read.
        this.spoolFailed = true;
      }
    }
    return { hold: true };
  }

  /** The file, once the request answered with it; the caller closes it. */
  file(res: HttpResponse): WholeFile {
    const spool = this.spool;
    this.spool = null;
    return spool ? spool.file() : inMemory(res.body, res.release);
  }

  /** Give back what a request that did not answer with the whole file left behind. */
  async discard(): Promise<void> {
    await this.spool?.close();
    this.spool = null;
  }
}
