// Shared fixtures for the index client tests: a temp dir per test, a client with fast retries, and
// hand-built distributions the declarative builder does not make (a wheel padded with incompressible
// data, for range reads; sdists whose PKG-INFO and egg-info disagree).
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { createIndexClient, type IndexClientOptions, type ProgressEvent } from '../../src/index/index.js';
import type { IndexNeeds } from '../../src/pypi/index.js';
import type { ProjectName } from '../../src/names/index.js';
import yazl from 'yazl';
import { FIXED_MTIME, tarGzEntries, zipEntries } from '../support/archive.js';
import type { BuiltFile } from '../support/distributions.js';
import type { RecordedRequest } from '../support/index-server.js';

export const pn = (s: string) => s as ProjectName;

export async function tempDir(t: TestContext, prefix = 'pyup-index-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export function client(opts: Partial<IndexClientOptions> & { indexUrl: string }) {
  const events: ProgressEvent[] = [];
  const c = createIndexClient({ cacheDir: null, retryBaseMs: 1, timeoutMs: 5000, onProgress: (e) => events.push(e), ...opts });
  return Object.assign(c, { events });
}

export function needs(partial: Partial<IndexNeeds>): IndexNeeds {
  return { projects: [], mirrorProjects: [], releases: [], ...partial };
}

export function count(requests: RecordedRequest[], pred: (r: RecordedRequest) => boolean): number {
  return requests.filter(pred).length;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export function metadataText(name: string, version: string, requiresDist: string[]): string {
  return ['Metadata-Version: 2.1', `Name: ${name}`, `Version: ${version}`, ...requiresDist.map((r) => `Requires-Dist: ${r}`), '', ''].join('\n');
}

/** A wheel with `padBytes` of random data before its .dist-info (so a ranged read is visibly cheaper). */
export async function paddedWheel(name: string, version: string, requiresDist: string[], padBytes: number): Promise<BuiltFile> {
  const metadata = metadataText(name, version, requiresDist);
  const distInfo = `${name}-${version}.dist-info`;
  const bytes = await zipEntries([
    { path: `${name}/blob.bin`, content: randomBytes(padBytes) },
    { path: `${distInfo}/METADATA`, content: metadata },
    { path: `${distInfo}/WHEEL`, content: 'Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n' },
    { path: `${distInfo}/RECORD`, content: '' },
  ]);
  return { filename: `${name}-${version}-py3-none-any.whl`, bytes, sha256: sha(bytes), metadata, pep658: false, project: name, version };
}

/** A legacy sdist: PKG-INFO `pkgInfo` plus, when given, `<name>.egg-info/requires.txt`. */
export async function legacySdist(name: string, version: string, pkgInfo: string, requiresTxt: string | null): Promise<BuiltFile> {
  const base = `${name}-${version}`;
  const entries = [
    { path: `${base}/PKG-INFO`, content: pkgInfo },
    { path: `${base}/setup.py`, content: 'from setuptools import setup\nsetup()\n' },
  ];
  if (requiresTxt !== null) entries.push({ path: `${base}/${name}.egg-info/requires.txt`, content: requiresTxt });
  const bytes = await tarGzEntries(entries);
  return { filename: `${base}.tar.gz`, bytes, sha256: sha(bytes), metadata: pkgInfo, pep658: false, project: name, version };
}

export interface ShapedWheelSpec {
  /** Members besides the .dist-info ones (tiny .py files, stored: a real wheel's directory, not its bytes). */
  members: number;
  /** Put METADATA first in the zip (and the directory) instead of last, as some builders do. */
  metadataFirst?: boolean;
  /** Write ZIP64 end records (yazl's forceZip64Format). */
  zip64?: boolean;
  /** Incompressible bytes in one more member, so the payload is far larger than the directory. */
  padBytes?: number;
}

const shaped = new Map<string, Promise<{ bytes: Buffer; metadata: string }>>();

/**
 * A wheel shaped like a real one: `members` files, METADATA last (or first), optionally ZIP64.
 * Memoised per arguments: yazl takes ~0.3 ms a member, and several tests read the same 20,000-member wheel.
 */
export function shapedWheelBytes(name: string, version: string, requiresDist: string[], spec: ShapedWheelSpec): Promise<{ bytes: Buffer; metadata: string }> {
  const key = JSON.stringify([name, version, requiresDist, spec]);
  let built = shaped.get(key);
  if (!built) {
    built = buildShaped(name, version, requiresDist, spec);
    shaped.set(key, built);
  }
  return built;
}

async function buildShaped(name: string, version: string, requiresDist: string[], spec: ShapedWheelSpec): Promise<{ bytes: Buffer; metadata: string }> {
  const metadata = metadataText(name, version, requiresDist);
  const distInfo = `${name}-${version}.dist-info`;
  const zip = new yazl.ZipFile();
  const opts = { mtime: FIXED_MTIME, mode: 0o100644, forceZip64Format: spec.zip64 ?? false };
  const addMetadata = () => zip.addBuffer(Buffer.from(metadata), `${distInfo}/METADATA`, { ...opts, compress: true });
  if (spec.metadataFirst) addMetadata();
  if (spec.padBytes) zip.addBuffer(randomBytes(spec.padBytes), `${name}/blob.bin`, { ...opts, compress: false });
  for (let i = 0; i < spec.members; i++) {
    zip.addBuffer(Buffer.from(`# ${i}\n`), `${name}/sub${i % 97}/module_${String(i).padStart(5, '0')}.py`, { ...opts, compress: false });
  }
  if (!spec.metadataFirst) addMetadata();
  zip.addBuffer(Buffer.from('Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n'), `${distInfo}/WHEEL`, { ...opts, compress: true });
  zip.addBuffer(Buffer.from(''), `${distInfo}/RECORD`, { ...opts, compress: true });
  zip.end({ forceZip64Format: spec.zip64 ?? false, comment: '' });
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return { bytes: Buffer.concat(chunks), metadata };
}

export async function shapedWheel(name: string, version: string, requiresDist: string[], spec: ShapedWheelSpec): Promise<BuiltFile> {
  const { bytes, metadata } = await shapedWheelBytes(name, version, requiresDist, spec);
  return { filename: `${name}-${version}-py3-none-any.whl`, bytes, sha256: sha(bytes), metadata, pep658: false, project: name, version };
}
