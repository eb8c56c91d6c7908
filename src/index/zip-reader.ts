/**
 * Reading one member of a zip (a wheel's `*.dist-info/METADATA`) from memory or over HTTP ranges.
 *
 * Zip layout: https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT (§4.3.16 end of central directory)
 * The ranged path hands yauzl a RandomAccessReader whose reads become `Range` requests. yauzl's first
 * read is the last 64 KiB + 22 bytes (the end record may be preceded by a comment of up to 64 KiB);
 * the fetched segments are kept, so the central directory and a METADATA file that sits near the end of
 * the wheel (where every wheel builder puts `.dist-info`) usually cost no further request.
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

const MAX_MEMBER_BYTES = 16 * 1024 * 1024;

class RangeReader extends yauzl.RandomAccessReader {
  private readonly segments: Array<{ start: number; data: Buffer }> = [];

  constructor(private readonly fetchRange: RangeFetch) {
    super();
  }

  private async bytes(start: number, end: number): Promise<Buffer> {
    for (const seg of this.segments) {
      if (start >= seg.start && end <= seg.start + seg.data.length) {
        return seg.data.subarray(start - seg.start, end - seg.start);
      }
    }
    const data = await this.fetchRange(start, end);
    if (data.length !== end - start) throw new Error(`range ${start}-${end - 1} returned ${data.length} bytes`);
    this.segments.push({ start, data });
    return data;
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null) => void,
  ): void {
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
  return readFrom(zip, pick);
}

/** Read one member of a remote zip of `size` bytes through range requests. */
export async function readZipMemberRanged(
  size: number,
  fetchRange: RangeFetch,
  pick: MemberPicker,
): Promise<ZipMember | null> {
  const reader = new RangeReader(fetchRange);
  const zip = await yauzl.fromRandomAccessReaderPromise(reader, size, { lazyEntries: true, autoClose: false });
  return readFrom(zip, pick);
}

async function readFrom(zip: yauzl.ZipFile, pick: MemberPicker): Promise<ZipMember | null> {
  try {
    const entries = new Map<string, yauzl.Entry>();
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
    const name = pick([...entries.keys()]);
    const entry = name === null ? undefined : entries.get(name);
    if (name === null || !entry) return null;
    if (entry.uncompressedSize > MAX_MEMBER_BYTES) {
      throw new Error(`${name} is ${entry.uncompressedSize} bytes, over the ${MAX_MEMBER_BYTES}-byte limit`);
    }
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name, data: Buffer.concat(chunks) };
  } finally {
    zip.close();
  }
}
