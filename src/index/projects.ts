/**
 * Project listings: a project's page on each index, and its files on each find-links mirror.
 *
 * Index (PEP 503/691): `<index>/<name>/`, parsed by the response's Content-Type (see negotiate.ts).
 * Local indexes are read from disk as pip reads them: `<dir>/<name>/index.html` only (see local.ts).
 * Find-links (pip's `--find-links`): a page listing files (fetched ONCE per run and shared by all
 * projects; HTML, or PEP 691 JSON when it is a simple project page), or a directory. A page pip would
 * skip for its Content-Type is an error state.
 * A listing's files are filtered to the project by parsing each filename against the project name.
 * Every page passes through {@link keepSafeFiles}: only http(s) URLs, and `file:` only from local pages.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { normalizeName } from '../names/index.js';
import type { ProjectName } from '../names/index.js';
import {
  eggOf,
  parseDistributionFilenameSafe,
  parseFindLinksHtml,
  parseSimpleHtml,
  parseSimpleJson,
  type ProjectFile,
  type ProjectPage,
  type ProjectState,
} from '../pypi/index.js';
import type { CachedPage } from './cache.js';
import { decodePage } from './charset.js';
import type { ClientContext } from './context.js';
import { isDirectory, isFile, localPath, projectSubdir, readLocalFile, scanDirectory } from './local.js';
import { keepSafeFiles, mergeStates } from './merge.js';
import { formatOf } from './negotiate.js';
import { describeError } from './options.js';
import { fetchPage } from './page-fetch.js';

/** Whether `filename` is a distribution of project `name` (wheel or sdist, parsed strictly), or an egg of it (kept to be named: pip skips it). */
function belongsTo(filename: string, name: ProjectName): boolean {
  // Most files of a flat find-links folder are other projects': a prefix test avoids parsing (and
  // throwing for) each of them per project. A name's files always start with the name (escaped).
  return normalizeName(filename).startsWith(`${name}-`) && (parseDistributionFilenameSafe(filename, name) !== null || eggOf(filename, name) !== null);
}

function page(name: ProjectName, url: string, files: ProjectFile[], warnings: string[] = []): ProjectPage {
  return { name, url, files, versions: null, warnings };
}

/** A local HTML page, decoded as pip decodes it: pip's file: adapter labels it `text/html`, so UTF-8 (charset.ts). */
async function readLocalPage(path: string, maxBytes: number): Promise<CachedPage | { reason: string }> {
  const finalUrl = pathToFileURL(path).href;
  const text = decodePage(await readLocalFile(finalUrl, maxBytes), 'text/html', 'html', finalUrl);
  return text.ok ? { finalUrl, contentType: 'text/html', etag: null, lastModified: null, body: text.text } : { reason: text.reason };
}

/** Why a local index has no page for `name` where files of it are on disk (pip would not find them either), or null. */
async function localIndexHint(dir: string, name: ProjectName, source: string): Promise<string | null> {
  const own = join(dir, name);
  const asFindLinks = (folder: string): string => `pass ${folder} with --find-links to have its files listed, or write ${join(own, 'index.html')} (a PEP 503 page)`;
  if ((await isDirectory(own)) && (await scanDirectory(own, source, (f) => belongsTo(f, name))).length > 0) {
    return `${own}/ holds files of ${name} but no index.html, and pip reads only the index.html of a local index's project folder: ${asFindLinks(own)}`;
  }
  const other = await projectSubdir(dir, name);
  if (other !== null && other !== own) {
    return `pip looks for ${own}/index.html; ${other}/ is the same project spelled otherwise, which pip does not look for: rename it ${name}`;
  }
  if ((await scanDirectory(dir, source, (f) => belongsTo(f, name))).length > 0) {
    return `${dir} holds files of ${name} itself, and pip does not list the files of a local index: ${asFindLinks(dir)}`;
  }
  return null;
}

/** Parse a fetched simple page by its Content-Type. */
function parseProjectPage(name: ProjectName, cached: CachedPage, source: string): ProjectState {
  const format = formatOf(cached.contentType, cached.finalUrl);
  try {
    if (format.kind === 'unsupported') return { status: 'error', reason: format.reason };
    const parsed =
      format.kind === 'json'
        ? parseSimpleJson(cached.body, cached.finalUrl, source)
        : parseSimpleHtml(cached.body, cached.finalUrl, name, source);
    return { status: 'ok', page: keepSafeFiles(parsed, cached.finalUrl.startsWith('file:')) };
  } catch (err) {
    return { status: 'error', reason: `${cached.finalUrl}: ${describeError(err)}` };
  }
}

