/**
 * Escaping and links for report.html. Everything from a report is hostile input (file names,
 * package names and messages come from the repository under test and from the index), so every
 * value reaches the page through `esc` (text and attribute values alike: quotes included) and
 * every link through `safeHref` (http(s) only: no `javascript:`, `data:` or relative URLs).
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value, HTML-escaped. */
const SPECIAL = /[&<>"']/;

export function esc(value: string | number): string {
  const text = String(value);
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c) : text;
}

/** The URL when it is an absolute http(s) URL, else null. */
export function safeHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** `<a>` to an outside page (opened without a referrer), or the escaped text when the URL is not http(s). */
export function outLink(url: string, text: string = url): string {
  const href = safeHref(url);
  return href === null ? esc(text) : `<a href="${esc(href)}" rel="noreferrer noopener">${esc(text)}</a>`;
}

/** Where the checked files live: the repository's web URL and the revision checked. */
export interface HtmlSource {
  /** e.g. https://github.com/mozilla-releng/build-puppet (a trailing `.git` is dropped). */
  repoUrl: string;
  /** The commit (or ref) the run checked. */
  revision: string;
}

/** The GitHub (or GHES) blob URL of `path` at the source's revision, at `line`; null without a usable source. */
export function lineUrl(source: HtmlSource | null, path: string, line: number | null): string | null {
  if (source === null || source.revision === '') return null;
  const base = safeHref(source.repoUrl.replace(/\.git$/, '').replace(/\/+$/, ''));
  if (base === null) return null;
  const file = path.split('/').map(encodeURIComponent).join('/');
  return `${base.replace(/\/+$/, '')}/blob/${encodeURIComponent(source.revision)}/${file}${line === null ? '' : `#L${line}`}`;
}

/** The repository tree at the source's revision; null without a usable source. */
export function treeUrl(source: HtmlSource | null): string | null {
  if (source === null || source.revision === '') return null;
  const base = safeHref(source.repoUrl.replace(/\.git$/, '').replace(/\/+$/, ''));
  return base === null ? null : `${base.replace(/\/+$/, '')}/tree/${encodeURIComponent(source.revision)}`;
}

/** "1 error", "2 warnings". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
