/**
 * The PEP 440 specifier grammar, as packaging 24.1 `Specifier._regex`, plus packaging 21.3's
 * `LegacySpecifier` grammar (what pip <= 24.0 still accepted).
 *
 * Spec: https://peps.python.org/pep-0440/#version-specifiers
 * Per operator: `===` takes any text without whitespace, `;` or `)`; `==`/`!=` allow a `.*` suffix
 * (release only) or a local segment; `~=` needs two release segments and no local; the others allow
 * neither wildcard nor local. Whitespace may sit between operator and version.
 * Traps: compiled with Python's whitespace set and IGNORECASE semantics (see pystr.ts); the operator
 * alternation order (`==` before `===`) and the look-behinds are kept as packaging has them.
 */
import { PY_ALNUM_I, PY_SPACE, PY_SPACE_CLASS_BODY } from './pystr.js';

const S = PY_SPACE;
const PRE = '(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?';
const POST = '(?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?';
const DEV = '(?:[-_.]?dev[-_.]?[0-9]*)?';
const LOCAL = `(?:\\+${PY_ALNUM_I}+(?:[-_.]${PY_ALNUM_I}+)*)?`;
const RELEASE = 'v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*';

const VERSION_ALTERNATIVES = [
  // `===`: an arbitrary string.
  `(?<====)${S}*[^${PY_SPACE_CLASS_BODY};)]*`,
  // `==` / `!=`: a wildcard or a local version, not both.
  `(?<===|!=)${S}*${RELEASE}(?:\\.\\*|${PRE}${POST}${DEV}${LOCAL})?`,
  // `~=`: at least two release segments.
  `(?<=~=)${S}*v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)+${PRE}${POST}${DEV}`,
  // `<=`, `>=`, `<`, `>`.
  `(?<!==|!=|~=)${S}*${RELEASE}${PRE}${POST}${DEV}`,
];

export const SPECIFIER_RE = new RegExp(
  `^${S}*(?<operator>~=|==|!=|<=|>=|<|>|===)(?<version>${VERSION_ALTERNATIVES.join('|')})${S}*$`,
  'iu',
);

/** packaging 21.3 `LegacySpecifier._regex`: an operator and any text without `,;)` or whitespace. */
export const LEGACY_SPECIFIER_RE = new RegExp(
  `^${S}*(?:==|!=|<=|>=|<|>)${S}*[^,;${PY_SPACE_CLASS_BODY})]*${S}*$`,
  'iu',
);