export class ProjectListings {
  private readonly findLinksPages = new Map<string, Promise<ProjectFile[] | { error: string }>>();

  constructor(private readonly ctx: ClientContext) {}

  /** The project on every index URL, merged. */
  async indexState(name: ProjectName): Promise<ProjectState> {
    const states = await Promise.all(this.ctx.opts.indexUrls.map((u) => this.onIndex(u, name)));
    return mergeStates(name, states);
  }

  /** The project on every find-links location, merged; no locations gives an empty listing. */
  async mirrorState(name: ProjectName): Promise<ProjectState> {
    const states = await Promise.all(this.ctx.opts.findLinks.map((l) => this.onMirror(l, name)));
    if (states.length === 0) return { status: 'ok', page: page(name, '', []) };
    return mergeStates(name, states);
  }

  private async onIndex(indexUrl: string, name: ProjectName): Promise<ProjectState> {
    const dir = localPath(indexUrl);
    if (dir !== null) return this.onLocalIndex(dir, indexUrl, name);
    const url = `${indexUrl.replace(/\/+$/, '')}/${encodeURIComponent(name)}/`;
    const res = await fetchPage(this.ctx, url);
    if (res.kind === 'not-found') return { status: 'not-found', url: res.url };
    if (res.kind === 'error') return { status: 'error', reason: res.reason };
    return parseProjectPage(name, res.page, indexUrl);
  }

  /**
   * A local index as pip reads one: `<index>/<normalised name>/index.html` and nothing else (pip's
   * collector joins `index.html` to a `file:` directory URL, and skips the project when it is not there).
   * A folder of files without that page, under another spelling, or files directly in `<index>`
   * are not found, as for pip; the not-found state says what is there and the way out.
   */
  private async onLocalIndex(dir: string, source: string, name: ProjectName): Promise<ProjectState> {
    try {
      if (!(await isDirectory(dir))) return { status: 'error', reason: `index directory ${dir} does not exist` };
      const sub = join(dir, name);
      const html = join(sub, 'index.html');
      if (await isFile(html)) {
        const cached = await readLocalPage(html, this.ctx.opts.maxPageBytes);
        return 'reason' in cached ? { status: 'error', reason: cached.reason } : parseProjectPage(name, cached, source);
      }
      const hint = await localIndexHint(dir, name, source);
      return { status: 'not-found', url: `${pathToFileURL(sub).href}/`, ...(hint ? { hint } : {}) };
    } catch (err) {
      return { status: 'error', reason: `${dir}: ${describeError(err)}` };
    }
  }

  private async onMirror(location: string, name: ProjectName): Promise<ProjectState> {
    const all = await this.findLinksFiles(location);
    if ('error' in all) return { status: 'error', reason: all.error };
    const files = all.filter((f) => belongsTo(f.filename, name));
    return { status: 'ok', page: page(name, location, files) };
  }

  /** Every file a find-links location lists, read once per run. */
  private findLinksFiles(location: string): Promise<ProjectFile[] | { error: string }> {
    let pending = this.findLinksPages.get(location);
    if (!pending) {
      pending = this.readFindLinks(location);
      this.findLinksPages.set(location, pending);
    }
    return pending;
  }

  private async readFindLinks(location: string): Promise<ProjectFile[] | { error: string }> {
    const path = localPath(location);
    try {
      if (path !== null) {
        if (await isDirectory(path)) return await scanDirectory(path, location, () => true);
        if (!(await isFile(path))) return { error: `find-links location ${location} does not exist` };
        const cached = await readLocalPage(path, this.ctx.opts.maxPageBytes);
        return 'reason' in cached ? { error: cached.reason } : this.linksOf(cached, location);
      }
      const res = await fetchPage(this.ctx, location);
      if (res.kind === 'not-found') return { error: `find-links page ${res.url} not found (404)` };
      if (res.kind === 'error') return { error: res.reason };
      return this.linksOf(res.page, location);
    } catch (err) {
      return { error: `${location}: ${describeError(err)}` };
    }
  }

  /** A find-links page is read as pip reads it: by its Content-Type (a simple project page answers PEP 691 JSON to our Accept). */
  private linksOf(cached: CachedPage, source: string): ProjectFile[] | { error: string } {
    const format = formatOf(cached.contentType, cached.finalUrl);
    if (format.kind === 'unsupported') return { error: format.reason };
    const files =
      format.kind === 'json'
        ? parseSimpleJson(cached.body, cached.finalUrl, source).files
        : parseFindLinksHtml(cached.body, cached.finalUrl, source);
    const local = cached.finalUrl.startsWith('file:');
    return keepSafeFiles(page('' as ProjectName, cached.finalUrl, files), local).files;
  }
}
