/**
 * The fix search's view of one file: the shared per-target resolution (../shared/resolution.ts) of
 * the file with some pins moved or added, and what pip install + pip check would still refuse there
 * (a conflict, a missing dependency, a pin that does not install on the target). The same questions
 * compat asks, read from the same model, so a plan the search accepts is one compat passes (the CLI
 * then runs compat itself on the patched file to prove it).
 */
import type { InventoryFile, Pin } from '../../inventory/index.js';
import { buildInventory, pinsForTarget } from '../../inventory/index.js';
import type { ProjectName } from '../../names/index.js';
import type { Requirement } from '../../pep508/index.js';
import type { Target } from '../../targets/index.js';
import { couldNotFetch, filesForPython, pinIndexLoss, pythonAllows, resolveTarget, satisfies, isSeeded } from '../shared/index.js';
import type { Lookups, ResolvedPin } from '../shared/index.js';

/** The versions the search gives to packages: a moved pin, or a pin it adds. */
export type Assignment = ReadonlyMap<ProjectName, { name: string; version: string }>;

export type Violation =
  | { kind: 'conflict'; target: Target; dependent: ResolvedPin; requirement: Requirement; dependency: ProjectName; installed: ResolvedPin }
  | { kind: 'missing'; target: Target; dependent: ResolvedPin; requirement: Requirement; dependency: ProjectName }
  | { kind: 'unusable'; target: Target; pin: ResolvedPin; why: string };

export interface Evaluation {
  violations: Violation[];
  /** Some release's page or metadata is not fetched yet: the verdict is not final. */
  pending: boolean;
  /** The index failed (not the pins): nothing can be concluded. */
  infrastructure: string | null;
  /** The pin (as pinned, or as the assignment moved it) whose page or metadata the index lost. */
  lostPin: ResolvedPin | null;
}

const added = new Map<string, Pin>();

/** A pin as a `name==version` line the search adds (parsed as any line, so compat reads it the same). */
export function addedPin(file: InventoryFile, name: string, version: string): Pin {
  const key = `${file.path}\u0000${name}==${version}`;
  let pin = added.get(key);
  if (!pin) {
    const parsed = buildInventory([{ path: file.path, text: `${name}==${version}\n` }]).files[0]?.pins[0];
    if (!parsed) throw new Error(`internal: ${name}==${version} did not parse as a pin`);
    pin = { ...parsed, line: 0, endLine: 0 };
    added.set(key, pin);
  }
  return pin;
}

/** The pins `pip install -r` of the changed file installs on the target. */
export function pinsWith(file: InventoryFile, target: Target, assignment: Assignment): Pin[] {
  const pins = pinsForTarget(file, target).map((pin) => {
    const moved = assignment.get(pin.package);
    return moved && pin.version !== null && !pin.direct ? { ...pin, version: moved.version, specifier: `==${moved.version}` } : pin;
  });
  const present = new Set(file.pins.map((p) => p.package));
  for (const [pkg, a] of assignment) if (!present.has(pkg)) pins.push(addedPin(file, a.name, a.version));
  return pins;
}

export function evaluate(file: InventoryFile, lookups: Lookups, assignment: Assignment): Evaluation {
  const out: Evaluation = { violations: [], pending: false, infrastructure: null, lostPin: null };
  for (const target of file.targets) {
    const t = resolveTarget(file, target, lookups, pinsWith(file, target, assignment));
    for (const rp of t.installed.values()) {
      const why = unusableOn(rp, target);
      if (why === 'pending') out.pending = true;
      else if (why?.startsWith('infrastructure: ')) {
        out.infrastructure = why.slice('infrastructure: '.length);
        out.lostPin ??= rp;
      }
      else if (why) out.violations.push({ kind: 'unusable', target, pin: rp, why });
    }
    for (const edge of t.edges) {
      const dep = t.installed.get(edge.dependency);
      if (!dep) {
        // The venv's own pip/setuptools meets a requirement without a version (seeded.ts): nothing to fix.
        if (!isSeeded(target, edge.dependency, edge.requirement.specifier)) out.violations.push({ kind: 'missing', target, dependent: edge.dependent, requirement: edge.requirement, dependency: edge.dependency });
      }
      else if (dep.version !== null && !satisfies(edge.requirement.specifier, dep.version)) {
        out.violations.push({ kind: 'conflict', target, dependent: edge.dependent, requirement: edge.requirement, dependency: edge.dependency, installed: dep });
      }
    }
  }
  return out;
}

/** Why pip would not install this pin on the target (compat's pin-level errors), 'pending', or null. */
function unusableOn(rp: ResolvedPin, target: Target): string | null {
  const { pin } = rp;
  switch (rp.state) {
    case 'pending': return 'pending';
    case 'direct': case 'nodownload-unread': return null;
    case 'index-error': return `infrastructure: ${couldNotFetch(pinIndexLoss(pin, rp.release, rp.reason))}`;
    case 'not-found': return `${pin.name} is not on the index`;
    case 'unknown-version': case 'no-match': return `${pin.name}${pin.specifier} is not a release on the index`;
    case 'metadata-unavailable':
      return `the dependencies of ${pin.name} ${rp.version ?? ''} cannot be read (${rp.reason ?? ''})`;
    default:
  }
  if (!rp.release || pin.nodownload) return null;
  if (pin.version !== null && filesForPython(rp.release, target.pythonFull).length === 0) return `${pin.name} ${rp.release.version} has no file for Python ${target.pythonFull}`;
  const requires = rp.metadata?.requiresPython ?? null;
  if (requires && !pythonAllows(requires, target.pythonFull)) return `${pin.name} ${rp.release.version} requires Python ${requires} (not ${target.pythonFull})`;
  return null;
}

/** pip's wording of a violation, for `why` and the blocking conflict. */
export function describe(v: Violation): string {
  const on = ` (${v.target.id})`;
  if (v.kind === 'unusable') return `${v.why}${on}`;
  const d = v.dependent;
  const who = `${d.metadata?.name ?? d.pin.name} ${d.version ?? '?'}`;
  if (v.kind === 'missing') return `${who} requires ${v.requirement.name}${v.requirement.specifier}, which is not installed${on}`;
  return `${who} has requirement ${v.requirement.name}${v.requirement.specifier}, but you'll have ${v.installed.pin.name} ${v.installed.version ?? '?'}${on}`;
}
