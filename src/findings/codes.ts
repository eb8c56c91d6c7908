/**
 * The finding codes: one table that gives each code the checks that raise it (with what it means
 * there), the severities it can take, and the zod schema of its `details`. The `Finding` type, the
 * report.json parser, every `Check.codes`, `--help` and the README's codes table derive from it, so
 * adding a code is one row here (producers then type-check against its details).
 * Details objects are strict: a producer that adds a key the schema does not name fails the
 * report round-trip test instead of shipping an undocumented field.
 */
import { z } from 'zod';

export const CHECK_IDS = ['inventory', 'compat', 'wheels', 'stale-ignores'] as const;
export type CheckId = (typeof CHECK_IDS)[number];
export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

// Shapes shared by several codes.
const requiredBy = z.object({ package: z.string(), version: z.string(), specifier: z.string(), marker: z.string().nullable() }).strict();
const fileSummary = z
  .object({ filename: z.string(), url: z.string(), sha256: z.string().nullable(), kind: z.enum(['wheel', 'sdist']), size: z.number().nullable(), yanked: z.string().nullable() })
  .strict();
const rejection = z.object({ filename: z.string(), reason: z.string(), detail: z.string() }).strict();
/** Every wheels finding carries the mirrors of its target and the pip command that reproduces it. */
const wheelsCommon = { mirrors: z.array(z.string()).readonly(), pipCommand: z.string() };
const bots = z.object({ pyup: z.string(), renovate: z.string(), dependabot: z.string() }).strict();
const edge = z
  .object({ package: z.string(), version: z.string().nullable(), specifier: z.string(), marker: z.string().nullable(), target: z.string(), line: z.number() })
  .strict();
/** Where an included pin's line is (`-r` file and line). */
const sourceRef = z.object({ file: z.string(), line: z.number() }).strict();
const sourcePos = z.object({ file: z.string(), line: z.number() }).strict();
const pinRef = z.object({ file: z.string(), line: z.number(), package: z.string(), version: z.string().nullable() }).strict();
const CONFIG_FORMS = ['ignoreDeps', 'packageRules', 'dependabot-ignore'] as const;
/** What every stale-ignores finding on a governed pin says about its directive (a bot config rule: also where it is and the pin). */
const directive = {
  directive: z.string(),
  kind: z.enum(['filter', 'ignore']),
  filter: z.string().optional(),
  applied: z.string().optional(),
  until: z.string().optional(),
  bots,
  bot: z.enum(['renovate', 'dependabot']).optional(),
  form: z.enum(CONFIG_FORMS).optional(),
  source: sourcePos.optional(),
  pin: pinRef.optional(),
};
/** stale-ignore and stale-filter: the directive, the release it keeps out, and the dependents that accept it. */
const movableDirective = z.object({ ...directive, release: z.string(), requiredBy: z.array(edge) }).strict();
/** What an `index-error` lost: where, what (a page, a release's metadata, a file), the URL and host that failed, and the index client's reason. */
const indexLoss = {
  where: z.enum(['index', 'mirror']),
  lost: z.enum(['page', 'metadata', 'file']),
  url: z.string().nullable(),
  host: z.string().nullable(),
  reason: z.string(),
  /** A candidate release the check looked at (a newer release, a dependent's proposal), when its metadata, not the pin's own, was lost. */
  candidate: z.object({ package: z.string(), version: z.string() }).strict().optional(),
};
const coverage = z.object({ updates: z.boolean(), why: z.string(), fix: z.string().nullable() }).strict();
const JUSTIFIED_REASONS = [
  'not-exact', 'not-on-index', 'unknown-version', 'no-newer-release', 'held-by-dependents', 'own-requirements',
  'yanked', 'prerelease', 'requires-python', 'no-usable-release',
] as const;

interface CodeSpec {
  /** The checks that raise the code, each with what it means there (one README row per check). */
  checks: Partial<Record<CheckId, string>>;
  /** Every severity a finding of this code can have; more than one when it depends on the case. */
  severities: readonly [Severity, ...Severity[]];
  details: z.ZodTypeAny;
}

