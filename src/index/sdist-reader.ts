/**
 * Reading the static metadata of a source distribution: `PKG-INFO` and `*.egg-info/requires.txt`.
 *
 * Spec: https://packaging.python.org/en/latest/specifications/source-distribution-format/
 * Supported: `.tar.gz`/`.tgz` (tar-stream over zlib) and `.zip` sdists. Unsupported: `.tar.bz2`,
 * `.tar.xz` (no decompressor in Node) — reported as such. The top-level `PKG-INFO` (`<name>-<ver>/PKG-INFO`)
 * is preferred over an egg-info copy; the shallowest `*.egg-info/requires.txt` wins (`src/` layouts
 * put it one level deeper). Members are capped so a hostile archive cannot exhaust memory, and a
 * tar.gz's inflated bytes so it cannot exhaust time: a tar is read through to its end, every member
 * inflated (even one skipped), and 1 MiB of gzip inflates to 1 GiB, 3-5 s of a core.
 * Trap: setuptools' egg_info deletes `requires.txt` when nothing is required (`write_or_delete_file`),
 * so an `*.egg-info/PKG-INFO` without a `requires.txt` beside the sdist says "no requirements".
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type tarStream from 'tar-stream';
import { readZipMember } from './zip-reader.js';

export interface SdistMetadataFiles {
  pkgInfo: string | null;
  requiresTxt: string | null;
  /** The archive holds setuptools' egg-info (`*.egg-info/PKG-INFO`): its requires.txt, or none, is what it requires. */
  eggInfo: boolean;
}

const MAX_MEMBER_BYTES = 4 * 1024 * 1024;
/** A tar.gz that inflates to more than this is not read: 10 times the download cap, a few seconds of inflating. */
export const MAX_INFLATED_BYTES = 2 * 1024 * 1024 * 1024;

type Role = { kind: 'pkg-info' | 'requires'; depth: number; inEggInfo: boolean };

/** What a member path is to us (paths normalised to `/`, leading `./` dropped). */
function roleOf(path: string): Role | null {
  const parts = path.replace(/^\.\//, '').split('/').filter((p) => p !== '');
  const depth = parts.length;
  const last = parts[depth - 1];
  if (depth > 4 || parts.includes('..')) return null;
  if (last === 'PKG-INFO') {
    // <top>/PKG-INFO beats <top>/<x>.egg-info/PKG-INFO.
    const inEggInfo = parts[depth - 2]?.endsWith('.egg-info') ?? false;
    return { kind: 'pkg-info', depth: inEggInfo ? depth + 10 : depth, inEggInfo };
  }
  if (last === 'requires.txt' && (parts[depth - 2]?.endsWith('.egg-info') ?? false)) {
    return { kind: 'requires', depth, inEggInfo: true };
  }
  return null;
}

class Picker {
  private best: Record<Role['kind'], { depth: number; text: string } | undefined> = {
    'pkg-info': undefined,
    requires: undefined,
  };
  private eggInfo = false;
  /** A member seen by name only (its text is not needed). */
  saw(role: Role): void {
    if (role.kind === 'pkg-info' && role.inEggInfo) this.eggInfo = true;
  }
  offer(role: Role, text: string): void {
    this.saw(role);
    const cur = this.best[role.kind];
    if (!cur || role.depth < cur.depth) this.best[role.kind] = { depth: role.depth, text };
  }
  result(): SdistMetadataFiles {
    return { pkgInfo: this.best['pkg-info']?.text ?? null, requiresTxt: this.best.requires?.text ?? null, eggInfo: this.eggInfo };
  }
}

/** Read PKG-INFO and requires.txt from an sdist; throws on a corrupt or unsupported archive. */
export async function readSdistMetadata(filename: string, data: Buffer, maxInflatedBytes = MAX_INFLATED_BYTES): Promise<SdistMetadataFiles> {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.zip')) return readZipSdist(data);
  // tar-stream (and its streamx stack) is imported on the first .tar.gz, not at start-up
  if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz')) return readTarGz((await import('tar-stream')).default, data, filename, maxInflatedBytes);
  throw new Error(`unsupported sdist archive format: ${filename}`);
}

async function readZipSdist(data: Buffer): Promise<SdistMetadataFiles> {
  const picker = new Picker();
  // Two passes over the in-memory zip: the picker chooses among all names each time.
  for (const kind of ['pkg-info', 'requires'] as const) {
    const member = await readZipMember(data, (names) => {
      let best: { name: string; depth: number } | null = null;
      for (const name of names) {
        const role = roleOf(name);
        if (role) picker.saw(role);
        if (role?.kind === kind && (!best || role.depth < best.depth)) best = { name, depth: role.depth };
      }
      return best?.name ?? null;
    });
    const role = member ? roleOf(member.name) : null;
    if (member && role) picker.offer(role, member.data.toString('utf8'));
  }
  return picker.result();
}

function readTarGz(tar: typeof tarStream, data: Buffer, filename: string, maxInflatedBytes: number): Promise<SdistMetadataFiles> {
  return new Promise((resolve, reject) => {
    const picker = new Picker();
    const extract = tar.extract();
    extract.on('entry', (header, stream, next) => {
      const role = header.type === 'file' ? roleOf(header.name) : null;
      if (!role || (header.size ?? 0) > MAX_MEMBER_BYTES) {
        stream.on('end', next);
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => void chunks.push(c as Buffer));
      stream.on('end', () => {
        picker.offer(role, Buffer.concat(chunks).toString('utf8'));
        next();
      });
    });
    extract.on('finish', () => resolve(picker.result()));
    extract.on('error', reject);
    const gunzip = createGunzip();
    gunzip.on('error', reject);
    let inflated = 0;
    gunzip.on('data', (chunk: Buffer) => {
      inflated += chunk.length;
      if (inflated <= maxInflatedBytes) return;
      reject(new Error(`${filename} inflates to more than ${maxInflatedBytes} bytes: not read`));
      gunzip.destroy();
      extract.destroy();
    });
    Readable.from([data]).pipe(gunzip).pipe(extract);
  });
}
