/**
 * The filename a URL (or a listed name) stands for, checked before anything is written by it.
 *
 * pip names a download after the last path segment of its URL, percent-decoded
 * (`Link.filename`). An index is untrusted input, so this is a security boundary: a segment such
 * as `..%2F..%2Fetc%2Fpasswd` decodes to a path. Rejected (null): empty names, `/`, `\`, `..`
 * anywhere, NUL and other control characters, and malformed percent-escapes.
 * Input that starts with a URL scheme is parsed as a URL (query and fragment dropped, the last
 * segment percent-decoded); anything else is a plain name, of which the last `/`-segment is
 * taken as written (a name from a directory listing is not percent-encoded).
 * Trap: resolve relative hrefs against their page first; `a%2Fb` as a plain name stays `a%2Fb`.
 */
import { hasUrlScheme } from '../urls/index.js';

// C0 controls, DEL and C1 controls: no filename on a mirror has them, terminals interpret them.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function lastSegment(urlOrName: string): string | null {
  if (hasUrlScheme(urlOrName)) {
    let url: URL;
    try {
      url = new URL(urlOrName);
    } catch {
      return null;
    }
    const raw = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
    try {
      return decodeURIComponent(raw);
    } catch {
      return null;
    }
  }
  return urlOrName.slice(urlOrName.lastIndexOf('/') + 1);
}

/** The safe filename of a URL or name, or null when it must not be used as a file name. */
export function safeFilename(urlOrName: string): string | null {
  const name = lastSegment(urlOrName);
  if (name === null || name === '' || name === '.') return null;
  if (name.includes('/') || name.includes('\\') || name.includes('..') || CONTROL.test(name)) return null;
  return name;
}
