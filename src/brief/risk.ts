/**
 * Risk per module and the landing recommendation for the whole PR, with the reasons that raised them.
 *
 * high   — a major or epoch bump in a module whose services restart; an error finding (compat,
 *          wheels) the change is part of; a pin with no file on any mirror (nodownload, or nothing to
 *          fetch): the PR should not land as it is.
 * medium — any change to a module whose services restart (its tasks fail while it puppetizes); a
 *          major bump elsewhere; a downgrade; a bump that cannot be classified; a new pre-release;
 *          a new requirement or Requires-Python change; a target that lost its wheel; metadata that
 *          could not be read; a warning finding; files not yet on the mirror (first puppet pass fails).
 * low    — everything else (patch, post, dev, local bumps with nothing above).
 * The PR: hold if any module is high, land when someone can watch the puppet runs if any is
 * medium, else land any time.
 */
import { tryParseVersion } from '../pep440/index.js';
import { highestBump } from './bump.js';
import { MIRROR_CODES } from './mirror.js';
import type { BriefChange, ModuleBrief, ModuleOperations, Recommendation, RiskLevel, RiskReason } from './types.js';

const LEVELS: readonly RiskLevel[] = ['low', 'medium', 'high'];

function fromTo(c: BriefChange): string {
  return `${c.name} ${c.from?.version ?? c.from?.specifier ?? '?'} → ${c.to?.version ?? c.to?.specifier ?? '?'}`;
}

function needsRestart(ops: ModuleOperations): boolean {
  return ops.restart !== null || ops.services.length > 0;
}

function restartText(ops: ModuleOperations): string {
  return ops.restart ?? `restart ${ops.services.join(', ')}`;
}

function changeReasons(module: string, ops: ModuleOperations, c: BriefChange): RiskReason[] {
  const out: RiskReason[] = [];
  const kind = c.bump?.kind;
  if (kind === 'major' || kind === 'epoch') {
    out.push(needsRestart(ops)
      ? { level: 'high', text: `${fromTo(c)} is a ${kind} bump, and ${module} needs a restart (${restartText(ops)})` }
      : { level: 'medium', text: `${fromTo(c)} is a ${kind} bump` });
  } else if (kind === 'downgrade') out.push({ level: 'medium', text: `${fromTo(c)} is a downgrade` });
  else if (kind === 'unknown') out.push({ level: 'medium', text: `${fromTo(c)}: the bump cannot be classified (${c.bump?.detail ?? 'not PEP 440'})` });
  const addedPrerelease = c.kind === 'added' && (tryParseVersion(c.to?.version ?? '')?.isPrerelease ?? false);
  if (c.bump?.toPrerelease || addedPrerelease) out.push({ level: 'medium', text: `${c.name} ${c.to?.version ?? ''} is a pre-release` });
  const f = c.facts;
  if (f) {
    // A nodownload pin's metadata is on the mirror or nowhere: its absence there is the mirror state's reason.
    if (f.metadata !== 'ok') out.push({ level: c.to?.nodownload ? 'low' : 'medium', text: `metadata could not be read: ${f.metadata.unavailable}` });
    if (f.requiresPython) out.push({ level: 'medium', text: `${c.name} ${c.to?.version ?? ''} changes Requires-Python: ${f.requiresPython.from ?? '(none)'} → ${f.requiresPython.to ?? '(none)'}` });
    if (f.requirements.added.length > 0 && c.kind === 'changed') out.push({ level: 'medium', text: `${c.name} ${c.to?.version ?? ''} adds requirements: ${f.requirements.added.join(', ')}` });
    for (const rc of f.requirements.changed) out.push({ level: 'low', text: `${c.name} ${c.to?.version ?? ''} changes its requirement ${rc.from} → ${rc.to}` });
    for (const lost of f.lostWheels) out.push({ level: 'medium', text: `${c.name} ${c.to?.version ?? ''} has no wheel for ${lost.target} (${lost.had} had one): it builds from source there` });
  }
  for (const finding of c.findings) {
    // Files missing on the mirror are expected in a pyup PR: the mirror state below weighs them.
    if (finding.check === 'wheels' && MIRROR_CODES.has(finding.code)) continue;
    if (finding.severity === 'error') out.push({ level: 'high', text: `${finding.check}: ${finding.message}` });
    else if (finding.severity === 'warning') out.push({ level: 'medium', text: `${finding.check}: ${finding.message}` });
  }
  if (c.mirror.status === 'absent') out.push({ level: 'high', text: `no file on any mirror: ${c.mirror.detail}` });
  if (c.mirror.status === 'missing') out.push({ level: 'medium', text: `not on the mirror yet (${c.mirror.targets.join(', ')}): the first puppet pass fails until it is uploaded` });
  return out;
}

