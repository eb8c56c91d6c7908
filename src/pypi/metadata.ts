/**
 * Core metadata (METADATA / PKG-INFO) and setuptools' egg-info `requires.txt`.
 *
 * Spec: https://packaging.python.org/en/latest/specifications/core-metadata/ (1.0–2.4): RFC 822
 * style headers, `Name: value`, continuation lines start with a space or tab, names are
 * case-insensitive, multiple-use fields repeat, the first blank line ends the headers (the body is
 * the long description and is ignored). CRLF, CR and a leading BOM are tolerated.
 * requires.txt: https://setuptools.pypa.io/en/latest/deprecated/python_eggs.html#requires-txt —
 * converted as importlib.metadata does (`[extra]` → `; extra == "extra"`, `[:marker]` → `; marker`,
 * `[extra:marker]` → `; (marker) and extra == "extra"`).
 * Traps: setuptools writes `UNKNOWN` for an absent Summary/Home-page (read as null); a single-use
 * field given twice keeps the first (as `email.message`); a Requires-Dist in the body is not a header.
 */
import { MetadataParseError } from './errors.js';
import type { CoreMetadata } from './types.js';

interface Header {
  name: string;
  value: string;
  offset: number;
}

// email.feedparser's headerRE: a field name of printable ASCII other than ':' and a colon.
const HEADER_LINE = /^([\x21-\x39\x3b-\x7e]+):/;

function headers(text: string): Header[] {
  const out: Header[] = [];
  let offset = text.startsWith('\uFEFF') ? 1 : 0;
  let current: Header | null = null;
  for (const line of text.slice(offset).split(/\r\n|\n|\r/)) {
    const lineOffset = offset;
    offset += line.length + 1;
    if (/^[ \t]/.test(line)) {
      if (current) current.value += `\n${line}`;
      continue;
    }
    const m = HEADER_LINE.exec(line);
    if (!m) break; // a blank line ends the headers; so does any other non-header line (as in email.parser)
    current = { name: (m[1] ?? '').toLowerCase(), value: line.slice(m[0].length), offset: lineOffset };
    out.push(current);
  }
  return out;
}

/** Unfold continuation lines and trim. */
function clean(value: string): string {
  return value.replace(/\s*\n[ \t]*/g, ' ').trim();
}

function unknownToNull(v: string | null): string | null {
  return v === null || v === '' || v === 'UNKNOWN' ? null : v;
}

/** Parse METADATA / PKG-INFO text; throws {@link MetadataParseError} when Name or Version is missing. */
export function parseCoreMetadata(text: string): CoreMetadata {
  const hs = headers(text);
  const first = (n: string): string | null => {
    const h = hs.find((x) => x.name === n);
    return h ? clean(h.value) : null;
  };
  const all = (n: string): string[] => hs.filter((x) => x.name === n).map((x) => clean(x.value)).filter((v) => v !== '');
  const name = first('name');
  const version = first('version');
  if (!name) throw new MetadataParseError('core metadata has no Name', text.slice(0, 10_000), 0);
  if (!version) throw new MetadataParseError('core metadata has no Version', text.slice(0, 10_000), 0);
  const projectUrls = all('project-url').map((v) => {
    const comma = v.indexOf(',');
    return comma < 0 ? { label: '', url: v } : { label: v.slice(0, comma).trim(), url: v.slice(comma + 1).trim() };
  });
  const dynamic = all('dynamic').map((d) => d.toLowerCase());
  return {
    metadataVersion: first('metadata-version'),
    name,
    version,
    requiresDist: all('requires-dist'),
    requiresPython: unknownToNull(first('requires-python')),
    providesExtra: all('provides-extra'),
    summary: unknownToNull(first('summary')),
    homePage: unknownToNull(first('home-page')),
    projectUrls,
    ...(dynamic.length > 0 ? { dynamic } : {}),
  };
}

function sectionMarker(section: string): string {
  const colon = section.indexOf(':');
  const extra = (colon < 0 ? section : section.slice(0, colon)).trim();
  let marker = colon < 0 ? '' : section.slice(colon + 1).trim();
  if (extra && marker) marker = `(${marker})`;
  return [marker, extra ? `extra == "${extra}"` : ''].filter(Boolean).join(' and ');
}

/** Convert an egg-info requires.txt to PEP 508 requirement strings (as importlib.metadata does). */
export function parseRequiresTxt(text: string): string[] {
  const out: string[] = [];
  let marker = '';
  let pending = '';
  for (const rawLine of text.split(/\r\n|\n|\r/)) {
    let line = pending + rawLine;
    pending = '';
    if (line.endsWith('\\')) {
      pending = line.slice(0, -1);
      continue;
    }
    const hash = line.indexOf(' #');
    if (hash >= 0) line = line.slice(0, hash);
    line = line.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      marker = line.endsWith(']') ? sectionMarker(line.slice(1, -1)) : sectionMarker(line.slice(1));
      continue;
    }
    if (!marker) {
      out.push(line);
      continue;
    }
    const semi = line.indexOf(';');
    if (semi >= 0) {
      // a marker on the line itself (not written by setuptools, but legal): both must hold
      out.push(`${line.slice(0, semi).trim()}; (${line.slice(semi + 1).trim()}) and (${marker})`);
    } else {
      // a URL requirement needs a space before ';' or the marker would be read as part of the URL
      out.push(`${line}${line.includes('@') ? ' ' : ''}; ${marker}`);
    }
  }
  return out;
}
