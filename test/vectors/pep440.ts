// PEP 440 test vectors, written for pyup-checks from the ideas in packaging's tables and the spec:
//   https://github.com/pypa/packaging/blob/0345ccd3d1e5b0e14b84de4fb6bca0b82f7145e3/tests/test_version.py
//     (VERSIONS ordering list; invalid, normalised, public/base_version tables)
//   https://github.com/pypa/packaging/blob/00d365f9d287bfc82062b0e7ed6b4161b0b2f611/tests/test_specifiers.py
//     (invalid specifiers; contains True/False table; prerelease and filter tables; SpecifierSet str)
//   https://peps.python.org/pep-0440/ (exclusive ordered comparison, compatible release, local versions)
// Expected values are those of packaging 24.1 as vendored by pip 24.2 (python 3.13), which is what
// pip 24.2 resolves with; where newer packaging changed behaviour (`>1.0.dev1` vs `1.0+local`,
// `1.0+İ`, SpecifierSet.filter's pre-release fallback) the 24.1 answer is kept and marked.

/** Strictly ascending in PEP 440 order (ties only where marked equal in EQUAL_VERSIONS). */
export const VERSIONS_IN_ORDER: readonly string[] = [
  '1.0.dev0', '1.0.dev456', '1.0.dev456+local', '1.0a0', '1.0a0.post0.dev0', '1.0a0.post0', '1.0a1.dev1',
  '1.0a1.dev1+local', '1.0a1', '1.0a1+local', '1.0b0', '1.0b1.dev456', '1.0b2', '1.0b2.post345.dev456',
  '1.0b2.post345', '1.0b2-346', '1.0rc0', '1.0rc1.dev1', '1.0c1', '1.0rc2', '1.0', '1.0.post0.dev0',
  '1.0.post0', '1.0.post456.dev34', '1.0.post456', '1.0.post456+local', '1.0.1.dev1', '1.0.1a1', '1.0.1',
  '1.0.1+local', '1.0.1.post1', '1.1.dev1', '1.2+a', '1.2+abc', '1.2+abcdef', '1.2+def', '1.2+0', '1.2+1',
  '1.2+1.abc', '1.2+1.1', '1.2+1.1.0', '1.2+2', '1.2+123', '1.2+123456', '1.2.r32+123456', '1.2.rev33+123456',
  '1.10', '2', '9007199254740993', '9007199254740994',
  '1!0.1', '1!1.0.dev0', '1!1.0a1', '1!1.0rc1', '1!1.0', '1!1.0+local', '1!1.0.post1', '1!1.0.1', '2!0',
];

/** Pairs that compare equal. */
export const EQUAL_VERSIONS: readonly [string, string][] = [
  ['1.0', '1.0.0'], ['1.0', '1.0.0.0'], ['1.0rc1', '1.0c1'], ['1.0rc1', '1.0pre1'], ['1.0a', '1.0a0'],
  ['1.0', 'v1.0'], ['1.0', '0!1.0'], ['1.0.post0', '1.0-0'], ['1.0+abc', '1.0+ABC'], ['1.0+1', '1.0+01'],
  ['1.0+a.1', '1.0+a-1'], ['1.0.dev0', '1.0-DEV'], ['1.0b1', '1.0.beta.1'],
];

/** Strings that are not versions. */
export const INVALID_VERSIONS: readonly string[] = [
  'french toast', '1.0+a+', '1.0++', '1.0+_foobar', '1.0+foo&asd', '1.0+1+1', '1. 0', '1 .0', '1.0 a1', '1.0a 1',
  '٠١٢.٣٤٥', '.', '..', '1..0', '1.0.', '.1.0', '', ' ', '1.0-', '1.0.*', 'v', 'vv1.0', '1.0+', '1!', '!1.0',
  '1.0\ufeff', '1.0+é', '1.0a1a2', '1.0.post1.post2', '1.0+local+local',
];

