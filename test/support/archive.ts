// Deterministic zip (yazl) and tar.gz (tar-stream + zlib) writers for the fixture builders.
// Every entry gets the same fixed mtime and mode, so the archive's bytes (and sha256) are
// identical across runs and machines; gzip's header mtime is 0 in Node's zlib.
import { gzipSync } from 'node:zlib';
import yazl from 'yazl';
import tar from 'tar-stream';

/** 2020-02-02T00:00:00Z — after 1980 (zip's epoch) and fixed, so hashes are stable. */
export const FIXED_MTIME = new Date(Date.UTC(2020, 1, 2, 0, 0, 0));

export interface ArchiveEntry {
  path: string;
  content: string | Buffer;
}

async function collect(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** A deflated zip holding `entries` in the given order. */
export async function zipEntries(entries: ArchiveEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    const data = typeof e.content === 'string' ? Buffer.from(e.content, 'utf8') : e.content;
    zip.addBuffer(data, e.path, { mtime: FIXED_MTIME, mode: 0o100644, compress: true });
  }
  zip.end();
  return collect(zip.outputStream);
}

/** A gzipped ustar archive holding `entries` in the given order. */
export async function tarGzEntries(entries: ArchiveEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const done = collect(pack);
  for (const e of entries) {
    const data = typeof e.content === 'string' ? Buffer.from(e.content, 'utf8') : e.content;
    await new Promise<void>((resolve, reject) => {
      pack.entry({ name: e.path, size: data.length, mode: 0o644, mtime: FIXED_MTIME, uid: 0, gid: 0, uname: '', gname: '' }, data, (err) =>
        err ? reject(err) : resolve(),
      );
    });
  }
  pack.finalize();
  return gzipSync(await done, { level: 9 });
}
