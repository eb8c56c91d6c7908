/**
 * A release's core metadata, the cheapest way the index allows (as uv and pip do):
 *   1. PEP 658/714: `<file-url>.metadata`, checked against its advertised sha256;
 *   2. the chosen wheel's METADATA through HTTP Range requests: a suffix range for the zip's tail
 *      (`bytes=-N`; the 206's Content-Range gives the size, so no HEAD probe), then at most the
 *      central directory and the member (zip-reader.ts): 1–4 requests whatever the wheel;
 *   3. the whole wheel (capped, sha256 checked when the page gives one): a server that ignores Range
 *      answers the suffix request with 200 and the whole file, which is used as the download; one
 *      whose 206s do not read as the wheel (other bytes than asked, a prefix for a suffix) gets the
 *      download too, and only the whole file makes a verdict on the release. A whole wheel is
 *      spooled to disk under the cache folder and read back by ranges (whole-file.ts), as a local
 *      wheel is read in place;
 *   4. an sdist's PKG-INFO / egg-info requires.txt (see select.ts for which is believed).
 * Files come from the index page; when the index has none for the release, from the mirror (puppet
 * `nodownload` packages live only there). Results are cached by the file's sha256 (immutable), and
 * a definite "no static metadata" is cached too; transient failures are not. A release that could
 * not be read because the index failed (an IndexError: timeouts, 5xx, resets) is `infrastructure`,
 * so the cell is an error (exit 3) rather than a finding about the release.
 * Memory: wheel and sdist reads run under `ctx.archiveReads`, and what they buffer is held under
 * `ctx.budget` (see byte-budget.ts): central directories and members, and whole downloads held in
 * memory (sdists; wheels when there is no cache folder) from their headers until scanned (see
 * http.ts); a spooled wheel's bytes on disk under `ctx.spoolBudget` until read (whole-file.ts). The
 * metadata kept is detached from the text it was parsed from.
 */
import { createHash } from 'node:crypto';
import type { ProjectName } from '../names/index.js';
import { filesOfRelease, parseCoreMetadata, type MetadataState, type ProjectFile, type ProjectState } from '../pypi/index.js';
import type { CachedMetadata } from './cache.js';
import { fetchHeld, fetchMetadataFile, type ClientContext } from './context.js';
import type { HttpResponse } from './http.js';
import { IndexError, OFFLINE_MISS, describeError } from './options.js';
import { readSdistMetadata, type SdistMetadataFiles } from './sdist-reader.js';
import {
  METADATA_MEMBER_SUFFIX,
  NO_STATIC_METADATA,
  fileCacheKey,
  metadataMemberPicker,
  rankSdists,
  rankWheels,
  sdistMetadata,
} from './select.js';
import { WholeDownload, inMemory, openLocal, type WholeFile } from './whole-file.js';
import { TAIL_BYTES, ZipLimitError, readZipMember, readZipMemberRanged, type ByteLeave, type MemberPicker, type ZipMember } from './zip-reader.js';

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
  if (expected) checkDigest(file, createHash('sha256').update(data).digest('hex'), expected, what);
}

/** One wording for a file whose sha256 is not the index's, read in memory or hashed on disk. */
function checkDigest(file: ProjectFile, actual: string, expected: string, what: string): void {
  if (actual !== expected.toLowerCase()) throw new Error(`${what} of ${file.filename} has sha256 ${actual}, the index says ${expected}`);
}

async function viaPep658(ctx: ClientContext, file: ProjectFile): Promise<Attempt> {
  const data = await fetchMetadataFile(ctx, `${file.url}.metadata`, MAX_METADATA_BYTES);
  if (file.coreMetadata !== false) checkSha256(file, data, file.coreMetadata.hashes['sha256'], 'PEP 658 metadata');
  return { status: 'ok', metadata: parseCoreMetadata(data.toString('utf8')), source: 'pep658', file: file.filename };
}

/**
 * Under `archiveReads`: a run asks for hundreds of releases at once, and each read holds its tail
 * (and a whole download a spool file, or its leave) between requests that queue behind everyone
 * else's, so without a cap what is held grows with the number of releases.
 */
function viaWheel(ctx: ClientContext, name: ProjectName, file: ProjectFile): Promise<Attempt> {
  return ctx.archiveReads(() => readWheel(ctx, name, file));
}

async function readWheel(ctx: ClientContext, name: ProjectName, file: ProjectFile): Promise<Attempt> {
  const pick = metadataMemberPicker(name);
  if (file.url.startsWith('file:')) return fromWhole(ctx, file, await openLocal(file.url, ctx.opts.maxDownloadBytes), pick, 'wheel-download');
  // What the ranges gave that does not read as the wheel (a 206 of other bytes than asked, a 200 to
  // a later range) is the server's doing as much as the file's: the whole file, as pip reads it,
  // decides. Not retried this way: a failure of the index itself (an IndexError), and a directory or
  // member over its cap (a download would hold far more only to say the same).
  const ranged = await viaRanges(ctx, file, pick).catch((err: unknown) => {
    if (err instanceof IndexError || err instanceof ZipLimitError) throw err;
    return { whole: null, url: file.url };
  });
  if ('ok' in ranged) return ranged.ok;
  return fromWhole(ctx, file, ranged.whole ?? (await download(ctx, ranged.url)), pick, 'wheel-download');
}