export const CODES = {
  'invalid-line': {
    checks: { inventory: 'a line that pip would reject, with the reason (every check reports the inventory\'s)' },
    severities: ['error'],
    // An unreadable file (not UTF-8, a broken -r) has no line text to quote.
    details: z.union([z.object({ text: z.string(), diagnostic: z.string(), column: z.number().optional() }).strict(), z.object({}).strict()]),
  },
  conflict: {
    checks: { compat: 'a pinned package requires a version of another pinned package that the file does not pin; also a package given twice on one target (an error when the two differ, a warning when identical)' },
    severities: ['error', 'warning'],
    details: z.union([z.object({ requiredBy, viaExtra: z.boolean() }).strict(), z.object({ duplicateOf: z.string(), times: z.number().optional() }).strict()]),
  },
  'missing-dependency': {
    checks: { compat: 'a pinned package requires (for this target) a package the file does not pin' },
    severities: ['error'],
    details: z.object({ requiredBy, viaExtra: z.boolean() }).strict(),
  },
  'seeded-dependency': {
    checks: { compat: 'a pinned package requires, without a version, a package the file does not pin but every virtual environment starts with (pip; setuptools below python 3.12): pip check finds it, at the venv\'s version' },
    severities: ['warning'],
    details: z.object({ requiredBy, viaExtra: z.boolean() }).strict(),
  },
  'unknown-version': {
    checks: { compat: 'the pinned version does not exist on the index (a release of eggs only, which pip never installs, or a range only eggs meet, is named with its eggs: `details.eggs`; a project a local index holds where pip does not look, files without `<name>/index.html`, says so and the way out: `details.hint`)' },
    severities: ['error'],
    details: z.object({ index: z.enum(['project not found', 'release not listed']).optional(), eggs: z.array(z.string()).optional(), hint: z.string().optional() }).strict(),
  },
  'requires-python': {
    checks: { compat: 'the pinned release does not support the target python' },
    severities: ['error'],
    details: z.object({ requiresPython: z.string(), source: z.enum(['index', 'metadata']) }).strict(),
  },
  'metadata-unavailable': {
    checks: { compat: 'the dependencies of a pinned release could not be determined from what the index delivered (a wheel without METADATA, a corrupt zip, an sdist whose metadata is not static); a release the index failed to deliver is an `index-error`' },
    severities: ['error'],
    details: z.object({ reason: z.string() }).strict(),
  },
  yanked: {
    checks: { compat: 'the pinned release is yanked' },
    severities: ['warning'],
    details: z.object({ reason: z.string().nullable() }).strict(),
  },
  'not-pinned': {
    checks: { compat: 'a requirement is not pinned with `==`' },
    severities: ['warning'],
    details: z.union([z.object({ kind: z.string() }).strict(), z.object({ specifier: z.string() }).strict()]),
  },
  'nodownload-skipped': {
    checks: {
      compat: 'a `# puppet: nodownload` pin the mirror does not hold (or whose metadata there cannot be read), with why: its own dependencies are not checked (its version still counts for dependents). When the mirror holds it, compat reads its METADATA from the mirror\'s file and checks it like any pin',
      wheels: 'a `# puppet: nodownload` pin whose file the mirror has (it is never looked up on the index)',
    },
    severities: ['info'],
    details: z.union([z.object({ reason: z.string() }).strict(), z.object({ file: fileSummary, ...wheelsCommon }).strict()]),
  },
  'index-error': {
    checks: {
      compat: 'the index failed to deliver a pinned release\'s project page or metadata after retries (timeout, the host\'s breaker, 5xx, reset): the message names the host and URL in pip\'s words, the cell\'s status is `error` (exit 3); or the metadata of a candidate a fix needed (a release to pin or add, a newer dependent: `details.candidate`), beside the finding whose fix was therefore not judged; or the check still lacked data after its last round of fetching',
      wheels: 'the mirror listing, the index page (when needed), a release\'s metadata pip\'s choice needed (`details.candidate` when a range pin\'s walk reached it) or a file read for its digest could not be fetched: named as compat names it; the cell is `error`, never a `missing-on-mirror`',
      'stale-ignores': 'the index failed to deliver a pin\'s project page or metadata (named as compat names it), or the metadata of a candidate a verdict needed (a newer release, a dependent\'s proposal, a release of the joint update: `details.candidate`, at the directive\'s line), or the check still lacked data after its last round of fetching (the cell\'s status is `error`, exit 3)',
    },
    severities: ['error'],
    details: z.union([
      z.object({ ...indexLoss }).strict(),
      z.object({ ...indexLoss, ...wheelsCommon }).strict(),
      z.object({ rounds: z.number(), projects: z.array(z.string()), mirrorProjects: z.array(z.string()), releases: z.array(z.string()) }).strict(),
    ]),
  },
  'missing-on-mirror': {
    checks: { wheels: 'the mirror has no file this target can install; the suggestion names the file(s) to fetch, with URL and sha256' },
    severities: ['error'],
    // hashLine: hash-checking mode, no file whose hash the pin lists fits: the line the file must gain.
    details: z.object({ file: fileSummary, mirror: z.string(), mirrorFolder: z.string(), onMirror: z.array(rejection), hashLine: z.string().optional(), ...wheelsCommon }).strict(),
  },
  'sdist-only': {
    checks: { wheels: 'only a source distribution fits this target: it will compile on the machine' },
    severities: ['warning'],
    details: z.object({ file: fileSummary, indexWheel: fileSummary.optional(), ...wheelsCommon }).strict(),
  },
  'no-distribution': {
    checks: { wheels: 'neither the mirror nor the index has any file this target can install' },
    severities: ['error'],
    details: z.object({ onMirror: z.array(rejection), onIndex: z.array(rejection), ...wheelsCommon }).strict(),
  },
  'nodownload-missing': {
    checks: { wheels: 'a `# puppet: nodownload` pin has no file on the mirror, and puppet never downloads it' },
    severities: ['warning'],
    details: z.object({ ...wheelsCommon }).strict(),
  },
  'mirror-out-of-sync': {
    checks: { wheels: 'a file of a pinned release is on some of a python\'s mirrors and not on others (the puppet masters rsync each other; one lags)' },
    severities: ['info'],
    details: z.object({ filename: z.string(), present: z.array(z.string()), absent: z.array(z.string()), ...wheelsCommon }).strict(),
  },
  'stale-ignore': {
    checks: { 'stale-ignores': 'an ignored pin could move to a newer release that every pinned dependent accepts' },
    severities: ['warning'],
    details: movableDirective,
  },
  'blocking-ignore': {
    checks: { 'stale-ignores': 'the ignore holds back another pin: a newer release of a dependent needs a newer release of the ignored package' },
    severities: ['warning'],
    details: z
      .object({
        ...directive,
        blockedDependent: z.object({ package: z.string(), version: z.string().nullable(), line: z.number(), proposal: z.string(), specifier: z.string() }).strict(),
        joint: z.record(z.string(), z.string()).nullable(),
      })
      .strict(),
  },
  'stale-filter': {
    checks: { 'stale-ignores': 'a `# pyup: <spec>` filter excludes releases that every pinned dependent accepts' },
    severities: ['warning'],
    details: movableDirective,
  },
  'justified-ignore': {
    checks: { 'stale-ignores': 'the ignore is still needed, and why (which pin requires it)' },
    severities: ['info'],
    details: z
      .object({
        ...directive,
        reason: z.enum(JUSTIFIED_REASONS),
        release: z.string().optional(),
        requiredBy: z.array(edge).optional(),
        targets: z.array(z.string()).optional(),
        unmet: z.array(z.string()).optional(),
        yanked: z.array(z.string()).optional(),
      })
      .strict(),
  },
  'directive-no-effect': {
    checks: { 'stale-ignores': 'a `# pyup` comment that pyup does not read as the author meant (e.g. a filter without the colon); a bot config rule that cannot work, matches no pin, or misses one only by spelling; a bot config that does not parse' },
    severities: ['info'],
    details: z.union([
      z.object({ directive: z.string(), bots, applied: z.string().optional(), policy: z.string().optional() }).strict(),
      z.object({
        directive: z.string(),
        bot: z.enum(['pyup', 'renovate', 'dependabot']),
        reason: z.enum(['config-error', 'config-warning', 'cannot-work', 'spelling', 'matches-nothing']),
        form: z.enum(CONFIG_FORMS).optional(),
        source: sourcePos.optional(),
        pin: pinRef.optional(),
        misses: z.array(z.string()).optional(),
      }).strict(),
    ]),
  },
  'pin-drift': {
    checks: { 'stale-ignores': 'the same package is pinned at different versions in different modules, and the higher pin would fit the lower module' },
    severities: ['info'],
    details: z.object({ pinnedElsewhere: z.array(z.string()), higher: z.string(), modules: z.array(z.string()) }).strict(),
  },
  'not-updated': {
    checks: { 'stale-ignores': 'no configured update bot (pyup, Renovate, Dependabot) updates this requirements file, and why for each' },
    severities: ['warning'],
    details: z.object({
      bots: z.object({ pyup: coverage.optional(), renovate: coverage.optional(), dependabot: coverage.optional() }).strict(),
      unresolvedPresets: z.array(z.string()).optional(),
    }).strict(),
  },
  'hash-unpinned': {
    checks: {
      compat: 'hash-checking mode (any `--hash` in the file or its includes, or `--require-hashes`): a requirement not pinned with one `==`/`===` specifier (pip\'s HashUnpinned; checked before hashes)',
      wheels: 'the same, on each target whose cell it fails (pip stops before downloading)',
    },
    severities: ['error'],
    details: z.union([
      z.object({ hashMode: z.string(), source: sourceRef.optional(), specifier: z.string() }).strict(),
      z.object({ specifier: z.string(), ...wheelsCommon }).strict(),
    ]),
  },
  'hash-missing': {
    checks: {
      compat: 'hash-checking mode: a pin with no `--hash` (naming a comment before its `\\` that swallowed them), or a dependency the file does not list (pip\'s HashMissing)',
      wheels: 'hash-checking mode: a pin with no `--hash`, with pip\'s line for the file it would install (its digest)',
    },
    severities: ['error'],
    details: z.union([
      z.object({ hashMode: z.string(), source: sourceRef.optional(), commentHashes: z.array(z.string()), hashLines: z.array(z.string()) }).strict(),
      z.object({ requiredBy: z.string() }).strict(),
      z.object({ filename: z.string(), url: z.string(), got: z.record(z.string(), z.string()), ...wheelsCommon }).strict(),
    ]),
  },
  'hash-mismatch': {
    checks: {
      wheels: 'hash-checking mode: the file pip would pick for this target (after its hash pre-filter) has a digest the pin does not list (pip\'s HashMismatch); the fix names the `--hash` line to add or the listed index file to put on the mirror',
      compat: 'in the landing brief: a bump whose `--hash` lines did not change, or whose new hashes match no file of the new release',
    },
    severities: ['error'],
    details: z.union([
      z
        .object({
          filename: z.string(), url: z.string(), got: z.record(z.string(), z.string()), expected: z.array(z.string()), genuine: z.boolean(),
          hashLine: z.string().optional(), indexFile: fileSummary.optional(), mirror: z.string().optional(), mirrorFolder: z.string().optional(), ...wheelsCommon,
        })
        .strict(),
      z
        .object({
          hashes: z.array(z.string()), reason: z.enum(['hashes-unchanged', 'hashes-match-no-file']),
          files: z.array(z.object({ filename: z.string(), sha256: z.string().nullable() }).strict()).optional(),
        })
        .strict(),
    ]),
  },
} as const satisfies Record<string, CodeSpec>;

