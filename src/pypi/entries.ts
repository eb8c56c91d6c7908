/**
 * Pieces shared by the HTML and JSON page parsers: resolving an href to an absolute URL without
 * its fragment, the `#<hash>=<hex>` fragment pip reads, hash maps, and the PEP 658/714 metadata value,
 * and the first-entry-wins rule for a filename listed twice.
 *
 * Spec: https://peps.python.org/pep-0503/ (hash fragment), https://peps.python.org/pep-0658/ and
 * https://peps.python.org/pep-0714/ (`data-core-metadata`, `"true"` or `<hashname>=<hex>`).
 * Traps: only http(s) and file URLs are distribution URLs (`javascript:`, `data:` are dropped); the
 * filename is the URL's last segment percent-decoded and must pass `safeFilename`; a hash with
 * non-hex digits is dropped (it would only ever fail verification).
 */
import { safeFilename } from './safe-filename.js';
import type { ProjectFile } from './types.js';

/** pip's `_SUPPORTED_HASHES` for URL fragments. */
const FRAGMENT_HASHES = new Set(['sha1', 'sha224', 'sha384', 'sha256', 'sha512', 'md5']);
const HEX = /^[0-9a-f]+$/i;
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'file:']);

export interface ResolvedLink {
  /** Absolute URL without the fragment. */
  url: string;
  filename: string;
  /** Hashes from the fragment (first supported one, as pip). */
  fragmentHashes: Record<string, string>;
}

/** The first supported `name=hex` of a fragment (`#sha256=…`, `#egg=x&md5=…`). */
function hashFromFragment(fragment: string): Record<string, string> {
  for (const part of fragment.replace(/^#/, '').split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).toLowerCase();
    const value = part.slice(eq + 1);
    if (FRAGMENT_HASHES.has(name) && HEX.test(value)) return { [name]: value.toLowerCase() };
  }
  return {};
}

/** Hex digests only, names lower-cased; anything else becomes a warning. */
export function cleanHashes(raw: Record<string, unknown>, where: string, warnings: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value === 'string' && HEX.test(value)) out[name.toLowerCase()] = value.toLowerCase();
    else warnings.push(`${where}: hash ${JSON.stringify(name)} is not a hex digest, ignored`);
  }
  return out;
}

/** Resolve `href` against `base`; null (with a warning) for unusable or unsafe links. */
export function resolveLink(href: string, base: string, warnings: string[]): ResolvedLink | null {
  let u: URL;
  try {
    u = new URL(href.trim(), base);
  } catch {
    warnings.push(`unparseable href ${JSON.stringify(href)} skipped`);
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(u.protocol)) {
    warnings.push(`href with ${u.protocol} scheme skipped: ${JSON.stringify(href.slice(0, 200))}`);
    return null;
  }
  const fragment = u.hash;
  u.hash = '';
  const url = u.href;
  const filename = safeFilename(url);
  if (filename === null) {
    warnings.push(`href ${JSON.stringify(href.slice(0, 200))} does not name a safe file, skipped`);
    return null;
  }
  return { url, filename, fragmentHashes: hashFromFragment(fragment) };
}

/**
 * PEP 658/714 attribute value: `"true"` → available without a hash, `"sha256=…"` → with it.
 * Anything else (including `"false"`) → not advertised, with a warning for non-false values.
 */
export function metadataAttr(value: string, where: string, warnings: string[]): false | { hashes: Record<string, string> } {
  const v = value.trim();
  if (v.toLowerCase() === 'true') return { hashes: {} };
  const eq = v.indexOf('=');
  if (eq > 0) {
    const name = v.slice(0, eq).toLowerCase();
    const hex = v.slice(eq + 1);
    if (HEX.test(hex)) return { hashes: { [name]: hex.toLowerCase() } };
  }
  if (v.toLowerCase() !== 'false') warnings.push(`${where}: unrecognised core-metadata value ${JSON.stringify(v.slice(0, 100))}, ignored`);
  return false;
}

/** A filter passing the first file of each filename (as pip) and warning about the later ones. */
export function firstPerFilename(warnings: string[]): (file: ProjectFile) => boolean {
  const seen = new Set<string>();
  return (file) => {
    if (seen.has(file.filename)) {
      warnings.push(`${file.filename} is listed more than once; the first entry is kept`);
      return false;
    }
    seen.add(file.filename);
    return true;
  };
}
