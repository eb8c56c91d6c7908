/**
 * wheels for one requirements file: on every target, what `pip install --no-deps --no-index
 * --find-links <its mirrors> NAME==VERSION` would install, and when nothing, what to put on the mirror.
 *
 * Per pin × target: the best file on the target's mirrors (see select.ts) → fine (a wheel) or
 * `sdist-only` (warning); none → the index's best file for the target → `missing-on-mirror` (error,
 * naming the file, URL, sha256 and mirror folder); none there either → `no-distribution` (error).
 * `# puppet: nodownload` pins never come from the index: present on the mirror → info, else
 * `nodownload-missing`. Direct references (URLs, paths) are not looked up.
 * The index is only asked for pins the mirror does not serve with a wheel. A chosen file whose
 * listing gives no Requires-Python asks for its release's metadata (deduplicated across the run,
 * and held already when compat or the brief ran): pip reads it from the file and may refuse it.
 * Metadata the index lost on the way to pip's choice is an `index-error` (the cell `error`), never a
 * verdict; lost only for a suggestion (the index wheel that would spare an sdist build, an index file
 * whose hash the pin lists), the verdict stays, the suggestion names no file it could not judge, and
 * the `index-error` comes with it.
 */
import type { CodeOf, Finding, FindingPart, ResultRow } from '../../findings/index.js';
import { cellStatus } from '../../findings/index.js';
import type { InventoryFile, Pin } from '../../inventory/index.js';
import { pinsForTarget } from '../../inventory/index.js';
import type { ProjectState } from '../../pypi/index.js';
import type { Target } from '../../targets/index.js';
import type { CheckSettings } from '../contract.js';
import { fileHashAllowed, indexLoss, indexLossMessage, indexLossSuggestion, releaseMetadata } from '../shared/index.js';
import type { IndexLoss, Lookups } from '../shared/index.js';
import {
  describeTarget,
  fileSummary,
  missingOnMirrorMessage,
  missingOnMirrorSuggestion,
  noDistributionMessage,
  noDistributionSuggestion,
  sdistOnlyMessage,
} from './messages.js';
import { filesOnMirrors, localFolder, mirrorsForTarget, pipCommand } from './mirrors.js';
import { outOfSyncFindings } from './sync.js';
import { selectFile } from './select.js';
import { checkMirrorFile, hashingOf } from './hashes.js';
import type { HashFinding } from './hashes.js';

interface Cell {
  target: Target;
  mirrors: string[];
  findings: Finding[];
  couldNotCheck: boolean;
}

export function analyzeWheels(file: InventoryFile, lookups: Lookups, settings: CheckSettings): { results: ResultRow[]; findings: Finding[] } {
  const cells: Cell[] = [];
  const findings: Finding[] = [];
  const syncSeen = new Set<string>();
  for (const target of file.targets) {
    const mirrors = mirrorsForTarget(settings, target);
    const cell: Cell = { target, mirrors, findings: [], couldNotCheck: mirrors.length === 0 };
    cells.push(cell);
    if (mirrors.length === 0) continue;
    const seen = new Set<string>();
    for (const pin of pinsForTarget(file, target)) {
      if (pin.direct || seen.has(pin.package)) continue; // duplicates are compat's `conflict`
      seen.add(pin.package);
      checkPin(file, pin, cell, lookups);
      const mirrorState = lookups.snapshot.mirror.get(pin.package);
      if (mirrorState?.status === 'ok') {
        findings.push(...outOfSyncFindings(file, pin, target, mirrors, mirrorState.page.files, syncSeen));
      }
    }
    findings.push(...cell.findings);
  }
  const results: ResultRow[] = cells.map((c) => ({
    check: 'wheels',
    module: file.module,
    file: file.path,
    target: c.target.id,
    status: cellStatus(c.findings, c.couldNotCheck),
  }));
  return { results, findings };
}

/** A hash finding's part with the wheels details every finding carries; a hash-mismatch whose way out is an index file also says where it goes (as missing-on-mirror does, for the download plan). */
function withCommon(h: HashFinding, common: { mirrors: readonly string[]; pipCommand: string }, mirrors: readonly string[]): FindingPart<'hash-unpinned' | 'hash-missing' | 'hash-mismatch'> {
  if (h.code === 'hash-mismatch' && h.details.indexFile) {
    const destination = mirrors[0] ?? '';
    return { code: h.code, severity: 'error', details: { ...h.details, mirror: destination, mirrorFolder: localFolder(destination) ?? destination, ...common } };
  }
  return { code: h.code, severity: 'error', details: { ...h.details, ...common } } as FindingPart<'hash-unpinned' | 'hash-missing' | 'hash-mismatch'>;
}

