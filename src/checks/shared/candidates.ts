/**
 * The searches every check makes over a project's releases, with the rules pip and pyup share: a
 * release is usable as a pin on a file's targets when it is a PEP 440 version, not yanked (PEP 592),
 * final unless pre-releases are allowed, has a file for every target python (`data-requires-python`)
 * and, once its metadata is fetched, a Requires-Python admitting each. Metadata is asked for last, so
 * only real candidates cost a fetch; metadata not fetched yet does not disqualify.
 */
import type { ProjectName } from '../../names/index.js';
import type { CoreMetadata } from '../../pypi/index.js';
import type { Target } from '../../targets/index.js';
import type { Lookups } from './lookups.js';
import { filesForPython } from './releases.js';
import type { Release } from './releases.js';
import { pythonAllows } from './satisfies.js';

export type Unusable = 'yanked' | 'prerelease' | 'requires-python';

export interface ReleaseQuery {
  name: ProjectName;
  targets: readonly Target[];
  allowPrerelease: boolean;
}

/** Why a release cannot be installed as a pin on these targets, or null. Metadata Requires-Python is asked for. */
export function unusable(lookups: Lookups, q: ReleaseQuery, r: Release): { reason: Unusable; detail: string } | null {
  const onIndex = unusableOnIndex(q, r);
  if (onIndex) return onIndex;
  const state = lookups.metadata(q.name, r.version);
  // Unknown metadata does not disqualify (its file Requires-Python already passed); a known mismatch does.
  return state?.status === 'ok' ? requiresPythonMismatch(q, r, state.metadata) : null;
}

/** What the index listing alone says against the release (no metadata asked). */
function unusableOnIndex(q: ReleaseQuery, r: Release): { reason: Unusable; detail: string } | null {
  if (!r.parsed) return { reason: 'prerelease', detail: `${r.version} is not a PEP 440 version` };
  if (r.yanked) return { reason: 'yanked', detail: `${r.version} is yanked${r.yankedReason ? ` ("${r.yankedReason}")` : ''}` };
  if (r.parsed.isPrerelease && !q.allowPrerelease) return { reason: 'prerelease', detail: `${r.version} is a pre-release` };
  const noFiles = q.targets.find((t) => filesForPython(r, t.pythonFull).length === 0);
  if (noFiles) return { reason: 'requires-python', detail: `${r.version} has no file for Python ${noFiles.pythonFull} (Requires-Python ${r.files.map((f) => f.requiresPython).find(Boolean) ?? '?'})` };
  return null;
}

function requiresPythonMismatch(q: ReleaseQuery, r: Release, metadata: CoreMetadata): { reason: Unusable; detail: string } | null {
  const bad = q.targets.find((t) => !pythonAllows(metadata.requiresPython, t.pythonFull));
  return bad ? { reason: 'requires-python', detail: `${r.version} requires Python ${metadata.requiresPython} (not ${bad.pythonFull})` } : null;
}

/**
 * The highest of `releases` (ascending) that passes `accept` and is usable, and, once its metadata is
 * known, `fits` it. `accept` runs first and should hold the cheap, pure tests (no metadata), so
 * metadata is asked for only when it passes. A release whose metadata is not fetched yet is the answer
 * for now; the metadata of the next lower candidates is asked for with it, as many as metadata has
 * excluded so far, so a run of n releases excluded by their METADATA (Requires-Python no file states,
 * or `fits`) costs log2(n) rounds, not n.
 */
export function highestUsable(
  lookups: Lookups,
  q: ReleaseQuery,
  releases: readonly Release[],
  accept: (r: Release) => boolean,
  fits: (r: Release, metadata: CoreMetadata) => boolean = () => true,
): Release | null {
  let found: Release | null = null;
  let unknown = 0;
  let excluded = 0;
  for (let i = releases.length - 1; i >= 0; i--) {
    const r = releases[i];
    if (!r || !accept(r) || unusableOnIndex(q, r)) continue;
    const state = lookups.metadata(q.name, r.version);
    if (state === undefined) {
      found ??= r;
      if (++unknown > excluded) break;
      continue;
    }
    if (state.status === 'ok' && (requiresPythonMismatch(q, r, state.metadata) || !fits(r, state.metadata))) {
      excluded++;
      continue;
    }
    return found ?? r;
  }
  return found;
}

/**
 * What `fit` makes of the first of `releases` (in the order given) that has a file for every target
 * python, whose metadata admits every target python, and that `fit` accepts (returns non-null).
 * Metadata is asked for at most `batch` releases at a time; while an earlier release's metadata is
 * still coming, no later one is settled for (it could be the answer), and `pending` says so.
 */
export function firstFit<T>(
  lookups: Lookups,
  q: { name: ProjectName; targets: readonly Target[] },
  releases: readonly Release[],
  batch: number,
  fit: (release: Release, metadata: CoreMetadata) => T | null,
): { found: T | null; pending: boolean } {
  let pending = 0;
  for (const r of releases) {
    if (!q.targets.every((t) => filesForPython(r, t.pythonFull).length > 0)) continue;
    const meta = lookups.metadata(q.name, r.version);
    if (!meta) {
      if (++pending >= batch) break;
      continue;
    }
    if (pending > 0 || meta.status !== 'ok') continue;
    if (!q.targets.every((t) => pythonAllows(meta.metadata.requiresPython, t.pythonFull))) continue;
    const found = fit(r, meta.metadata);
    if (found !== null) return { found, pending: false };
  }
  return { found: null, pending: pending > 0 };
}
