/**
 * What `pip install --no-deps -r <file>` puts on one target, as compat reports it: the shared
 * resolution (../shared/resolution.ts) of each applicable pin, and the pin-level findings pip stops
 * or warns on (unknown version, Requires-Python, yanked, unreadable metadata, a page or metadata the
 * index failed to deliver: `index-error`, named by host and URL).
 */
import type { CodeOf, Finding, FindingPart } from '../../findings/index.js';
import type { InventoryFile, Pin } from '../../inventory/index.js';
import { eggsAdmitted } from '../../pypi/index.js';
import type { Target } from '../../targets/index.js';
import { excludingRequiresPython, filesForPython, pythonAllows, resolveTarget } from '../shared/index.js';
import type { Lookups, ResolvedPin, TargetResolution } from '../shared/index.js';
import { requiresPythonMessage, unknownVersionMessage, yankedMessage } from './messages.js';
import { indexLossMessage, indexLossSuggestion, pinIndexLoss, releasesOfState } from '../shared/index.js';

export interface TargetInstall extends TargetResolution {
  findings: Finding[];
  /** The cell could not be checked (index unreachable, metadata could not be fetched). */
  infrastructureError: boolean;
}

export function installOnTarget(file: InventoryFile, target: Target, lookups: Lookups, pins?: readonly Pin[]): TargetInstall {
  const resolution = resolveTarget(file, target, lookups, pins);
  const out: TargetInstall = { ...resolution, findings: [], infrastructureError: false };
  for (const rp of resolution.installed.values()) pinFindings(file, rp, target, lookups, out);
  return out;
}

function pinFindings(file: InventoryFile, rp: ResolvedPin, target: Target, lookups: Lookups, out: TargetInstall): void {
  const { pin } = rp;
  const finding = (part: FindingPart<CodeOf<'compat'>>, message: string): Finding => ({
    check: 'compat', ...part, module: file.module, file: file.path, line: pin.line, target: target.id,
    package: pin.package, version: pin.version, message, suggestion: null,
  });
  const requirementText = `${pin.name}${pin.specifier}`;
  const listed = (): string[] => releasesOfState(lookups.project(pin.package)).map((r) => r.version);
  switch (rp.state) {
    case 'index-error':
      // The project page lost: nothing more is known. The metadata lost: the listing's own verdicts still stand (below).
      if (!rp.release || pin.nodownload) return indexErrorOf(rp, out, finding);
      break;
    case 'no-match': {
      // A range only eggs would meet: name them, and why.
      const eggs = eggsNamed(lookups, pin);
      out.findings.push(finding({ code: 'unknown-version', severity: 'error', details: eggs.length > 0 ? { eggs } : {} }, unknownVersionMessage(requirementText, listed(), eggs)));
      return;
    }
    case 'not-found': {
      // A local index whose files pip would not find either says what is there, and the way out.
      const state = lookups.project(pin.package);
      const hint = state?.status === 'not-found' ? state.hint : undefined;
      const message = unknownVersionMessage(requirementText, listed());
      out.findings.push(finding({ code: 'unknown-version', severity: 'error', details: { index: 'project not found', ...(hint ? { hint } : {}) } }, hint ? `${message}: ${hint}` : message));
      return;
    }
    case 'unknown-version': {
      // A release of eggs only is no release to pip: name them, and why.
      const eggs = eggsNamed(lookups, pin);
      const details = { index: 'release not listed' as const, ...(eggs.length > 0 ? { eggs } : {}) };
      out.findings.push(finding({ code: 'unknown-version', severity: 'error', details }, unknownVersionMessage(requirementText, listed(), eggs)));
      return;
    }
    case 'direct':
    case 'nodownload-unread':
      return;
    default:
  }
  const release = rp.release;
  if (!release || pin.nodownload) return;
  if (pin.version !== null) {
    if (filesForPython(release, target.pythonFull).length === 0) {
      const rpText = excludingRequiresPython(release, target.pythonFull).join(' | ');
      out.findings.push(finding({ code: 'requires-python', severity: 'error', details: { requiresPython: rpText, source: 'index' } }, requiresPythonMessage(pin.name, target.pythonFull, rpText)));
    }
    if (release.yanked) out.findings.push(finding({ code: 'yanked', severity: 'warning', details: { reason: release.yankedReason } }, yankedMessage(pin.name, release.version, release.yankedReason)));
  }
  if (rp.state === 'index-error') return indexErrorOf(rp, out, finding);
  if (rp.state === 'metadata-unavailable') {
    out.findings.push({
      ...finding({ code: 'metadata-unavailable', severity: 'error', details: { reason: rp.reason ?? '' } }, `The dependencies of ${pin.name} ${release.version} could not be determined: ${rp.reason ?? ''}`),
      suggestion: {
        text: `pin a release of ${pin.name} that publishes a wheel (its METADATA lists the dependencies), or check ${pin.name} ${release.version}'s setup.py by hand`,
        changes: [],
      },
    });
    return;
  }
  const rpMeta = rp.metadata?.requiresPython;
  if (rpMeta && !pythonAllows(rpMeta, target.pythonFull) && filesForPython(release, target.pythonFull).length > 0) {
    out.findings.push(finding({ code: 'requires-python', severity: 'error', details: { requiresPython: rpMeta, source: 'metadata' } }, requiresPythonMessage(pin.name, target.pythonFull, rpMeta)));
  }
}

/** The index failed to deliver the pin's page or its release's metadata: the cell is an error (exit 3), the finding names the host and URL. */
function indexErrorOf(rp: ResolvedPin, out: TargetInstall, finding: (part: FindingPart<CodeOf<'compat'>>, message: string) => Finding): void {
  out.infrastructureError = true;
  const loss = pinIndexLoss(rp.pin, rp.release, rp.reason);
  const consequence = rp.release ? 'its dependencies were not checked' : `${rp.pin.name}${rp.pin.specifier} was not checked`;
  out.findings.push({
    ...finding({ code: 'index-error', severity: 'error', details: loss }, indexLossMessage(loss, { name: rp.pin.name, version: rp.release?.version ?? rp.pin.version }, consequence)),
    suggestion: { text: indexLossSuggestion(loss), changes: [] },
  });
}

/** The eggs of the project's listing that the pin admits, which pip skips. */
function eggsNamed(lookups: Lookups, pin: Pin): string[] {
  const state = lookups.project(pin.package);
  return state?.status === 'ok' ? eggsAdmitted(state.page.files, pin.package, pin.specifier).map((f) => f.filename) : [];
}
