/**
 * wheels in pip's hash-checking mode (pip 23.2 `operations/prepare.py`, `utils/hashes.py`,
 * `exceptions.py` HashMismatch / HashMissing / HashUnpinned): the file pip would install from the
 * mirror (chosen after `filter_unallowed_hashes`, see select.ts) must have a digest the pin lists.
 * The digest comes from the listing when it gives every algorithm the pin uses, else from the file's
 * bytes (the index client downloads it once): a guessed digest would be a false green.
 * The ways out of a mismatch: the `--hash=sha256:` line to add (when the mirror's file is the
 * release's own: same name and digest as on the index; or a mirror-only build, to be vetted first),
 * or the index file whose hash the pin lists, to put on the mirror (when pip would then choose it).
 */
import type { DetailsOf, Finding } from '../../findings/index.js';
import type { InventoryFile, Pin } from '../../inventory/index.js';
import type { ProjectFile } from '../../pypi/index.js';
import type { Target } from '../../targets/index.js';
import { allowedHashes, fileHashAllowed, hashLine, hashPinned, releaseMetadata } from '../shared/index.js';
import type { Lookups } from '../shared/index.js';
import { filesOfReleasesMatching, selectFile } from './select.js';
import type { Candidate, Requirement } from './select.js';

const MISMATCH_HEAD =
  'THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE. If you have updated the package versions, please update the hashes. Otherwise, examine the package contents carefully; someone may have tampered with them.';
const MISSING_HEAD = 'Hashes are required in --require-hashes mode, but they are missing from some requirements.';

type Wheels = { mirrors: readonly string[]; pipCommand: string };
type Own<C extends 'hash-unpinned' | 'hash-missing' | 'hash-mismatch'> = Omit<Extract<DetailsOf<C>, Wheels>, keyof Wheels>;

/** A hash finding without the details every wheels finding carries (the caller adds the mirrors and pip command). */
export type HashFinding = { message: string; suggestion: NonNullable<Finding['suggestion']> } & (
  | { code: 'hash-unpinned'; details: Own<'hash-unpinned'> }
  | { code: 'hash-missing'; details: Own<'hash-missing'> }
  | { code: 'hash-mismatch'; details: Own<'hash-mismatch'> }
);

/** What hash-checking mode asks of this pin, or null when the file is not in it (or the pin is a URL). */
export function hashingOf(file: InventoryFile, pin: Pin): { allowed: string[]; refusal: HashFinding | null } | null {
  if (!file.hashMode || pin.direct) return null;
  const requirement = `${pin.name}${pin.specifier}`;
  if (!hashPinned(pin)) {
    return {
      allowed: [],
      refusal: {
        code: 'hash-unpinned',
        message: `In --require-hashes mode, all requirements must have their versions pinned with ==. These do not:\n    ${requirement}`,
        details: { specifier: pin.specifier },
        suggestion: { text: `pin ${pin.name} with == and add its --hash lines`, changes: [] },
      },
    };
  }
  return { allowed: allowedHashes(pin), refusal: null };
}

/** The digests pip would compute for `file` (each algorithm `allowed` uses): from the listing, else downloaded. */
function digestsOf(file: ProjectFile, allowed: readonly string[], lookups: Lookups): Record<string, string> | 'pending' | { error: string } {
  const algos = new Set(allowed.map((a) => a.slice(0, a.indexOf(':'))));
  if (algos.size === 0) algos.add('sha256');
  if ([...algos].every((a) => typeof file.hashes[a] === 'string')) return file.hashes;
  const state = lookups.fileDigest(file.url);
  if (!state) return 'pending';
  return state.status === 'ok' ? state.hashes : { error: state.reason };
}

/** pip's HashMismatch body: Expected lines per algorithm (sorted, as pip's Hashes keeps them), then Got. */
function comparison(allowed: readonly string[], got: Record<string, string>): string {
  const byAlgo = new Map<string, string[]>();
  for (const a of allowed) {
    const at = a.indexOf(':');
    const list = byAlgo.get(a.slice(0, at)) ?? [];
    list.push(a.slice(at + 1));
    byAlgo.set(a.slice(0, at), list);
  }
  const lines: string[] = [];
  for (const [algo, digests] of byAlgo) {
    [...digests].sort().forEach((d, i) => lines.push(`        Expected ${i === 0 ? algo : '    or'} ${d}`));
    lines.push(`             Got        ${got[algo] ?? '?'}`);
  }
  return lines.join('\n');
}

export interface MirrorContext {
  file: InventoryFile;
  pin: Pin;
  target: Target;
  onMirror: readonly ProjectFile[];
  request: Requirement;
  lookups: Lookups;
}

/**
 * The chosen mirror file against the pin's hashes: null when it matches, 'pending' while a digest
 * is being fetched, `{error}` when it cannot be read, else the hash-missing / hash-mismatch finding.
 */
