/**
 * PEP 691 content negotiation for simple pages.
 *
 * Spec: https://peps.python.org/pep-0691/#version-format-selection
 * We ask for JSON first, HTML as a fallback (`ACCEPT`); a server that cannot satisfy that answers 406,
 * and we ask again for HTML only (`ACCEPT_HTML`). What we parse is decided by the response's
 * Content-Type, never by what we asked for: static hosts label everything `text/html`, and a JSON body
 * mislabelled that way is parsed as HTML (finding no anchors) rather than trusted.
 * Unsupported: `application/vnd.pypi.simple.v2+*` (a future major version is refused, as the PEP asks).
 */

export const ACCEPT =
  'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01';
export const ACCEPT_HTML = 'application/vnd.pypi.simple.v1+html, text/html;q=0.01';

export type PageFormat = { kind: 'json' } | { kind: 'html' } | { kind: 'unsupported'; reason: string };

/** How to parse a body served with this Content-Type. */
export function formatOf(contentType: string | null): PageFormat {
  const media = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const vnd = /^application\/vnd\.pypi\.simple\.(v\d+|latest)\+(json|html)$/.exec(media);
  if (vnd) {
    const [, version, syntax] = vnd;
    if (version !== 'v1' && version !== 'latest') {
      return { kind: 'unsupported', reason: `unsupported simple API version ${version} (${media})` };
    }
    return syntax === 'json' ? { kind: 'json' } : { kind: 'html' };
  }
  // Plain JSON from a static host that knows no better: the body is still PEP 691 JSON.
  if (media === 'application/json') return { kind: 'json' };
  // text/html, a missing type, or anything else: PEP 503 pages predate negotiation; parse leniently.
  return { kind: 'html' };
}
