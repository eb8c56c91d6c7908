/**
 * pyup / build-puppet directives carried in requirements comments.
 *
 * Sources: pyup's `pyup/requirements.py` (`Requirement.filter`, `can_update_semver`) and dparse's
 * `Parser.is_marked_file` / `is_marked_line`; build-puppet's own `# puppet: nodownload` and
 * `# python_version: NN` conventions. pyup reads them by *substring* on the line, so
 * `# foo; pyup: ignore` counts and `pyup: ignore file` also ignores its own line.
 * Supported: `pyup: ignore`, `pyup: ignore file` (honoured on the first three lines, as dparse does),
 * `pyup: <spec>` and `rq.filter: <spec>` filters (text up to the next `#`, parsed as pyup parses
 * `"filter " + text`, legacy specifiers allowed), `pyup: update minor|major|…` and other word forms
 * as policies, `puppet: nodownload` (with or without trailing prose), and the `python_version` header.
 * Traps: `# pyup < 2.0` has no colon, so pyup never sees it (reported as `noColon`); a filter pyup
 * cannot parse is silently dropped by pyup (kept here with `specifier: null`).
 */
import { parseRequirement } from '../pep508/index.js';
import type { Directives } from './types.js';
import type { PhysicalLine } from './lines.js';
import { isCommentLine } from './lines.js';

const NO_COLON = /\bpyup(?=\s*[<>=!~]|\s+(?:ignore|update|noupdate)\b)[^#]*/i;
const WORDS = /^[A-Za-z][A-Za-z0-9 _-]*$/;
const PYTHON_VERSION = /^\s*#\s*python_version\s*:\s*([^\s#]+)/;
const IGNORE_FILE_MARKERS = ['pyup: ignore file', 'pyup:ignore file'];
/** dparse looks at lines 0..2 for the file marker. */
const IGNORE_FILE_LINES = 3;

/** Text after the first `marker`, up to the next `#`, trimmed (pyup: `split(marker)[1].strip().split("#")[0]`). */
function after(comment: string, marker: string): string {
  const at = comment.indexOf(marker);
  return (comment.slice(at + marker.length).trim().split('#')[0] ?? '').trim();
}

/** pyup's filter parse: `parse_requirements("filter " + text)`; canonical specifier or null. */
function parseFilterSpecifier(text: string): string | null {
  try {
    const req = parseRequirement(`filter ${text}`, { allowLegacySpecifiers: true });
    return req.specifiers.length > 0 ? req.specifier : null;
  } catch {
    return null;
  }
}

function emptyDirectives(comment: string | null): Directives {
  return { ignore: false, ignoreFile: false, filter: null, nodownload: false, policies: [], noColon: null, comment };
}

/** Reads the directives out of one line's trailing comment (or any text: matching is by substring). */
export function parseDirectives(comment: string | null): Directives {
  const d = emptyDirectives(comment);
  if (comment === null) return d;
  d.ignoreFile = IGNORE_FILE_MARKERS.some((m) => comment.includes(m));
  d.ignore = comment.includes('pyup: ignore') || comment.includes('pyup:ignore');
  d.nodownload = comment.includes('puppet: nodownload');
  const noColon = NO_COLON.exec(comment);
  if (noColon) d.noColon = noColon[0].trim();

  let filterText: string | null = null;
  if (comment.includes('rq.filter:')) {
    filterText = after(comment, 'rq.filter:');
  } else if (comment.includes('pyup: update')) {
    // pyup reads `update <policy>` instead of a filter.
    d.policies.push(`update ${after(comment, 'pyup: update')}`.trim());
  } else if (comment.includes('pyup:')) {
    const text = after(comment, 'pyup:');
    if (!text.startsWith('ignore')) filterText = text;
  }
  if (filterText) {
    // `pyup: <2.0 until 2019-06-01`: pyup drops the filter once the date has passed.
    const [spec = '', until] = filterText.split('until').map((s) => s.trim());
    if (until !== undefined) d.policies.push(`until ${until}`);
    const specifier = parseFilterSpecifier(spec);
    if (specifier === null && until === undefined && WORDS.test(filterText)) d.policies.push(filterText);
    else d.filter = { text: filterText, specifier };
  }
  return d;
}

/** Normalises a `python_version` header value: '36' → '3.6', '27' → '2.7', '310' → '3.10'. */
export function normalizePythonVersion(raw: string): string {
  const packed = /^([23])(\d+)$/.exec(raw);
  if (packed) return `${packed[1]}.${packed[2]}`;
  return raw;
}

/** The `# python_version: NN` header among the comment lines that open the file. */
export function findPythonVersion(lines: PhysicalLine[]): { value: string; line: number } | null {
  for (const { line, text } of lines) {
    if (text.trim() === '') continue;
    if (!isCommentLine(text)) return null;
    const m = PYTHON_VERSION.exec(text);
    if (m?.[1]) return { value: normalizePythonVersion(m[1]), line };
  }
  return null;
}

/** `pyup: ignore file` where pyup honours it: anywhere in the file's first three lines. */
export function findIgnoreFile(lines: PhysicalLine[]): { line: number } | null {
  for (const { line, text } of lines.slice(0, IGNORE_FILE_LINES)) {
    if (IGNORE_FILE_MARKERS.some((m) => text.includes(m))) return { line };
  }
  return null;
}
