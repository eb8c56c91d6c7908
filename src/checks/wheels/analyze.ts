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
 */
import type { CodeOf, Finding, FindingPart, ResultRow } from '../../findings/index.js';
import { cellStatus } from '../../findings/index.js';
import type { InventoryFile, Pin } from '../../inventory/index.js';
import { pinsForTarget } from '../../inventory/index.js';
import type { ProjectState } from '../../pypi/index.js';
import type { Target } from '../../targets/index.js';
import type { CheckSettings } from '../contract.js';
import type { Lookups } from '../shared/index.js';
import {
  describeTarget,
  fileSummary,
  missingOnMirrorMessage,
  missingOnMirrorSuggestion,
  noDistributionMessage,
  sdistOnlyMessage,
} from './messages.js';
import { filesOnMirrors, localFolder, mirrorsForTarget, pipCommand } from './mirrors.js';
import { outOfSyncFindings } from './sync.js';
import { selectFile } from './select.js';

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
  const unreadable = (where: 'mirror' | 'index', state: ProjectState & { status: 'error' }): void => {
    cell.couldNotCheck = true;
    cell.findings.push(finding({ code: 'index-error', severity: 'error', details: { where, ...common } }, `Could not read the ${where} listing of ${pin.name}: ${state.reason}`, {
      text: `run again when the ${where} answers; if it persists, check ${where === 'mirror' ? '--find-links / mirrors in .pyup-checks.yml' : '--index-url'}`,
      changes: [],
    }));
  };

  const mirrorState = lookups.mirrorProject(pin.package);
  if (!mirrorState) return;
  if (mirrorState.status === 'error') return unreadable('mirror', mirrorState);
  const onMirror = filesOnMirrors(mirrorState.status === 'ok' ? mirrorState.page.files : [], mirrors);
  // A listing without data-requires-python (an autoindex mirror): pip reads Requires-Python from the
  // file's METADATA after download and refuses the file; the release's metadata says the same here.
  const metadataRequiresPython = (version: string): string | null | undefined => {
    const meta = lookups.metadata(pin.package, version);
    return meta?.status === 'ok' ? meta.metadata.requiresPython : meta?.requiresPython;
  };
  const request = { specifier: pin.specifier, allowSdist: true, metadataRequiresPython };
  const fromMirror = selectFile(onMirror, pin.package, request, target);

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
    const wheel = selectFile(indexFiles, pin.package, { specifier: pin.specifier, allowSdist: false, metadataRequiresPython }, target).chosen;
    const details = { file: fileSummary(chosen), ...(wheel ? { indexWheel: fileSummary(wheel) } : {}), ...common };
    cell.findings.push(finding({ code: 'sdist-only', severity: 'warning', details }, sdistOnlyMessage(requirement, target, chosen, fromMirror.rejected), {
      text: wheel
        ? `put ${wheel.file.filename} (from the index) in the mirror folder ${mirrors[0] ?? ''} so ${target.id} hosts install a wheel: ${missingOnMirrorSuggestion(wheel, mirrors[0] ?? '')}`
        : `make sure ${target.id} hosts have a compiler and the build dependencies of ${pin.name}, or build a wheel for ${target.id} and put it on the mirror`,
      changes: [],
    }));
    return;
  }
  if (!indexState) return;
  if (indexState.status === 'error') return unreadable('index', indexState);
  const indexFiles = indexState.status === 'ok' ? indexState.page.files : [];
  const fromIndex = selectFile(indexFiles, pin.package, request, target);
  const best = fromIndex.chosen;
  if (!best) {
    const state = indexState.status === 'not-found' ? `the index has no project ${pin.name}` : `the index has no file of ${requirement}`;
    const details = {
      onMirror: fromMirror.rejected.map((r) => ({ filename: r.file.filename, reason: r.reason, detail: r.detail })),
      onIndex: fromIndex.rejected.map((r) => ({ filename: r.file.filename, reason: r.reason, detail: r.detail })),
      ...common,
    };
    cell.findings.push(finding({ code: 'no-distribution', severity: 'error', details }, noDistributionMessage(requirement, target, fromMirror.rejected, fromIndex.rejected, state), {
      text: `no file of ${requirement} installs on ${target.id}: pin a release that publishes a wheel or sdist for ${target.id}, or build a wheel for it and put it on the mirror`,
      changes: [],
    }));
    return;
  }
  const destination = mirrors[0] ?? '';
  const details = {
    file: fileSummary(best),
    mirror: destination,
    mirrorFolder: localFolder(destination) ?? destination,
    onMirror: fromMirror.rejected.map((r) => ({ filename: r.file.filename, reason: r.reason, detail: r.detail })),
    ...common,
  };
  cell.findings.push(finding({ code: 'missing-on-mirror', severity: 'error', details }, missingOnMirrorMessage(requirement, target, fromMirror.rejected, best), { text: missingOnMirrorSuggestion(best, localFolder(destination) ?? destination), changes: [] }));
}