/** [input, normalised form]. */
export const NORMALIZED: readonly [string, string][] = [
  ['1.0dev', '1.0.dev0'], ['1.0-dev1', '1.0.dev1'], ['1.0.DEV', '1.0.dev0'], ['1.0a', '1.0a0'], ['1.0.a1', '1.0a1'],
  ['1.0-alpha1', '1.0a1'], ['1.0ALPHA', '1.0a0'], ['1.0_b', '1.0b0'], ['1.0.beta1', '1.0b1'], ['1.0B1', '1.0b1'],
  ['1.0c', '1.0rc0'], ['1.0-C1', '1.0rc1'], ['1.0pre2', '1.0rc2'], ['1.0preview', '1.0rc0'], ['1.0.RC1', '1.0rc1'],
  ['1.0post', '1.0.post0'], ['1.0-POST1', '1.0.post1'], ['1.0r', '1.0.post0'], ['1.0.rev1', '1.0.post1'],
  ['1.0-5', '1.0.post5'], ['1.0-r5', '1.0.post5'], ['1.0+AbC', '1.0+abc'], ['1.0+a_b-c', '1.0+a.b.c'],
  ['1.0+01.002', '1.0+1.2'], ['1.01', '1.1'], ['1.0a05', '1.0a5'], ['1.0c056', '1.0rc56'], ['1.0.post000', '1.0.post0'],
  ['1.1.dev09000', '1.1.dev9000'], ['00!1.2', '1.2'], ['0100!0.0', '100!0.0'], ['v1.0', '1.0'], ['V1.0', '1.0'],
  ['   v1.0\t\n', '1.0'], ['\u202f1.0\t\u2029\n ', '1.0'], ['\x1c1.0\x85', '1.0'],
  ['1.0a1-1', '1.0a1.post1'], ['1.0-1.dev2', '1.0.post1.dev2'], ['1.0a1.post2-dev3+x', '1.0a1.post2.dev3+x'],
  ['123456789012345678901234567890.1', '123456789012345678901234567890.1'], ['1.0+1e5', '1.0+1e5'],
  ['1.0+0x10', '1.0+0x10'], ['1.0+\u212a', '1.0+k'],
  // packaging 24.1 accepts these look-alikes (newer packaging rejects them).
  ['1.0+\u0130', '1.0+i\u0307'], ['1.0+\u017f', '1.0+\u017f'],
];

export interface Described {
  input: string;
  epoch: number;
  release: number[];
  pre: ['a' | 'b' | 'rc', number] | null;
  post: number | null;
  dev: number | null;
  local: string | null;
  public: string;
  baseVersion: string;
  isPrerelease: boolean;
  isPostrelease: boolean;
  isDevrelease: boolean;
}

/** Full component breakdowns. */
export const DESCRIBED: readonly Described[] = [
  { input: '1!1.0a1.post5.dev6+deadbeef', epoch: 1, release: [1, 0], pre: ['a', 1], post: 5, dev: 6, local: 'deadbeef', public: '1!1.0a1.post5.dev6', baseVersion: '1!1.0', isPrerelease: true, isPostrelease: true, isDevrelease: true },
  { input: '1.2.3', epoch: 0, release: [1, 2, 3], pre: null, post: null, dev: null, local: null, public: '1.2.3', baseVersion: '1.2.3', isPrerelease: false, isPostrelease: false, isDevrelease: false },
  { input: '1.0.post5+Ubuntu-1', epoch: 0, release: [1, 0], pre: null, post: 5, dev: null, local: 'ubuntu.1', public: '1.0.post5', baseVersion: '1.0', isPrerelease: false, isPostrelease: true, isDevrelease: false },
  { input: '2.0rc4', epoch: 0, release: [2, 0], pre: ['rc', 4], post: null, dev: null, local: null, public: '2.0rc4', baseVersion: '2.0', isPrerelease: true, isPostrelease: false, isDevrelease: false },
  { input: '3.dev1', epoch: 0, release: [3], pre: null, post: null, dev: 1, local: null, public: '3.dev1', baseVersion: '3', isPrerelease: true, isPostrelease: false, isDevrelease: true },
];

