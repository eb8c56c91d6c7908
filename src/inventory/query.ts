/** Questions the checks ask of the inventory, per target. */
import { evaluateMarker } from '../pep508/index.js';
import type { Target } from '../targets/index.js';
import { markerEnvironment } from '../targets/index.js';
import type { InventoryFile, Pin } from './types.js';

/** The pins pip would install on this target: those whose environment marker holds there. */
export function pinsForTarget(file: InventoryFile, target: Target): Pin[] {
  const env = markerEnvironment(target);
  return file.pins.filter((p) => {
    if (p.marker === null) return true;
    try {
      return evaluateMarker(p.marker, env);
    } catch {
      return false; // packaging raises on such a marker (e.g. a version comparison on a non-version); pip installs nothing for it
    }
  });
}

/** Every module's files, grouped, in path order. */
export function filesByModule(files: readonly InventoryFile[]): Map<string, InventoryFile[]> {
  const out = new Map<string, InventoryFile[]>();
  for (const f of files) {
    const list = out.get(f.module) ?? [];
    list.push(f);
    out.set(f.module, list);
  }
  return out;
}
