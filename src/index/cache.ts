/**
 * The on-disk cache: simple pages (fresh for their `max-age`, then revalidated with ETag /
 * Last-Modified) and release metadata
 * (immutable, keyed by the file's sha256, or by its URL when the index gives no hash).
 *
 * Every path is `<cacheDir>/<kind>/<hh>/<sha256 of the key>.json`: never built from a URL or a
 * filename, so a hostile href cannot steer a write outside the cache. Writes go to a temporary file
 * in the same directory and are renamed into place, so a crash or a concurrent run never leaves a
 * half-written entry; unreadable or malformed entries are treated as misses, and so is an entry that
 * is not a regular file (a FIFO would block the synchronous read, and with it the whole process; a
 * link to /dev/zero would read until the heap gave out): it is opened non-blocking and checked
 * before a byte is read. The next write renames a regular entry over it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CoreMetadata, MetadataSource } from '../pypi/index.js';

export interface CachedPage {
  /** The URL after redirects, the base of the page's hrefs. */
  finalUrl: string;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  body: string;
  /** Epoch ms until which the page is fresh (`Cache-Control: max-age` minus `Age`); absent = stale. */
  freshUntil?: number;
}

export type CachedMetadata =
  | { status: 'ok'; metadata: CoreMetadata; source: MetadataSource; file: string }
  | { status: 'unavailable'; reason: string; requiresPython?: string | null };

/** A file's digests, keyed by URL + ETag/Last-Modified + size (or path + mtime + size). */
export interface CachedDigest {
  hashes: Record<string, string>;
  size: number;
}

type Kind = 'pages' | 'metadata' | 'digests';
/**
 * Each kind's entry format; an entry of another is a miss. Pages 2: bodies decoded in their charset
 * (were UTF-8 whatever they declared). Metadata 2: an sdist with egg-info and no requires.txt requires
 * nothing (was "no static dependency metadata"), so a format-1 `unavailable` is a miss; a format-1
 * `ok` still stands (what was read is unchanged).
 */
const FORMATS: Record<Kind, number> = { pages: 2, metadata: 2, digests: 1 };
const STILL_READ: Partial<Record<Kind, { format: number; valid: (v: unknown) => boolean }>> = {
  metadata: { format: 1, valid: (v) => isRecord(v) && v['status'] === 'ok' },
};

/** Whether an entry written in `format` still stands: the current format, or an older one whose value is unchanged. */
function stillStands(kind: Kind, format: unknown, value: unknown): boolean {
  if (format === FORMATS[kind]) return true;
  const older = STILL_READ[kind];
  return older !== undefined && format === older.format && older.valid(value);
}
/** An entry larger than this is a miss: a page is capped at 20 MiB by default, and its JSON copy is a few times that at most. */
const MAX_ENTRY_BYTES = 256 * 1024 * 1024;

/** A regular file's text, or null for anything else (a FIFO, a device, a directory) or one over the cap. */
function readEntry(file: string): string | null {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    return st.isFile() && st.size <= MAX_ENTRY_BYTES ? readFileSync(fd, 'utf8') : null;
  } finally {
    closeSync(fd);
  }
}

export class DiskCache {
  constructor(private readonly dir: string | null) {}

  get enabled(): boolean {
    return this.dir !== null;
  }

  getPage(url: string): Promise<CachedPage | null> {
    return this.read('pages', url, isCachedPage);
  }

  putPage(url: string, page: CachedPage): Promise<void> {
    return this.write('pages', url, page);
  }

  getMetadata(key: string): Promise<CachedMetadata | null> {
    return this.read('metadata', key, isCachedMetadata);
  }

  putMetadata(key: string, value: CachedMetadata): Promise<void> {
    return this.write('metadata', key, value);
  }

  getDigest(key: string): Promise<CachedDigest | null> {
    return this.read('digests', key, isCachedDigest);
  }

  putDigest(key: string, value: CachedDigest): Promise<void> {
    return this.write('digests', key, value);
  }

  private pathOf(kind: Kind, key: string): { dir: string; file: string } | null {
    if (this.dir === null) return null;
    const hash = createHash('sha256').update(`${kind}\0${key}`).digest('hex');
    const dir = join(this.dir, kind, hash.slice(0, 2));
    return { dir, file: join(dir, `${hash}.json`) };
  }

  private async read<T>(kind: Kind, key: string, valid: (v: unknown) => v is T): Promise<T | null> {
    const where = this.pathOf(kind, key);
    if (!where) return null;
    try {
      // Synchronous on purpose: entries are small and a warm run reads hundreds of them; each
      // fs/promises read is four thread-pool round trips (open, stat, read, close), which profiled
      // as ~15% of a warm compat run, against a few ms read in place.
      const text = readEntry(where.file);
      if (text === null) return null;
      const parsed: unknown = JSON.parse(text);
      if (!isRecord(parsed) || parsed['key'] !== key) return null;
      const value = parsed['value'];
      return stillStands(kind, parsed['format'], value) && valid(value) ? value : null;
    } catch {
      return null;
    }
  }

  private async write(kind: Kind, key: string, value: unknown): Promise<void> {
    const where = this.pathOf(kind, key);
    if (!where) return;
    const tmp = `${where.file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(where.dir, { recursive: true });
      await writeFile(tmp, JSON.stringify({ format: FORMATS[kind], key, value }));
      await rename(tmp, where.file);
    } catch {
      // A cache that cannot be written only costs a refetch next time.
      await unlink(tmp).catch(() => {});
    }
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const strOrNull = (v: unknown): boolean => v === null || typeof v === 'string';

function isCachedPage(v: unknown): v is CachedPage {
  return (
    isRecord(v) &&
    typeof v['finalUrl'] === 'string' &&
    typeof v['body'] === 'string' &&
    strOrNull(v['contentType']) &&
    strOrNull(v['etag']) &&
    strOrNull(v['lastModified']) &&
    (v['freshUntil'] === undefined || typeof v['freshUntil'] === 'number')
  );
}

function isCachedMetadata(v: unknown): v is CachedMetadata {
  if (!isRecord(v)) return false;
  if (v['status'] === 'unavailable') return typeof v['reason'] === 'string' && (v['requiresPython'] === undefined || v['requiresPython'] === null || typeof v['requiresPython'] === 'string');
  if (v['status'] !== 'ok' || typeof v['file'] !== 'string' || typeof v['source'] !== 'string') return false;
  const m = v['metadata'];
  return isRecord(m) && typeof m['name'] === 'string' && Array.isArray(m['requiresDist']);
}

function isCachedDigest(v: unknown): v is CachedDigest {
  if (!isRecord(v) || typeof v['size'] !== 'number' || !isRecord(v['hashes'])) return false;
  return Object.values(v['hashes']).every((h) => typeof h === 'string' && /^[0-9a-f]+$/.test(h));
}
