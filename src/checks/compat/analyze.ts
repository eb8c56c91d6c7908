/**
 * compat for one requirements file: on every target, what `pip install --no-deps -r file` followed by
 * `pip check` would say (conflicts, missing dependencies), plus the pin-level problems pip stops on
 * (unknown versions, Requires-Python, yanked), each with a fix searched from the release history.
 */
import type { Finding, ResultRow } from '../../findings/index.js';
import { cellStatus } from '../../findings/index.js';
import type { InventoryFile } from '../../inventory/index.js';
import { pinsForTarget } from '../../inventory/index.js';
import type { ProjectName } from '../../names/index.js';
import { markerMentionsExtra, markerToString } from '../../pep508/index.js';
import type { Target } from '../../targets/index.js';
import { satisfies } from '../shared/index.js';
import type { Edge, Lookups, ResolvedPin } from '../shared/index.js';
import { highestAcceptable } from './candidates.js';
import { dependencyHashMissing, hashModeFindings } from './hashes.js';
import { nodownloadOnMirror } from '../shared/index.js';
import { installOnTarget } from './install.js';
import type { TargetInstall } from './install.js';
import { conflictMessage, doubleRequirementMessage, missingMessage } from './messages.js';
import { dependentUpgrade } from './upgrade.js';

export function analyzeFile(file: InventoryFile, lookups: Lookups): { results: ResultRow[]; findings: Finding[] } {
  const findings: Finding[] = fileLevelFindings(file, lookups);
  const installs = file.targets.map((t) => installOnTarget(file, t, lookups));
  const edges = installs.flatMap((install) => install.edges.map((edge) => ({ edge, install })));
  // Every specifier the file's installed releases put on each dependency, across targets: built once.
  const specsByDep = new Map<ProjectName, Set<string>>();
  for (const { edge: e } of edges) {
    if (!e.requirement.specifier) continue;
    const set = specsByDep.get(e.dependency) ?? new Set<string>();
    set.add(e.requirement.specifier);
    specsByDep.set(e.dependency, set);
  }
  const specsOn = (dep: ProjectName): string[] => [...(specsByDep.get(dep) ?? [])];

  for (const install of installs) {
    findings.push(...duplicateFindings(file, install.target));
    for (const f of install.findings) {
      const installed = f.package ? install.installed.get(f.package as ProjectName) : undefined;
      if (installed && (f.code === 'unknown-version' || f.code === 'requires-python' || f.code === 'yanked')) {
        f.suggestion = replacementSuggestion(lookups, file, installed, specsOn(installed.pin.package));
      }
      findings.push(f);
    }
  }
  const allEdges = edges.map((e) => e.edge);
  findings.push(...hashModeFindings(file, lookups));
  const unhashedDeps = new Set<string>();
  for (const { edge, install } of edges) {
    const finding = edgeFinding(file, edge, install, lookups, specsOn, allEdges);
    if (finding) findings.push(finding);
    // With dependencies followed, a dependency the file does not list has no hash either.
    const key = `${edge.target.id} ${edge.dependency}`;
    if (finding?.code === 'missing-dependency' && !unhashedDeps.has(key)) {
      unhashedDeps.add(key);
      const dependent = `${edge.dependent.metadata?.name ?? edge.dependent.pin.name} ${edge.dependent.version ?? ''}`.trim();
      const missing = dependencyHashMissing(file, edge.target, edge.dependent.pin.line, dependent, edge.dependency, `${edge.requirement.name}${edge.requirement.specifier}`);
      if (missing) findings.push(missing);
    }
  }
  // pip stops on a line it cannot read (the inventory's `invalid-line` findings) before installing anything.
  const pipRejectsFile = file.parsed.diagnostics.length > 0;
  const results: ResultRow[] = installs.map((install) => {
    const status = cellStatus(findings.filter((f) => f.target === install.target.id || f.target === null), install.infrastructureError);
    return { check: 'compat', module: file.module, file: file.path, target: install.target.id, status: status === 'pass' && pipRejectsFile ? 'fail' : status };
  });
  return { results, findings };
}

