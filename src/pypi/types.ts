/**
 * The index model: what a PEP 503/691 simple page, a find-links page and a release's core metadata
 * say, independent of where they came from. Parsers fill these; `src/index` fetches; checks read them.
 */
import type { ProjectName } from '../names/index.js';

/** One distribution file as an index or mirror lists it (PEP 503 anchor / PEP 691 `files[]` entry). */
export interface ProjectFile {
  filename: string;
  /** Absolute URL (resolved against the page's final URL), without the hash fragment. */
  url: string;
  /** Hash name → hex digest, from PEP 691 `hashes` or a PEP 503 `#sha256=` fragment. */
  hashes: Record<string, string>;
  /** `data-requires-python` / `requires-python`, unescaped; null when absent. */
  requiresPython: string | null;
  /** PEP 592: null when not yanked, else the reason ('' when none was given). */
  yanked: string | null;
  /** PEP 658/714: whether `<url>.metadata` exists, with its hashes when given. */
  coreMetadata: false | { hashes: Record<string, string> };
  size: number | null;
  /** Where the listing came from (index URL or find-links location), for reports. */
  source: string;
}

/** A project's files as one index or find-links location lists them. */
export interface ProjectPage {
  name: ProjectName;
  /** The final URL after redirects: hrefs are relative to it. */
  url: string;
  files: ProjectFile[];
  /** PEP 700 `versions`, when the JSON API gives it. */
  versions: string[] | null;
  /** Entries that were skipped or degraded, with why (a bad entry never empties the page). */
  warnings: string[];
}

/** The fields of METADATA / PKG-INFO that the checks read (core metadata 1.0–2.4). */
export interface CoreMetadata {
  metadataVersion: string | null;
  name: string;
  version: string;
  /** `Requires-Dist` lines (or egg-info `requires.txt` converted to PEP 508 strings), verbatim. */
  requiresDist: string[];
  requiresPython: string | null;
  providesExtra: string[];
  summary: string | null;
  homePage: string | null;
  /** `Project-URL: label, url` entries, in order. */
  projectUrls: Array<{ label: string; url: string }>;
  /** Metadata 2.2 `Dynamic` fields, lower-cased (absent when none are declared). */
  dynamic?: string[];
}

/** How a release's dependencies were learned, or why they could not be. */
export type MetadataSource = 'pep658' | 'wheel-range' | 'wheel-download' | 'sdist' | 'cache';

export type MetadataState =
  | { status: 'ok'; metadata: CoreMetadata; source: MetadataSource; file: string }
  /** `infrastructure`: the index could not be reached or answered badly (exit 3), as opposed to a release that has no usable metadata. */
  | {
      status: 'unavailable';
      reason: string;
      infrastructure?: boolean;
      /** An sdist's PKG-INFO Requires-Python when its dependencies are not static (pip still refuses by it); absent when not read. */
      requiresPython?: string | null;
    };

export type ProjectState =
  | { status: 'ok'; page: ProjectPage }
  /** `hint`: why a local index did not serve it where files of it are on disk (pip would not find them either), and the way out. */
  | { status: 'not-found'; url: string; hint?: string }
  | { status: 'error'; reason: string };

/**
 * Everything the checks may read from the indexes and mirrors, fetched beforehand.
 * Keys of `metadata` come from {@link releaseKey}. Checks treat a missing key as "not fetched".
 */
export interface IndexSnapshot {
  /** The primary index (`--index-url` plus extra index URLs), merged per project. */
  index: Map<ProjectName, ProjectState>;
  /** The mirror(s) machines install from (`--find-links`), merged per project. */
  mirror: Map<ProjectName, ProjectState>;
  metadata: Map<string, MetadataState>;
  /** Digests of distribution files whose listing gave none, by file URL (hash-checking mode needs them). */
  digests?: Map<string, DigestState>;
}

/** A file's digests as computed from its bytes (sha256, sha384, sha512), or why they could not be. */
export type DigestState =
  | { status: 'ok'; hashes: Record<string, string>; size: number }
  | { status: 'error'; reason: string };

/** The metadata key of a release: normalized name and normalized version. */
export function releaseKey(name: ProjectName, version: string): string {
  return `${name}==${version}`;
}

/** What a check asks the index layer to fetch before (another round of) its run. */
export interface IndexNeeds {
  /** Project pages on the index. */
  projects: ProjectName[];
  /** Project listings on the mirror(s). */
  mirrorProjects: ProjectName[];
  /** Releases whose core metadata is needed (version as pinned or as listed). */
  releases: Array<{ name: ProjectName; version: string }>;
  /** Distribution files to download once and hash (URLs), for hash-checking mode. */
  fileDigests?: string[];
}
