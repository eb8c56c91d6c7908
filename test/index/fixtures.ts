// Shared fixtures for the index client tests: a temp dir per test, a client with fast retries, and
// hand-built distributions the declarative builder does not make (a wheel padded with incompressible
// data, for range reads; sdists whose PKG-INFO and egg-info disagree).
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { createIndexClient, type IndexClientOptions, type ProgressEvent } from '../../src/index/index.js';
import { releaseKey, type IndexNeeds, type MetadataState } from '../../src/pypi/index.js';
import type { ProjectName } from '../../src/names/index.js';
import yazl from 'yazl';
import { FIXED_MTIME, tarGzEntries, zipEntries } from '../support/archive.js';
import type { BuiltFile } from '../support/distributions.js';
import { startIndexServer, type IndexServerOptions, type RecordedRequest } from '../support/index-server.js';

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

export const MiB = 1024 * 1024;

/** `count` wheels of version 1.0 with `bytes` of incompressible padding each. */
export function wheels(count: number, bytes: number, prefix = 'w'): Promise<BuiltFile[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => shapedWheel(`${prefix}${String(i).padStart(2, '0')}`, '1.0', ['six'], { members: 10, padBytes: bytes })));
}

/** An sdist of version 1.0 with `bytes` of incompressible data beside its PKG-INFO. */
export async function paddedSdist(name: string, bytes: number): Promise<BuiltFile> {
  const metadata = metadataText(name, '1.0', ['six']);
  const data = await tarGzEntries([
    { path: `${name}-1.0/PKG-INFO`, content: metadata },
    { path: `${name}-1.0/blob.bin`, content: randomBytes(bytes) },
  ]);
  return { filename: `${name}-1.0.tar.gz`, bytes: data, sha256: sha(data), metadata, pep658: false, project: name, version: '1.0' };
}

/** Serve `files` (no PEP 658) and read every release at concurrency 16, pages first: the states, the stats and what the client buffered. */
export async function readAll(t: TestContext, files: BuiltFile[], server: Partial<IndexServerOptions>, opts: Partial<IndexClientOptions>) {
  const s = await startIndexServer({ projects: files, pep658: false, ...server });
  t.after(() => s.close());
  const c = client({ indexUrl: s.indexUrl, concurrency: 16, ...opts });
  const releases = files.map((f) => ({ name: pn(f.project), version: f.version }));
  // Pages first, so that the files' requests all start together (as the engine's later rounds do).
  const snap = await c.fetchNeeds(needs({ projects: releases.map((r) => r.name) }));
  await c.fetchNeeds(needs({ releases }), snap);
  const states = releases.map((r) => snap.metadata.get(releaseKey(r.name, r.version)));
  return { states, stats: c.stats(), buffered: c.buffered(), spooled: c.spooled(), server: s };
}

/** The distinct sources of `states` (a state that is not ok, as JSON). */
export function sources(states: Array<MetadataState | undefined>): string[] {
  return [...new Set(states.map((m) => (m?.status === 'ok' ? m.source : JSON.stringify(m))))];
}

export const largest = (files: BuiltFile[]) => Math.max(...files.map((f) => f.bytes.length));
