/**
 * `fix --stale`: the stale-ignores check's blocking-ignore joint updates (update the dependent and the
 * ignored dependency together, and drop the ignore) as fix plans, so the same patch, hash and compat
 * verification path writes them as a second patch (`fix-stale.patch`). The ignore comments are not
 * removed by the patch: dropping a `# pyup: ignore` is the reviewer's call, and the finding says so.
 */
import type { FilePlan, PlannedChange } from '../checks/index.js';
import { DEFAULT_BOUNDS } from '../checks/index.js';
import type { Finding } from '../findings/index.js';
import type { Inventory } from '../inventory/index.js';
import { compareVersions } from '../pep440/index.js';

function kindOf(from: string, to: string): PlannedChange['kind'] {
  try {
    return compareVersions(to, from) < 0 ? 'downgrade' : 'upgrade';
  } catch {
    return 'upgrade';
  }
}

/** One plan per file with a joint update; the first proposal for a package wins (later ones that disagree are listed as conflicts). */
export function stalePlans(inventory: Inventory, findings: readonly Finding[]): FilePlan[] {
  const plans: FilePlan[] = [];
  for (const file of inventory.files) {
    const byPackage = new Map<string, PlannedChange>();
    const conflict: string[] = [];
    for (const f of findings) {
      if (f.check !== 'stale-ignores' || f.code !== 'blocking-ignore' || f.file !== file.path) continue;
      for (const c of f.suggestion?.changes ?? []) {
        const pin = file.pins.find((p) => p.package === c.package && p.source === null);
        if (!pin || c.from === null || c.to === null || c.from === c.to) continue;
        const seen = byPackage.get(c.package);
        if (seen && seen.to !== c.to) conflict.push(`${pin.name}: ${seen.to} and ${c.to} are both proposed; ${seen.to} kept`);
        if (seen) continue;
        byPackage.set(c.package, { package: c.package, name: pin.name, line: pin.line, from: c.from, to: c.to, kind: kindOf(c.from, c.to), distance: 0, why: f.suggestion?.text ?? '' });
      }
    }
    if (byPackage.size === 0) continue;
    const changes = [...byPackage.values()].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    plans.push({ file: file.path, module: file.module, status: 'fixed', changes, conflict: [...new Set(conflict)], blockedByIgnore: [], pending: false, nodes: 0, exhausted: false, bounds: DEFAULT_BOUNDS });
  }
  return plans;
}
