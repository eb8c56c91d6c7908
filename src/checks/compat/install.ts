/**
 * What `pip install --no-deps -r <file>` puts on one target: each applicable pin resolved against the
 * index to a release (or to why it cannot be), with the release's metadata when it is known.
 */
import type { CodeOf, Finding, FindingPart } from '../../findings/index.js';
import type { InventoryFile, Pin } from '../../inventory/index.js';
import { pinsForTarget } from '../../inventory/index.js';
import type { ProjectName } from '../../names/index.js';
import { SpecifierSet } from '../../pep440/index.js';
import type { CoreMetadata } from '../../pypi/index.js';
import type { Target } from '../../targets/index.js';
import { excludingRequiresPython, filesForPython, findRelease, pythonAllows, releasesOfState } from '../shared/index.js';
import type { Lookups, Release } from '../shared/index.js';
import { requiresPythonMessage, unknownVersionMessage, yankedMessage } from './messages.js';

export interface Installed {
  pin: Pin;
  /** The version that would be installed, null when unknowable (URL pins, errors). */
  version: string | null;
  release: Release | null;
  metadata: CoreMetadata | null;
}

export interface TargetInstall {
  target: Target;
  installed: Map<ProjectName, Installed>;
  findings: Finding[];
  /** The cell could not be checked (index unreachable, metadata could not be fetched). */
  infrastructureError: boolean;
}

export function installOnTarget(file: InventoryFile, target: Target, lookups: Lookups): TargetInstall {
  const out: TargetInstall = { target, installed: new Map(), findings: [], infrastructureError: false };
  for (const pin of pinsForTarget(file, target)) {
    if (out.installed.has(pin.package)) continue; // duplicates are reported by the caller
    out.installed.set(pin.package, resolvePin(file, pin, target, lookups, out));
  }
  return out;
}

function resolvePin(file: InventoryFile, pin: Pin, target: Target, lookups: Lookups, out: TargetInstall): Installed {
  const unresolved: Installed = { pin, version: pin.version, release: null, metadata: null };
  if (pin.direct) return unresolved;
  // nodownload pins are not on the index by definition: read them from the mirror when it holds them;
  // either way their version still counts for dependents.
  if (pin.nodownload) {
    const mirrored = nodownloadOnMirror(pin, lookups);
    return 'metadata' in mirrored ? { pin, version: mirrored.release.version, release: mirrored.release, metadata: mirrored.metadata } : unresolved;
  }
  const finding = (part: FindingPart<CodeOf<'compat'>>, message: string): Finding => ({
    check: 'compat', ...part, module: file.module, file: file.path, line: pin.line, target: target.id,
    package: pin.package, version: pin.version, message, suggestion: null,
  });
  const state = lookups.project(pin.package);
  if (!state) return unresolved;
  if (state.status === 'error') {
    out.infrastructureError = true;
    out.findings.push({
      ...finding({ code: 'index-error', severity: 'error', details: {} }, `Could not fetch the index page for ${pin.name}: ${state.reason}`),
      suggestion: { text: 'run again when the index answers (the metadata cache keeps what was fetched); if it persists, check --index-url', changes: [] },
    });
    return unresolved;
  }
  const releases = releasesOfState(state);
  const requirementText = `${pin.name}${pin.specifier}`;
  let release: Release | null;
  if (pin.version === null) {
    release = chooseFromRange(pin, target, releases);
    if (!release) {
      out.findings.push(finding({ code: 'unknown-version', severity: 'error', details: {} }, unknownVersionMessage(requirementText, releases.map((r) => r.version))));
      return unresolved;
    }
  } else {
    release = state.status === 'ok' ? findRelease(releases, pin.version) : null;
    if (!release) {
      const index = state.status === 'not-found' ? 'project not found' : 'release not listed';
      out.findings.push(finding({ code: 'unknown-version', severity: 'error', details: { index } }, unknownVersionMessage(requirementText, releases.map((r) => r.version))));
      return unresolved;
    }
    if (filesForPython(release, target.pythonFull).length === 0) {
      const rp = excludingRequiresPython(release, target.pythonFull).join(' | ');
      out.findings.push(finding({ code: 'requires-python', severity: 'error', details: { requiresPython: rp, source: 'index' } }, requiresPythonMessage(pin.name, target.pythonFull, rp)));
    }
    if (release.yanked) out.findings.push(finding({ code: 'yanked', severity: 'warning', details: { reason: release.yankedReason } }, yankedMessage(pin.name, release.version, release.yankedReason)));
  }
  const installed: Installed = { pin, version: release.version, release, metadata: null };
  const meta = lookups.metadata(pin.package, release.version);
  if (!meta) return installed;
  if (meta.status === 'unavailable') {
    if (meta.infrastructure) out.infrastructureError = true;
    out.findings.push({
      ...finding({ code: 'metadata-unavailable', severity: 'error', details: { reason: meta.reason } }, `The dependencies of ${pin.name} ${release.version} could not be determined: ${meta.reason}`),
      suggestion: {
        text: meta.infrastructure
          ? 'run again when the index answers (the metadata cache keeps what was fetched)'
          : `pin a release of ${pin.name} that publishes a wheel (its METADATA lists the dependencies), or check ${pin.name} ${release.version}'s setup.py by hand`,
        changes: [],
      },
    });
    return installed;
  }
  installed.metadata = meta.metadata;
  const rp = meta.metadata.requiresPython;
  if (rp && !pythonAllows(rp, target.pythonFull) && filesForPython(release, target.pythonFull).length > 0) {
    out.findings.push(finding({ code: 'requires-python', severity: 'error', details: { requiresPython: rp, source: 'metadata' } }, requiresPythonMessage(pin.name, target.pythonFull, rp)));
  }
  return installed;
}

/** A range or bare name: pip installs the best release the specifier admits for this python. */
function chooseFromRange(pin: Pin, target: Target, releases: readonly Release[]): Release | null {
  let spec: SpecifierSet;
  try {
    spec = SpecifierSet.parse(pin.specifier);
  } catch {
    return null;
  }
  const usable = releases.filter((r) => r.parsed && !r.yanked && filesForPython(r, target.pythonFull).length > 0);
  const allowed = new Set(spec.filter(usable.map((r) => r.version)));
  return [...usable].reverse().find((r) => allowed.has(r.version)) ?? null;
}

/**
 * A `# puppet: nodownload` pin as the mirror holds it: the release and its metadata (the index client
 * reads it from the mirror's file when the index has none), or why it cannot be read (still pending
 * while the mirror listing or the metadata is being fetched).
 */
export function nodownloadOnMirror(pin: Pin, lookups: Lookups): { release: Release; metadata: CoreMetadata } | { reason: string } {
  if (pin.version === null) return { reason: 'it is not an exact pin' };
  const state = lookups.mirrorProject(pin.package);
  if (!state) return { reason: 'the mirror listing is not fetched yet' };
  const release = findRelease(releasesOfState(state), pin.version);
  if (!release) return { reason: state.status === 'error' ? `the mirror could not be read: ${state.reason}` : 'the mirror has no file of it' };
  const meta = lookups.metadata(pin.package, release.version);
  if (!meta) return { reason: 'its metadata is not fetched yet' };
  if (meta.status !== 'ok') return { reason: `its metadata on the mirror could not be read: ${meta.reason}` };
  return { release, metadata: meta.metadata };
}
