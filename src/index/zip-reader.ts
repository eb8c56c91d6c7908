/**
 * Reading one member of a zip (a wheel's `*.dist-info/METADATA`) from memory or over HTTP ranges,
 * in a bounded number of requests whatever the wheel.
 *
 * Zip layout: https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT (§4.3.14–16: ZIP64 end of
 * central directory record and locator, end of central directory record; §4.3.7 local file header).
 * The ranged path: (1) the caller fetches the tail ({@link TAIL_BYTES}: the 22-byte end record, a
 * comment of up to 64 KiB, and the 20-byte ZIP64 locator before it); (2) we parse the end record (and
 * the ZIP64 record when the locator points at one, one request when the tail does not hold it) to learn
 * where the central directory is and how big; (3) the whole central directory in one request unless the
 * tail already holds it (a directory over {@link MAX_CENTRAL_DIRECTORY_BYTES} is an error, not a
 * download; 64 KiB before it come along, where builders put `.dist-info`); (4) the member's local header, name, extra field and data in one request (the local extra
 * field may differ from the central one, so up to 64 KiB of slack is read past the name), unless held.
 * Real wheels have central directories of thousands of entries (tensorflow ~15,600): before, each
 * entry's header and name cost a request of their own.
 * yauzl still parses and inflates (well kept, validates names and sizes, knows ZIP64): it reads through
 * a reader that serves only from those prefetched segments, so its many small reads cost nothing; a
 * read outside them (a malformed zip) may fetch at most once more, then the read fails.
 * Traps: yauzl refuses unsafe member names (absolute, `..`) and size mismatches: both become errors.
 */
import { Readable } from 'node:stream';
import yauzl from 'yauzl';

/** Fetch bytes [start, end) of the remote file; must return exactly that many bytes. */
export type RangeFetch = (start: number, end: number) => Promise<Buffer>;

/** Choose the member to read from all member names; null when none fits. */
export type MemberPicker = (names: string[]) => string | null;

export interface ZipMember {
  name: string;
  data: Buffer;
}

/** Bytes [start, start + data.length) of the remote file. */
export interface Segment {
  start: number;
  data: Buffer;
}

/** The end record (22), its longest comment (65,535) and the ZIP64 locator before it (20): what yauzl reads first. */
export const TAIL_BYTES = 22 + 65_535 + 20;
export const MAX_CENTRAL_DIRECTORY_BYTES = 64 * 1024 * 1024;
const MAX_MEMBER_BYTES = 16 * 1024 * 1024;
/** Local extra fields are at most 65,535 bytes: read that much past the local name. */
const LOCAL_SLACK = 65_535;
/** Read this much before a central directory that the tail does not hold. */
const BEFORE_DIRECTORY = 64 * 1024;
/** Reads yauzl may still make outside the prefetched segments before the zip is called malformed. */
const MAX_STRAY_FETCHES = 1;

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;

class SegmentReader extends yauzl.RandomAccessReader {
  private stray = 0;

  constructor(
    private readonly segments: Segment[],
    private readonly fetchRange: RangeFetch,
  ) {
    super();
  }

  held(start: number, end: number): Buffer | null {
    for (const seg of this.segments) {
      if (start >= seg.start && end <= seg.start + seg.data.length) {
        return seg.data.subarray(start - seg.start, end - seg.start);
      }
    }
    return null;
  }

  async fetch(start: number, end: number): Promise<Buffer> {
    const data = await this.fetchRange(start, end);
    if (data.length !== end - start) throw new Error(`range ${start}-${end - 1} returned ${data.length} bytes`);
    this.segments.push({ start, data });
    return data;
  }

  private async bytes(start: number, end: number): Promise<Buffer> {
    const hit = this.held(start, end);
    if (hit) return hit;
    if (++this.stray > MAX_STRAY_FETCHES) throw new Error(`malformed zip: read of bytes ${start}-${end - 1} outside its central directory and member`);
    return this.fetch(start, end);
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null) => void): void {
    this.bytes(position, position + length).then(
      (data) => {
        data.copy(buffer, offset);
        callback(null);
      },
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
    );
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const bytes = this.bytes.bind(this);
    return Readable.from(
      (async function* () {
        yield await bytes(start, end);
      })(),
    );
  }
}

/** Read one member of an in-memory zip. */
export async function readZipMember(buffer: Buffer, pick: MemberPicker): Promise<ZipMember | null> {
  const zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, autoClose: false });
  return readFrom(zip, pick, async () => {});
}

/** Where the central directory is, from the end record (and the ZIP64 record when there is one). */
export interface CentralDirectory {
  offset: number;
  size: number;
  entries: number;
}