/** [version, specifier set, expected contains() with prereleases unset]. */
export const CONTAINS: readonly [string, string, boolean][] = [
  // == and local versions
  ['2.0', '==2', true], ['2.0', '==2.0.0', true], ['2.0+deadbeef', '==2', true], ['2.0+deadbeef', '==2.0+deadbeef', true],
  ['2.0+deadbeef.0', '==2.0.0+deadbeef.00', true], ['2.1', '==2.0', false], ['2.0', '==2.0+deadbeef', false],
  // wildcards
  ['2.dev1', '==2.*', false], ['2.1+local.version', '==2.1.*', true], ['2', '==2.0.0.*', true], ['0!2', '==2.*', true],
  ['2.0.0.0', '==2.0.*', true], ['2.1', '==2.0.*', false], ['2.1.0.0', '==2.0.*', false], ['2!1.0', '==2!1.*', true],
  ['2!1.0', '==1.*', false], ['1.0.post1', '==1.0.*', true], ['1.0.post1', '==1.0.post1', true],
  // != with and without wildcards
  ['2.1', '!=2', true], ['2.0', '!=2.0+deadbeef', true], ['2.0+deadbeef', '!=2.0', false], ['2.0', '!=3.*', true],
  ['2.0.0', '!=2.*', false], ['2!1.0', '!=1.0', true],
  // >= and <=
  ['2.0.post1', '>=2', true], ['2.0rc1', '>=2', false], ['3.0.0a8', '>=3.0.0a7', true], ['2.0+local', '>=2.0', true],
  ['2.0.post1', '<=2', false], ['2.0+local', '<=2.0', true], ['1', '<=2', true], ['2!1.0', '>=2.0', true],
  // > excludes post-releases and local versions of the same release
  ['2.1.post1', '>2', true], ['2.0.post1', '>2', false], ['2.0.post1', '>2.0.post0', true], ['2.1+local.version', '>2', true],
  ['2.0+local', '>2', false], ['1.7.post1', '>1.7', false], ['1.7.1', '>1.7', true],
  // packaging 24.1: a local version of the same release is never > (newer packaging says true here).
  ['1.0+local', '>1.0.dev1', false],
  // < excludes pre-releases of the same release unless the specifier is one
  // `<` never implies pre-releases (packaging 24.1 only lets ==, >=, <=, ~=, === do so), even `<3.0.0a8`.
  ['2.0.dev0', '<2.1', false], ['1.7rc1', '<1.7', false], ['1.7.dev1', '<1.7', false], ['3.0.0a7', '<3.0.0a8', false],
  ['2.0+local', '<2.0', false], ['1.0', '<2!0.1', true],
  // ~=
  ['1', '~=1.0', true], ['1.9999999', '~=1.0', true], ['2.0', '~=1.0', false], ['1.4.5', '~=1.4.5', true],
  ['1.4.6', '~=1.4.5', true], ['1.5.0', '~=1.4.5', false], ['1.1', '~=1.0a1', true], ['2022.01.01', '~=2022.01.01', true],
  ['2!1.0', '~=2!1.0', true], ['2.2.post3', '~=2.2.post3', true], ['2.9', '~=2.2.post3', true], ['3.0', '~=2.2.post3', false],
  // packaging 24.1 builds the ~= prefix from the text as written: `v` and capital suffixes matter.
  ['1.5', '~=v1.4', false], ['1.5', '~=1.4.A1', false], ['1.4.1', '~=1.4.A1', true],
  // === compares the normalised candidate with the text, ignoring case
  ['1.0', '===1.0', true], ['1.0.0', '===1.0', false], ['v1.0', '===1.0', true], ['1.0+ABC', '===1.0+abc', true],
  // sets and the implicit pre-release rule
  ['1.5', '>=1.0,<2.0', true], ['2.0', '>=1.0,<2.0', false], ['1.5a1', '>=1.0,<2.0', false], ['1.5a1', '>=1.0a1,<2.0', true],
  ['1.5', '>=1.0,!=1.5', false], ['1.5', '', true], ['1.5a1', '', false], ['1.0.dev1', '==1.0.*', false],
  ['1.0.dev1', '==1.0.dev1', true], ['1.0a1', '>1.0a0', false], ['1.0a1', '!=1.0a0', false],
];

