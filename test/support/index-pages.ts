// Renders the loopback index's pages: PEP 503 HTML (https://peps.python.org/pep-0503/) with
// PEP 592 data-yanked, PEP 658/714 data-dist-info-metadata + data-core-metadata, and PEP 691 JSON
// (https://peps.python.org/pep-0691/) with PEP 700's `versions`/`size`/`upload-time`; directory
// listings for find-links as mirrors serve them (nginx autoindex, Apache mod_autoindex's FancyIndexing
// table and `<pre>` forms and its plain list, Python's http.server); and PEP 691 content negotiation.
// Traps: attribute values are HTML-escaped (`>=3.6` becomes `&gt;=3.6`); hrefs are relative to the
// project page, so clients must resolve them against the final URL after redirects.
import { createHash } from 'node:crypto';
import type { BuiltFile } from './distributions.js';

export const JSON_V1 = 'application/vnd.pypi.simple.v1+json';
export const HTML_V1 = 'application/vnd.pypi.simple.v1+html';
export const TEXT_HTML = 'text/html';
export type PageType = typeof JSON_V1 | typeof HTML_V1 | typeof TEXT_HTML;
export type ApiMode = 'html' | 'json' | 'both';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Percent-encode a filename for an href (`+` of local versions becomes %2B, as nginx does). */
export function hrefEncode(filename: string): string {
  return encodeURIComponent(filename);
}

