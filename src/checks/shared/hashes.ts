/**
 * pip's hash-checking questions about one requirement (pip 23.2 `operations/prepare.py`
 * `_get_linked_req_hashes`, `req/req_install.py` `is_pinned`/`hashes`, `utils/hashes.py`).
 * Traps: `is_pinned` looks at the operator of a single specifier only (`==1.*` is pinned,
 * `>=1,==1.0` is not); a direct URL is exempt from pinning and its `#sha256=` fragment counts as a
 * hash; digests compare as written (pip 23 does not lower-case them).
 */
import type { Pin } from '../../inventory/index.js';
import type { ProjectFile } from '../../pypi/index.js';

const URL_HASH = /[#&](sha256|sha384|sha512)=([0-9A-Za-z]+)/;

/** pip's `is_pinned`: exactly one specifier, with `==` or `===` (the version is not looked at). */
export function hashPinned(pin: Pin): boolean {
  const specs = pin.requirement?.specifiers ?? [];
  return specs.length === 1 && (specs[0]?.operator === '==' || specs[0]?.operator === '===');
}

/** The `algo:digest` values pip accepts for this requirement: its `--hash` options and a direct URL's fragment. */
export function allowedHashes(pin: Pin): string[] {
  const out = [...pin.hashes];
  if (pin.direct) {
    const m = URL_HASH.exec(pin.entry.text);
    if (m) out.push(`${m[1]}:${m[2]}`);
  }
  return out;
}

/** Whether a listed file's digest is one the pin allows (pip's `Hashes.is_hash_allowed`). */
export function fileHashAllowed(file: ProjectFile, allowed: readonly string[]): boolean {
  return Object.entries(file.hashes).some(([algo, digest]) => allowed.includes(`${algo}:${digest}`));
}

/**
 * pip's `filter_unallowed_hashes` (`index/package_finder.py`): when some candidate's listed hash is
 * allowed, drop the candidates whose listed hash is not (those with no hash on the page stay);
 * when none is allowed, keep them all. With no allowed hashes at all, nothing is filtered.
 */
export function filterUnallowedHashes<T extends { file: ProjectFile }>(candidates: readonly T[], allowed: readonly string[]): T[] {
  if (allowed.length === 0) return [...candidates];
  const matching = candidates.filter((c) => fileHashAllowed(c.file, allowed));
  if (matching.length === 0) return [...candidates];
  return candidates.filter((c) => Object.keys(c.file.hashes).length === 0 || fileHashAllowed(c.file, allowed));
}

/** `    pkg==1.0 --hash=sha256:…` lines, pip's HashMissing body. */
export function hashLine(requirement: string, sha256: string): string {
  return `${requirement} --hash=sha256:${sha256}`;
}
