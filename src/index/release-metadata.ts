/**
 * A release's core metadata, the cheapest way the index allows (as uv and pip do):
 *   1. PEP 658/714: `<file-url>.metadata`, checked against its advertised sha256;
 *   2. the chosen wheel's METADATA through HTTP Range requests: a suffix range for the zip's tail
 *      (`bytes=-N`; the 206's Content-Range gives the size, so no HEAD probe), then at most the
 *      central directory and the member (zip-reader.ts): 1–4 requests whatever the wheel;
 *   3. the whole wheel (capped, sha256 checked when the page gives one): a server that ignores Range
 *      answers the suffix request with 200 and the whole file, which is used as the download; one
 *      whose 206s do not read as the wheel (other bytes than asked, a prefix for a suffix) gets the
 *      download too, and only the whole file makes a verdict on the release;
 *   4. an sdist's PKG-INFO / egg-info requires.txt (see select.ts for which is believed).
 * Files come from the index page; when the index has none for the release, from the mirror (puppet
 * `nodownload` packages live only there). Results are cached by the file's sha256 (immutable), and
 * a definite "no static metadata" is cached too; transient failures are not. A release that could
 * not be read because the index failed (an IndexError: timeouts, 5xx, resets) is `infrastructure`,
 * so the cell is an error (exit 3) rather than a finding about the release.
 * Memory: wheel and sdist reads run under `ctx.archiveReads` and their directories and members under
 * `ctx.budget` (see byte-budget.ts), and the metadata kept is detached from the text it was parsed from.
 */
import { createHash } from 'node:crypto';
import type { ProjectName } from '../names/index.js';
import { filesOfRelease, parseCoreMetadata, type MetadataState, type ProjectFile, type ProjectState } from '../pypi/index.js';
import type { CachedMetadata } from './cache.js';
import { fetchBytes, type ClientContext } from './context.js';
import { IndexError, OFFLINE_MISS, describeError } from './options.js';
import { readSdistMetadata } from './sdist-reader.js';
import {
  METADATA_MEMBER_SUFFIX,
  NO_STATIC_METADATA,
  fileCacheKey,
  metadataMemberPicker,
  rankSdists,
  rankWheels,
  sdistMetadata,
} from './select.js';
import { TAIL_BYTES, ZipLimitError, readZipMember, readZipMemberRanged, type MemberPicker } from './zip-reader.js';

export interface ListingSource {
  index(name: ProjectName): Promise<ProjectState>;
  mirror(name: ProjectName): Promise<ProjectState>;
}

type Attempt = CachedMetadata | { status: 'failed'; reason: string; infrastructure?: boolean };

const MAX_METADATA_BYTES = 16 * 1024 * 1024;

export async function fetchReleaseMetadata(
  ctx: ClientContext,
  listings: ListingSource,
  name: ProjectName,
  version: string,
): Promise<MetadataState> {
  const found = await releaseFiles(listings, name, version);
  if ('reason' in found) return { status: 'unavailable', reason: found.reason, ...(found.infrastructure ? { infrastructure: true } : {}) };
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
  let infrastructure = false;
  const attempts: Array<[ProjectFile, () => Promise<Attempt>]> = [];
  const withPep658 = [...wheels, ...sdists].find((f) => f.coreMetadata !== false);
  if (withPep658) attempts.push([withPep658, () => viaPep658(ctx, withPep658)]);
  const wheel = wheels[0];
  if (wheel) attempts.push([wheel, () => viaWheel(ctx, name, wheel)]);
  const sdist = sdists[0];
  if (sdist) attempts.push([sdist, () => viaSdist(ctx, sdist)]);
  if (attempts.length === 0) return { status: 'unavailable', reason: `no wheel or sdist of ${name} ${version}` };

  for (const [file, attempt] of attempts) {
    const result = await attempt().catch(
      (err: unknown): Attempt => ({ status: 'failed', reason: describeError(err), infrastructure: err instanceof IndexError }),
    );
    if (result.status === 'failed') {
      failures.push(`${file.filename}: ${result.reason}`);
      if (result.infrastructure) infrastructure = true;
      continue;
    }
    const kept = detached(result);
    await ctx.cache.putMetadata(fileCacheKey(file), kept);
    if (kept.status === 'ok' || wheels.length === 0) return kept;
    failures.push(`${file.filename}: ${kept.reason}`);
  }
  return { status: 'unavailable', reason: failures.join('; '), ...(infrastructure ? { infrastructure: true } : {}) };
}

/**
 * A copy sharing no string with the parsed text. V8 keeps substrings as slices of their parent, so
 * a name or a Requires-Dist line would keep the whole METADATA (long descriptions run to hundreds of
 * KiB) alive for the run; the copy is what a warm run reads back from the cache anyway.
 */
function detached(result: CachedMetadata): CachedMetadata {
  return JSON.parse(JSON.stringify(result)) as CachedMetadata;
}

async function releaseFiles(
  listings: ListingSource,
  name: ProjectName,
  version: string,
): Promise<{ files: ProjectFile[] } | { reason: string; infrastructure?: boolean }> {
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
  if (index.status === 'error') return { reason: `index: ${index.reason}`, infrastructure: true };
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
  const data = await fetchBytes(ctx, `${file.url}.metadata`, MAX_METADATA_BYTES, 'metadata');
  if (file.coreMetadata !== false) checkSha256(file, data, file.coreMetadata.hashes['sha256'], 'PEP 658 metadata');
  return { status: 'ok', metadata: parseCoreMetadata(data.toString('utf8')), source: 'pep658', file: file.filename };
}