export function normalize(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/**
 * PEP 691 negotiation: the offered type with the highest q-value the client accepts; ties go to
 * the server's order (JSON first). No Accept header means HTML, as old pips send none or text/html.
 * Returns null when nothing offered is acceptable (the server answers 406).
 */
export function negotiate(accept: string | undefined, api: ApiMode): PageType | null {
  const offered: PageType[] = api === 'html' ? [HTML_V1, TEXT_HTML] : api === 'json' ? [JSON_V1] : [JSON_V1, HTML_V1, TEXT_HTML];
  if (!accept || !accept.trim()) return api === 'json' ? JSON_V1 : TEXT_HTML;
  const prefs = accept.split(',').map((part) => {
    const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const qv = q ? Number(q.slice(2)) : 1;
    return { type, q: Number.isFinite(qv) ? qv : 0 };
  });
  let best: { type: PageType; q: number } | null = null;
  for (const t of offered) {
    const [major] = t.split('/');
    let q = -1;
    for (const p of prefs) {
      if (p.type === t || p.type === `${major}/*` || p.type === '*/*') q = Math.max(q, p.q);
    }
    if (q > 0 && (!best || q > best.q)) best = { type: t, q };
  }
  return best?.type ?? null;
}

function yankedValue(f: BuiltFile): string | boolean {
  if (f.yanked === undefined) return false;
  return f.yanked === true ? true : f.yanked;
}

/** The sha256 of the `.metadata` file the server serves (the METADATA bytes, exactly). */
export function metadataSha(f: BuiltFile): string {
  return createHash('sha256').update(Buffer.from(f.metadata, 'utf8')).digest('hex');
}

export interface PageContext {
  /** Relative path from the project page to the files directory, e.g. '../../files/'. */
  filesHref: string;
  pep658: boolean;
}

export function projectHtml(display: string, files: BuiltFile[], ctx: PageContext): string {
  const anchors = files.map((f) => {
    const attrs = [`href="${ctx.filesHref}${hrefEncode(f.filename)}#sha256=${f.sha256}"`];
    if (f.requiresPython !== undefined) attrs.push(`data-requires-python="${escapeHtml(f.requiresPython)}"`);
    const y = yankedValue(f);
    if (y !== false) attrs.push(y === true ? 'data-yanked=""' : `data-yanked="${escapeHtml(y)}"`);
    if (ctx.pep658 && f.pep658) {
      const v = `sha256=${metadataSha(f)}`;
      attrs.push(`data-dist-info-metadata="${v}"`, `data-core-metadata="${v}"`);
    }
    return `    <a ${attrs.join(' ')}>${escapeHtml(f.filename)}</a><br />`;
  });
  const title = `Links for ${escapeHtml(normalize(display))}`;
  return `<!DOCTYPE html>\n<html>\n  <head>\n    <meta name="pypi:repository-version" content="1.1">\n    <title>${title}</title>\n  </head>\n  <body>\n    <h1>${title}</h1>\n${anchors.join('\n')}\n  </body>\n</html>\n`;
}

export function projectJson(display: string, files: BuiltFile[], versions: string[], ctx: PageContext): string {
  return JSON.stringify({
    meta: { 'api-version': '1.1' },
    name: normalize(display),
    versions,
    files: files.map((f) => {
      const entry: Record<string, unknown> = {
        filename: f.filename,
        url: `${ctx.filesHref}${hrefEncode(f.filename)}`,
        hashes: { sha256: f.sha256 },
        'requires-python': f.requiresPython ?? null,
        size: f.bytes.length,
        'upload-time': '2020-02-02T00:00:00.000000Z',
        yanked: yankedValue(f),
      };
      if (ctx.pep658 && f.pep658) {
        const h = { sha256: metadataSha(f) };
        entry['core-metadata'] = h;
        entry['dist-info-metadata'] = h;
      }
      return entry;
    }),
  });
}

export function rootHtml(displays: string[]): string {
  const anchors = displays.map((d) => `    <a href="${hrefEncode(normalize(d))}/">${escapeHtml(d)}</a><br />`);
  return `<!DOCTYPE html>\n<html>\n  <head>\n    <meta name="pypi:repository-version" content="1.1">\n    <title>Simple index</title>\n  </head>\n  <body>\n${anchors.join('\n')}\n  </body>\n</html>\n`;
}

export function rootJson(displays: string[]): string {
  return JSON.stringify({ meta: { 'api-version': '1.1' }, projects: displays.map((name) => ({ name })) });
}

/** An nginx-style autoindex listing (`<pre>` of anchors followed by date and size), as mirrors serve. */
export function autoindexHtml(path: string, files: BuiltFile[]): string {
  const rows = files.map((f) => {
    const pad = ' '.repeat(Math.max(1, 51 - f.filename.length));
    return `<a href="${hrefEncode(f.filename)}">${escapeHtml(f.filename)}</a>${pad}02-Feb-2020 00:00 ${String(f.bytes.length).padStart(19)}`;
  });
  return `<html>\r\n<head><title>Index of ${path}</title></head>\r\n<body>\r\n<h1>Index of ${path}</h1><hr><pre><a href="../">../</a>\r\n${rows.join('\r\n')}\r\n</pre><hr></body>\r\n</html>\r\n`;
}

export type AutoindexStyle = 'nginx' | 'apache-table' | 'apache-pre' | 'apache-list' | 'http.server';

/** Apache mod_autoindex's href escaping (`ap_os_escape_path`): `+` and the other sub-delims stay as written. */
function apacheHref(filename: string): string {
  return filename.replace(/[^A-Za-z0-9$\-_.+!*'(),:@&=/~]/g, (c) => encodeURIComponent(c));
}

/** Apache shows at most 23 characters of a name (NameWidth), cut with `..>`; the href is whole. */
function apacheName(filename: string): string {
  return filename.length > 23 ? `${escapeHtml(filename.slice(0, 20))}..&gt;` : escapeHtml(filename);
}

const APACHE_SORT = '<a href="?C=N;O=D">Name</a>';

/**
 * A directory listing of `files` at `path`, in the style of a real server: Apache's FancyIndexing
 * (an HTML table, or `<pre>` without HTMLTable: sort links `?C=N;O=D`, icons with alt text, a Parent
 * Directory link), Apache without FancyIndexing (a `<ul>`), or Python's `http.server` (a `<ul>`, hrefs
 * by `urllib.parse.quote`, so `+` is `%2B`).
 */
export function directoryListingHtml(style: AutoindexStyle, path: string, files: BuiltFile[]): string {
  const title = `Index of ${escapeHtml(path)}`;
  switch (style) {
    case 'nginx':
      return autoindexHtml(path, files);
    case 'apache-table': {
      const rows = files.map((f) => `<tr><td valign="top"><img src="/icons/unknown.gif" alt="[   ]"></td><td><a href="${escapeHtml(apacheHref(f.filename))}">${apacheName(f.filename)}</a></td><td align="right">2020-02-02 00:00  </td><td align="right">${(f.bytes.length / 1024).toFixed(1)}K</td><td>&nbsp;</td></tr>`);
      return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<html>\n <head>\n  <title>${title}</title>\n </head>\n <body>\n<h1>${title}</h1>\n  <table>\n   <tr><th valign="top"><img src="/icons/blank.gif" alt="[ICO]"></th><th>${APACHE_SORT}</th><th><a href="?C=M;O=A">Last modified</a></th><th><a href="?C=S;O=A">Size</a></th><th><a href="?C=D;O=A">Description</a></th></tr>\n   <tr><th colspan="5"><hr></th></tr>\n<tr><td valign="top"><img src="/icons/back.gif" alt="[PARENTDIR]"></td><td><a href="/">Parent Directory</a></td><td>&nbsp;</td><td align="right">  - </td><td>&nbsp;</td></tr>\n${rows.join('\n')}\n   <tr><th colspan="5"><hr></th></tr>\n</table>\n<address>Apache/2.4.41 (Ubuntu) Server at 127.0.0.1 Port 80</address>\n</body></html>\n`;
    }
    case 'apache-pre': {
      const rows = files.map((f) => `<img src="/icons/unknown.gif" alt="[   ]"> <a href="${escapeHtml(apacheHref(f.filename))}">${apacheName(f.filename)}</a> 2020-02-02 00:00  ${(f.bytes.length / 1024).toFixed(1)}K  `);
      return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<html>\n <head>\n  <title>${title}</title>\n </head>\n <body>\n<h1>${title}</h1>\n<pre><img src="/icons/blank.gif" alt="Icon "> ${APACHE_SORT}                    <a href="?C=M;O=A">Last modified</a>      <a href="?C=S;O=A">Size</a>  <a href="?C=D;O=A">Description</a><hr><img src="/icons/back.gif" alt="[PARENTDIR]"> <a href="/">Parent Directory</a>                             -   \n${rows.join('\n')}\n<hr></pre>\n</body></html>\n`;
    }
    case 'apache-list':
      return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<html>\n <head>\n  <title>${title}</title>\n </head>\n <body>\n<h1>${title}</h1>\n<ul><li><a href="/"> Parent Directory</a></li>\n${files.map((f) => `<li><a href="${escapeHtml(apacheHref(f.filename))}"> ${escapeHtml(f.filename)}</a></li>`).join('\n')}\n</ul>\n</body></html>\n`;
    case 'http.server':
      return `<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for ${escapeHtml(path)}</title>\n</head>\n<body>\n<h1>Directory listing for ${escapeHtml(path)}</h1>\n<hr>\n<ul>\n${files.map((f) => `<li><a href="${hrefEncode(f.filename)}">${escapeHtml(f.filename)}</a></li>`).join('\n')}\n</ul>\n<hr>\n</body>\n</html>\n`;
  }
}
