/**
 * compat for one requirements file: on every target, what `pip install --no-deps -r file` followed by
 * `pip check` would say (conflicts, missing dependencies), plus the pin-level problems pip stops on
 * (unknown versions, Requires-Python, yanked), each with a fix searched from the release history.
 * A finding is a verdict by itself; when its fix needed a candidate release whose metadata the index
 * lost, the finding stays, its suggestion says what was not checked, and an `index-error` beside it
 * (same line and target) names the release and host: the cell is `error`, exit 3.
 */
import type { Finding, ResultRow } from '../../findings/index.js';
import { cellStatus } from '../../findings/index.js';
import type { InventoryFile } from '../../inventory/index.js';
import { pinsForTarget } from '../../inventory/index.js';
import type { ProjectName } from '../../names/index.js';
import { markerMentionsExtra, markerToString } from '../../pep508/index.js';
import type { Target } from '../../targets/index.js';
import { isSeeded, satisfies } from '../shared/index.js';
import type { Edge, LostRelease, Lookups, ResolvedPin } from '../shared/index.js';
import { highestAcceptable, lostFixFinding, lostSuggestion } from './candidates.js';
import type { LostFix } from './candidates.js';
import { dependencyHashMissing, hashModeFindings } from './hashes.js';
import { nodownloadOnMirror } from '../shared/index.js';
import { installOnTarget } from './install.js';
import type { TargetInstall } from './install.js';
import { conflictMessage, doubleRequirementMessage, missingMessage, seededMessage } from './messages.js';
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

  // A fix that needed a lost candidate: one index-error per finding's line, target and lost release.
  const lostSaid = new Set<string>();
  const suggest = (f: Finding, suggested: Suggested): void => {
    f.suggestion = suggested.suggestion;
    const lost = suggested.lost;
    if (!lost) return;
    const key = `${f.target ?? ''} ${f.line ?? ''} ${lost.lost[0]!.name}==${lost.lost[0]!.version}`;
    if (lostSaid.has(key)) return;
    lostSaid.add(key);
    findings.push(lostFixFinding(f, lost));
  };
  for (const install of installs) {
    findings.push(...duplicateFindings(file, install.target));
    for (const f of install.findings) {
      findings.push(f);
      const installed = f.package ? install.installed.get(f.package as ProjectName) : undefined;
      if (installed && (f.code === 'unknown-version' || f.code === 'requires-python' || f.code === 'yanked')) {
        suggest(f, replacementSuggestion(lookups, file, installed, specsOn(installed.pin.package)));
      }
    }
  }
  const allEdges = edges.map((e) => e.edge);
  findings.push(...hashModeFindings(file, lookups));
  const unhashedDeps = new Set<string>();
  for (const { edge, install } of edges) {
    const found = edgeFinding(file, edge, install, lookups, specsOn, allEdges);
    const finding = found?.finding ?? null;
    if (found) {
      findings.push(found.finding);
      suggest(found.finding, found.suggested);
    }
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

/** A finding's fix, or what it could not judge (a candidate whose metadata the index lost). */
interface Suggested {
  suggestion: Finding['suggestion'];
  lost: LostFix | null;
}

function lostFix(lost: LostFix): Suggested {
  return { suggestion: lostSuggestion(lost), lost };
}

function edgeFinding(
  file: InventoryFile,
  edge: Edge,
  install: TargetInstall,
  lookups: Lookups,
  specsOn: (dep: ProjectName) => string[],
  edges: readonly Edge[],
): { finding: Finding; suggested: Suggested } | null {
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
    const found = candidate.lost.length === 0 ? candidate.found : null;
    const add = found ? { package: edge.dependency, from: null, to: found.version } : null;
    const finding = { ...base, line: dependent.pin.line, version: null, details: { requiredBy, viaExtra }, suggestion: null };
    // setuptools (below python 3.12) and pip come with the venv: pip check finds them, so no error, but say whose version it is.
    if (isSeeded(edge.target, edge.dependency, requirement.specifier)) {
      return {
        finding: { ...finding, code: 'seeded-dependency', severity: 'warning', message: seededMessage(dependentName, dependentVersion, requirement.name, edge.target.python) },
        suggested: {
          suggestion: add
            ? { text: `add ${requirement.name}==${add.to} to choose the version installed (else the venv's own ${requirement.name} is used)`, changes: [add] }
            : { text: `nothing to add for pip check: the venv's own ${requirement.name} is used`, changes: [] },
          lost: null,
        },
      };
    }
    const suggested: Suggested = candidate.lost.length > 0
      ? lostFix({ lost: candidate.lost, display: requirement.name, notJudged: requiresPythonUnknown(requirement.name, candidate.lost, `the release of ${requirement.name} to add`) })
      : {
          suggestion: add
            ? { text: `add ${requirement.name}==${add.to} (highest release every pinned dependent accepts)`, changes: [add] }
            : { text: `add a pin for ${requirement.name}${requirement.specifier}: no release on the index satisfies every pinned dependent`, changes: [] },
          lost: null,
        };
    return { finding: { ...finding, code: 'missing-dependency', severity: 'error', message: missingMessage(dependentName, dependentVersion, requirement.name) }, suggested };
  }
  if (dep.version === null || satisfies(requirement.specifier, dep.version)) return null;
  const requirementText = `${requirement.name}${requirement.extras.length ? `[${requirement.extras.join(',')}]` : ''}${requirement.specifier}`;
  return {
    finding: {
      ...base, code: 'conflict', severity: 'error', line: dep.pin.line, version: dep.version,
      message: conflictMessage(dependentName, dependentVersion, requirementText, dep.pin.name, dep.version),
      details: { requiredBy, viaExtra }, suggestion: null,
    },
    suggested: conflictSuggestion(lookups, file, dep, specsOn(edge.dependency), edges),
  };
}

