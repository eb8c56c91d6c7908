/**
 * Hash-checking mode as `pip install -r <file>` enters it (pip 23.2 `operations/prepare.py`,
 * `exceptions.py` HashUnpinned / HashMissing): when the file (or one it includes) has any `--hash` or
 * `--require-hashes`, every requirement pip installs on a target must be pinned with `==`/`===`
 * (checked first: an unpinned line is `hash-unpinned` only) and carry a hash. A requirement whose
 * marker is false on a target is not installed there and needs nothing; constraints are not installed.
 * pip stops at the first such error before installing anything; we report them all.
 */
import type { Finding, FindingOf } from '../../findings/index.js';
import type { InventoryFile, Pin } from '../../inventory/index.js';
import { pinsForTarget } from '../../inventory/index.js';
import type { Target } from '../../targets/index.js';
import { allowedHashes, findRelease, hashLine, hashPinned, releasesOfState } from '../shared/index.js';
import type { Lookups } from '../shared/index.js';

const MISSING_HEAD = 'Hashes are required in --require-hashes mode, but they are missing from some requirements.';
const UNPINNED_HEAD = 'In --require-hashes mode, all requirements must have their versions pinned with ==. These do not:';

/** The hash-unpinned / hash-missing findings of a file in hash-checking mode (none otherwise). */
export function hashModeFindings(file: InventoryFile, lookups: Lookups): Finding[] {
  const mode = file.hashMode;
  if (!mode) return [];
  const why = mode.reason === 'hash' ? `--hash on line ${mode.line} of ${mode.source}` : `--require-hashes on line ${mode.line} of ${mode.source}`;
  const out: Finding[] = [];
  for (const pin of file.pins) {
    if (pin.entry.constraint) continue;
    const targets = file.targets.filter((t) => pinsForTarget(file, t).includes(pin));
    if (targets.length === 0) continue;
    const scopes: Array<string | null> = targets.length === file.targets.length ? [null] : targets.map((t) => t.id);
    const finding = pinFinding(file, pin, why, lookups);
    if (finding) for (const target of scopes) out.push({ ...finding, target });
  }
  return out;
}

function pinFinding(file: InventoryFile, pin: Pin, why: string, lookups: Lookups): FindingOf<'hash-unpinned'> | FindingOf<'hash-missing'> | null {
  const requirement = pin.direct ? pin.entry.text : `${pin.name}${pin.specifier}`;
  const base = {
    check: 'compat' as const, module: file.module, file: file.path, line: pin.line, target: null, package: pin.package, version: pin.version,
  };
  const details = { hashMode: why, ...(pin.source ? { source: pin.source } : {}) };
  if (!pin.direct && !hashPinned(pin)) {
    return {
      ...base, code: 'hash-unpinned', severity: 'error',
      message: `${UNPINNED_HEAD}\n    ${requirement} (hash-checking mode is on for this file: ${why})`,
      details: { ...details, specifier: pin.specifier },
      suggestion: { text: `pin ${pin.name} with == and add its --hash lines (pip-compile --generate-hashes does both)`, changes: [] },
    };
  }
  if (allowedHashes(pin).length > 0) return null;
  const swallowed = pin.entry.commentHashes;
  const cause = swallowed.length > 0
    ? `: the comment on line ${pin.line} (${(pin.directives.comment ?? '#').split(/\s+--hash/)[0]?.trim()}) comes before the line's \\, so pip reads the ${swallowed.length} --hash line(s) after it as part of that comment`
    : '';
  const lines = hashLinesFromIndex(pin, lookups);
  const fix = swallowed.length > 0
    ? `move the comment of line ${pin.line} after its last --hash line (or onto a line of its own), so the ${swallowed.length} --hash line(s) count again`
    : lines.length > 0
      ? `add the hashes of ${pin.name} ${pin.version ?? ''} to line ${pin.line}: ${lines.map((l) => l.slice(requirement.length + 1)).join(' ')}`
      : `add --hash=sha256:… lines for ${requirement} (pip-compile --generate-hashes, or hashin ${requirement})`;
  return {
    ...base, code: 'hash-missing', severity: 'error',
    message: `${MISSING_HEAD} ${requirement} has no --hash${cause} (hash-checking mode is on for this file: ${why})`,
    details: { ...details, commentHashes: swallowed, hashLines: lines },
    suggestion: { text: fix, changes: [] },
  };
}

/** `pkg==1.0 --hash=sha256:…` for every file of the pinned release the index lists with a sha256. */
function hashLinesFromIndex(pin: Pin, lookups: Lookups): string[] {
  if (pin.direct || pin.version === null || pin.nodownload) return [];
  const state = lookups.snapshot.index.get(pin.package);
  const release = state?.status === 'ok' ? findRelease(releasesOfState(state), pin.version) : null;
  const requirement = `${pin.name}${pin.specifier}`;
  return (release?.files ?? []).flatMap((f) => (f.hashes['sha256'] ? [hashLine(requirement, f.hashes['sha256'])] : []));
}

/** A dependency pip would install that the file does not list: in hash-checking mode it has no hash. */
export function dependencyHashMissing(file: InventoryFile, target: Target, line: number, dependent: string, dependency: string, requirementText: string): Finding | null {
  const mode = file.hashMode;
  if (!mode) return null;
  return {
    check: 'compat', code: 'hash-missing', severity: 'error', module: file.module, file: file.path, line, target: target.id,
    package: dependency, version: null,
    message: `${MISSING_HEAD} ${requirementText} (required by ${dependent}) is not in the file, so pip install -r, which follows dependencies, has no hash for it`,
    details: { requiredBy: dependent },
    suggestion: { text: `add ${requirementText} pinned with == and its --hash lines (pip-compile --generate-hashes lists every dependency)`, changes: [] },
  };
}
