/**
 * The files of one release on a listing, matched by PEP 440 equality, as pip matches `==`:
 * `1.0a1` and `1.0.a1`, `2.0` and `2.0.0` are the same release (pypi's `releasesOf` keeps the last
 * two apart, so its groups are joined here); a non-PEP 440 version matches only itself.
 */
import type { ProjectName } from '../names/index.js';
import { releasesOf, type ProjectFile, type ProjectPage } from '../pypi/index.js';
import { canonicalVersion } from './select.js';

// Grouping parses every filename on the page; a page is grouped once however many of its releases
// are asked for (pages are never changed after parsing, and each fetch yields a new page object).
const grouped = new WeakMap<ProjectPage, { name: ProjectName; byVersion: Map<string, ProjectFile[]> }>();

export function filesOfRelease(page: ProjectPage, name: ProjectName, version: string): ProjectFile[] {
  let groups = grouped.get(page);
  if (groups?.name !== name) {
    const byVersion = new Map<string, ProjectFile[]>();
    for (const [v, files] of releasesOf({ ...page, name })) {
      const key = canonicalVersion(v);
      byVersion.set(key, [...(byVersion.get(key) ?? []), ...files]);
    }
    groups = { name, byVersion };
    grouped.set(page, groups);
  }
  return [...(groups.byVersion.get(canonicalVersion(version)) ?? [])];
}
