/**
 * The files of one release on a listing, matched by PEP 440 equality, as pip matches `==`:
 * `1.0a1` and `1.0.a1`, `2.0` and `2.0.0` are the same release (pypi's `releasesOf` keeps the last
 * two apart, so its groups are joined here); a non-PEP 440 version matches only itself.
 */
import type { ProjectName } from '../names/index.js';
import { releasesOf, type ProjectFile, type ProjectPage } from '../pypi/index.js';
import { canonicalVersion } from './select.js';

export function filesOfRelease(page: ProjectPage, name: ProjectName, version: string): ProjectFile[] {
  const wanted = canonicalVersion(version);
  const out: ProjectFile[] = [];
  for (const [v, files] of releasesOf({ ...page, name })) {
    if (canonicalVersion(v) === wanted) out.push(...files);
  }
  return out;
}
