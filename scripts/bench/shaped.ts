/**
 * Real-shaped wheels for the bench: the fixture builder's wheels have four members, real ones have
 * thousands (cmeel-boost 16,235, tensorflow 15,632, music21 7,629, jedi 5,626, django 3,668) and
 * some weigh hundreds of MB. `reshapeWheel` rebuilds a built wheel with `members` extra modules and
 * an optional stored payload of `payloadBytes` zeros (a 200 MB wheel is a calloc'd buffer: its pages
 * are never written, so it is never on disk and barely in memory until pip downloads it).
 *
 * Written by hand rather than with yazl: yazl spends ~0.3 ms a member (a stream each), which is
 * minutes for a corpus of a million members; every member here is stored (method 0), so the format
 * is the simple part of APPNOTE §4.3 (local header, data, central directory, end record), with a
 * table CRC-32. The result is a valid wheel: pip installs it and yauzl reads it.
 */
import { createHash } from 'node:crypto';
import type { BuiltFile } from '../../test/support/distributions.js';
import { moduleName, wheelName } from '../../test/support/distributions.js';

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

function crc32(data: Buffer): number {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = (CRC_TABLE[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** CRC-32 of `n` zero bytes, memoised (the payloads are all zeros). */
const zeroCrcs = new Map<number, number>();
function zeroCrc(n: number): number {
  let crc = zeroCrcs.get(n);
  if (crc === undefined) {
    let c = -1;
    for (let i = 0; i < n; i++) c = (CRC_TABLE[c & 0xff] as number) ^ (c >>> 8);
    crc = (c ^ -1) >>> 0;
    zeroCrcs.set(n, crc);
  }
  return crc;
}

interface Entry {
  name: string;
  data: Buffer;
  /** Known CRC (for zero payloads), else computed. */
  crc?: number;
}

const DOS_TIME = 0; // 00:00:00
const DOS_DATE = ((2020 - 1980) << 9) | (2 << 5) | 2; // 2020-02-02

/** A zip of stored members, in order. Sizes must stay under 4 GiB (no ZIP64). */
export function storedZip(entries: readonly Entry[]): Buffer {
  const total = entries.reduce((n, e) => n + 30 + Buffer.byteLength(e.name) + e.data.length + 46 + Buffer.byteLength(e.name), 22);
  const out = Buffer.alloc(total); // zeroed lazily (calloc): a zero payload's pages stay untouched
  let at = 0;
  const central: Array<{ name: Buffer; crc: number; size: number; offset: number }> = [];
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const crc = e.crc ?? crc32(e.data);
    central.push({ name, crc, size: e.data.length, offset: at });
    out.writeUInt32LE(0x04034b50, at);
    out.writeUInt16LE(20, at + 4);
    out.writeUInt16LE(0x0800, at + 6); // UTF-8 names
    out.writeUInt16LE(0, at + 8);
    out.writeUInt16LE(DOS_TIME, at + 10);
    out.writeUInt16LE(DOS_DATE, at + 12);
    out.writeUInt32LE(crc, at + 14);
    out.writeUInt32LE(e.data.length, at + 18);
    out.writeUInt32LE(e.data.length, at + 22);
    out.writeUInt16LE(name.length, at + 26);
    out.writeUInt16LE(0, at + 28);
    name.copy(out, at + 30);
    at += 30 + name.length;
    // A zero payload is left as calloc'd memory: copying zeros would touch every page.
    if (e.crc === undefined) e.data.copy(out, at);
    at += e.data.length;
  }
  const cdStart = at;
  for (const c of central) {
    out.writeUInt32LE(0x02014b50, at);
    out.writeUInt16LE(0x031e, at + 4); // made by: unix, 3.0
    out.writeUInt16LE(20, at + 6);
    out.writeUInt16LE(0x0800, at + 8);
    out.writeUInt16LE(0, at + 10);
    out.writeUInt16LE(DOS_TIME, at + 12);
    out.writeUInt16LE(DOS_DATE, at + 14);
    out.writeUInt32LE(c.crc, at + 16);
    out.writeUInt32LE(c.size, at + 20);
    out.writeUInt32LE(c.size, at + 24);
    out.writeUInt16LE(c.name.length, at + 28);
    out.writeUInt16LE(0, at + 30);
    out.writeUInt16LE(0, at + 32);
    out.writeUInt16LE(0, at + 34);
    out.writeUInt16LE(0, at + 36);
    out.writeUInt32LE((0o100644 << 16) >>> 0, at + 38);
    out.writeUInt32LE(c.offset, at + 42);
    c.name.copy(out, at + 46);
    at += 46 + c.name.length;
  }
  const entryCount = Math.min(central.length, 0xffff);
  out.writeUInt32LE(0x06054b50, at);
  out.writeUInt16LE(0, at + 4);
  out.writeUInt16LE(0, at + 6);
  out.writeUInt16LE(entryCount, at + 8);
  out.writeUInt16LE(entryCount, at + 10);
  out.writeUInt32LE(at - cdStart, at + 12);
  out.writeUInt32LE(cdStart, at + 16);
  out.writeUInt16LE(0, at + 20);
  return out;
}

export interface WheelShape {
  /** Extra modules (tiny stored .py files). */
  members: number;
  /** A stored payload of zeros this large (0: none). */
  payloadBytes: number;
}

/** `built` (a wheel) rebuilt with `shape`'s members and payload; METADATA and tags unchanged, .dist-info last. */
export function reshapeWheel(built: BuiltFile, shape: WheelShape): BuiltFile {
  const mod = moduleName(built.project);
  const ver = built.version.replace(/-/g, '_');
  const distInfo = `${wheelName(built.project)}-${ver}.dist-info`;
  const tags = built.filename.slice(0, -'.whl'.length).split('-').slice(-3).join('-');
  const entries: Entry[] = [{ name: `${mod}/__init__.py`, data: Buffer.from(`__version__ = ${JSON.stringify(built.version)}\n`) }];
  for (let i = 0; i < shape.members; i++) {
    entries.push({ name: `${mod}/pkg${i % 61}/module_${String(i).padStart(5, '0')}.py`, data: Buffer.from(`X = ${i}\n`) });
  }
  if (shape.payloadBytes > 0) entries.push({ name: `${mod}/_payload.bin`, data: Buffer.alloc(shape.payloadBytes), crc: zeroCrc(shape.payloadBytes) });
  if (shape.payloadBytes > 0xfffffff0) throw new Error('payloads over 4 GiB need ZIP64');
  const [py = '', abi = '', plat = ''] = tags.split('-');
  const tagLines = py.split('.').flatMap((p) => abi.split('.').flatMap((a) => plat.split('.').map((pl) => `Tag: ${p}-${a}-${pl}\n`)));
  const wheel = `Wheel-Version: 1.0\nGenerator: pyup-checks-bench (0.1.0)\nRoot-Is-Purelib: ${tags.endsWith('-none-any')}\n${tagLines.join('')}`;
  entries.push({ name: `${distInfo}/METADATA`, data: Buffer.from(built.metadata) });
  entries.push({ name: `${distInfo}/WHEEL`, data: Buffer.from(wheel) });
  entries.push({ name: `${distInfo}/top_level.txt`, data: Buffer.from(`${mod}\n`) });
  // RECORD without hashes: pip accepts empty hash fields (and hashing 200 MB payloads would touch them).
  const record = entries.map((e) => `${e.name},,${e.data.length}\n`).join('') + `${distInfo}/RECORD,,\n`;
  entries.push({ name: `${distInfo}/RECORD`, data: Buffer.from(record) });
  const bytes = storedZip(entries);
  return { ...built, bytes, sha256: createHash('sha256').update(bytes).digest('hex'), pep658: false };
}
