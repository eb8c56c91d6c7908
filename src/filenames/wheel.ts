/**
 * Wheel filenames: `{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl`.
 *
 * Spec: https://packaging.python.org/en/latest/specifications/binary-distribution-format/#file-name-convention
 * (PEP 427), tags per PEP 425. Semantics follow pip 24.2's `Wheel` (what pip actually installs):
 * five or six `-`-separated parts, no whitespace, a build tag that starts with a digit, `_` in the
 * version read as `-`; plus packaging's rule that the build tag is `(\d+)(.*)`.
 * Traps: the name is escaped (`python_jose` is `python-jose`), so compare `normalizedName`; the
 * extension is case-sensitive (`.WHL` is not a wheel to pip); a compressed tag set expands to
 * several tags; the version is kept as written (parse it with pep440; legacy versions exist on
 * old indexes). Unsupported: the `.dist-info` directory form pip's regex also accepts.
 */
import { normalizeName, type ProjectName } from '../names/index.js';
import { parseTagSet, TagParseError, type Tag } from '../tags/index.js';
import { FilenameParseError } from './errors.js';

export interface WheelFilename {
  kind: 'wheel';
  filename: string;
  /** The name part as written (escaped: `python_jose`). */
  name: string;
  normalizedName: ProjectName;
  /** As written, with `_` read as `-` (pip does the same). */
  version: string;
  /** PEP 427 build tag: sorts by `number`, then `tag`. */
  build: { number: number; tag: string } | null;
  tags: Tag[];
  /** The compressed tag set as written: `py2.py3-none-any`. */
  tagSet: string;
}

const WHEEL_EXTENSION = '.whl';

const parsed = new Map<string, WheelFilename>();

/**
 * Parses a wheel filename; throws {@link FilenameParseError}. Memoised: checks ask for the same
 * mirror files once per pin × target; callers must treat the result as read-only.
 */
export function parseWheelFilename(f: string): WheelFilename {
  let hit = parsed.get(f);
  if (!hit) {
    hit = parseWheelFilenameUncached(f);
    if (parsed.size >= 50_000) parsed.clear();
    parsed.set(f, hit);
  }
  return hit;
}

function parseWheelFilenameUncached(f: string): WheelFilename {
  if (!f.endsWith(WHEEL_EXTENSION)) {
    throw new FilenameParseError("a wheel filename must end with '.whl'", f, Math.max(0, f.lastIndexOf('.')));
  }
  const ws = /\s/.exec(f);
  if (ws) throw new FilenameParseError('whitespace in a wheel filename', f, ws.index);
  const stem = f.slice(0, -WHEEL_EXTENSION.length);
  const parts = stem.split('-');
  if (parts.length !== 5 && parts.length !== 6) {
    throw new FilenameParseError(
      `a wheel filename has 5 or 6 '-'-separated parts, found ${parts.length}`,
      f,
      parts.length > 6 ? parts.slice(0, 6).join('-').length : stem.length,
    );
  }
  // offsets of each part, for error spans
  const starts: number[] = [];
  let at = 0;
  for (const p of parts) {
    starts.push(at);
    at += p.length + 1;
  }
  const emptyIndex = parts.findIndex((p) => p === '');
  if (emptyIndex >= 0) throw new FilenameParseError('empty part in a wheel filename', f, starts[emptyIndex] ?? 0);
  const [name = '', rawVersion = ''] = parts;
  let build: WheelFilename['build'] = null;
  if (parts.length === 6) {
    const raw = parts[2] ?? '';
    const m = /^(\d+)(.*)$/.exec(raw);
    if (!m) throw new FilenameParseError(`build tag ${JSON.stringify(raw)} must start with a digit`, f, starts[2] ?? 0);
    build = { number: Number(m[1]), tag: m[2] ?? '' };
  }
  const tagSet = parts.slice(-3).join('-');
  let tags: Tag[];
  try {
    tags = parseTagSet(tagSet);
  } catch (e) {
    const tagStart = starts[parts.length - 3] ?? 0;
    const offset = e instanceof TagParseError ? tagStart + e.offset : tagStart;
    throw new FilenameParseError('invalid tag set', f, offset, e);
  }
  return {
    kind: 'wheel',
    filename: f,
    name,
    normalizedName: normalizeName(name),
    version: rawVersion.replaceAll('_', '-'),
    build,
    tags,
    tagSet,
  };
}
