/**
 * A release's dependencies (Requires-Dist) parsed once, then filtered per target environment and
 * requested extras, as pip evaluates them (`extra` markers only apply when that extra is requested).
 */
import { evaluateMarker, parseRequirement } from '../../pep508/index.js';
import type { MarkerEnvironment, Requirement } from '../../pep508/index.js';
import type { CoreMetadata } from '../../pypi/index.js';

export interface ParsedDependencies {
  requirements: Requirement[];
  /** Requires-Dist lines that do not parse: pip would fail on them too. */
  invalid: Array<{ text: string; reason: string }>;
}

const cache = new WeakMap<CoreMetadata, ParsedDependencies>();

export function dependenciesOf(metadata: CoreMetadata): ParsedDependencies {
  const hit = cache.get(metadata);
  if (hit) return hit;
  const out: ParsedDependencies = { requirements: [], invalid: [] };
  for (const text of metadata.requiresDist) {
    try {
      out.requirements.push(parseRequirement(text, { allowLegacySpecifiers: true }));
    } catch (error) {
      out.invalid.push({ text, reason: error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error) });
    }
  }
  cache.set(metadata, out);
  return out;
}

/** The requirements that apply on this environment with these extras requested. */
export function applicableRequirements(
  deps: ParsedDependencies,
  env: MarkerEnvironment,
  extras: readonly string[],
): Requirement[] {
  return deps.requirements.filter((r) => {
    if (r.marker === null) return true;
    try {
      return evaluateMarker(r.marker, env, extras);
    } catch {
      // packaging raises here too (e.g. `platform_release >= "5"` on a non-PEP 440 release string);
      // pip then fails on the marker, and the requirement is not installed either way.
      return false;
    }
  });
}