function maxLevel(reasons: readonly RiskReason[]): RiskLevel {
  return reasons.reduce<RiskLevel>((m, r) => (LEVELS.indexOf(r.level) > LEVELS.indexOf(m) ? r.level : m), 'low');
}

/** A module's risk from its changes and operations. */
export function moduleBrief(module: string, operations: ModuleOperations, changes: BriefChange[]): ModuleBrief {
  const reasons: RiskReason[] = [];
  const seen = new Set<string>();
  const add = (r: RiskReason): void => {
    if (!seen.has(r.text)) reasons.push(r);
    seen.add(r.text);
  };
  for (const c of changes) changeReasons(module, operations, c).forEach(add);
  if (changes.length > 0 && needsRestart(operations)) {
    const where = operations.machines.length > 0 ? ` on ${operations.machines.join(', ')}` : '';
    add({ level: 'medium', text: `${module} changes: ${restartText(operations)}; its tasks fail while the machines puppetize${where}` });
  }
  if (changes.length > 0 && !operations.configured) add({ level: 'low', text: `${module} has no entry under modules: in the repository config: restarts and machines unknown` });
  const highest = highestBump(changes.map((c) => c.bump?.kind).filter((k) => k !== undefined));
  if (reasons.length === 0) add({ level: 'low', text: highest ? `only ${highest}-level changes` : 'pins added or removed only' });
  const order = (r: RiskReason): number => -LEVELS.indexOf(r.level);
  reasons.sort((a, b) => order(a) - order(b));
  const notOnMirror = changes.flatMap((c) =>
    c.mirror.status === 'missing' || c.mirror.status === 'absent' ? [{ package: c.package, version: c.to?.version ?? null, status: c.mirror.status, detail: c.mirror.detail }] : [],
  );
  return { module, operations, changes, highestBump: highest, risk: maxLevel(reasons), reasons, notOnMirror };
}

/** The whole PR: hold, land when watched, or land any time, with the reasons that decided it. */
export function recommend(modules: readonly ModuleBrief[]): { action: Recommendation; text: string; reasons: string[] } {
  if (modules.length === 0) return { action: 'land-any-time', text: 'land any time: no pin changes', reasons: [] };
  const at = (level: RiskLevel): string[] => modules.flatMap((m) => m.reasons.filter((r) => r.level === level).map((r) => `${m.module}: ${r.text}`));
  const high = at('high');
  if (high.length > 0) return { action: 'hold', text: 'hold: fix what is listed, or land it deliberately at a quiet time with the restarts planned', reasons: high };
  const medium = at('medium');
  if (medium.length > 0) {
    const machines = [...new Set(modules.filter((m) => m.risk === 'medium').flatMap((m) => m.operations.machines))];
    const where = machines.length > 0 ? ` on ${machines.join(', ')}` : '';
    return { action: 'land-when-watched', text: `land when someone can watch the puppet runs${where}, and not right before a release`, reasons: medium };
  }
  return { action: 'land-any-time', text: 'land any time', reasons: modules.flatMap((m) => m.reasons.map((r) => `${m.module}: ${r.text}`)) };
}
