/**
 * Whether a changed pin's files are on the mirror machines install from, and the findings of the
 * head revision that belong to a change. The `wheels` check's results are used when it ran (per
 * target, with the exact files); otherwise the mirror listing is read directly, which only tells
 * whether the release has any file there at all.
 */
import { findRelease, releasesOfState } from '../checks/index.js';
import type { Lookups } from '../checks/index.js';
import type { Finding, FindingCode } from '../findings/index.js';
import type { ProjectName } from '../names/index.js';
import type { MirrorState, PinChange } from './types.js';

/** wheels codes that mean "puppet will not find a file for this pin". */
const ABSENT_CODES: ReadonlySet<FindingCode> = new Set(['no-distribution', 'nodownload-missing']);
const MISSING_CODES: ReadonlySet<FindingCode> = new Set(['missing-on-mirror']);
/** Findings the mirror state stands for (the risk reads the state, not their severity). */
export const MIRROR_CODES: ReadonlySet<FindingCode> = new Set([...ABSENT_CODES, ...MISSING_CODES]);

export interface MirrorOptions {
  /** The wheels check ran on the head revision: its findings are the answer. */
  wheelsRan: boolean;
  /** A mirror is configured (`mirrors:` or --find-links): its listing can be read. */
  mirrorConfigured: boolean;
}

/** The findings on the head revision that a change is part of: on the pin itself, or required by it. */
export function findingsOfChange(change: PinChange, findings: readonly Finding[]): Finding[] {
  if (change.kind === 'removed') return findings.filter((f) => f.file === change.file && requiredBy(f) === change.package);
  return findings.filter((f) => f.file === change.file && (f.package === change.package || requiredBy(f) === change.package));
}

/** The dependent whose requirement a compat finding is about (a conflict or missing dependency; not a duplicate line). */
function requiredBy(f: Finding): string | null {
  if (f.code !== 'conflict' && f.code !== 'missing-dependency') return null;
  return 'requiredBy' in f.details ? f.details.requiredBy.package : null;
}

/** The mirror state of the change's new release; null while the mirror listing is being fetched. */
export function mirrorStateOf(change: PinChange, findings: readonly Finding[], opts: MirrorOptions, lookups: Lookups, final: boolean): MirrorState | null {
  const version = change.to?.version ?? null;
  if (change.kind === 'removed' || !change.to) return { status: 'not-applicable' };
  if (version === null) return { status: 'unknown', detail: 'not an exact pin: the installed release depends on the day puppet runs' };
  if (opts.wheelsRan) {
    const own = findings.filter((f) => f.check === 'wheels' && f.file === change.file && f.package === change.package);
    const absent = own.filter((f) => ABSENT_CODES.has(f.code));
    const missing = own.filter((f) => MISSING_CODES.has(f.code));
    const targets = (fs: Finding[]): string[] => [...new Set(fs.map((f) => f.target ?? 'every target'))].sort();
    if (absent.length > 0) return { status: 'absent', targets: targets(absent), detail: absent[0]!.message };
    if (missing.length > 0) return { status: 'missing', targets: targets(missing), detail: missing[0]!.message };
    return { status: 'present' };
  }
  if (!opts.mirrorConfigured) return { status: 'unknown', detail: 'no mirror configured (mirrors: in .pyup-checks.yml, or --find-links)' };
  const state = lookups.mirrorProject(change.package as ProjectName);
  if (!state) return final ? { status: 'unknown', detail: 'the mirror listing could not be fetched' } : null;
  if (state.status === 'error') return { status: 'unknown', detail: `the mirror could not be read: ${state.reason}` };
  if (findRelease(releasesOfState(state), version)) return { status: 'present' };
  const what = `${change.name} ${version}`;
  return change.to.nodownload
    ? { status: 'absent', targets: ['every target'], detail: `${what} is "# puppet: nodownload" and the mirror has no file of it: puppet never downloads it` }
    : { status: 'missing', targets: ['every target'], detail: `the mirror has no file of ${what} yet` };
}
