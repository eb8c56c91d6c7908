/**
 * The requirement half of a line, read as pip's `req/constructors.py` reads it (pip 23.2:
 * `parse_req_from_line`, `parse_editable`), without touching the file system.
 *
 * Spec: https://pip.pypa.io/en/stable/reference/requirement-specifiers/ and PEP 508.
 * Supported: `name[extras] specifiers ; marker`, `name @ url`, bare URLs (http, https, file, ftp
 * and the VCS schemes) named by `#egg=` or by their wheel filename, local paths and archives,
 * `-e` VCS URLs and local directories. pip's hints for rejected lines (`= is not a valid operator`).
 * Traps: pip splits the marker off at the first `;` (at `; ` for URLs) *before* parsing, so
 * `foo;` is fine; `name==1.0[extra]` is rejected ("Extras after version"); legacy versions
 * (`0.8.7p1`, `${version}`) parse through packaging's LegacySpecifier, as pip ≤ 24.0 does.
 * Unsupported: pip's `os.path.isdir`/`isfile` probes. A text with a `/` (or `.`, `..`) is taken as a
 * local project; pip would reject it if the directory is missing. One that only *starts* with `.`
 * (`.1`, `.hidden`: pip's `_looks_like_path`) is read as a requirement, and rejected as pip rejects
 * it unless a folder of that name sits in pip's working directory: such a text is nearly always a
 * fragment of a line `splitlines` broke (`multidict==4.3\u0085.1`), never a project.
 */
import { pyStrip } from '../pep440/index.js';
import { parseRequirement } from '../pep508/index.js';
import type { Requirement } from '../pep508/index.js';
import type { RequirementKind } from './types.js';

const VCS = ['git', 'hg', 'svn', 'bzr'];
const VCS_SCHEMES = [
  'bzr+http', 'bzr+https', 'bzr+ssh', 'bzr+sftp', 'bzr+ftp', 'bzr+lp', 'bzr+file',
  'git+http', 'git+https', 'git+ssh', 'git+git', 'git+file',
  'hg+file', 'hg+http', 'hg+https', 'hg+ssh', 'hg+static-http',
  'svn+ssh', 'svn+http', 'svn+https', 'svn+svn', 'svn+file',
];
const URL_SCHEMES = new Set(['http', 'https', 'file', 'ftp', ...VCS_SCHEMES]);
const ARCHIVE_EXTENSIONS = ['.zip', '.whl', '.tar.bz2', '.tbz', '.tar.gz', '.tgz', '.tar', '.tar.xz', '.txz', '.tlz', '.tar.lz', '.tar.lzma'];
const OPERATORS = ['~=', '==', '!=', '<=', '>=', '<', '>', '==='];
const EGG = /[#&]egg=([^&]*)/;
const WHEEL = /^([^\s-]+?)-([^\s-]*?)(?:-\d[^-]*?)?-[^\s-]+?-[^\s-]+?-[^\s-]+?\.whl$/;
const TRAILING_EXTRAS = /^(.+)(\[[^\]]+\])$/s;
const NAMED_URL = /^[A-Za-z0-9][A-Za-z0-9._-]*\s*(\[[^\]]*\])?\s*@/;
const URL_SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

export type RequirementOutcome =
  | { ok: true; kind: RequirementKind; requirement: Requirement | null }
  | { ok: false; message: string; offset: number | null };

const MAX_QUOTED = 200;

