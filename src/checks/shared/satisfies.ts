/**
 * The two version questions every check asks, decided as the hosts' pip does:
 * - does an installed version satisfy a requirement (pip check: pre-releases admitted; the pips on our
 *   hosts, 18 to 23, use packaging 21.3, so legacy specifiers and versions follow its rules);
 * - does a Requires-Python admit a python (src/pypi's rule, pip's `check_requires_python`).
 */
import { legacyAwareContains } from '../../pep440/index.js';
import { requiresPythonAllows } from '../../pypi/index.js';

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

/** pip's Requires-Python rule, the one src/pypi owns (files and METADATA alike). */
export function pythonAllows(requiresPython: string | null, pythonFull: string): boolean {
  return requiresPythonAllows(requiresPython, pythonFull);
}
