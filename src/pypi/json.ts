/**
 * PEP 691 JSON simple pages (with PEP 700's `versions` and `size`) → ProjectPage.
 *
 * Spec: https://peps.python.org/pep-0691/#project-detail , https://peps.python.org/pep-0700/ ,
 * PEP 714 (`core-metadata`, falling back to `dist-info-metadata`). Validated with zod at the wire
 * boundary, field by field: an entry without a usable `filename`/`url` is dropped with a warning,
 * a bad optional field (size, hashes, yanked…) degrades to its default with a warning; only a body
 * that is not a page at all (not JSON, no `files` array, api-version 2+) throws PageParseError.
 * Traps: `"yanked": ""` is *not* yanked (pip reads the falsy value as None); `yanked: true` is
 * yanked without a reason; `url` may be relative to the page; `filename` must pass safeFilename;
 * hashes are hex digests (others are dropped); a missing `name` falls back to the URL's last segment.
 */
import { z } from 'zod';
import { normalizeName } from '../names/index.js';
import { PageParseError } from './errors.js';
import { cleanHashes, firstPerFilename, resolveLink } from './entries.js';
import { safeFilename } from './safe-filename.js';
import type { ProjectFile, ProjectPage } from './types.js';

const Page = z.object({
  meta: z.object({ 'api-version': z.string() }).passthrough().optional(),
  name: z.unknown().optional(),
  files: z.array(z.unknown()),
  versions: z.unknown().optional(),
});

const Entry = z.object({ filename: z.string().min(1), url: z.string().min(1) }).passthrough();
const Hashes = z.record(z.unknown());
const RequiresPython = z.string().nullable();
const Yanked = z.union([z.boolean(), z.string()]);
const CoreMetadata = z.union([z.boolean(), z.record(z.unknown())]);
const Size = z.number().int().nonnegative().nullable();

type Entry = z.infer<typeof Entry>;
/** Entry.safeParse without zod for the shape every valid entry has (zod's pass-through copy of each
 * of a page's entries showed in warm profiles); anything else goes through zod for its message. */
function entryOf(raw: unknown): z.SafeParseReturnType<unknown, Entry> {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const r = raw as Record<string, unknown>;
    if (typeof r['filename'] === 'string' && r['filename'] !== '' && typeof r['url'] === 'string' && r['url'] !== '') return { success: true, data: r as Entry };
  }
  return Entry.safeParse(raw);
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string' && !Buffer.isBuffer(body)) return body;
  const text = typeof body === 'string' ? body : body.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const msg = e instanceof Error ? e.message : '';
    const m = /position (\d+)/.exec(msg);
    const offset = m ? Number(m[1]) : /end of JSON/i.test(msg) ? text.length : 0;
    throw new PageParseError('simple page is not valid JSON', text.slice(0, 10_000), offset, e);
  }
}

function inputOf(body: unknown): string {
  try {
    return (JSON.stringify(body) ?? String(body)).slice(0, 10_000);
  } catch {
    return String(body);
  }
}

const isPlainObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);
// What each schema accepts, tested without zod (five safeParse calls an entry showed in warm
// profiles); a value these do not accept still goes through zod, for its verdict and message.
const ACCEPTS = new Map<z.ZodTypeAny, (v: unknown) => boolean>([
  [Hashes, isPlainObject],
  [RequiresPython, (v) => typeof v === 'string' || v === null],
  [Yanked, (v) => typeof v === 'boolean' || typeof v === 'string'],
  [CoreMetadata, (v) => typeof v === 'boolean' || isPlainObject(v)],
  [Size, (v) => v === null || (Number.isSafeInteger(v) && (v as number) >= 0)],
]);

/** One optional field: its value when valid, else the fallback (and a warning when it was present). */
function field<T>(entry: Record<string, unknown>, key: string, schema: z.ZodType<T>, fallback: T, where: string, warnings: string[]): T {
  const raw = entry[key];
  if (raw === undefined) return fallback;
  if (ACCEPTS.get(schema)?.(raw) === true) return raw as T;
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  warnings.push(`${where}: invalid ${JSON.stringify(key)} (${JSON.stringify(raw)?.slice(0, 100)}) ignored`);
  return fallback;
}

