/**
 * The searches every check makes over a project's releases, with the rules pip and pyup share: a
 * release is usable as a pin on a file's targets when it is a PEP 440 version, not yanked (PEP 592),
 * final unless pre-releases are allowed, has a file for every target python (`data-requires-python`)
 * and, once its metadata is fetched, a Requires-Python admitting each. Metadata is asked for last, so
 * only real candidates cost a fetch; metadata not fetched yet does not disqualify.
 * A candidate's metadata is read four ways (`releaseMetadata`), decided here once for every check:
 * `ok`; `pending` (asked for, the next round brings it); `lost` (the index failed to deliver it after
 * retries: the candidate could have been the answer, so a search reports it in `lost` and the check
 * states no conclusion that needed it, an `index-error` instead); `unavailable` (delivered, unreadable:
 * a verdict on the release, judged on what its listing says, as before).
 * A lost candidate below a search's answer is never reached, so it changes nothing; one above it
 * (or in its place) is in `lost`, and the answer is then only the best fully known release.
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

/** A release whose metadata the index (or mirror) failed to deliver after retries: the index client's reason names the URL. */
export interface LostRelease {
  name: ProjectName;
  version: string;
  reason: string;
}

/** A release's metadata as a search reads it (see the header). */
export type ReleaseMetadata =
  | { state: 'ok'; metadata: CoreMetadata }
  | { state: 'pending' }
  | { state: 'lost'; lost: LostRelease }
  | { state: 'unavailable'; reason: string; requiresPython?: string | null };

export function releaseMetadata(lookups: Lookups, name: ProjectName, version: string): ReleaseMetadata {
  const state = lookups.metadata(name, version);
  if (!state) return { state: 'pending' };
  if (state.status === 'ok') return { state: 'ok', metadata: state.metadata };
  // Lost to the index (an IndexError on the way) is the index's failure, not a verdict on the release.
  return state.infrastructure === true ? { state: 'lost', lost: { name, version, reason: state.reason } } : { state: 'unavailable', reason: state.reason, requiresPython: state.requiresPython };
}

/** A search's answer: the release (or what `fit` made of it), and the lost candidates that could have been it instead. */
export interface Search<T> {
  found: T | null;
  /** Candidates ranked before `found` (or all, when nothing was found) whose metadata was lost. */
  lost: LostRelease[];
}

/**
 * Why a release cannot be installed as a pin on these targets, or null. Metadata Requires-Python is
 * asked for; metadata pending, lost or unavailable does not disqualify (callers that conclude from
 * the release ask `releaseMetadata` whether it was lost).
 */
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
 * or `fits`) costs log2(n) rounds, not n. A release whose metadata was lost is passed (it cannot be
 * judged) and listed in `lost`; the search goes on down, so `found` is the best fully known release.
 * An unavailable one is judged on its listing alone and can be the answer.
 */
export function highestUsable(
  lookups: Lookups,
  q: ReleaseQuery,
  releases: readonly Release[],
  accept: (r: Release) => boolean,
  fits: (r: Release, metadata: CoreMetadata) => boolean = () => true,
): Search<Release> {
  let found: Release | null = null;
  const lost: LostRelease[] = [];
  let unknown = 0;
  let excluded = 0;
  for (let i = releases.length - 1; i >= 0; i--) {
    const r = releases[i];
    if (!r || !accept(r) || unusableOnIndex(q, r)) continue;
    const meta = releaseMetadata(lookups, q.name, r.version);
    if (meta.state === 'pending') {
      found ??= r;
      if (++unknown > excluded) break;
      continue;
    }
    if (meta.state === 'lost') {
      if (found === null) lost.push(meta.lost);
      continue;
    }
    if (meta.state === 'ok' && (requiresPythonMismatch(q, r, meta.metadata) || !fits(r, meta.metadata))) {
      excluded++;
      continue;
    }
    return { found: found ?? r, lost };
  }
  return { found, lost };
}

/**
 * What `fit` makes of the first of `releases` (in the order given) that has a file for every target
 * python, whose metadata admits every target python, and that `fit` accepts (returns non-null).
 * Metadata is asked for at most `batch` releases at a time; while an earlier release's metadata is
 * still coming, no later one is settled for (it could be the answer), and `pending` says so. A release
 * whose metadata was lost is passed and listed in `lost` (it came first, so it could have been the
 * answer); one that is unavailable is passed (its requirements cannot be read: no fit can be shown).
 */
export function firstFit<T>(
  lookups: Lookups,
  q: { name: ProjectName; targets: readonly Target[] },
  releases: readonly Release[],
  batch: number,
  fit: (release: Release, metadata: CoreMetadata) => T | null,
): Search<T> & { pending: boolean } {
  let pending = 0;
  const lost: LostRelease[] = [];
  for (const r of releases) {
    if (!q.targets.every((t) => filesForPython(r, t.pythonFull).length > 0)) continue;
    const meta = releaseMetadata(lookups, q.name, r.version);
    if (meta.state === 'pending') {
      if (++pending >= batch) break;
      continue;
    }
    if (meta.state === 'lost') {
      lost.push(meta.lost);
      continue;
    }
    if (pending > 0 || meta.state !== 'ok') continue;
    if (!q.targets.every((t) => pythonAllows(meta.metadata.requiresPython, t.pythonFull))) continue;
    const found = fit(r, meta.metadata);
    if (found !== null) return { found, pending: false, lost };
  }
  return { found: null, pending: pending > 0, lost };
}
