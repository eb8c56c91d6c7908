// Brute force for the fix tests: every combination of up to k changed or added pins, over the search's own candidates.
import type { Lookups } from '../../../src/checks/index.js';
import { additionsOf, movesOf } from '../../../src/checks/fix/domain.js';
import type { Candidate } from '../../../src/checks/fix/domain.js';
import { evaluate } from '../../../src/checks/fix/model.js';
import type { InventoryFile } from '../../../src/inventory/index.js';
import type { ProjectName } from '../../../src/names/index.js';

/** The fewest changed/added pins (up to k) after which the file's model is clean, over the search's own candidates. */
export function bruteMinimum(file: InventoryFile, lookups: Lookups, names: readonly ProjectName[], k: number, includeIgnored = true): number | null {
  const pinned = new Map(file.pins.map((p) => [p.package, p]));
  const domains: Array<{ pkg: ProjectName; name: string; cands: Candidate[] }> = [];
  for (const pkg of names) {
    const pin = pinned.get(pkg);
    if (pin && (pin.version === null || pin.direct || pin.nodownload || (pin.ignore && !includeIgnored))) continue;
    const cands = pin ? movesOf(lookups, file, pin) : additionsOf(lookups, file, pkg);
    domains.push({ pkg, name: pin?.name ?? pkg, cands: cands ?? [] });
  }
  const clean = (a: Map<ProjectName, { name: string; version: string }>): boolean => {
    const ev = evaluate(file, lookups, a);
    return !ev.pending && ev.infrastructure === null && ev.violations.length === 0;
  };
  if (clean(new Map())) return 0;
  const choose = (start: number, left: number, a: Map<ProjectName, { name: string; version: string }>): boolean => {
    if (left === 0) return clean(a);
    for (let i = start; i < domains.length; i++) {
      const d = domains[i]!;
      for (const c of d.cands) {
        a.set(d.pkg, { name: d.name, version: c.release.version });
        if (choose(i + 1, left - 1, a)) return true;
        a.delete(d.pkg);
      }
    }
    return false;
  };
  for (let n = 1; n <= k; n++) if (choose(0, n, new Map())) return n;
  return null;
}
