/**
 * Pure choices behind release metadata: which files to read, which zip member is METADATA, what
 * an sdist's static metadata says, and the cache key of a file.
 *
 * Any wheel of a release carries the same Requires-Dist (markers, not files, select per target), so
 * the cheapest one is read: a pure `py3-none-any`/`py2.py3-none-any` wheel first, then the smallest.
 * Sdists: core metadata 2.2+ (PEP 643) is authoritative unless `Dynamic: Requires-Dist`; older
 * PKG-INFO only counts when it lists Requires-Dist; else egg-info's requires.txt; else nothing static
 * is known (setup.py would have to run).
 * Spec: https://packaging.python.org/en/latest/specifications/core-metadata/#dynamic-multiple-use
 */
import { sdistFormatOf } from '../filenames/index.js';
import { normalizeName, type ProjectName } from '../names/index.js';
import { tryParseVersion } from '../pep440/index.js';
import { parseCoreMetadata, parseRequiresTxt, type CoreMetadata, type ProjectFile } from '../pypi/index.js';
import type { SdistMetadataFiles } from './sdist-reader.js';

export const NO_STATIC_METADATA = 'sdist has no static dependency metadata; setup.py would have to run';

/** The PEP 440 normalised form of a version, or the text itself when it is not PEP 440. */
export function normalizeVersion(version: string): string {
  return tryParseVersion(version)?.toString() ?? version.trim();
}

function isWheel(f: ProjectFile): boolean {
  return f.filename.endsWith('.whl');
}

function isSdist(f: ProjectFile): boolean {
  return sdistFormatOf(f.filename) !== null;
}

function wheelRank(f: ProjectFile): number {
  const tags = f.filename.slice(0, -'.whl'.length).split('-').slice(-3).join('-');
  if (tags === 'py3-none-any' || tags === 'py2.py3-none-any') return 0;
  if (tags.endsWith('-none-any')) return 1;
  return 2;
}

const bySize = (a: ProjectFile, b: ProjectFile): number => (a.size ?? Infinity) - (b.size ?? Infinity);

/** Wheels in the order we would read them. */
export function rankWheels(files: ProjectFile[]): ProjectFile[] {
  return files.filter(isWheel).sort((a, b) => wheelRank(a) - wheelRank(b) || bySize(a, b));
}

/** Sdists in the order we would read them: formats we can open first (.tar.gz, .zip), then smallest. */
export function rankSdists(files: ProjectFile[]): ProjectFile[] {
  const readable = (f: ProjectFile) => (/\.(tar\.gz|tgz|zip)$/i.test(f.filename) ? 0 : 1);
  return files.filter(isSdist).sort((a, b) => readable(a) - readable(b) || bySize(a, b));
}

/** The cache key of a file's metadata: its sha256 when the index gave one, else its URL. */
export function fileCacheKey(f: ProjectFile): string {
  const sha = f.hashes['sha256'];
  return sha && /^[0-9a-f]{64}$/i.test(sha) ? `sha256:${sha.toLowerCase()}` : `url:${f.url}`;
}

/** Every name {@link metadataMemberPicker} can choose ends with this: a ranged read decodes only those. */
export const METADATA_MEMBER_SUFFIX = '.dist-info/METADATA';

/** The wheel's `<name>-<version>.dist-info/METADATA`, preferring the one named for the project. */
export function metadataMemberPicker(name: ProjectName): (names: string[]) => string | null {
  return (names) => {
    const candidates = names.filter((n) => /^[^/]+\.dist-info\/METADATA$/.test(n));
    const own = candidates.find((n) => {
      const dir = n.slice(0, n.indexOf('.dist-info/'));
      const project = dir.slice(0, dir.lastIndexOf('-') < 0 ? dir.length : dir.lastIndexOf('-'));
      return normalizeName(project) === name;
    });
    return own ?? candidates[0] ?? null;
  };
}

function metadataVersionAtLeast(mv: string | null, major: number, minor: number): boolean {
  const m = /^\s*(\d+)\.(\d+)/.exec(mv ?? '');
  if (!m) return false;
  const [maj, min] = [Number(m[1]), Number(m[2])];
  return maj > major || (maj === major && min >= minor);
}

/** What an sdist's PKG-INFO and requires.txt say statically, or why nothing can be said. */
export function sdistMetadata(files: SdistMetadataFiles): { ok: CoreMetadata } | { reason: string } {
  if (files.pkgInfo === null) return { reason: 'sdist has no PKG-INFO' };
  const md = parseCoreMetadata(files.pkgInfo);
  const isStatic =
    metadataVersionAtLeast(md.metadataVersion, 2, 2) && !(md.dynamic ?? []).includes('requires-dist');
  if (isStatic || md.requiresDist.length > 0) return { ok: md };
  if (files.requiresTxt !== null) return { ok: { ...md, requiresDist: parseRequiresTxt(files.requiresTxt) } };
  // setuptools writes egg-info's requires.txt only when something is required.
  if (files.eggInfo) return { ok: md };
  return { reason: NO_STATIC_METADATA };
}
