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
 * The ranged path parses the central directory itself ({@link scanCentralDirectory}) rather than
 * through yauzl: yauzl reads each entry through the async RandomAccessReader (two reads an entry,
 * each a promise and a callback), which profiled at ~15 µs an entry, seconds for a corpus of
 * 16,000-member wheels; a scan of the prefetched buffer is ~100× faster. The scan checks what matters
 * when only one member is inflated: signatures, bounds of every field, ZIP64 extra fields, stored or
 * deflated only, no encryption, the inflated size against the directory's (inflateRawSync with
 * maxOutputLength, so a bomb stops at the cap). Whole wheels on disk are read the same way
 * (whole-file.ts). In-memory zips (downloads without a cache folder, small wheels, zip sdists) still go
 * through yauzl, which also refuses unsafe member names and size mismatches: both become errors.
 */
import { inflateRawSync } from 'node:zlib';
import type yauzl from 'yauzl';

/** A central directory or member over its cap: a verdict on the file, which a download would only repeat. */
export class ZipLimitError extends Error {
  override readonly name = 'ZipLimitError';
}

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

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;

/** Bytes [start, end) when `seg` holds them all, else null. */
function heldIn(seg: Segment, start: number, end: number): Buffer | null {
  return start >= seg.start && end <= seg.start + seg.data.length ? seg.data.subarray(start - seg.start, end - seg.start) : null;
}

/** A range that must come back whole (a short answer would be misread as a malformed zip). */
async function fetchExactly(fetchRange: RangeFetch, start: number, end: number): Promise<Buffer> {
  const data = await fetchRange(start, end);
  if (data.length !== end - start) throw new Error(`range ${start}-${end - 1} returned ${data.length} bytes`);
  return data;
}

/**
 * Leave to hold `bytes` fetched bytes until the returned release is called (see byte-budget.ts):
 * the ranged read asks before fetching a central directory or a member, and never holds two leaves.
 */
export type ByteLeave = (bytes: number) => Promise<() => void>;
const UNBOUNDED: ByteLeave = () => Promise.resolve(() => {});

/** One central directory entry: what it takes to find and inflate the member. */
export interface DirectoryEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const CD_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

/**
 * The entries of a central directory held in `dir` (exactly its bytes) whose name ends with `suffix`
 * (every entry when null). Every entry's header and bounds are checked, but only the names that end
 * with the suffix are decoded (compared as bytes: the suffix is ASCII, the same in UTF-8 and CP437):
 * a 16,000-member wheel yields one entry, not 16,000 objects and strings held while the member is
 * fetched.
 */
export function scanCentralDirectory(dir: Buffer, expectedEntries: number, suffix: Buffer | null = null): DirectoryEntry[] {
  const out: DirectoryEntry[] = [];
  let seen = 0;
  let at = 0;
  while (at < dir.length) {
    if (at + 46 > dir.length || dir.readUInt32LE(at) !== CD_SIG) throw new Error(`malformed zip: bad central directory entry at +${at}`);
    const nameLen = dir.readUInt16LE(at + 28);
    const extraLen = dir.readUInt16LE(at + 30);
    const commentLen = dir.readUInt16LE(at + 32);
    const end = at + 46 + nameLen + extraLen + commentLen;
    if (end > dir.length) throw new Error(`malformed zip: central directory entry at +${at} runs past the directory`);
    seen++;
    const nameEnd = at + 46 + nameLen;
    if (suffix === null || (nameLen >= suffix.length && dir.compare(suffix, 0, suffix.length, nameEnd - suffix.length, nameEnd) === 0)) {
      out.push(entryAt(dir, at, nameLen, extraLen));
    }
    at = end;
  }
  // The 16-bit count wraps past 65,535 entries without ZIP64; only a smaller count than found is wrong.
  if (seen < expectedEntries) throw new Error(`malformed zip: ${seen} central directory entries, the end record says ${expectedEntries}`);
  return out;
}