function u64(buf: Buffer, at: number): number {
  const n = buf.readBigUInt64LE(at);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('malformed zip: a ZIP64 field is over 2^53');
  return Number(n);
}

/** Find the end record in the tail: the last signature whose comment length reaches the file's end. */
function findEndRecord(tail: Segment, size: number): number {
  const buf = tail.data;
  for (let i = buf.length - 22; i >= 0; i--) {
    if (buf.readUInt32LE(i) !== EOCD_SIG) continue;
    if (tail.start + i + 22 + buf.readUInt16LE(i + 20) === size) return i;
  }
  throw new Error('not a zip: no end of central directory record in its last 64 KiB');
}

/** Parse the end records; `more` fetches the ZIP64 record when the tail does not hold it. */
export async function locateCentralDirectory(
  tail: Segment,
  size: number,
  held: (start: number, end: number) => Buffer | null,
  more: (start: number, end: number) => Promise<Buffer>,
): Promise<CentralDirectory> {
  const at = findEndRecord(tail, size);
  const eocd = tail.data.subarray(at, at + 22);
  let cd: CentralDirectory = { entries: eocd.readUInt16LE(10), size: eocd.readUInt32LE(12), offset: eocd.readUInt32LE(16) };
  const locAt = at - 20;
  if (locAt >= 0 && tail.data.readUInt32LE(locAt) === ZIP64_LOCATOR_SIG) {
    const recordAt = u64(tail.data, locAt + 8);
    if (recordAt + 56 > tail.start + locAt) throw new Error('malformed zip: ZIP64 end record after its locator');
    const record = held(recordAt, recordAt + 56) ?? (await more(recordAt, recordAt + 56));
    if (record.readUInt32LE(0) !== ZIP64_EOCD_SIG) throw new Error('malformed zip: no ZIP64 end of central directory record where its locator points');
    cd = { entries: u64(record, 32), size: u64(record, 40), offset: u64(record, 48) };
  }
  if (cd.size > MAX_CENTRAL_DIRECTORY_BYTES) {
    throw new Error(`zip central directory is ${cd.size} bytes, over the ${MAX_CENTRAL_DIRECTORY_BYTES}-byte limit`);
  }
  if (cd.offset + cd.size > size) throw new Error(`malformed zip: central directory ${cd.offset}+${cd.size} past the end (${size} bytes)`);
  return cd;
}

/**
 * Read one member of a remote zip of `size` bytes, given its `tail` (the last {@link TAIL_BYTES}, or
 * all of it when smaller): at most three more range requests (ZIP64 record, central directory, member).
 */
export async function readZipMemberRanged(size: number, tail: Segment, fetchRange: RangeFetch, pick: MemberPicker): Promise<ZipMember | null> {
  const reader = new SegmentReader([tail], fetchRange);
  const cd = await locateCentralDirectory(tail, size, (s, e) => reader.held(s, e), (s, e) => reader.fetch(s, e));
  if (!reader.held(cd.offset, cd.offset + cd.size)) {
    // Builders write .dist-info last, just before the directory: a little more before it usually
    // brings METADATA along, saving the member's request.
    const from = Math.max(0, cd.offset - BEFORE_DIRECTORY);
    await reader.fetch(from, cd.offset + cd.size);
  }
  const zip = await yauzl.fromRandomAccessReaderPromise(reader, size, { lazyEntries: true, autoClose: false });
  return readFrom(zip, pick, async (entry) => {
    const lho = entry.relativeOffsetOfLocalHeader;
    const header = reader.held(lho, lho + 30);
    if (header) {
      const dataEnd = lho + 30 + header.readUInt16LE(26) + header.readUInt16LE(28) + entry.compressedSize;
      if (reader.held(lho, dataEnd)) return;
    }
    await reader.fetch(lho, Math.min(size, lho + 30 + entry.fileNameLength + LOCAL_SLACK + entry.compressedSize));
  });
}

async function readFrom(zip: yauzl.ZipFile, pick: MemberPicker, prefetch: (entry: yauzl.Entry) => Promise<void>): Promise<ZipMember | null> {
  try {
    const entries = new Map<string, yauzl.Entry>();
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
    const name = pick([...entries.keys()]);
    const entry = name === null ? undefined : entries.get(name);
    if (name === null || !entry) return null;
    if (entry.uncompressedSize > MAX_MEMBER_BYTES || entry.compressedSize > MAX_MEMBER_BYTES) {
      throw new Error(`${name} is ${entry.uncompressedSize} bytes, over the ${MAX_MEMBER_BYTES}-byte limit`);
    }
    await prefetch(entry);
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name, data: Buffer.concat(chunks) };
  } finally {
    zip.close();
  }
}