function checkPin(file: InventoryFile, pin: Pin, cell: Cell, lookups: Lookups): void {
  const { target, mirrors } = cell;
  const command = pipCommand(mirrors, pin);
  const requirement = `${pin.name}${pin.specifier}`;
  // Every wheels finding's details carry the target's mirrors and the pip command that reproduces it.
  const common = { mirrors, pipCommand: command };
  const finding = (part: FindingPart<CodeOf<'wheels'>>, message: string, suggestion: Finding['suggestion'] = null): Finding => ({
    check: 'wheels', ...part, module: file.module, file: file.path, line: pin.line, target: target.id,
    package: pin.package, version: pin.version, message, suggestion,
  });
  // What the mirror or index failed to deliver: the cell is an error (never a missing-on-mirror), named as compat names it.
  const lostToIndex = (loss: IndexLoss, filename?: string): void => {
    cell.couldNotCheck = true;
    const consequence = loss.lost === 'file' ? 'its hash was not checked (hash-checking mode needs the digest of the file pip installs)' : `${requirement} was not checked for ${target.id}`;
    const subject = { name: pin.name, version: loss.candidate?.version ?? pin.version, ...(filename === undefined ? {} : { filename }) };
    cell.findings.push(finding({ code: 'index-error', severity: 'error', details: { ...loss, ...common } }, indexLossMessage(loss, subject, consequence), {
      text: indexLossSuggestion(loss),
      changes: [],
    }));
  };
  const unreadable = (where: 'mirror' | 'index', state: ProjectState & { status: 'error' }): void => lostToIndex(indexLoss(where, 'page', state.reason));

  const mirrorState = lookups.mirrorProject(pin.package);
  if (!mirrorState) return;
  if (mirrorState.status === 'error') return unreadable('mirror', mirrorState);
  const onMirror = filesOnMirrors(mirrorState.status === 'ok' ? mirrorState.page.files : [], mirrors);
  // A listing without data-requires-python (an autoindex mirror): pip reads Requires-Python from the
  // file's METADATA after download and refuses the file; the release's metadata says the same here.
  // Metadata the index failed to deliver leaves pip's verdict on that file unknown: an index-error, not a pass.
  let lostMetadata: IndexLoss | null = null;
  const metadataRequiresPython = (version: string): string | null | undefined => {
    const read = releaseMetadata(lookups, pin.package, version);
    // A range pin walks several releases: name the one lost (an exact pin walks its own release only).
    const candidate = pin.version === null ? { candidate: { package: pin.package, version } } : {};
    if (read.state === 'lost') lostMetadata ??= { ...indexLoss('index', 'metadata', read.lost.reason), ...candidate };
    if (read.state === 'ok') return read.metadata.requiresPython;
    return read.state === 'unavailable' ? read.requiresPython : undefined;
  };
  // Hash-checking mode: an unpinned requirement stops pip; a pinned one filters and checks digests.
  const hashing = hashingOf(file, pin);
  if (hashing?.refusal) cell.findings.push(finding(withCommon(hashing.refusal, common, mirrors), hashing.refusal.message, hashing.refusal.suggestion));
  const checkHashes = hashing !== null && hashing.refusal === null;
  const request = { specifier: pin.specifier, allowSdist: true, metadataRequiresPython, ...(checkHashes ? { allowedHashes: hashing.allowed } : {}) };
  const fromMirror = selectFile(onMirror, pin.package, request, target);
  if (lostMetadata) return lostToIndex(lostMetadata);
  if (checkHashes && fromMirror.chosen) {
    const verdict = checkMirrorFile({ file, pin, target, onMirror, request, lookups }, fromMirror.chosen, hashing.allowed);
    if (verdict === 'pending') return;
    if (verdict !== null && 'error' in verdict) {
      lostToIndex(indexLoss('mirror', 'file', verdict.error, fromMirror.chosen.file.url), fromMirror.chosen.file.filename);
      return;
    }
    if (verdict !== null) cell.findings.push(finding(withCommon(verdict, common, mirrors), verdict.message, verdict.suggestion));
    // The way out (an index file pip would pick) needed metadata the index lost: hashes.ts named none.
    if (lostMetadata) return lostToIndex(lostMetadata);
  }

  if (pin.nodownload) {
    const chosen = fromMirror.chosen;
    if (chosen) {
      cell.findings.push(finding({ code: 'nodownload-skipped', severity: 'info', details: { file: fileSummary(chosen), ...common } }, `${requirement} is marked "# puppet: nodownload": puppet does not fetch it, and the mirror has ${chosen.file.filename} for ${describeTarget(target)}`));
    } else {
      const why = fromMirror.rejected.length > 0 ? `no file of it fits (${fromMirror.rejected.map((r) => `${r.file.filename}: ${r.detail}`).join('; ')})` : 'the mirror holds no file of it';
      cell.findings.push(finding({ code: 'nodownload-missing', severity: 'warning', details: common }, `${requirement} is marked "# puppet: nodownload" and ${why}: puppet never downloads it, so ${describeTarget(target)} hosts cannot install it`, {
        text: `put a ${pin.name} ${pin.version ?? ''} file for ${target.id} in the mirror folder ${mirrors[0] ?? ''} by hand (it is not on the index)`,
        changes: [],
      }));
    }
    return;
  }

  const chosen = fromMirror.chosen;
  if (chosen?.kind === 'wheel') return;
  const indexState = lookups.project(pin.package);
  if (chosen) {
    // An sdist: say which wheel on the index would spare the build, when one exists.
    const indexFiles = indexState?.status === 'ok' ? indexState.page.files : [];
    const search = selectFile(indexFiles, pin.package, { specifier: pin.specifier, allowSdist: false, metadataRequiresPython }, target).chosen;
    // A wheel whose (or a better wheel's) metadata was lost is not named: the sdist verdict stays, with the index-error.
    const wheel = lostMetadata ? null : search;
    const details = { file: fileSummary(chosen), ...(wheel ? { indexWheel: fileSummary(wheel) } : {}), ...common };
    cell.findings.push(finding({ code: 'sdist-only', severity: 'warning', details }, sdistOnlyMessage(requirement, target, chosen, fromMirror.rejected), {
      text: wheel
        ? `put ${wheel.file.filename} (from the index) in the mirror folder ${mirrors[0] ?? ''} so ${target.id} hosts install a wheel: ${missingOnMirrorSuggestion(wheel, mirrors[0] ?? '')}`
        : `make sure ${target.id} hosts have a compiler and the build dependencies of ${pin.name}, or build a wheel for ${target.id} and put it on the mirror${lostMetadata ? ' (whether the index has a wheel for it was not judged: see the index-error)' : ''}`,
      changes: [],
    }));
    if (lostMetadata) lostToIndex(lostMetadata);
    return;
  }
  if (!indexState) return;
  if (indexState.status === 'error') return unreadable('index', indexState);
  const indexFiles = indexState.status === 'ok' ? indexState.page.files : [];
  const fromIndex = selectFile(indexFiles, pin.package, request, target);
  if (lostMetadata) return lostToIndex(lostMetadata);
  const best = fromIndex.chosen;
  if (!best) {
    const state = indexState.status === 'not-found' ? `the index has no project ${pin.name}${indexState.hint ? ` (${indexState.hint})` : ''}` : `the index has no file of ${requirement}`;
    const details = {
      onMirror: fromMirror.rejected.map((r) => ({ filename: r.file.filename, reason: r.reason, detail: r.detail })),
      onIndex: fromIndex.rejected.map((r) => ({ filename: r.file.filename, reason: r.reason, detail: r.detail })),
      ...common,
    };
    cell.findings.push(finding({ code: 'no-distribution', severity: 'error', details }, noDistributionMessage(requirement, target, fromMirror.rejected, fromIndex.rejected, state), {
      text: noDistributionSuggestion(requirement, target, [...fromMirror.rejected, ...fromIndex.rejected]),
      changes: [],
    }));
    return;
  }
  const destination = mirrors[0] ?? '';
  // In hash mode the file to fetch should be one the pin lists; when none fits, the plan says which line to add.
  const unlisted = checkHashes && !fileHashAllowed(best.file, hashing.allowed) && best.file.hashes['sha256'] ? `--hash=sha256:${best.file.hashes['sha256']}` : null;
  const details = {
    file: fileSummary(best),
    mirror: destination,
    mirrorFolder: localFolder(destination) ?? destination,
    onMirror: fromMirror.rejected.map((r) => ({ filename: r.file.filename, reason: r.reason, detail: r.detail })),
    ...(unlisted ? { hashLine: unlisted } : {}),
    ...common,
  };
  cell.findings.push(finding({ code: 'missing-on-mirror', severity: 'error', details }, missingOnMirrorMessage(requirement, target, fromMirror.rejected, best), {
    text: missingOnMirrorSuggestion(best, localFolder(destination) ?? destination) + (unlisted ? `; and add ${unlisted} to line ${pin.line} (no file of the release whose hash the pin lists fits ${target.id})` : ''),
    changes: [],
  }));
}
