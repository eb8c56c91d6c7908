/**
 * Source distribution filenames: `{name}-{version}{archive extension}`.
 *
 * Spec: https://packaging.python.org/en/latest/specifications/source-distribution-format/ (modern
 * sdists are `.tar.gz` with an escaped name); old indexes hold every archive pip ever accepted.
 * Semantics follow pip 24.2's `LinkEvaluator`: the extension list of `SUPPORTED_EXTENSIONS`
 * (matched case-sensitively, as pip compares them), and, given the project name, the version is what
 * follows the first `-` whose prefix normalises to that name (`_find_name_version_sep`); a trailing
 * `-py2.7` style suffix is cut off the version and reported in `pythonVersion` (pip skips the file
 * unless it equals the target's `X.Y`).
 * Traps: `foo-bar-1.0-2.tar.gz` is ambiguous without the project name (we then split at the last
 * `-` followed by a digit, giving `foo-bar-1.0` / `2`); `.tar.Z` is recognised but pip never
 * installs it (`pipSupported: false`); the version is kept as written, possibly not PEP 440.
 */
import { normalizeName, type ProjectName } from '../names/index.js';
import { FilenameParseError } from './errors.js';

export type SdistFormat =
  | '.tar.gz'
  | '.zip'
  | '.tar.bz2'
  | '.tar.xz'
  | '.tgz'
  | '.tar'
  | '.tbz'
  | '.txz'
  | '.tar.Z'
  | '.tlz'
  | '.tar.lz'
  | '.tar.lzma';

/** Longest first, so `.tar.gz` wins over `.tar`-less suffixes. */
const SDIST_FORMATS: readonly SdistFormat[] = [
  '.tar.lzma',
  '.tar.bz2',
  '.tar.gz',
  '.tar.xz',
  '.tar.lz',
  '.tar.Z',
  '.tar',
  '.zip',
  '.tgz',
  '.tbz',
  '.txz',
  '.tlz',
];

/** Formats pip 24.2 unpacks (`pip._internal.utils.unpacking.SUPPORTED_EXTENSIONS`, minus `.whl`). */
const PIP_SUPPORTED = new Set<SdistFormat>(SDIST_FORMATS.filter((f) => f !== '.tar.Z'));

export interface SdistFilename {
  kind: 'sdist';
  filename: string;
  /** The name part as written. */
  name: string;
  normalizedName: ProjectName;
  /** As written, without a `-pyX.Y` suffix. */
  version: string;
  format: SdistFormat;
  /** Whether pip would consider this archive at all. */
  pipSupported: boolean;
  /** The `X.Y` of a legacy `-pyX.Y` suffix, else null. */
  pythonVersion: string | null;
}

/** The sdist archive format `f` ends with, if any (case-sensitive, as pip). */
export function sdistFormatOf(f: string): SdistFormat | null {
  return SDIST_FORMATS.find((ext) => f.endsWith(ext)) ?? null;
}

const PY_VERSION_SUFFIX = /-py([123]\.?[0-9]?)$/;

function splitWithProject(f: string, stem: string, projectName: string): number {
  const canonical = normalizeName(projectName);
  for (let i = stem.indexOf('-'); i >= 0; i = stem.indexOf('-', i + 1)) {
    if (normalizeName(stem.slice(0, i)) === canonical) return i;
  }
  throw new FilenameParseError(`sdist filename does not start with project name ${JSON.stringify(projectName)}-`, f, 0);
}

function splitWithoutProject(f: string, stem: string): number {
  for (let i = stem.length - 2; i > 0; i--) {
    if (stem[i] === '-' && /\d/.test(stem[i + 1] ?? '')) return i;
  }
  throw new FilenameParseError("sdist filename has no '-' followed by a version", f, stem.length);
}

/**
 * Parses an sdist filename. With `projectName`, the name is the prefix that normalises to it (as
 * pip does); without it, the split is at the last `-` followed by a digit. Throws {@link FilenameParseError}.
 */
export function parseSdistFilename(f: string, projectName?: string): SdistFilename {
  const format = sdistFormatOf(f);
  if (!format) throw new FilenameParseError('not an sdist archive extension', f, Math.max(0, f.lastIndexOf('.')));
  const stem = f.slice(0, -format.length);
  const sep = projectName === undefined ? splitWithoutProject(f, stem) : splitWithProject(f, stem, projectName);
  const name = stem.slice(0, sep);
  let version = stem.slice(sep + 1);
  let pythonVersion: string | null = null;
  const suffix = PY_VERSION_SUFFIX.exec(version);
  if (suffix) {
    version = version.slice(0, suffix.index);
    pythonVersion = suffix[1] ?? null;
  }
  if (version === '') throw new FilenameParseError('sdist filename has an empty version', f, sep + 1);
  return {
    kind: 'sdist',
    filename: f,
    name,
    normalizedName: normalizeName(name),
    version,
    format,
    pipSupported: PIP_SUPPORTED.has(format),
    pythonVersion,
  };
}
