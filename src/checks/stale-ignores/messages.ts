/** The sentences of stale-ignores findings: each names the pin, the directive and what to do. */
import type { DetailsOf } from '../../findings/index.js';
import { markerToString } from '../../pep508/index.js';
import type { Target } from '../../targets/index.js';
import type { Edge } from '../shared/index.js';

/** `module1 1.5.0 requires module2<3.0 (on py3.6-linux-x86_64)`, the targets named only when not all. */
export function requiredByText(edges: readonly Edge[], allTargets: readonly Target[]): string {
  const groups = new Map<string, { text: string; targets: Set<string> }>();
  for (const e of edges) {
    const d = e.dependent;
    const text = `${d.metadata?.name ?? d.pin.name} ${d.release?.version ?? d.pin.version ?? '?'} requires ${e.requirement.name}${e.requirement.specifier || ' (any version)'}`;
    const g = groups.get(text) ?? { text, targets: new Set<string>() };
    g.targets.add(e.target.id);
    groups.set(text, g);
  }
  return [...groups.values()]
    .map((g) => (g.targets.size === allTargets.length ? g.text : `${g.text} on ${[...g.targets].join(', ')}`))
    .join('; ');
}

export function edgeDetails(edges: readonly Edge[]): DetailsOf<'stale-ignore'>['requiredBy'] {
  return edges.map((e) => ({
    package: e.dependent.pin.package,
    version: e.dependent.release?.version ?? e.dependent.pin.version,
    specifier: e.requirement.specifier,
    marker: e.requirement.marker ? markerToString(e.requirement.marker) : null,
    target: e.target.id,
    line: e.dependent.pin.line,
  }));
}

/** One finding per listed target; null alone when the subset is every target of the file. */
export function targetIds(all: readonly Target[], subset: readonly Target[]): Array<string | null> {
  const ids = [...new Set(subset.map((t) => t.id))];
  const allIds = new Set(all.map((t) => t.id));
  if (ids.length === 0 || ids.length === allIds.size) return [null];
  return ids;
}

export function quote(text: string): string {
  return `"${text}"`;
}
