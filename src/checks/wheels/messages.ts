/** The words of wheels findings: what the host would see, and what to put on the mirror. */
import type { ProjectFile } from '../../pypi/index.js';
import type { Target } from '../../targets/index.js';
import type { Candidate, Rejection } from './select.js';

export function describeTarget(t: Target): string {
  return `${t.id} (CPython ${t.pythonFull})`;
}

/** `yarl-1.2.6-cp36-cp36m-manylinux1_x86_64.whl (cp36-cp36m is for CPython 3.6 (target is CPython 3.7))`, a few at most. */
function whyNot(rejected: readonly Rejection[], limit = 4): string {
  const shown = rejected.slice(0, limit).map((r) => `${r.file.filename} (${r.detail})`);
  if (rejected.length > limit) shown.push(`${rejected.length - limit} more`);
  return shown.join('; ');
}

function sha256Of(file: ProjectFile): string | null {
  const sha = file.hashes['sha256'];
  return sha && /^[0-9a-f]{64}$/i.test(sha) ? sha.toLowerCase() : null;
}

export function fileSummary(c: Candidate): { filename: string; url: string; sha256: string | null; kind: 'wheel' | 'sdist'; size: number | null; yanked: string | null } {
  return { filename: c.file.filename, url: c.file.url, sha256: sha256Of(c.file), kind: c.kind, size: c.file.size, yanked: c.file.yanked };
}

export function missingOnMirrorMessage(requirement: string, target: Target, onMirror: readonly Rejection[], chosen: Candidate): string {
  const mirror = onMirror.length > 0 ? `the mirror has only ${whyNot(onMirror)}` : 'the mirror has no file of this release';
  const sdist = chosen.kind === 'sdist' ? ' (a source distribution: it compiles on the host)' : '';
  const yanked = chosen.file.yanked !== null ? ` (yanked${chosen.file.yanked ? `: ${chosen.file.yanked}` : ''}; pip installs it only because it is pinned)` : '';
  return `No matching distribution found for ${requirement} on ${describeTarget(target)}: ${mirror}; the index has ${chosen.file.filename}${sdist}${yanked}`;
}

export function missingOnMirrorSuggestion(chosen: Candidate, mirror: string): string {
  const sha = sha256Of(chosen.file);
  return `put ${chosen.file.filename} in the mirror folder ${mirror}: download ${chosen.file.url}${sha ? ` (sha256 ${sha})` : ' (the index gives no sha256: check it by hand)'}; download-plan.sh does it`;
}

export function noDistributionMessage(requirement: string, target: Target, onMirror: readonly Rejection[], onIndex: readonly Rejection[], indexState: string): string {
  const mirror = onMirror.length > 0 ? `the mirror has only ${whyNot(onMirror)}` : 'the mirror has no file of this release';
  const index = onIndex.length > 0 ? `the index has only ${whyNot(onIndex)}` : indexState;
  return `No matching distribution found for ${requirement} on ${describeTarget(target)}: ${mirror}; ${index}`;
}

/** The way out when nothing installs; eggs seen are named, since pip never installs one (easy_install did). */
export function noDistributionSuggestion(requirement: string, target: Target, rejected: readonly Rejection[]): string {
  const eggs = [...new Set(rejected.filter((r) => r.reason === 'egg').map((r) => r.file.filename))];
  const why = eggs.length > 0 ? `pip does not install eggs (${eggs.slice(0, 4).join(', ')}${eggs.length > 4 ? `, ${eggs.length - 4} more` : ''}), and ` : '';
  return `${why}no file of ${requirement} installs on ${target.id}: pin a release that publishes a wheel or sdist for ${target.id}, or build a wheel for it and put it on the mirror`;
}

export function sdistOnlyMessage(requirement: string, target: Target, chosen: Candidate, onMirror: readonly Rejection[]): string {
  const wheels = onMirror.filter((r) => r.reason === 'tags');
  const others = wheels.length > 0 ? ` (no wheel fits: ${whyNot(wheels)})` : ' (the mirror has no wheel of this release)';
  return `Only a source distribution fits ${requirement} on ${describeTarget(target)}: pip builds ${chosen.file.filename} on the host, which needs a compiler and the headers of any C library it uses${others}`;
}