function edgeFinding(
  file: InventoryFile,
  edge: Edge,
  install: TargetInstall,
  lookups: Lookups,
  specsOn: (dep: ProjectName) => string[],
  edges: readonly Edge[],
): Finding | null {
  const { dependent, requirement } = edge;
  const dependentName = dependent.metadata?.name ?? dependent.pin.name;
  const dependentVersion = dependent.version ?? '?';
  const requiredBy = { package: dependent.pin.package, version: dependentVersion, specifier: requirement.specifier, marker: requirement.marker ? markerToString(requirement.marker) : null };
  // pip check ignores extras; pip's resolver (and the service's imports) do not. Say which this is.
  const viaExtra = requirement.marker !== null && markerMentionsExtra(requirement.marker);
  const base = { check: 'compat' as const, module: file.module, file: file.path, target: edge.target.id, package: edge.dependency };
  const dep = install.installed.get(edge.dependency);
  if (!dep) {
    const candidate = highestAcceptable(lookups, { name: edge.dependency, targets: file.targets, specifiers: specsOn(edge.dependency), allowPrerelease: false });
    return {
      ...base, code: 'missing-dependency', severity: 'error', line: dependent.pin.line, version: null,
      message: missingMessage(dependentName, dependentVersion, requirement.name),
      details: { requiredBy, viaExtra },
      suggestion: candidate
        ? { text: `add ${requirement.name}==${candidate.version} (highest release every pinned dependent accepts)`, changes: [{ package: edge.dependency, from: null, to: candidate.version }] }
        : { text: `add a pin for ${requirement.name}${requirement.specifier}: no release on the index satisfies every pinned dependent`, changes: [] },
    };
  }
  if (dep.version === null || satisfies(requirement.specifier, dep.version)) return null;
  const requirementText = `${requirement.name}${requirement.extras.length ? `[${requirement.extras.join(',')}]` : ''}${requirement.specifier}`;
  return {
    ...base, code: 'conflict', severity: 'error', line: dep.pin.line, version: dep.version,
    message: conflictMessage(dependentName, dependentVersion, requirementText, dep.pin.name, dep.version),
    details: { requiredBy, viaExtra },
    suggestion: conflictSuggestion(lookups, file, dep, specsOn(edge.dependency), edges),
  };
}

function conflictSuggestion(lookups: Lookups, file: InventoryFile, dep: ResolvedPin, specifiers: string[], edges: readonly Edge[]): Finding['suggestion'] {
  const prerelease = dep.release?.parsed?.isPrerelease ?? false;
  const candidate = highestAcceptable(lookups, { name: dep.pin.package, targets: file.targets, specifiers, allowPrerelease: prerelease });
  if (candidate) {
    return {
      text: `pin ${dep.pin.name}==${candidate.version} (highest release satisfying every pinned dependent)`,
      changes: [{ package: dep.pin.package, from: dep.version, to: candidate.version }],
    };
  }
  const conflicting = edges.filter((e) => e.dependency === dep.pin.package && !satisfies(e.requirement.specifier, dep.version ?? ''));
  const upgrade = dependentUpgrade(lookups, file, dep, conflicting);
  if (upgrade) {
    return {
      text: `upgrade ${upgrade.dependent.pin.name} to ${upgrade.version} (lowest newer release that accepts ${dep.pin.name} ${dep.version})`,
      changes: [{ package: upgrade.dependent.pin.package, from: upgrade.dependent.version, to: upgrade.version }],
    };
  }
  return {
    text: `no release of ${dep.pin.name} satisfies every pinned dependent (${specifiers.join(' and ')}), and no newer dependent accepts ${dep.pin.name} ${dep.version}: resolve by hand`,
    changes: [],
  };
}