/** What a lost candidate of highestAcceptable leaves unjudged: every pinned dependent accepts it, only its Requires-Python (METADATA) is unknown. */
function requiresPythonUnknown(display: string, lost: readonly LostRelease[], what: string): string {
  return `${what} was not judged: ${display} ${lost[0]!.version} satisfies every pinned dependent, but whether its Requires-Python admits every target python is unknown`;
}

function conflictSuggestion(lookups: Lookups, file: InventoryFile, dep: ResolvedPin, specifiers: string[], edges: readonly Edge[]): Suggested {
  const prerelease = dep.release?.parsed?.isPrerelease ?? false;
  const fixFor = `the fix for ${dep.pin.name} ${dep.version ?? ''}`.trimEnd();
  const candidate = highestAcceptable(lookups, { name: dep.pin.package, targets: file.targets, specifiers, allowPrerelease: prerelease });
  if (candidate.lost.length > 0) return lostFix({ lost: candidate.lost, display: dep.pin.name, notJudged: requiresPythonUnknown(dep.pin.name, candidate.lost, fixFor) });
  if (candidate.found) {
    return {
      suggestion: {
        text: `pin ${dep.pin.name}==${candidate.found.version} (highest release satisfying every pinned dependent)`,
        changes: [{ package: dep.pin.package, from: dep.version, to: candidate.found.version }],
      },
      lost: null,
    };
  }
  const conflicting = edges.filter((e) => e.dependency === dep.pin.package && !satisfies(e.requirement.specifier, dep.version ?? ''));
  const upgrade = dependentUpgrade(lookups, file, dep, conflicting);
  if (upgrade.lost.length > 0 && upgrade.dependent) {
    const name = upgrade.dependent.pin.name;
    return lostFix({ lost: upgrade.lost, display: name, notJudged: `${fixFor} was not judged: whether ${name} ${upgrade.lost[0]!.version} accepts ${dep.pin.name} ${dep.version ?? ''} is unknown` });
  }
  if (upgrade.found) {
    const up = upgrade.found;
    return {
      suggestion: {
        text: `upgrade ${up.dependent.pin.name} to ${up.version} (lowest newer release that accepts ${dep.pin.name} ${dep.version})`,
        changes: [{ package: up.dependent.pin.package, from: up.dependent.version, to: up.version }],
      },
      lost: null,
    };
  }
  return {
    suggestion: {
      text: `no release of ${dep.pin.name} satisfies every pinned dependent (${specifiers.join(' and ')}), and no newer dependent accepts ${dep.pin.name} ${dep.version}: resolve by hand`,
      changes: [],
    },
    lost: null,
  };
}

function replacementSuggestion(lookups: Lookups, file: InventoryFile, installed: ResolvedPin, specifiers: string[]): Suggested {
  const current = installed.version ?? installed.pin.version;
  const prerelease = installed.release?.parsed?.isPrerelease ?? false;
  const name = installed.pin.name;
  const candidate = highestAcceptable(lookups, { name: installed.pin.package, targets: file.targets, specifiers, allowPrerelease: prerelease, exclude: current });
  if (candidate.lost.length > 0) return lostFix({ lost: candidate.lost, display: name, notJudged: requiresPythonUnknown(name, candidate.lost, `the replacement for ${name} ${current ?? ''}`.replace(/ $/, '')) });
  if (!candidate.found) return { suggestion: { text: `no release of ${name} fits every target and pinned dependent`, changes: [] }, lost: null };
  return {
    suggestion: {
      text: `pin ${name}==${candidate.found.version} (highest release that fits every target and pinned dependent)`,
      changes: [{ package: installed.pin.package, from: current, to: candidate.found.version }],
    },
    lost: null,
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
