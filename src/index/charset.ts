/**
 * A page's bytes as pip reads them: HTML in the charset its Content-Type names, JSON as UTF-8.
 *
 * Reference: pip 22.0–24.2 `index/collector.py`: `_get_encoding_from_headers` takes the `charset`
 * parameter of the Content-Type (`email.message` rules: any case, quotes removed); `parse_links`
 * decodes HTML with it, UTF-8 when there is none, strictly (`bytes.decode`), and reads JSON with
 * `json.loads(bytes)`, which ignores the charset. A charset Python does not know (LookupError) or bytes
 * it cannot decode (UnicodeDecodeError) stop pip with a traceback, so such a page is an error here,
 * in Python's words, never a page read leniently.
 * Traps: Python's names are not the WHATWG labels TextDecoder knows. `ISO-8859-1`/`latin1` are true
 * Latin-1 in Python (0x80-0x9F are C1 controls), windows-1252 on the web; `us-ascii` refuses every
 * byte over 0x7F; Python's cp1252 has five undefined bytes. Those three are decoded as Python does
 * (and windows-1252 by hand: Node 20's TextDecoder reads it as Latin-1).
 * Unsupported: a name only one side knows (Python's `cp437`, `utf-8-sig`; WHATWG's `x-cp1252`,
 * `unicode-1-1-utf-8`) is read as TextDecoder reads it, or refused; servers send neither. pip 18-21
 * read HTML through html5lib (charset, then `<meta>`, then windows-1252, never failing) and quote
 * non-ASCII hrefs another way: the verdicts here are pip 22's and later.
 */

export type DecodedPage = { ok: true; text: string } | { ok: false; reason: string };

/** The `charset` parameter of a Content-Type, unquoted; null when absent or empty (pip then uses UTF-8). */
export function charsetOf(contentType: string | null): string | null {
  const params = (contentType ?? '').split(';').slice(1);
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const value = param.slice(eq + 1).trim().replace(/^"(.*)"$/s, '$1');
    return value === '' ? null : value;
  }
  return null;
}

/**
 * The text of a page pip reads as `format` (see negotiate.ts), or why pip stops on it. A page pip
 * skips for its type is never parsed, so it is decoded leniently (its skip is the reason given).
 */
export function decodePage(body: Buffer, contentType: string | null, format: 'json' | 'html' | 'unsupported', url: string): DecodedPage {
  if (format === 'unsupported') return { ok: true, text: body.toString('utf8') };
  const label = format === 'json' ? null : charsetOf(contentType);
  const refuse = (error: string): DecodedPage => ({ ok: false, reason: `Cannot decode page ${url} (Content-Type: ${contentType ?? 'Unknown'}): ${error}` });
  const codec = label === null ? 'utf-8' : codecOf(label);
  if (codec === null) return refuse(`LookupError: unknown encoding: ${label}`);
  switch (codec) {
    case 'latin-1':
      return { ok: true, text: body.toString('latin1') };
    case 'ascii': {
      const at = body.findIndex((b) => b > 0x7f);
      return at < 0 ? { ok: true, text: body.toString('latin1') } : refuse(unicodeError('ascii', body, at, 'ordinal not in range(128)'));
    }
    case 'cp1252': {
      const at = body.findIndex((b) => CP1252_UNDEFINED.has(b));
      if (at >= 0) return refuse(unicodeError('charmap', body, at, 'character maps to <undefined>'));
      // Not TextDecoder: Node 20's reads windows-1252 as Latin-1 (0x80 is U+0080, not €).
      return { ok: true, text: body.toString('latin1').replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c) };
    }
    default:
      try {
        return { ok: true, text: new TextDecoder(codec, { fatal: true }).decode(body) };
      } catch {
        if (codec !== 'utf-8') return refuse(`UnicodeDecodeError: '${codec}' codec can't decode the page`);
        const bad = firstInvalidUtf8(body);
        return refuse(unicodeError('utf-8', body, bad?.at ?? 0, bad?.why ?? 'invalid start byte'));
      }
  }
}

/** Python's cp1252 leaves these undefined (WHATWG maps them to C1 controls). */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
/** cp1252's 0x80-0x9F (the rest is Latin-1); the undefined five are refused before. */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function unicodeError(codec: string, body: Buffer, at: number, why: string): string {
  return `UnicodeDecodeError: '${codec}' codec can't decode byte 0x${(body[at] ?? 0).toString(16).padStart(2, '0')} in position ${at}: ${why}`;
}

/**
 * The decoder for a charset name: a WHATWG encoding name, or one of the three single-byte codecs
 * Python reads differently from the web's windows-1252; null when neither side would know it.
 * Python's spellings with `_` (`latin_1`, `utf_8`) are tried as the WHATWG ones.
 */
function codecOf(label: string): string | null {
  const name = label.trim().toLowerCase();
  for (const spelling of new Set([name, name.replace(/_/g, '-'), name.replace(/[-_]/g, '')])) {
    let encoding: string;
    try {
      encoding = new TextDecoder(spelling).encoding;
    } catch {
      continue;
    }
    if (encoding !== 'windows-1252') return encoding;
    if (ASCII_NAMES.has(spelling)) return 'ascii';
    return CP1252_NAMES.has(spelling) ? 'cp1252' : 'latin-1';
  }
  return null;
}

// The WHATWG labels of windows-1252 that Python reads as ASCII or as its cp1252; the rest are Latin-1.
const ASCII_NAMES = new Set(['ansi_x3.4-1968', 'ascii', 'us-ascii']);
const CP1252_NAMES = new Set(['cp1252', 'windows-1252', 'x-cp1252']);

/** Where strict UTF-8 decoding fails (the start of the bad sequence, as Python reports it), or null when it does not. */
export function firstInvalidUtf8(b: Buffer): { at: number; why: string } | null {
  for (let i = 0; i < b.length; ) {
    const lead = b[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const more = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    if (more === 0) return { at: i, why: 'invalid start byte' };
    // The second byte's range excludes overlongs, surrogates and code points past U+10FFFF.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= more; k++) {
      const next = b[i + k];
      if (next === undefined) return { at: i, why: 'unexpected end of data' };
      if (next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return { at: i, why: 'invalid continuation byte' };
    }
    i += more + 1;
  }
  return null;
}
