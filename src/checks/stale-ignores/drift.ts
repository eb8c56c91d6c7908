/**
 * pin-drift (info): one package pinned at different versions in different modules, where a higher
 * pin from another module would fit the lower module: a usable release there (not yanked, a file and
 * Requires-Python for each of the pin's targets), accepted by every dependent pinned in the lower
 * file, and whose own requirements on each target are met by that file's pins (a requirement the
 * file does not pin counts only if the lower release already had it). The highest such pin is named.
 * A higher pin whose metadata the index lost is not proposed: it is a pin of the run, so its own file
 * already has the index-error (at that pin's line) that makes the run exit 3.
 */
import type { Finding } from '../../findings/index.js';
import type { ProjectName } from '../../names/index.js';
import { compareVersions, tryParseVersion } from '../../pep440/index.js';
import type { Version } from '../../pep440/index.js';
import { findRelease, releasesOfState, satisfies, unusable } from '../shared/index.js';
import type { Lookups } from '../shared/index.js';
import { rejectingEdges } from './candidates.js';
import type { FileGraph, FilePin } from './graph.js';
import { edgesOn, unmetOwnRequirements } from './graph.js';

interface Placed {
  graph: FileGraph;
  rp: FilePin;
  version: string;
  /** Parsed once: every pin of a package is compared with every other. */
  parsed: Version;
}

export function driftFindings(lookups: Lookups, graphs: readonly FileGraph[]): Finding[] {
  const byName = new Map<ProjectName, Placed[]>();
  for (const graph of graphs) {
    for (const rp of graph.byName.values()) {
      const v = rp.pin.version;
      const parsed = v === null || rp.pin.direct || rp.pin.nodownload ? null : tryParseVersion(v);
      if (v === null || parsed === null) continue;
      const placed = byName.get(rp.pin.package);
      if (placed) placed.push({ graph, rp, version: v, parsed });
      else byName.set(rp.pin.package, [{ graph, rp, version: v, parsed }]);
    }
  }
  const out: Finding[] = [];
  for (const [name, placed] of byName) {
    if (new Set(placed.map((p) => p.version)).size < 2) continue;
    for (const low of placed) {
      const higher = placed
        .filter((p) => p.graph.file.module !== low.graph.file.module && compareVersions(p.parsed, low.parsed) > 0)
        .sort((a, b) => compareVersions(b.parsed, a.parsed));
      const tried = new Set<string>(); // many modules share a version: whether it fits here is asked once
      for (const high of higher) {
        if (tried.has(high.version)) continue;
        tried.add(high.version);
        if (!fits(lookups, low, high.version, name)) continue;
        const where = [...new Set(higher.filter((h) => h.version === high.version).map((h) => `${h.graph.file.path}:${h.rp.pin.line}`))];
        out.push({
          check: 'stale-ignores', code: 'pin-drift', severity: 'info', module: low.graph.file.module, file: low.graph.file.path, line: low.rp.pin.line,
          target: null, package: name, version: low.version,
          message: `${low.rp.pin.name} is pinned at ${low.version} here but at ${high.version} in ${where.join(', ')}; ${high.version} fits this module too (every pinned dependent accepts it and its own requirements are met on every target), so the pins can be aligned.`,
          details: { pinnedElsewhere: where, higher: high.version, modules: [...new Set(higher.map((h) => h.graph.file.module))] },
          suggestion: { text: `pin ${low.rp.pin.name}==${high.version} to match ${high.graph.file.module}`, changes: [{ package: name, from: low.version, to: high.version }] },
        });
        break;
      }
    }
  }
  return out;
}

function fits(lookups: Lookups, low: Placed, version: string, name: ProjectName): boolean {
  const { graph, rp } = low;
  if (rp.targets.length === 0) return false;
  const release = findRelease(releasesOfState(lookups.project(name)), version);
  if (!release) return false;
  if (unusable(lookups, { name, targets: rp.targets, allowPrerelease: true }, release)) return false;
  if (rejectingEdges(edgesOn(graph, name).filter((e) => rp.targets.includes(e.target)), version).length > 0) return false;
  if (lookups.metadata(name, release.version)?.status !== 'ok') return false;
  return unmetOwnRequirements(lookups, graph, rp, release.version, satisfies).length === 0;
}
