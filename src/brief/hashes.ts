/**
 * A Renovate / hashin bump in a hash-checking file: the version moved but the `--hash` lines did not,
 * or none of the new hashes is a file of the new release on the index. Either way pip on the host
 * stops with HashMismatch (THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE), so it
 * is an error on that change. A pure pass over Lookups: the release's page is asked for when missing.
 */
import { fileHashAllowed, findRelease, releasesOfState } from '../checks/index.js';
import type { Lookups } from '../checks/index.js';
import type { Finding } from '../findings/index.js';
import { normalizeName } from '../names/index.js';
import type { PinChange } from './types.js';

export function hashFindingsOf(change: PinChange, lookups: Lookups): Finding[] {
  const { from, to } = change;
  if (change.kind !== 'changed' || !from || !to || to.hashes.length === 0 || from.version === to.version || to.version === null) return [];
  const base = {
    check: 'compat' as const, code: 'hash-mismatch' as const, severity: 'error' as const, module: change.module, file: change.file,
    line: to.line, target: null, package: change.package, version: to.version,
  };
  const requirement = `${change.name}${to.specifier}`;
  const same = [...from.hashes].sort().join(' ') === [...to.hashes].sort().join(' ');
  if (same) {
    return [{
      ...base,
      message: `${requirement}: the version changed from ${from.version ?? from.specifier} but its ${to.hashes.length} --hash line(s) did not, so they are the old release's: pip stops with THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE`,
      details: { hashes: to.hashes, reason: 'hashes-unchanged' },
      suggestion: { text: `regenerate the hashes of line ${to.line} for ${requirement} (pip-compile --generate-hashes, or hashin ${requirement})`, changes: [] },
    }];
  }
  const state = lookups.project(normalizeName(change.package));
  if (!state || state.status !== 'ok') return [];
  const release = findRelease(releasesOfState(state), to.version);
  if (!release || release.files.length === 0) return []; // compat reports an unknown version
  if (release.files.some((f) => fileHashAllowed(f, to.hashes))) return [];
  return [{
    ...base,
    message: `${requirement}: none of its ${to.hashes.length} --hash value(s) is the digest of a file of ${change.name} ${release.version} on the index (${release.files.length} file(s)): pip stops with THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE`,
    details: { hashes: to.hashes, reason: 'hashes-match-no-file', files: release.files.map((f) => ({ filename: f.filename, sha256: f.hashes['sha256'] ?? null })) },
    suggestion: { text: `regenerate the hashes of line ${to.line} for ${requirement} from the release's files (pip-compile --generate-hashes, or hashin ${requirement})`, changes: [] },
  }];
}
