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

// A release is installed by many files on the same few targets: what applies is kept per release,
// environment and extras (the same answer for every module that pins it, in every round).
const applicable = new WeakMap<ParsedDependencies, Map<string, readonly Requirement[]>>();
const envKeys = new WeakMap<MarkerEnvironment, string>();

function envKey(env: MarkerEnvironment): string {
  let key = envKeys.get(env);
  if (key === undefined) {
    key = Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join('\0');
    envKeys.set(env, key);
  }
  return key;
}

/** The requirements that apply on this environment with these extras requested (shared between equal questions: read-only). */
export function applicableRequirements(
  deps: ParsedDependencies,
  env: MarkerEnvironment,
  extras: readonly string[],
): readonly Requirement[] {
  if (deps.requirements.length === 0) return deps.requirements;
  let byQuestion = applicable.get(deps);
  if (!byQuestion) applicable.set(deps, (byQuestion = new Map()));
  const key = `${envKey(env)}\u0001${extras.join('\0')}`;
  let hit = byQuestion.get(key);
  if (!hit) byQuestion.set(key, (hit = evaluateApplicable(deps, env, extras)));
  return hit;
}

function evaluateApplicable(deps: ParsedDependencies, env: MarkerEnvironment, extras: readonly string[]): Requirement[] {
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