/** [version, specifier set, prereleases option, expected]. */
export const CONTAINS_WITH_PRERELEASES: readonly [string, string, boolean, boolean][] = [
  ['1.0a1', '>=1.0.dev0', false, false], ['1.0a1', '>=0.9', true, true], ['1.0a1', '>=0.9', false, false],
  ['1.0a1', '', true, true], ['2.0b1', '<2.0', true, false], ['2.0b1', '<2.1', true, true], ['1.0a1', '>1.0a0', true, true],
  ['2.0.dev0', '<2.1', true, true], ['3.0.0a7', '<3.0.0a8', true, true], ['1.7rc1', '<1.7', true, false],
];

/** [specifier set, versions, prereleases option (undefined = unset), expected]. */
export const FILTERS: readonly [string, string[], boolean | undefined, string[]][] = [
  ['>=1.0', ['0.9', '1.0', '1.1', '2.0a1'], undefined, ['1.0', '1.1']],
  ['>=1.0', ['0.9', '1.0', '1.1', '2.0a1'], true, ['1.0', '1.1', '2.0a1']],
  ['>=1.0a1', ['0.9', '1.0', '1.1', '2.0a1'], undefined, ['1.0', '1.1', '2.0a1']],
  ['', ['1.0a1', '1.0'], undefined, ['1.0']],
  ['', ['1.0a1', '2.0b1'], undefined, ['1.0a1', '2.0b1']],
  ['', ['1.0a1', '2.0b1'], false, []],
  // packaging 24.1: a non-empty set does not fall back to pre-releases (pip 24.2 reports no match).
  ['>=1.0', ['1.0a1', '2.0b1'], undefined, []],
  ['==1.*,!=1.3', ['1.0', '1.3', '1.3.0', '2.0', '1.9.post1'], undefined, ['1.0', '1.9.post1']],
];

/** Ours only: packaging raises InvalidVersion here; we skip strings that are not versions. */
export const FILTERS_SKIPPING_INVALID: readonly [string, string[], string[]][] = [
  ['>=1.0', ['not a version', '1.5', '1.5'], ['1.5', '1.5']],
  ['', ['1.0a1', 'x', '2.0b1'], ['1.0a1', '2.0b1']],
];

/** Specifier sets that are not PEP 440; `legacy`: pip <= 24.0 accepted them as LegacySpecifier. */
export const INVALID_SPECIFIERS: readonly [string, boolean][] = [
  ['2.0', false], ['=>2.0', false], ['==', true], ['~=1.0+5', false], ['>=1.0+deadbeef', true], ['<1.0+1.0', true],
  ['~=1.0.*', false], ['>=1.0.*', true], ['==1.0.*+5', true], ['!=1.0.*+deadbeef', true], ['==2.0a1.*', true],
  ['==2.0.post1.*', true], ['==1.0+5.*', true], ['==1.0.*.5', true], ['~=1', false], ['==1.0.dev1.*', true],
  ['==0.8.7p1', true], ['>=1.0,==0.8.7p1', true], ['>=1.0,foo', false], ['==1.2+\u00e9', true],
];

/** [input, packaging's str(SpecifierSet)]. */
export const SPECIFIER_SET_STR: readonly [string, string][] = [
  ['', ''], [' , ,', ''], ['< 2', '<2'], ['>= 1.0 , < 2', '<2,>=1.0'], ['!=1.3,>=1.0,<2', '!=1.3,<2,>=1.0'],
  ['>=1.0,>=1.0.0,>=1', '>=1.0'], ['~=1.0,~=1.0.0', '~=1.0,~=1.0.0'], ['==V1.0.POST1', '==V1.0.POST1'],
  ['===1.0,===1.0.0', '===1.0'], ['==1.0.*,==1.0.0.*', '==1.0.*,==1.0.0.*'], ['==1.0+ABC,==1.0+abc', '==1.0+ABC'],
  ['\u3000>=1.0\x1c', '>=1.0'], ['=== foo', '===foo'],
];
