/** Requires-Python as pip applies it: an absent or unparseable value admits every python. */
import { SpecifierSet } from '../../pep440/index.js';

export function pythonAllows(requiresPython: string | null, pythonFull: string): boolean {
  if (!requiresPython || requiresPython.trim() === '') return true;
  try {
    return SpecifierSet.parse(requiresPython).contains(pythonFull, { prereleases: true });
  } catch {
    return true;
  }
}
