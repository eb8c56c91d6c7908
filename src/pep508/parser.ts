/**
 * Recursive-descent parser for PEP 508 dependency specifiers (`name [extras] (specifier | @ url) ; marker`).
 *
 * Spec: https://packaging.python.org/en/latest/specifications/dependency-specifiers/#grammar
 * Reference: packaging 24.1 `_parser.py` (`_parse_requirement` and below); error texts and spans match it.
 * Supported: extras, specifiers with or without parentheses, `name @ url`, markers; optionally
 * packaging 21.3's legacy specifiers (`==0.8.7p1`, `==${version}`) as pip ≤ 24.0 accepted them.
 * Unsupported: URL validation (packaging 24.1 performs none either).
 * Traps: the URL runs to the next blank, so `pkg @ http://x;python_version<"3"` has no marker;
 * a marker after a URL needs a blank before `;`. `.*` and `+local` are only legal after `==`/`!=`
 * and get their own errors. A trailing comma in a specifier list is accepted.
 */
import type { Marker } from './markers/ast.js';
import { parseMarkerList } from './markers/parse.js';
import type { Tokenizer } from './tokenizer.js';

export interface ParsedRequirement {
  name: string;
  url: string;
  extras: string[];
  /** The specifier text as written (concatenated tokens), not yet canonical. */
  specifier: string;
  /** Offset of the specifier text in the input (for errors found after parsing). */
  specifierStart: number;
  marker: Marker | null;
}

/** `requirement = WS? IDENTIFIER WS? extras WS? requirement_details END` */
export function parseRequirementTokens(t: Tokenizer): ParsedRequirement {
  t.consume('WS');
  const name = t.expect('IDENTIFIER', 'package name at the start of dependency specifier').text;
  t.consume('WS');
  const extras = parseExtras(t);
  t.consume('WS');
  const details = parseDetails(t);
  t.expect('END', 'end of dependency specifier');
  return { name, extras, ...details };
}

type Details = Pick<ParsedRequirement, 'url' | 'specifier' | 'specifierStart' | 'marker'>;

/** `AT URL (WS marker?)? | specifier WS? marker?` */
function parseDetails(t: Tokenizer): Details {
  if (t.check('AT')) {
    t.read();
    t.consume('WS');
    const urlStart = t.position;
    const url = t.expect('URL', 'URL after @').text;
    const done: Details = { url, specifier: '', specifierStart: urlStart, marker: null };
    if (t.check('END', true)) return done;
    t.expect('WS', 'whitespace after URL');
    if (t.check('END', true)) return done;
    return { ...done, marker: parseRequirementMarker(t, urlStart, 'URL and whitespace') };
  }
  const specifierStart = t.position;
  const specifier = parseSpecifier(t);
  t.consume('WS');
  const done: Details = { url: '', specifier, specifierStart, marker: null };
  if (t.check('END', true)) return done;
  const after = specifier ? 'version specifier' : 'name and no valid version specifier';
  return { ...done, marker: parseRequirementMarker(t, specifierStart, after) };
}

/** `SEMICOLON marker WS?` */
function parseRequirementMarker(t: Tokenizer, spanStart: number, after: string): Marker {
  if (!t.check('SEMICOLON')) t.fail(`Expected end or semicolon (after ${after})`, spanStart);
  t.read();
  const marker = parseMarkerList(t);
  t.consume('WS');
  return marker;
}

/** `(LEFT_BRACKET WS? extras_list? WS? RIGHT_BRACKET)?` */
function parseExtras(t: Tokenizer): string[] {
  if (!t.check('LEFT_BRACKET', true)) return [];
  return t.enclosing('LEFT_BRACKET', 'RIGHT_BRACKET', 'extras', () => {
    t.consume('WS');
    const extras = parseExtrasList(t);
    t.consume('WS');
    return extras;
  });
}

/** `IDENTIFIER (WS? COMMA WS? IDENTIFIER)*` */
function parseExtrasList(t: Tokenizer): string[] {
  const extras: string[] = [];
  if (!t.check('IDENTIFIER')) return extras;
  extras.push(t.read().text);
  for (;;) {
    t.consume('WS');
    if (t.check('IDENTIFIER', true)) t.fail('Expected comma between extra names');
    if (!t.check('COMMA')) break;
    t.read();
    t.consume('WS');
    extras.push(t.expect('IDENTIFIER', 'extra name after comma').text);
  }
  return extras;
}

/** `'(' WS? version_many WS? ')' | WS? version_many WS?` */
function parseSpecifier(t: Tokenizer): string {
  return t.enclosing('LEFT_PARENTHESIS', 'RIGHT_PARENTHESIS', 'version specifier', () => {
    t.consume('WS');
    const specifiers = parseVersionMany(t);
    t.consume('WS');
    return specifiers;
  });
}

/** `(SPECIFIER (WS? COMMA WS? SPECIFIER)*)?` */
function parseVersionMany(t: Tokenizer): string {
  let text = '';
  while (t.check('SPECIFIER')) {
    const spanStart = t.position;
    text += t.read().text;
    if (t.check('VERSION_PREFIX_TRAIL', true)) {
      t.fail('.* suffix can only be used with `==` or `!=` operators', spanStart, t.position + 1);
    }
    if (t.check('VERSION_LOCAL_LABEL_TRAIL', true)) {
      t.fail('Local version label can only be used with `==` or `!=` operators', spanStart, t.position);
    }
    t.consume('WS');
    if (!t.check('COMMA')) break;
    text += t.read().text;
    t.consume('WS');
  }
  return text;
}