type Codes = typeof CODES;
export type FindingCode = keyof Codes;
export const FINDING_CODES = Object.keys(CODES) as FindingCode[];
/** The `details` of a finding of code C. */
export type DetailsOf<C extends FindingCode> = z.infer<Codes[C]['details']>;
/** The severities a finding of code C can have. */
export type SeverityOf<C extends FindingCode> = Codes[C]['severities'][number];
/** The checks that raise code C. */
export type CheckOf<C extends FindingCode> = keyof Codes[C]['checks'] & CheckId;

/** The codes check K raises. */
export type CodeOf<K extends CheckId> = { [C in FindingCode]: K extends CheckOf<C> ? C : never }[FindingCode];

/** The codes a check raises, in table order (its `Check.codes`). */
export function codesOf(check: CheckId): FindingCode[] {
  return FINDING_CODES.filter((code) => check in CODES[code].checks);
}

/** What `code` means when `check` raises it. */
export function meaningOf(code: FindingCode, check: CheckId): string {
  const checks: Partial<Record<CheckId, string>> = CODES[code].checks;
  return checks[check] ?? '';
}

/** The README's codes table: one row per (check, code), in table order. */
export function codesTable(): string {
  const rows = FINDING_CODES.flatMap((code) =>
    CHECK_IDS.filter((check) => check in CODES[code].checks).map(
      (check) => `| ${check} | \`${code}\` | ${CODES[code].severities.join(' or ')} | ${meaningOf(code, check)} |`,
    ),
  );
  return ['| check | code | severity | meaning |', '|---|---|---|---|', ...rows].join('\n');
}
