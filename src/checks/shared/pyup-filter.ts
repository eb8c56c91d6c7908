/**
 * The version filter pyup applies to a pin (`# pyup: <spec>`, `# rq.filter: <spec>`), as pyup's
 * `Requirement.filter` and `get_latest_version_within_specs` apply it: `~=` rewritten to `==` (so
 * `# pyup: ~=1.2` admits 1.2 only), an unparsable filter dropped, `until YYYY-MM-DD` kept as text (no
 * clock here). Shared: stale-ignores judges filters, fix keeps every proposed release inside one.
 */
import { SpecifierSet } from '../../pep440/index.js';
import type { Directives } from '../../requirements/index.js';

export interface PyupFilter {
  /** As written after `pyup:` / `rq.filter:`. */
  text: string;
  /** The specifier pyup matches releases against (after its `~=` → `==` rewrite). */
  applied: string;
  set: SpecifierSet;
  /** `~=` was rewritten: pyup's reading differs from PEP 440's. */
  rewritten: boolean;
  /** `until YYYY-MM-DD`: pyup drops the filter after that date (this check has no clock). */
  until: string | null;
}

/** The filter pyup applies to a pin, or null when it applies none (no filter, or one it cannot parse). */
export function pyupFilter(d: Directives): PyupFilter | null {
  if (!d.filter || d.filter.specifier === null) return null;
  const applied = d.filter.specifier.replace(/~=/g, '==');
  let set: SpecifierSet;
  try {
    set = SpecifierSet.parse(applied);
  } catch {
    return null; // a legacy specifier our PEP 440 matcher cannot apply: treated as no filter
  }
  const until = d.policies.find((p) => p.startsWith('until '))?.slice('until '.length) ?? null;
  return { text: d.filter.text, applied, set, rewritten: applied !== d.filter.specifier, until };
}