/**
 * Under `archiveReads`: a run asks for hundreds of releases at once, and each read holds its tail
 * (and a download its whole file) between requests that queue behind everyone else's, so without a
 * cap the bytes held grow with the number of releases.
 */
function viaWheel(ctx: ClientContext, name: ProjectName, file: ProjectFile): Promise<Attempt> {
  return ctx.archiveReads(() => readWheel(ctx, name, file));
}

async function readWheel(ctx: ClientContext, name: ProjectName, file: ProjectFile): Promise<Attempt> {
  const pick = metadataMemberPicker(name);
  let data: Buffer;
  if (file.url.startsWith('file:')) {
    data = await fetchBytes(ctx, file.url, ctx.opts.maxDownloadBytes);
  } else {
    // What the ranges gave that does not read as the wheel (a 206 of other bytes than asked, a 200 to
    // a later range) is the server's doing as much as the file's: the whole file, as pip reads it,
    // decides. Not retried this way: a failure of the index itself (an IndexError), and a directory or
    // member over its cap (a download would hold far more only to say the same).
    const ranged = await viaRanges(ctx, file, pick).catch((err: unknown) => {
      if (err instanceof IndexError || err instanceof ZipLimitError) throw err;
      return { whole: null, url: file.url };
    });
    if ('ok' in ranged) return ranged.ok;
    data = ranged.whole ?? (await fetchBytes(ctx, ranged.url, ctx.opts.maxDownloadBytes));
  }
  checkSha256(file, data, file.hashes['sha256'], 'download');
  const member = await readZipMember(data, pick);
  if (!member) return { status: 'failed', reason: 'no .dist-info/METADATA in the wheel' };
  return metadataOf(member.data, 'wheel-download', file);
}

/** `bytes a-b/size` of a 206, or null when unreadable. */
function contentRange(value: string | null): { start: number; end: number; size: number } | null {
  const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec((value ?? '').trim());
  if (!m) return null;
  const [start, end, size] = [Number(m[1]), Number(m[2]) + 1, Number(m[3])];
  return Number.isSafeInteger(size) && start < end && end <= size ? { start, end, size } : null;
}

/**
 * The member through ranges; else what to download instead: `whole` when the server ignored the
 * Range and sent the file (200), else the URL to download (no usable 206).
 */
async function viaRanges(
  ctx: ClientContext,
  file: ProjectFile,
  pick: MemberPicker,
): Promise<{ ok: Attempt } | { whole: Buffer | null; url: string }> {
  const tail = await ctx.http.request({
    url: file.url,
    headers: { range: `bytes=-${TAIL_BYTES}` },
    maxBytes: ctx.opts.maxDownloadBytes,
    what: 'download',
    kind: 'range',
    raw: true,
  });
  if (tail.status === 200) {
    // No range support: the answer is the whole file (already capped), a download after all.
    ctx.http.stats.byKind.range--;
    ctx.http.stats.byKind.download++;
    return { whole: tail.body, url: tail.url };
  }
  const range = tail.status === 206 ? contentRange(tail.headers.get('content-range')) : null;
  // Not the file's end (a server without suffix ranges sends its first bytes): no tail to read.
  if (!range || tail.body.length !== range.end - range.start || range.end !== range.size) return { whole: null, url: tail.url };
  if (range.start === 0 && range.end === range.size) {
    // A wheel smaller than the tail: all of it came in the one request.
    checkSha256(file, tail.body, file.hashes['sha256'], 'download');
    const member = await readZipMember(tail.body, pick);
    return { ok: member ? metadataOf(member.data, 'wheel-range', file) : { status: 'failed', reason: 'no .dist-info/METADATA in the wheel' } };
  }
  const fetchRange = async (start: number, end: number): Promise<Buffer> => {
    const res = await ctx.http.request({
      url: tail.url,
      headers: { range: `bytes=${start}-${end - 1}` },
      maxBytes: end - start,
      what: 'range',
      kind: 'range',
      raw: true,
    });
    if (res.status !== 206) throw new Error(`HTTP ${res.status} to a Range request`);
    return res.body;
  };
  const query = { suffix: METADATA_MEMBER_SUFFIX, pick };
  const leave = (bytes: number) => ctx.budget.acquire(bytes);
  const member = await readZipMemberRanged(range.size, { start: range.start, data: tail.body }, fetchRange, query, leave);
  if (!member) return { ok: { status: 'failed', reason: 'no .dist-info/METADATA in the wheel' } };
  return { ok: metadataOf(member.data, 'wheel-range', file) };
}

function metadataOf(data: Buffer, source: 'wheel-range' | 'wheel-download', file: ProjectFile): Attempt {
  return { status: 'ok', metadata: parseCoreMetadata(data.toString('utf8')), source, file: file.filename };
}

/** Under `archiveReads` too: the whole sdist is held while it is unpacked. */
function viaSdist(ctx: ClientContext, file: ProjectFile): Promise<Attempt> {
  return ctx.archiveReads(() => readSdist(ctx, file));
}

async function readSdist(ctx: ClientContext, file: ProjectFile): Promise<Attempt> {
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
