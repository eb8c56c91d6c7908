/**
 * PEP 691 content negotiation for simple pages, and which responses pip reads at all.
 *
 * Spec: https://peps.python.org/pep-0691/#version-format-selection
 * We ask for JSON first, HTML as a fallback (`ACCEPT`); a server that cannot satisfy that answers 406,
 * and we ask again for HTML only (`ACCEPT_HTML`). What we parse is decided by the response's
 * Content-Type, never by what we asked for, and only the types pip reads count (pip 23.2
 * `collector._ensure_api_header`: the lower-cased header starts with `text/html`,
 * `application/vnd.pypi.simple.v1+html` or `application/vnd.pypi.simple.v1+json`; pip 18 reads
 * `text/html` and asks for nothing else). pip skips any other page with a warning and finds no file
 * on it, so we do not read one either: its reason is pip's line.
 * Traps: an S3 bucket's own listing is `application/xml`; an object uploaded without a type is
 * `binary/octet-stream`; a missing header is "Unknown"; `application/json` and `…latest+json` are not
 * read by pip (a JSON body labelled `text/html` is parsed as HTML, finding no anchors, as pip does).
 * Unsupported: `application/vnd.pypi.simple.v2+*` (a future major version is refused, as the PEP asks).
 */

export const ACCEPT =
  'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01';
export const ACCEPT_HTML = 'application/vnd.pypi.simple.v1+html, text/html;q=0.01';

export type PageFormat = { kind: 'json' } | { kind: 'html' } | { kind: 'unsupported'; reason: string };

/**
 * How to parse a body served with this Content-Type, or why pip would not read it (`url`, the page's,
 * names it in the reason, as pip's warning does).
 */
export function formatOf(contentType: string | null, url = 'the page'): PageFormat {
  const header = contentType ?? 'Unknown';
  const lower = header.toLowerCase();
  if (lower.startsWith('application/vnd.pypi.simple.v1+json')) return { kind: 'json' };
  if (lower.startsWith('text/html') || lower.startsWith('application/vnd.pypi.simple.v1+html')) return { kind: 'html' };
  const vnd = /^\s*application\/vnd\.pypi\.simple\.(v\d+)\+(?:json|html)/.exec(lower);
  if (vnd && vnd[1] !== 'v1') return { kind: 'unsupported', reason: `${url}: unsupported simple API version ${vnd[1]} (${header})` };
  return {
    kind: 'unsupported',
    reason:
      `Skipping page ${url} because the GET request got Content-Type: ${header}. The only supported Content-Types are ` +
      'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html, and text/html',
  };
}