function entryAt(dir: Buffer, at: number, nameLen: number, extraLen: number): DirectoryEntry {
  const flags = dir.readUInt16LE(at + 8);
  const entry: DirectoryEntry = {
    name: dir.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLen),
    method: dir.readUInt16LE(at + 10),
    flags,
    compressedSize: dir.readUInt32LE(at + 20),
    uncompressedSize: dir.readUInt32LE(at + 24),
    localHeaderOffset: dir.readUInt32LE(at + 42),
  };
  if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff || entry.localHeaderOffset === 0xffffffff) {
    applyZip64Extra(entry, dir.subarray(at + 46 + nameLen, at + 46 + nameLen + extraLen));
  }
  return entry;
}

/** APPNOTE §4.5.3: the ZIP64 extra field holds, in order, each 32-bit field that is 0xFFFFFFFF. */
function applyZip64Extra(entry: DirectoryEntry, extra: Buffer): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (at + 4 + size > extra.length) break;
    if (id === 0x0001) {
      let p = at + 4;
      const take = (): number => {
        if (p + 8 > at + 4 + size) throw new Error(`malformed zip: ZIP64 extra field of ${entry.name} too short`);
        const v = u64(extra, p);
        p += 8;
        return v;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = take();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = take();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = take();
      return;
    }
    at += 4 + size;
  }
  throw new Error(`malformed zip: ${entry.name} needs a ZIP64 extra field and has none`);
}

/** A deflated member, inflated no further than the member cap (a bomb stops there, and says so). */
function inflateCapped(raw: Buffer, entry: DirectoryEntry): Buffer {
  try {
    return inflateRawSync(raw, { maxOutputLength: MAX_MEMBER_BYTES });
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'ERR_BUFFER_TOO_LARGE') throw err;
    // No cause: describeError would append zlib's 'Cannot create a Buffer larger than…', which this says.
    throw new Error(`malformed zip: ${entry.name} inflates to more than ${MAX_MEMBER_BYTES} bytes, its directory says ${entry.uncompressedSize}`);
  }
}

/** The member's bytes, inflated, from `local` (its local header onwards, at least through its data). */
function extractMember(entry: DirectoryEntry, local: Buffer): Buffer {
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL_SIG) throw new Error(`malformed zip: no local header for ${entry.name}`);
  if (entry.flags & 0x1) throw new Error(`${entry.name} is encrypted`);
  const start = 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (start + entry.compressedSize > local.length) throw new Error(`malformed zip: ${entry.name}'s data runs past the file`);
  const raw = local.subarray(start, start + entry.compressedSize);
  let data: Buffer;
  if (entry.method === 0) data = raw;
  else if (entry.method === 8) data = inflateCapped(raw, entry);
  else throw new Error(`${entry.name} uses compression method ${entry.method} (only stored and deflated are read)`);
  if (data.length !== entry.uncompressedSize) {
    throw new Error(`malformed zip: ${entry.name} is ${data.length} bytes, its directory says ${entry.uncompressedSize}`);
  }
  return data;
}

/** Read one member of an in-memory zip. */
export async function readZipMember(buffer: Buffer, pick: MemberPicker): Promise<ZipMember | null> {
  // imported here, not at start-up: only in-memory zips need it, never a warm run
  const { default: yauzlLib } = await import('yauzl');
  const zip = await yauzlLib.fromBufferPromise(buffer, { lazyEntries: true, autoClose: false });
  return readFrom(zip, pick);
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
    throw new ZipLimitError(`zip central directory is ${cd.size} bytes, over the ${MAX_CENTRAL_DIRECTORY_BYTES}-byte limit`);
  }
  if (cd.offset + cd.size > size) throw new Error(`malformed zip: central directory ${cd.offset}+${cd.size} past the end (${size} bytes)`);
  return cd;
}

/** Which member to read: only names ending with `suffix` (ASCII) are decoded and offered to `pick`. */
export interface MemberQuery {
  suffix: string;
  pick: MemberPicker;
}

/**
 * Read one member of a remote zip of `size` bytes, given its `tail` (the last {@link TAIL_BYTES}, or
 * all of it when smaller): at most three more range requests (ZIP64 record, central directory, member).
 * Memory: the central directory (up to {@link MAX_CENTRAL_DIRECTORY_BYTES}) is held under `leave`
 * only while it is scanned, and dropped before the member is asked for; only the chosen entry is
 * kept across that wait, so reads queued behind others hold a few hundred bytes each, not their directories.
 */
