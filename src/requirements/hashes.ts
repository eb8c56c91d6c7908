/**
 * `--hash` values and hash-checking mode, as pip 23.2 reads them (`cli/cmdoptions.py`
 * `_handle_merge_hash`, `cli/req_command.py` `get_requirements`, `utils/hashes.py`).
 *
 * Spec: https://pip.pypa.io/en/stable/topics/secure-installs/#hash-checking-mode
 * - pip refuses a value without `:` and an algorithm other than sha256/sha384/sha512 (an optparse
 *   error that stops the file; options.ts words it);
 * - it does not check the digest: one that is not hex of the algorithm's length can match no file,
 *   so pip fails later with HashMismatch. pip 23 compares digests as written, and `hexdigest()` is
 *   lowercase, so an upper-case digest matches nothing either. We say so on the line instead.
 * - hash-checking mode is on for the whole install when any requirement (constraints included) has a
 *   `--hash`, or any file read gives `--require-hashes`.
 * Trap: `pkg==1  # comment \` joins the hash lines below into the comment: they are not hashes.
 */
import type { OptionEntry, RequirementEntry } from './types.js';

const DIGEST_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
const HASH_IN_COMMENT = /--hash[= ]\s*([A-Za-z0-9]+:[^\s\\]+)/g;

/** Why pip can never accept a file for this `algo:digest` value, or null when it can. */
export function digestProblem(value: string): string | null {
  const colon = value.indexOf(':');
  const algo = value.slice(0, colon);
  const digest = value.slice(colon + 1);
  const length = DIGEST_LENGTH[algo];
  if (length === undefined) return null; // options.ts already refused it
  if (digest.length === length && /^[0-9a-f]+$/.test(digest)) return null;
  const what = /^[0-9a-fA-F]+$/.test(digest) && digest.length === length
    ? `is not lower-case (pip 23 compares digests as written, and a file's ${algo} is lower-case hex)`
    : `is not ${length} hexadecimal digits`;
  return `Invalid hash --hash=${value}: the ${algo} digest ${what}; pip reads the line, then no file can match it (THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE)`;
}

/** `--hash` values a comment swallowed (a `#` before the line's `\` continuation). */
export function hashesInComment(comment: string | null): string[] {
  if (comment === null || !comment.includes('--hash')) return [];
  return [...comment.matchAll(HASH_IN_COMMENT)].map((m) => m[1] as string);
}

/** Why pip turns hash-checking mode on for this file and its includes, or null when it does not. */
export function hashModeOf(
  entries: readonly RequirementEntry[],
  options: readonly OptionEntry[],
): { reason: 'hash' | 'require-hashes'; source: string; line: number } | null {
  const hashed = entries.find((e) => e.hashes.length > 0);
  const required = options.find((o) => o.option === '--require-hashes');
  if (hashed) return { reason: 'hash', source: hashed.source, line: hashed.line };
  return required ? { reason: 'require-hashes', source: required.source, line: required.line } : null;
}
