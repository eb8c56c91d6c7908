/**
 * The one test of "is this text a URL", for every folder that takes a location that may be a path or
 * a URL (mirrors, find-links, includes, download folders, hrefs). RFC 3986 §3.1: a scheme is a letter
 * then letters, digits, `+`, `-`, `.`, ended by `:`. Trap: a Windows drive (`C:\x`) has a one-letter
 * "scheme"; nothing here runs on Windows paths, so it is not special-cased. pip's own `is_url` (a known
 * scheme list, for requirement lines) stays in src/requirements, where its rule belongs.
 */

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const SCHEME_AUTHORITY = /^[a-z][a-z0-9+.-]*:\/\//i;

/** `scheme:` at the start (`https:`, `file:`, `mailto:`). */
export function hasUrlScheme(text: string): boolean {
  return SCHEME.test(text);
}

/** `scheme://` at the start: a URL with an authority (`https://host/`, `file:///dir`). */
export function isAuthorityUrl(text: string): boolean {
  return SCHEME_AUTHORITY.test(text);
}

/** A URL that is not on this machine: `scheme://` other than `file:`. */
export function isRemoteUrl(text: string): boolean {
  return isAuthorityUrl(text) && !/^file:/i.test(text);
}
