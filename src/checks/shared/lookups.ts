/**
 * A read-only view of the index snapshot that remembers what a check asked for and did not find.
 * A check runs as one pure pass over this view: the engine reads `wanted()` to fetch the next round
 * and runs the pass again, so "what to fetch" and "what to conclude" can never disagree.
 */
import type { ProjectName } from '../../names/index.js';
import { releaseKey } from '../../pypi/index.js';
import type { DigestState, IndexNeeds, IndexSnapshot, MetadataState, ProjectState } from '../../pypi/index.js';
import { compareText } from '../../order/index.js';

export class Lookups {
  private readonly wantedProjects = new Set<ProjectName>();
  private readonly wantedMirror = new Set<ProjectName>();
  private readonly wantedReleases = new Map<string, { name: ProjectName; version: string }>();
  private readonly wantedDigests = new Set<string>();

  constructor(readonly snapshot: IndexSnapshot) {}

  /** The index's state for a project; undefined (and remembered) when not fetched yet. */
  project(name: ProjectName): ProjectState | undefined {
    const state = this.snapshot.index.get(name);
    if (!state) this.wantedProjects.add(name);
    return state;
  }

  /** The mirror's state for a project; undefined (and remembered) when not fetched yet. */
  mirrorProject(name: ProjectName): ProjectState | undefined {
    const state = this.snapshot.mirror.get(name);
    if (!state) this.wantedMirror.add(name);
    return state;
  }

  /** A release's metadata state; undefined (and remembered) when not fetched yet. */
  metadata(name: ProjectName, version: string): MetadataState | undefined {
    const key = releaseKey(name, version);
    const state = this.snapshot.metadata.get(key);
    if (!state) this.wantedReleases.set(key, { name, version });
    return state;
  }

  /** The digests of a file whose listing gave none (downloaded once by the index client); undefined (and remembered) when not fetched yet. */
  fileDigest(url: string): DigestState | undefined {
    const state = this.snapshot.digests?.get(url);
    if (!state) this.wantedDigests.add(url);
    return state;
  }

  /** Everything asked for and not present, for the next round of fetching. */
  wanted(): IndexNeeds {
    const needs: IndexNeeds = {
      projects: [...this.wantedProjects].sort(),
      mirrorProjects: [...this.wantedMirror].sort(),
      releases: [...this.wantedReleases.values()].sort((a, b) => compareText(releaseKey(a.name, a.version), releaseKey(b.name, b.version))),
    };
    if (this.wantedDigests.size > 0) needs.fileDigests = [...this.wantedDigests].sort();
    return needs;
  }
}

export function isEmptyNeeds(needs: IndexNeeds): boolean {
  return needs.projects.length === 0 && needs.mirrorProjects.length === 0 && needs.releases.length === 0 && (needs.fileDigests ?? []).length === 0;
}

export function mergeNeeds(all: readonly IndexNeeds[]): IndexNeeds {
  const projects = new Set<ProjectName>();
  const mirrorProjects = new Set<ProjectName>();
  const releases = new Map<string, { name: ProjectName; version: string }>();
  const digests = new Set<string>();
  for (const n of all) {
    n.fileDigests?.forEach((u) => digests.add(u));
    n.projects.forEach((p) => projects.add(p));
    n.mirrorProjects.forEach((p) => mirrorProjects.add(p));
    n.releases.forEach((r) => releases.set(releaseKey(r.name, r.version), r));
  }
  const merged: IndexNeeds = { projects: [...projects].sort(), mirrorProjects: [...mirrorProjects].sort(), releases: [...releases.values()] };
  if (digests.size > 0) merged.fileDigests = [...digests].sort();
  return merged;
}