/** Python `repr()` of a str, enough for pip's quoted messages (long texts are cut, with a note). */
function pyRepr(text: string): string {
  if (text.length > MAX_QUOTED) return `${pyRepr(text.slice(0, MAX_QUOTED))}… (${text.length} characters)`;
  const s = text;
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${quote}${out}${quote}`;
}

function urlScheme(text: string): string | null {
  const colon = text.indexOf(':');
  return colon === -1 ? null : text.slice(0, colon).toLowerCase();
}

/** pip's `is_url`: the text before the first `:` is a known scheme. */
function isUrl(text: string): boolean {
  const scheme = urlScheme(text);
  return scheme !== null && URL_SCHEMES.has(scheme);
}

function looksLikePath(text: string): boolean {
  const path = text.replace(TRAILING_EXTRAS, '$1');
  return path.includes('/') || path === '.' || path === '..';
}

function isArchive(text: string): boolean {
  const lower = text.toLowerCase();
  return ARCHIVE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** The last path segment of a URL, percent-decoded (pip's `Link.filename`). */
function urlFilename(url: string): string {
  const path = url.split('#')[0]?.split('?')[0]?.replace(/\/+$/, '') ?? '';
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function parseOrFail(text: string, lineSource: string): RequirementOutcome | Requirement {
  try {
    return parseRequirement(text, { allowLegacySpecifiers: true });
  } catch (error) {
    let hint = '';
    if (text.includes('/')) hint = 'It looks like a path.';
    else if (text.includes('=') && !OPERATORS.some((op) => text.includes(op))) hint = '= is not a valid operator. Did you mean == ?';
    const message = `Invalid requirement: ${pyRepr(text)} (from ${lineSource})${hint ? `\nHint: ${hint}` : ''}`;
    const offset = error instanceof Error && 'offset' in error && typeof error.offset === 'number' ? error.offset : null;
    return { ok: false, message, offset };
  }
}

/** The requirement behind a link: its wheel filename or its `#egg=` fragment (null when unnamed). */
function nameFromLink(url: string): { text: string | null } | { error: string } {
  const filename = urlFilename(url);
  if (filename.toLowerCase().endsWith('.whl')) {
    const m = WHEEL.exec(filename);
    if (!m) return { error: `${filename} is not a valid wheel filename.` };
    return { text: `${(m[1] ?? '').replace(/_/g, '-')}==${(m[2] ?? '').replace(/_/g, '-')}` };
  }
  return { text: EGG.exec(url)?.[1] ?? null };
}

/** Reads a non-editable requirement the way `parse_req_from_line` does. */
export function readRequirement(line: string, lineSource: string): RequirementOutcome {
  const url = isUrl(line);
  const sep = url ? '; ' : ';';
  let name = line;
  let markerText: string | null = null;
  const at = line.indexOf(sep);
  if (at !== -1) {
    name = line.slice(0, at);
    markerText = pyStrip(line.slice(at + sep.length)) || null;
  }
  name = pyStrip(name);

  let kind: RequirementKind = 'requirement';
  let reqText: string | null = name;
  if (url || (looksLikePath(name) && !NAMED_URL.test(name)) || (isArchive(name) && !NAMED_URL.test(name))) {
    kind = url ? 'url' : 'path';
    const fromLink = nameFromLink(url ? name : name.replace(TRAILING_EXTRAS, '$1'));
    if ('error' in fromLink) return { ok: false, message: fromLink.error, offset: null };
    reqText = fromLink.text;
  }
  if (reqText === null) {
    if (markerText !== null) {
      const checked = parseOrFail(`placeholder ; ${markerText}`, lineSource);
      if ('ok' in checked) return { ok: false, message: `Invalid marker: ${pyRepr(markerText)} (from ${lineSource})`, offset: null };
    }
    return { ok: true, kind, requirement: null };
  }

  const bare = parseOrFail(reqText, lineSource);
  if ('ok' in bare) return bare;
  for (const spec of bare.specifiers) {
    const text = `${spec.operator}${spec.version}`;
    if (text.endsWith(']')) return { ok: false, message: `Extras after version '${text}'.`, offset: null };
  }
  let requirement = bare;
  if (markerText !== null) {
    const withMarker = parseOrFail(`${reqText} ; ${markerText}`, lineSource);
    if ('ok' in withMarker) return { ok: false, message: `Invalid marker: ${pyRepr(markerText)} (from ${lineSource})`, offset: null };
    requirement = withMarker;
  }
  if (requirement.url) kind = 'url';
  return { ok: true, kind, requirement };
}

/** Reads an `-e` value the way `parse_editable` does (local directories are taken on trust). */
export function readEditable(value: string): RequirementOutcome {
  const noExtras = value.replace(TRAILING_EXTRAS, '$1');
  const scheme = URL_SCHEME.exec(noExtras)?.[1]?.toLowerCase() ?? null;
  let egg: string | null;
  if (scheme === null || scheme.length === 1 /* a Windows drive */) {
    return { ok: true, kind: 'editable', requirement: null };
  } else if (scheme === 'file') {
    egg = EGG.exec(noExtras)?.[1] ?? null;
  } else {
    let url = value;
    const vcs = VCS.find((v) => url.toLowerCase().startsWith(`${v}:`));
    if (vcs) url = `${vcs}+${url}`;
    const linkScheme = URL_SCHEME.exec(url)?.[1]?.toLowerCase() ?? '';
    if (!VCS_SCHEMES.includes(linkScheme)) {
      return {
        ok: false,
        offset: null,
        message:
          `${value} is not a valid editable requirement. It should either be a path to a local project ` +
          `or a VCS URL (beginning with ${VCS_SCHEMES.join(', ')}).`,
      };
    }
    egg = EGG.exec(url)?.[1] ?? null;
    if (!egg) {
      return {
        ok: false,
        offset: null,
        message: `Could not detect requirement name for '${value}', please specify one with #egg=your_package_name`,
      };
    }
  }
  if (!egg) return { ok: true, kind: 'editable', requirement: null };
  try {
    return { ok: true, kind: 'editable', requirement: parseRequirement(egg, { allowLegacySpecifiers: true }) };
  } catch {
    return { ok: false, offset: null, message: `Invalid requirement: ${pyRepr(egg)}` };
  }
}