function replacementSuggestion(lookups: Lookups, file: InventoryFile, installed: ResolvedPin, specifiers: string[]): Finding['suggestion'] {
  const current = installed.version ?? installed.pin.version;
  const prerelease = installed.release?.parsed?.isPrerelease ?? false;
  const candidate = highestAcceptable(lookups, { name: installed.pin.package, targets: file.targets, specifiers, allowPrerelease: prerelease, exclude: current });
  if (!candidate) return { text: `no release of ${installed.pin.name} fits every target and pinned dependent`, changes: [] };
  return {
    text: `pin ${installed.pin.name}==${candidate.version} (highest release that fits every target and pinned dependent)`,
    changes: [{ package: installed.pin.package, from: current, to: candidate.version }],
  };
}

/** Pins that are not exact, and pins compat cannot look up, said once per file. */
function fileLevelFindings(file: InventoryFile, lookups: Lookups): Finding[] {
  const out: Finding[] = [];
  for (const pin of file.pins) {
    const base = { check: 'compat' as const, module: file.module, file: file.path, line: pin.line, target: null, package: pin.package, version: pin.version, suggestion: null };
    if (pin.nodownload) {
      // Read from the mirror when it holds the pin (install.ts); skipped, with why, only when it does not.
      const mirrored = nodownloadOnMirror(pin, lookups);
      if ('reason' in mirrored && !mirrored.lost) { // lost to the mirror: install.ts's index-error, no skip
        out.push({ ...base, code: 'nodownload-skipped', severity: 'info', message: `${pin.name}${pin.specifier} is marked "# puppet: nodownload": it is not fetched from the index, and ${mirrored.reason}, so its own dependencies are not checked`, details: { reason: mirrored.reason } });
      }
    } else if (pin.direct) {
      out.push({ ...base, code: 'not-pinned', severity: 'warning', message: `${pin.entry.text} is a direct reference, not a "==" pin: its version and dependencies cannot be checked against the index`, details: { kind: pin.entry.kind } });
    } else if (pin.version === null) {
      out.push({ ...base, code: 'not-pinned', severity: 'warning', message: `${pin.name}${pin.specifier || ''} is not pinned with "==": pip installs the newest release it allows, so each target was checked with that release`, details: { specifier: pin.specifier } });
    }
  }
  return out;
}

/**
 * pip refuses a name given twice with different requirements on the same target. The same line
 * read again (a file included twice) is one finding with its count, not one per repeat: the work
 * and the report stay bounded by the input.
 */
function duplicateFindings(file: InventoryFile, target: Target): Finding[] {
  const seen = new Map<string, { text: string; spec: string }>();
  const repeats = new Map<string, { details: { duplicateOf: string; times?: number }; times: number }>();
  const out: Finding[] = [];
  for (const pin of pinsForTarget(file, target)) {
    const text = pin.entry.text;
    const previous = seen.get(pin.package);
    if (!previous) {
      seen.set(pin.package, { text, spec: pin.specifier });
      continue;
    }
    const where = `${pin.package} ${pin.entry.source}:${pin.line}`;
    const repeat = repeats.get(where);
    if (repeat) {
      repeat.times++;
      repeat.details.times = repeat.times;
      continue;
    }
    const identical = previous.spec === pin.specifier;
    const details: { duplicateOf: string; times?: number } = { duplicateOf: previous.text };
    const finding: Finding = {
      check: 'compat', code: 'conflict', severity: identical ? 'warning' : 'error', module: file.module, file: file.path, line: pin.line,
      target: target.id, package: pin.package, version: pin.version,
      message: doubleRequirementMessage(text, previous.text, pin.name) + (identical ? ' (pip ≥ 20.3 accepts an identical repeat; older pip refuses it)' : ''),
      details,
      suggestion: { text: `remove line ${pin.line}`, changes: [] },
    };
    repeats.set(where, { details, times: 1 });
    out.push(finding);
  }
  return out;
}