function toFile(raw: unknown, index: number, pageUrl: string, source: string, warnings: string[]): ProjectFile | null {
  const parsed = entryOf(raw);
  if (!parsed.success) {
    warnings.push(`files[${index}]: entry without a filename and url skipped (${parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ')})`);
    return null;
  }
  const e = parsed.data;
  const where = `files[${index}] ${JSON.stringify(e.filename.slice(0, 200))}`;
  const filename = safeFilename(e.filename);
  if (filename === null || filename !== e.filename) {
    warnings.push(`${where}: not a safe filename, skipped`);
    return null;
  }
  const link = resolveLink(e.url, pageUrl, warnings);
  if (!link) return null;
  let hashes = cleanHashes(field(e, 'hashes', Hashes, {}, where, warnings), where, warnings);
  if (Object.keys(hashes).length === 0) hashes = link.fragmentHashes;
  const yanked = field(e, 'yanked', Yanked, false, where, warnings);
  const coreRaw = e['core-metadata'] !== undefined ? 'core-metadata' : 'dist-info-metadata';
  const core = field(e, coreRaw, CoreMetadata, false, where, warnings);
  return {
    filename,
    url: link.url,
    hashes,
    requiresPython: field(e, 'requires-python', RequiresPython, null, where, warnings),
    // pip: a non-string truthy value is "yanked, no reason"; any falsy value (false, "") is not yanked
    yanked: yanked === true ? '' : typeof yanked === 'string' && yanked !== '' ? yanked : null,
    coreMetadata: core === false ? false : { hashes: core === true ? {} : cleanHashes(core, where, warnings) },
    size: field(e, 'size', Size, null, where, warnings),
    source,
  };
}

function checkApiVersion(v: string | undefined, data: unknown, warnings: string[]): void {
  if (v === undefined) return;
  const m = /^(\d+)\.(\d+)$/.exec(v);
  if (!m) return void warnings.push(`unparseable api-version ${JSON.stringify(v)} ignored`);
  // the page is serialised for the error only: doing it on every parse would re-encode every page
  if (Number(m[1]) > 1) throw new PageParseError(`unsupported api-version ${v} (major > 1, PEP 691)`, inputOf(data), 0);
  if (Number(m[2]) > 1) warnings.push(`api-version ${v} is newer than 1.1; reading it as 1.1`);
}

function nameFromUrl(pageUrl: string): string {
  try {
    const segs = new URL(pageUrl).pathname.split('/').filter(Boolean);
    return decodeURIComponent(segs[segs.length - 1] ?? '');
  } catch {
    return '';
  }
}

/**
 * Parse a PEP 691 project page: `body` is the parsed JSON (a string or Buffer is parsed first).
 * `pageUrl` is the final URL after redirects; `source` labels the files (default `pageUrl`).
 */
export function parseSimpleJson(body: unknown, pageUrl: string, source?: string): ProjectPage {
  const data = parseBody(body);
  const page = Page.safeParse(data);
  if (!page.success) throw new PageParseError('not a PEP 691 project page (no files array)', inputOf(data), 0, page.error);
  try {
    new URL(pageUrl);
  } catch (e) {
    throw new PageParseError(`page URL ${JSON.stringify(pageUrl)} is not an absolute URL`, inputOf(data), 0, e);
  }
  const warnings: string[] = [];
  checkApiVersion(page.data.meta?.['api-version'], data, warnings);
  let rawName = page.data.name;
  if (typeof rawName !== 'string' || rawName === '') {
    rawName = nameFromUrl(pageUrl);
    warnings.push(`page has no name; using ${JSON.stringify(rawName)} from its URL`);
  }
  const files: ProjectFile[] = [];
  const first = firstPerFilename(warnings);
  page.data.files.forEach((raw, i) => {
    const f = toFile(raw, i, pageUrl, source ?? pageUrl, warnings);
    if (f && first(f)) files.push(f);
  });
  let versions: string[] | null = null;
  if (Array.isArray(page.data.versions)) {
    versions = page.data.versions.filter((v): v is string => typeof v === 'string');
    if (versions.length !== page.data.versions.length) warnings.push('non-string entries in versions ignored');
  } else if (page.data.versions !== undefined) {
    warnings.push('versions is not an array, ignored');
  }
  return { name: normalizeName(String(rawName)), url: pageUrl, files, versions, warnings };
}
