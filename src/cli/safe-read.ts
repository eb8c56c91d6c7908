/**
 * Reading a file the repository (an untrusted pull request) controls, without ever blocking or
 * blowing the heap: only regular files are read (a FIFO, socket, device or directory is refused by
 * `stat` before any `open`, and the open itself is `O_NONBLOCK` so a swap between stat and open
 * cannot block), the size is capped before the read starts (stat, then fstat on the open descriptor),
 * and paths may be Buffers so names that are not UTF-8 are read as the bytes they are.
 * Traps: `existsSync`/`readFileSync` follow a symlink to `/dev/zero` or a FIFO and read forever;
 * a name decoded to a string with U+FFFD no longer names the file (ENOENT).
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';

export type FsPath = string | Buffer;

export type ReadOutcome =
  | { ok: true; bytes: Buffer }
  | { ok: false; reason: 'missing' | 'not-regular' | 'too-big' | 'unreadable'; message: string };

/** What a non-regular file is, in words ("a FIFO (named pipe)"), or null for a regular file. */
export function fileKind(st: Stats): string | null {
  if (st.isFile()) return null;
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

function errnoCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'EIO';
}

/** Reads a regular file of at most `maxBytes`; everything else is a reason, never a throw or a hang. */
export function readRegularFile(path: FsPath, maxBytes: number): ReadOutcome {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing', message: 'no such file' };
    return { ok: false, reason: 'unreadable', message: `cannot be read (${code})` };
  }
  const kind = fileKind(st);
  if (kind) return { ok: false, reason: 'not-regular', message: `is ${kind}, not a regular file: only regular files are read` };
  if (st.size > maxBytes) return { ok: false, reason: 'too-big', message: `is ${st.size} bytes, over the ${maxBytes}-byte limit` };
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0));
  } catch (error) {
    return { ok: false, reason: 'unreadable', message: `cannot be opened (${errnoCode(error)})` };
  }
  try {
    // The file may have been swapped between stat and open: check what was opened.
    const fst = fstatSync(fd);
    const openedKind = fileKind(fst);
    if (openedKind) return { ok: false, reason: 'not-regular', message: `is ${openedKind}, not a regular file: only regular files are read` };
    if (fst.size > maxBytes) return { ok: false, reason: 'too-big', message: `is ${fst.size} bytes, over the ${maxBytes}-byte limit` };
    // One byte more than the cap tells a file that grew after fstat.
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, fst.size + 1));
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) return { ok: false, reason: 'too-big', message: `grew past the ${maxBytes}-byte limit while being read` };
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { ok: false, reason: 'unreadable', message: `cannot be read (${errnoCode(error)})` };
  } finally {
    closeSync(fd);
  }
}

/**
 * A file or folder name as text: UTF-8 as is; a name that is not valid UTF-8 keeps its valid
 * sequences and shows each other byte as `\xNN` (`requirements-\xff.txt`), as Python's repr does.
 */
export function displayName(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // fall through: escape byte by byte
  }
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const n = utf8SequenceLength(bytes, i);
    if (n > 0) {
      out += Buffer.from(bytes.subarray(i, i + n)).toString('utf8');
      i += n;
    } else {
      out += `\\x${(bytes[i] ?? 0).toString(16).padStart(2, '0')}`;
      i += 1;
    }
  }
  return out;
}

/** Length of the valid UTF-8 sequence starting at `i` (RFC 3629: no overlongs, no surrogates), or 0. */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const c0 = b[i] ?? 0;
  if (c0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const c = b[i + k];
    return c !== undefined && c >= lo && c <= hi;
  };
  if (c0 >= 0xc2 && c0 <= 0xdf) return cont(1) ? 2 : 0;
  if (c0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((c0 >= 0xe1 && c0 <= 0xec) || c0 === 0xee || c0 === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c0 >= 0xf1 && c0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}