/** The whole file at `url`, spooled or held (see whole-file.ts). */
async function download(ctx: ClientContext, url: string): Promise<WholeFile> {
  const keep = new WholeDownload(ctx.spool, ctx.spoolBudget);
  try {
    const res = await ctx.http.request({
      url,
      maxBytes: ctx.opts.maxDownloadBytes,
      what: 'download',
      kind: 'download',
      raw: true,
      onHeaders: () => keep.plan(),
    });
    if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status} for ${url}`);
    return keep.file(res);
  } catch (err) {
    await keep.discard();
    throw err;
  }
}

/**
 * METADATA from a whole wheel, checked against the page's sha256 first: on disk, read by ranges (its
 * directory and member under leave); in memory, with yauzl, asking for no leave (its own covers it,
 * and asking while holding could deadlock). Closed, and its leave given back, once read or failed.
 */
async function fromWhole(ctx: ClientContext, file: ProjectFile, whole: WholeFile, pick: MemberPicker, source: MetadataVia): Promise<Attempt> {
  try {
    let member: ZipMember | null;
    if (whole.kind === 'memory') {
      checkSha256(file, whole.data, file.hashes['sha256'], 'download');
      member = await readZipMember(whole.data, pick);
    } else {
      const expected = file.hashes['sha256'];
      if (expected) checkDigest(file, await whole.sha256(), expected, 'download');
      member = await readZipMemberRanged(whole.size, await whole.tail(TAIL_BYTES), whole.read, { suffix: METADATA_MEMBER_SUFFIX, pick }, budgetLeave(ctx));
    }
    return member ? metadataOf(member.data, source, file) : NO_METADATA;
  } finally {
    await whole.close();
  }
}

const NO_METADATA: Attempt = { status: 'failed', reason: 'no .dist-info/METADATA in the wheel' };

function budgetLeave(ctx: ClientContext): ByteLeave {
  return async (bytes) => (await ctx.budget.acquire(bytes)).release;
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
 * Range and sent the file (200: spooled or held, see whole-file.ts), else the URL to download (no usable 206).
 */
async function viaRanges(
  ctx: ClientContext,
  file: ProjectFile,
  pick: MemberPicker,
): Promise<{ ok: Attempt } | { whole: WholeFile | null; url: string }> {
  const keep = new WholeDownload(ctx.spool, ctx.spoolBudget);
  let tail: HttpResponse;
  try {
    tail = await ctx.http.request({
      url: file.url,
      headers: { range: `bytes=-${TAIL_BYTES}` },
      maxBytes: ctx.opts.maxDownloadBytes,
      what: 'download',
      kind: 'range',
      raw: true,
      // A 206 is the tail, held by every ranged read without leave (archiveReads bounds them) and no
      // longer than asked; anything else is the whole file, kept as any download is.
      onHeaders: (answer) => (answer.status === 206 ? { hold: false, maxBytes: TAIL_BYTES } : keep.plan()),
    });
  } catch (err) {
    await keep.discard();
    throw err;
  }
  if (tail.status === 200) {
    // No range support: the answer is the whole file (already capped), a download after all.
    ctx.http.stats.byKind.range--;
    ctx.http.stats.byKind.download++;
    return { whole: keep.file(tail), url: tail.url };
  }
  // Any other answer kept nothing worth using.
  await keep.discard();
  tail.release();
  const range = tail.status === 206 ? contentRange(tail.headers.get('content-range')) : null;
  // Not the file's end (a server without suffix ranges sends its first bytes): no tail to read.
  if (!range || tail.body.length !== range.end - range.start || range.end !== range.size) return { whole: null, url: tail.url };
  if (range.start === 0 && range.end === range.size) {
    // A wheel smaller than the tail: all of it came in the one request.
    return { ok: await fromWhole(ctx, file, inMemory(tail.body), pick, 'wheel-range') };
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
  const member = await readZipMemberRanged(range.size, { start: range.start, data: tail.body }, fetchRange, query, budgetLeave(ctx));
  return { ok: member ? metadataOf(member.data, 'wheel-range', file) : NO_METADATA };
}

type MetadataVia = 'wheel-range' | 'wheel-download';

function metadataOf(data: Buffer, source: MetadataVia, file: ProjectFile): Attempt {
  return { status: 'ok', metadata: parseCoreMetadata(data.toString('utf8')), source, file: file.filename };
}

/** Under `archiveReads` too: the whole sdist is held (under its leave) while it is unpacked. */
function viaSdist(ctx: ClientContext, file: ProjectFile): Promise<Attempt> {
  return ctx.archiveReads(() => readSdist(ctx, file));
}

async function readSdist(ctx: ClientContext, file: ProjectFile): Promise<Attempt> {
  const whole = await fetchHeld(ctx, file.url, ctx.opts.maxDownloadBytes);
  let files: SdistMetadataFiles;
  // The sdist's leave is given back once it is unpacked (or failed to).
  try {
    checkSha256(file, whole.data, file.hashes['sha256'], 'download');
    files = await readSdistMetadata(file.filename, whole.data);
  } finally {
    whole.release();
  }
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
