/**
 * A release's core metadata, the cheapest way the index allows (as uv and pip do):
 *   1. PEP 658/714: `<file-url>.metadata`, checked against its advertised sha256;
 *   2. the chosen wheel's METADATA through HTTP Range requests (HEAD probe: `Accept-Ranges: bytes`
 *      and a Content-Length), reading the zip's central directory from the end;
 *   3. the whole wheel (capped, sha256 checked when the page gives one);
 *   4. an sdist's PKG-INFO / egg-info requires.txt (see select.ts for which is believed).
 * Files come from the index page; when the index has none for the release, from the mirror (puppet
 * `nodownload` packages live only there). Results are cached by the file's sha256 (immutable), and
 * a definite "no static metadata" is cached too; transient failures are not.
 */
import { createHash } from 'node:crypto';
import type { ProjectName } from '../names/index.js';
import { parseCoreMetadata, type MetadataState, type ProjectFile, type ProjectState } from '../pypi/index.js';
import type { CachedMetadata } from './cache.js';
import { fetchBytes, type ClientContext } from './context.js';
import { OFFLINE_MISS, describeError } from './options.js';
import { filesOfRelease } from './releases.js';
import { readSdistMetadata } from './sdist-reader.js';
import {
  NO_STATIC_METADATA,
  fileCacheKey,
  metadataMemberPicker,
  rankSdists,
  rankWheels,
  sdistMetadata,
} from './select.js';
import { readZipMember, readZipMemberRanged } from './zip-reader.js';

export interface ListingSource {
  index(name: ProjectName): Promise<ProjectState>;
  mirror(name: ProjectName): Promise<ProjectState>;
}

type Attempt = CachedMetadata | { status: 'failed'; reason: string };

const MAX_METADATA_BYTES = 16 * 1024 * 1024;

export async function fetchReleaseMetadata(
  ctx: ClientContext,
  listings: ListingSource,
  name: ProjectName,
  version: string,
): Promise<MetadataState> {
  const found = await releaseFiles(listings, name, version);
  if ('reason' in found) return { status: 'unavailable', reason: found.reason };
  const wheels = rankWheels(found.files);
  const sdists = rankSdists(found.files);

  for (const file of [...wheels, ...sdists]) {
    const hit = await ctx.cache.getMetadata(fileCacheKey(file));
    // A cached "no static metadata" only stands when no wheel could say more.
    if (hit && (hit.status === 'ok' || wheels.length === 0)) {
      ctx.counters.cacheHits++;
      ctx.opts.onProgress({ kind: 'done', url: file.url, fromCache: true });
      return hit.status === 'ok' ? { ...hit, source: 'cache' } : hit;
    }
  }
  if (ctx.opts.offline) return { status: 'unavailable', reason: `metadata of ${name} ${version}: ${OFFLINE_MISS}` };

  const failures: string[] = [];
  const attempts: Array<[ProjectFile, () => Promise<Attempt>]> = [];
  const withPep658 = [...wheels, ...sdists].find((f) => f.coreMetadata !== false);
  if (withPep658) attempts.push([withPep658, () => viaPep658(ctx, withPep658)]);
  const wheel = wheels[0];
  if (wheel) attempts.push([wheel, () => viaWheel(ctx, name, wheel)]);
  const sdist = sdists[0];
  if (sdist) attempts.push([sdist, () => viaSdist(ctx, sdist)]);
  if (attempts.length === 0) return { status: 'unavailable', reason: `no wheel or sdist of ${name} ${version}` };

  for (const [file, attempt] of attempts) {
    const result = await attempt().catch((err: unknown): Attempt => ({ status: 'failed', reason: describeError(err) }));
    if (result.status === 'failed') {
      failures.push(`${file.filename}: ${result.reason}`);
      continue;
    }
    await ctx.cache.putMetadata(fileCacheKey(file), result);
    if (result.status === 'ok' || wheels.length === 0) return result;
    failures.push(`${file.filename}: ${result.reason}`);
  }
  return { status: 'unavailable', reason: failures.join('; ') };
}

async function releaseFiles(
  listings: ListingSource,
  name: ProjectName,
  version: string,
): Promise<{ files: ProjectFile[] } | { reason: string }> {
  const index = await listings.index(name);
  if (index.status === 'ok') {
    const files = filesOfRelease(index.page, name, version);
    if (files.length > 0) return { files };
  }
  const mirror = await listings.mirror(name);
  if (mirror.status === 'ok') {
    const files = filesOfRelease(mirror.page, name, version);
    if (files.length > 0) return { files };
  }
  if (index.status === 'error') return { reason: `index: ${index.reason}` };
  if (index.status === 'not-found') return { reason: `${name} is not on the index` };
  return { reason: `no files for ${name} ${version} on the index or mirror` };
}

