/**
 * PEP 440 versions and specifiers — the table of contents of `src/pep440`.
 *
 * Spec: https://peps.python.org/pep-0440/ ; semantics are packaging 24.1's (vendored by pip 24.2),
 * checked differentially in test/oracle/pep440.test.ts. The version grammar comes from
 * `@renovatebot/pep440`; ordering and specifier matching are implemented here, because the
 * library's own disagree with packaging on local versions, `>`/`<` exclusions, huge numbers,
 * whitespace and the pre-release rules.
 */
export { InvalidSpecifierError, InvalidVersionError } from './errors.js';
export type { Version } from './version.js';
export { canonicalizeVersion, isValidVersion, parseVersion, tryParseVersion } from './version.js';
export { compareVersions, sortVersions } from './order.js';
export type { ContainsOptions, Operator, Specifier } from './specifier.js';
export { SpecifierSet, exactPinVersion, parseSpecifier } from './specifier-set.js';
export { legacyAwareContains } from './legacy.js';
// Python `str` semantics packaging's grammars rely on; pep508 and requirements build on the same ones.
export { compareCodePoints, PY_ALNUM_I, PY_SPACE, PY_SPACE_CLASS_BODY, pyStrip } from './pystr.js';
