/**
 * PEP 503 simple pages and flat find-links pages (HTML) → ProjectFile[].
 *
 * Spec: https://peps.python.org/pep-0503/ with PEP 592 (`data-yanked`), PEP 629
 * (`pypi:repository-version`), PEP 658/714 (`data-core-metadata`, preferred over the older
 * `data-dist-info-metadata`). Semantics follow pip's `parse_links`: the first `<base href>` sets
 * the base URL, every `<a href>` is a link, attributes are HTML-unescaped (htmlparser2 decodes
 * entities), the link text is ignored.
 * Traps: `data-requires-python="&gt;=3.6"` is `>=3.6`; `data-yanked=""` is yanked without a reason;
 * an anchor without href is skipped with a warning; `javascript:` and other non-http(s)/file links
 * are dropped; a filename that fails `safeFilename` is dropped; a repeated filename keeps the first
 * entry. A repository-version with major > 1 is refused (PEP 629), a newer minor only warned.
 * Unsupported: `<base>` inside the body after anchors applies to all anchors (pip does the same).
 */
import { createRequire } from 'node:module';
import type * as Htmlparser2 from 'htmlparser2';
import { parseEggFilename } from '../filenames/index.js';
import type { ProjectName } from '../names/index.js';
import { PageParseError } from './errors.js';
import { firstPerFilename, metadataAttr, resolveLink } from './entries.js';
import { parseDistributionFilenameSafe } from './releases.js';
import type { ProjectFile, ProjectPage } from './types.js';

interface Anchor {
  attrs: Record<string, string>;
  offset: number;
}

interface ScannedPage {
  base: string | null;
  anchors: Anchor[];
  repositoryVersion: { value: string; offset: number } | null;
}

// Required on the first HTML page, not at import: htmlparser2 with its domhandler/domutils/entities
// is ~270 kB of modules that a run over JSON pages (or a warm run) would load for nothing.
let htmlparser: typeof Htmlparser2 | null = null;
const Parser = (): typeof Htmlparser2.Parser => (htmlparser ??= createRequire(import.meta.url)('htmlparser2') as typeof Htmlparser2).Parser;

function scan(html: string): ScannedPage {
  const page: ScannedPage = { base: null, anchors: [], repositoryVersion: null };
  const parser = new (Parser())(
    {
      onopentag(name, attrs) {
        if (name === 'a') page.anchors.push({ attrs, offset: parser.startIndex });
        else if (name === 'base' && page.base === null && attrs['href'] !== undefined) page.base = attrs['href'];
        else if (name === 'meta' && attrs['name'] === 'pypi:repository-version' && attrs['content'] !== undefined) {
          page.repositoryVersion ??= { value: attrs['content'], offset: parser.startIndex };
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return page;
}

function checkRepositoryVersion(page: ScannedPage, html: string, warnings: string[]): void {
  const rv = page.repositoryVersion;
  if (!rv) return;
  const m = /^\s*(\d+)\.(\d+)\s*$/.exec(rv.value);
  if (!m) {
    warnings.push(`unparseable pypi:repository-version ${JSON.stringify(rv.value)} ignored`);
    return;
  }
  if (Number(m[1]) > 1) throw new PageParseError(`unsupported repository version ${rv.value} (major > 1, PEP 629)`, html, rv.offset);
  if (Number(m[1]) === 1 && Number(m[2]) > 1) warnings.push(`repository version ${rv.value} is newer than 1.1; reading it as 1.1`);
}

function baseUrl(page: ScannedPage, pageUrl: string, html: string, warnings: string[]): string {
  let u: URL;
  try {
    u = new URL(pageUrl);
  } catch (e) {
    throw new PageParseError(`page URL ${JSON.stringify(pageUrl)} is not an absolute URL`, html, 0, e);
  }
  if (page.base === null) return u.href;
  try {
    return new URL(page.base, u).href;
  } catch {
    warnings.push(`unparseable <base href=${JSON.stringify(page.base.slice(0, 200))}> ignored`);
    return u.href;
  }
}

function toFile(anchor: Anchor, base: string, source: string, warnings: string[]): ProjectFile | null {
  const href = anchor.attrs['href'];
  const where = `anchor at offset ${anchor.offset}`;
  if (href === undefined) {
    warnings.push(`${where} has no href, skipped`);
    return null;
  }
  const link = resolveLink(href, base, warnings);
  if (!link) return null;
  const yanked = anchor.attrs['data-yanked'];
  const core = anchor.attrs['data-core-metadata'] ?? anchor.attrs['data-dist-info-metadata'];
  return {
    filename: link.filename,
    url: link.url,
    hashes: link.fragmentHashes,
    requiresPython: anchor.attrs['data-requires-python'] ?? null,
    yanked: yanked === undefined ? null : yanked,
    coreMetadata: core === undefined ? false : metadataAttr(core, `${link.filename}`, warnings),
    size: null,
    source,
  };
}

function collect(html: string, pageUrl: string, source: string, warnings: string[], keep: (f: ProjectFile) => boolean): ProjectFile[] {
  const page = scan(html);
  checkRepositoryVersion(page, html, warnings);
  const base = baseUrl(page, pageUrl, html, warnings);
  const files: ProjectFile[] = [];
  const first = firstPerFilename(warnings);
  for (const anchor of page.anchors) {
    const file = toFile(anchor, base, source, warnings);
    if (file && keep(file) && first(file)) files.push(file);
  }
  return files;
}

/**
 * Parse a PEP 503 project page. `pageUrl` is the final URL after redirects (hrefs are relative to
 * it); `source` labels the files for reports (default: `pageUrl`). Throws {@link PageParseError}
 * only for a page that cannot be read at all (bad page URL, repository version 2+).
 */
export function parseSimpleHtml(html: string, pageUrl: string, name: ProjectName, source?: string): ProjectPage {
  const warnings: string[] = [];
  const files = collect(html, pageUrl, source ?? pageUrl, warnings, () => true);
  return { name, url: pageUrl, files, versions: null, warnings };
}

/**
 * Parse a flat find-links page (an autoindex listing, or any HTML page of links): the anchors whose
 * filename is a wheel, sdist or egg filename (eggs only to be named: pip skips them). Other links
 * (`../`, sort links, READMEs) are ignored silently.
 */
export function parseFindLinksHtml(html: string, pageUrl: string, source?: string): ProjectFile[] {
  const warnings: string[] = [];
  return collect(html, pageUrl, source ?? pageUrl, warnings, (f) => parseDistributionFilenameSafe(f.filename) !== null || parseEggFilename(f.filename) !== null);
}