function checkSha256(file: ProjectFile, data: Buffer, expected: string | undefined, what: string): void {
  if (!expected) return;
  const actual = createHash('sha256').update(data).digest('hex');
  if (actual !== expected.toLowerCase()) {
    throw new Error(`${what} of ${file.filename} has sha256 ${actual}, the index says ${expected}`);
  }
}

async function viaPep658(ctx: ClientContext, file: ProjectFile): Promise<Attempt> {
  const data = await fetchBytes(ctx, `${file.url}.metadata`, MAX_METADATA_BYTES);
  if (file.coreMetadata !== false) checkSha256(file, data, file.coreMetadata.hashes['sha256'], 'PEP 658 metadata');
  return { status: 'ok', metadata: parseCoreMetadata(data.toString('utf8')), source: 'pep658', file: file.filename };
}

async function viaWheel(ctx: ClientContext, name: ProjectName, file: ProjectFile): Promise<Attempt> {
  const pick = metadataMemberPicker(name);
  let rangeFailure = '';
  if (!file.url.startsWith('file:')) {
    try {
      const ranged = await viaRanges(ctx, file, pick);
      if (ranged) return ranged;
    } catch (err) {
      rangeFailure = `range read failed (${describeError(err)}); `;
    }
  }
  const data = await fetchBytes(ctx, file.url, ctx.opts.maxDownloadBytes);
  checkSha256(file, data, file.hashes['sha256'], 'download');
  const member = await readZipMember(data, pick);
  if (!member) return { status: 'failed', reason: `${rangeFailure}no .dist-info/METADATA in the wheel` };
  const metadata = parseCoreMetadata(member.data.toString('utf8'));
  return { status: 'ok', metadata, source: 'wheel-download', file: file.filename };
}

/** Null when the server does not do ranges (the caller downloads instead). */
async function viaRanges(
  ctx: ClientContext,
  file: ProjectFile,
  pick: (names: string[]) => string | null,
): Promise<Attempt | null> {
  const head = await ctx.http.request({ url: file.url, method: 'HEAD', maxBytes: 0 });
  const size = Number(head.headers.get('content-length') ?? NaN);
  const ranges = (head.headers.get('accept-ranges') ?? '').toLowerCase().includes('bytes');
  if (head.status !== 200 || !ranges || !Number.isSafeInteger(size) || size <= 0) return null;
  const fetchRange = async (start: number, end: number): Promise<Buffer> => {
    const res = await ctx.http.request({
      url: head.url,
      headers: { range: `bytes=${start}-${end - 1}`, 'accept-encoding': 'identity' },
      maxBytes: end - start,
      what: 'range',
    });
    if (res.status !== 206) throw new Error(`HTTP ${res.status} to a Range request`);
    return res.body;
  };
  const member = await readZipMemberRanged(size, fetchRange, pick);
  if (!member) return { status: 'failed', reason: 'no .dist-info/METADATA in the wheel' };
  const metadata = parseCoreMetadata(member.data.toString('utf8'));
  return { status: 'ok', metadata, source: 'wheel-range', file: file.filename };
}

async function viaSdist(ctx: ClientContext, file: ProjectFile): Promise<Attempt> {
  const data = await fetchBytes(ctx, file.url, ctx.opts.maxDownloadBytes);
  checkSha256(file, data, file.hashes['sha256'], 'download');
  const files = await readSdistMetadata(file.filename, data);
  const read = sdistMetadata(files);
  if ('reason' in read) {
    // Only the definite answer is worth caching; a missing PKG-INFO is a broken file. Its
    // Requires-Python still stands (setuptools writes python_requires as given): pip refuses by it.
    const requiresPython = files.pkgInfo === null ? null : parseCoreMetadata(files.pkgInfo).requiresPython;
    return read.reason === NO_STATIC_METADATA
      ? { status: 'unavailable', reason: `${file.filename}: ${read.reason}`, requiresPython }
      : { status: 'failed', reason: read.reason };
  }
  return { status: 'ok', metadata: read.ok, source: 'sdist', file: file.filename };
}
