/**
 * The two version questions every check asks, decided as the hosts' pip does:
 * - does an installed version satisfy a requirement (pip check: pre-releases admitted; the pips on our
 *   hosts, 18 to 23, use packaging 21.3, so legacy specifiers and versions follow its rules);
 * - does a Requires-Python admit a python (absent or unparsable admits every python, as pip does).
 */
import { legacyAwareContains, SpecifierSet } from '../../pep440/index.js';

const verdicts = new Map<string, boolean>();

export function satisfies(specifier: string, version: string): boolean {
  if (specifier.trim() === '') return true;
  const key = `${specifier}\u0000${version}`;
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    verdict = legacyAwareContains(specifier, version);
    if (verdicts.size > 100_000) verdicts.clear();
    verdicts.set(key, verdict);
  }
  return verdict;
}

const pythonVerdicts = new Map<string, boolean>();

export function pythonAllows(requiresPython: string | null, pythonFull: string): boolean {
  if (!requiresPython || requiresPython.trim() === '') return true;
  // Asked per release and target on every search: parse each Requires-Python once.
  const key = `${requiresPython}\u0000${pythonFull}`;
  let verdict = pythonVerdicts.get(key);
  if (verdict === undefined) {
    try {
      verdict = SpecifierSet.parse(requiresPython).contains(pythonFull, { prereleases: true });
    } catch {
      verdict = true;
    }
    if (pythonVerdicts.size > 10_000) pythonVerdicts.clear();
    pythonVerdicts.set(key, verdict);
  }
  return verdict;
}
