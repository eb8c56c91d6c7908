/**
 * Per changed release, what its METADATA and its files say compared with the old release: links,
 * a change of Requires-Python, requirements new, dropped or changed, and targets that lost a wheel.
 * A pure pass over {@link Lookups} (as the checks are): data not fetched yet is asked for and the
 * facts are returned as null until it is there, or, on the final pass, with what is known.
 * Requirements compare by project (PEP 503 name), as `str(Requirement)` texts, so
 * `taskcluster-urls>=10.1.0` → `taskcluster-urls<11,>=10.1.0` is one changed requirement.
 * Wheels: a target "had" a wheel when a wheel of the old release fits its tags (PEP 425) and its
 * Requires-Python admits the target python; a release the index does not list is looked up on the
 * mirror (nodownload pins live only there).
 */
import { dependenciesOf, filesForPython, findRelease, releasesOfState } from '../checks/index.js';
import type { Lookups, Release } from '../checks/index.js';
import { parseWheelFilename } from '../filenames/index.js';
import type { ProjectName } from '../names/index.js';
import type { CoreMetadata } from '../pypi/index.js';
import { tagCompatibility } from '../tags/index.js';
import { targetTags } from '../targets/index.js';
import type { Target } from '../targets/index.js';
import { releaseLinks } from './links.js';
import type { PinChange, ReleaseFacts, RequirementChange } from './types.js';
import { compareText } from '../order/index.js';

type Read<T> = { value: T } | { pending: true } | { missing: string };

function releaseOf(lookups: Lookups, name: ProjectName, version: string): Read<Release> {
  const index = lookups.project(name);
  if (!index) return { pending: true };
  if (index.status === 'error') return { missing: `the index page could not be read: ${index.reason}` };
  const onIndex = findRelease(releasesOfState(index), version);
  if (onIndex) return { value: onIndex };
  const mirror = lookups.mirrorProject(name);
  if (!mirror) return { pending: true };
  const onMirror = findRelease(releasesOfState(mirror), version);
  return onMirror ? { value: onMirror } : { missing: 'on neither the index nor the mirror' };
}

function metadataOf(lookups: Lookups, name: ProjectName, release: Read<Release>): Read<CoreMetadata> {
  if (!('value' in release)) return release;
  const state = lookups.metadata(name, release.value.version);
  if (!state) return { pending: true };
  return state.status === 'ok' ? { value: state.metadata } : { missing: state.reason };
}

/** Requires-Dist as `str(Requirement)` texts per project; unparsable lines keep their text. */
function requirementsByProject(metadata: CoreMetadata | null): Map<string, string> {
  const out = new Map<string, string[]>();
  if (!metadata) return new Map();
  const deps = dependenciesOf(metadata);
  for (const r of deps.requirements) out.set(r.normalizedName, [...(out.get(r.normalizedName) ?? []), r.toString()]);
  for (const bad of deps.invalid) out.set(bad.text, [bad.text]);
  return new Map([...out].map(([k, texts]) => [k, [...texts].sort().join(' | ')]));
}

export function requirementDiff(old: CoreMetadata | null, now: CoreMetadata | null): ReleaseFacts['requirements'] {
  const before = requirementsByProject(old);
  const after = requirementsByProject(now);
  const added: string[] = [];
  const dropped: string[] = [];
  const changed: RequirementChange[] = [];
  for (const [name, text] of after) {
    const was = before.get(name);
    if (was === undefined) added.push(text);
    else if (was !== text) changed.push({ name, from: was, to: text });
  }
  for (const [name, text] of before) if (!after.has(name)) dropped.push(text);
  return { added: added.sort(), dropped: dropped.sort(), changed: changed.sort((a, b) => compareText(a.name, b.name)) };
}

/** A wheel of the release that installs on the target, or null. */
function wheelFor(release: Release, target: Target): string | null {
  const tags = targetTags(target);
  for (const file of filesForPython(release, target.pythonFull)) {
    if (!file.filename.endsWith('.whl')) continue;
    try {
      if (tagCompatibility(parseWheelFilename(file.filename).tags, tags).ok) return file.filename;
    } catch {
      // An unparsable wheel name: pip skips it too.
    }
  }
  return null;
}

function lostWheels(old: Release | null, now: Release | null, targets: readonly Target[]): ReleaseFacts['lostWheels'] {
  if (!old || !now) return [];
  const out: ReleaseFacts['lostWheels'] = [];
  for (const target of targets) {
    const had = wheelFor(old, target);
    if (had && !wheelFor(now, target)) out.push({ target: target.id, had });
  }
  return out;
}

/**
 * The facts of a changed or added pin's new release against its old release; null while data is
 * still being fetched (unless `final`), and for removed or non-exact pins.
 */
export function releaseFacts(change: PinChange, targets: readonly Target[], lookups: Lookups, final: boolean): ReleaseFacts | null {
  const name = change.package as ProjectName;
  const toVersion = change.to?.version ?? null;
  if (toVersion === null || change.bump?.kind === 'none') return null;
  const fromVersion = change.kind === 'changed' ? (change.from?.version ?? null) : null;
  const newRelease = releaseOf(lookups, name, toVersion);
  const oldRelease: Read<Release> = fromVersion === null ? { missing: 'no old release' } : releaseOf(lookups, name, fromVersion);
  const newMeta = metadataOf(lookups, name, newRelease);
  const oldMeta: Read<CoreMetadata> = fromVersion === null ? { missing: 'no old release' } : metadataOf(lookups, name, oldRelease);
  if (!final && [newRelease, oldRelease, newMeta, oldMeta].some((r) => 'pending' in r)) return null;

  const value = <T>(r: Read<T>): T | null => ('value' in r ? r.value : null);
  const now = value(newMeta);
  const old = value(oldMeta);
  const reason = (r: Read<unknown>): string => ('missing' in r ? r.missing : 'not fetched');
  const problem = !now ? `${change.name} ${toVersion}: ${reason(newMeta)}` : fromVersion !== null && !old ? `${change.name} ${fromVersion}: ${reason(oldMeta)}` : null;
  const rpFrom = old?.requiresPython ?? null;
  const rpTo = now?.requiresPython ?? null;
  const comparable = now !== null && (fromVersion === null || old !== null);
  return {
    metadata: problem ? { unavailable: problem } : 'ok',
    links: now ? releaseLinks(now) : [],
    requiresPython: comparable && fromVersion !== null && norm(rpFrom) !== norm(rpTo) ? { from: rpFrom, to: rpTo } : null,
    requirements: comparable ? requirementDiff(old, now) : { added: [], dropped: [], changed: [] },
    lostWheels: lostWheels(value(oldRelease), value(newRelease), targets),
  };
}

const norm = (rp: string | null): string => (rp ?? '').replace(/\s+/g, '').split(',').sort().join(',');