export function checkMirrorFile(ctx: MirrorContext, chosen: Candidate, allowed: readonly string[]): HashFinding | null | 'pending' | { error: string } {
  const { pin } = ctx;
  const requirement = `${pin.name}${pin.specifier}`;
  const got = digestsOf(chosen.file, allowed, ctx.lookups);
  if (got === 'pending' || 'error' in got) return got as 'pending' | { error: string };
  const sha256 = got['sha256'] ?? null;
  if (allowed.length === 0) {
    return {
      code: 'hash-missing',
      message: `${MISSING_HEAD}\n    ${sha256 ? hashLine(requirement, sha256) : `${requirement} (no sha256 known)`}`,
      details: { filename: chosen.file.filename, url: chosen.file.url, got },
      suggestion: { text: sha256 ? `add --hash=sha256:${sha256} to line ${pin.line} (the digest of ${chosen.file.filename} on the mirror), with the hashes of the release's other files` : `add --hash lines for ${requirement}`, changes: [] },
    };
  }
  if (allowed.some((a) => got[a.slice(0, a.indexOf(':'))] === a.slice(a.indexOf(':') + 1))) return null;
  const ways = waysOut(ctx, chosen, sha256, allowed);
  return {
    code: 'hash-mismatch',
    message: `${MISMATCH_HEAD}\n    ${requirement} from ${chosen.file.url}:\n${comparison(allowed, got)}`,
    details: { filename: chosen.file.filename, url: chosen.file.url, got, expected: [...allowed], ...ways.details },
    suggestion: { text: ways.text, changes: [] },
  };
}

type WaysOut = Pick<Own<'hash-mismatch'>, 'genuine' | 'hashLine' | 'indexFile'>;

function waysOut(ctx: MirrorContext, chosen: Candidate, sha256: string | null, allowed: readonly string[]): { text: string; details: WaysOut } {
  const { pin, target } = ctx;
  const state = ctx.lookups.project(pin.package);
  const indexFiles = state?.status === 'ok' ? filesOfReleasesMatching(state.page.files, pin.package, pin.specifier) : [];
  const same = indexFiles.find((f) => f.filename === chosen.file.filename) ?? null;
  const genuine = same !== null && sha256 !== null && same.hashes['sha256'] === sha256;
  const ways: string[] = [];
  const details: WaysOut = { genuine };
  const line = sha256 ? `--hash=sha256:${sha256}` : null;
  if (line && genuine) {
    ways.push(`add ${line} to line ${pin.line}: the mirror's ${chosen.file.filename} is the release's own file (same name and sha256 as on the index), whose hash the requirements file lacks`);
    details.hashLine = line;
  } else if (line && same === null) {
    ways.push(`add ${line} to line ${pin.line} once ${chosen.file.filename} is vetted: the index has no such file (a mirror-only build, which pip-compile and hashin never hash)`);
    details.hashLine = line;
  } else if (same !== null) {
    ways.push(`the mirror's ${chosen.file.filename} differs from the index's (sha256 ${same.hashes['sha256'] ?? '?'}): replace it with ${same.url} (remove the mirror's copy first)`);
  }
  // Would pip choose a listed file if the index's files whose hash the pin lists were on the mirror?
  // Once there they are listed as the mirror lists files: a flat folder gives no hashes, so no pre-filter helps.
  const mirrorHashes = ctx.onMirror.some((m) => Object.keys(m.hashes).length > 0);
  const listed = indexFiles.filter((f) => fileHashAllowed(f, allowed) && !ctx.onMirror.some((m) => m.filename === f.filename));
  const asListed = listed.map((f) => (mirrorHashes ? f : { ...f, hashes: {} }));
  // pip's pick among them, unless it needed metadata the index lost (analyze.ts then adds the index-error).
  let lost = false;
  const request = { ...ctx.request, metadataRequiresPython: (v: string) => {
    if (releaseMetadata(ctx.lookups, pin.package, v).state === 'lost') lost = true;
    return ctx.request.metadataRequiresPython?.(v);
  } };
  const choice = asListed.length > 0 ? selectFile([...ctx.onMirror, ...asListed], pin.package, request, target).chosen : null;
  const picked = lost ? null : choice;
  const after = picked ? (listed[asListed.indexOf(picked.file)] ? { ...picked, file: listed[asListed.indexOf(picked.file)] as ProjectFile } : null) : null;
  if (after) {
    ways.push(`put ${after.file.filename} (from the index, its hash is listed) on the mirror: pip then installs it on ${target.id}; download-plan.sh does it`);
    details.indexFile = { filename: after.file.filename, url: after.file.url, sha256: after.file.hashes['sha256'] ?? null, kind: after.kind, size: after.file.size, yanked: after.file.yanked };
  }
  if (ways.length === 0) ways.push(`no file of ${pin.name}${pin.specifier} on the mirror or the index has a listed hash for ${target.id}: regenerate the hashes (pip-compile --generate-hashes) from the files machines install`);
  return { text: ways.join('; or '), details };
}