export async function readZipMemberRanged(
  size: number,
  tail: Segment,
  fetchRange: RangeFetch,
  query: MemberQuery,
  leave: ByteLeave = UNBOUNDED,
): Promise<ZipMember | null> {
  // In a function of its own so that the directory is unreachable once it returns (a suspended
  // async function keeps its dead locals alive).
  const found = await findMember(size, tail, fetchRange, query, leave);
  if (found === null || 'member' in found) return found === null ? null : found.member;
  const { entry } = found;
  const lho = entry.localHeaderOffset;
  const end = Math.min(size, lho + 30 + Buffer.byteLength(entry.name) + LOCAL_SLACK + entry.compressedSize);
  const release = await leave(end - lho);
  try {
    return { name: entry.name, data: extractMember(entry, await fetchExactly(fetchRange, lho, end)) };
  } finally {
    release();
  }
}

type Found = { member: ZipMember } | { entry: DirectoryEntry } | null;

/** The member when the bytes in hand hold it, else its directory entry; null when none is picked. */
async function findMember(size: number, tail: Segment, fetchRange: RangeFetch, query: MemberQuery, leave: ByteLeave): Promise<Found> {
  const cd = await locateCentralDirectory(tail, size, (s, e) => heldIn(tail, s, e), (s, e) => fetchExactly(fetchRange, s, e));
  if (heldIn(tail, cd.offset, cd.offset + cd.size)) return memberIn(tail, cd, size, query);
  // Builders write .dist-info last, just before the directory: a little more before it usually
  // brings METADATA along, saving the member's request.
  const from = Math.max(0, cd.offset - BEFORE_DIRECTORY);
  const release = await leave(cd.offset + cd.size - from);
  try {
    return memberIn({ start: from, data: await fetchExactly(fetchRange, from, cd.offset + cd.size) }, cd, size, query);
  } finally {
    release();
  }
}

/** Scan the directory held in `window` for the member; read it from `window` when held there. */
function memberIn(window: Segment, cd: CentralDirectory, size: number, query: MemberQuery): Found {
  const dir = heldIn(window, cd.offset, cd.offset + cd.size);
  if (!dir) throw new Error('malformed zip: central directory not in the bytes read');
  const candidates = scanCentralDirectory(dir, Math.min(cd.entries, 0xffff), Buffer.from(query.suffix, 'latin1'));
  const name = query.pick(candidates.map((e) => e.name));
  // The last of duplicate names wins, as in a Map of all names.
  const entry = name === null ? undefined : candidates.findLast((e) => e.name === name);
  if (name === null || !entry) return null;
  if (entry.uncompressedSize > MAX_MEMBER_BYTES || entry.compressedSize > MAX_MEMBER_BYTES) {
    throw new ZipLimitError(`${name} is ${entry.uncompressedSize} bytes, over the ${MAX_MEMBER_BYTES}-byte limit`);
  }
  const lho = entry.localHeaderOffset;
  if (lho + 30 > size) throw new Error(`malformed zip: ${name}'s local header is past the end`);
  const header = heldIn(window, lho, lho + 30);
  const exactEnd = header ? lho + 30 + header.readUInt16LE(26) + header.readUInt16LE(28) + entry.compressedSize : null;
  const local = exactEnd !== null && exactEnd <= size ? heldIn(window, lho, exactEnd) : null;
  if (!local) return { entry };
  const data = extractMember(entry, local);
  // A stored member is a view of the window: copy it, so the window is not kept alive by it.
  return { member: { name, data: data.buffer === window.data.buffer ? Buffer.from(data) : data } };
}

async function readFrom(zip: yauzl.ZipFile, pick: MemberPicker): Promise<ZipMember | null> {
  try {
    const entries = new Map<string, yauzl.Entry>();
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
    const name = pick([...entries.keys()]);
    const entry = name === null ? undefined : entries.get(name);
    if (name === null || !entry) return null;
    if (entry.uncompressedSize > MAX_MEMBER_BYTES || entry.compressedSize > MAX_MEMBER_BYTES) {
      throw new ZipLimitError(`${name} is ${entry.uncompressedSize} bytes, over the ${MAX_MEMBER_BYTES}-byte limit`);
    }
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name, data: Buffer.concat(chunks) };
  } finally {
    zip.close();
  }
}
