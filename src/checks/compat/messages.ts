/** pip's own wording for what compat finds, so the report reads like the failure engineers know. */
import { EGG_SKIPPED } from '../shared/index.js';

/** pip's legacy resolver's line (pip 18/19 install, and the contract's example). */
export function conflictMessage(dependent: string, dependentVersion: string, requirement: string, dep: string, depVersion: string): string {
  return `${dependent} ${dependentVersion} has requirement ${requirement}, but you'll have ${dep} ${depVersion} which is incompatible.`;
}

/** `pip check`'s line for a requirement that nothing in the file provides. */
export function missingMessage(dependent: string, dependentVersion: string, dep: string): string {
  return `${dependent} ${dependentVersion} requires ${dep}, which is not installed.`;
}

/** A requirement the venv's own copy meets (see checks/shared/seeded.ts): pip check finds it, whoever pinned it. */
export function seededMessage(dependent: string, dependentVersion: string, dep: string, python: string): string {
  return `${dependent} ${dependentVersion} requires ${dep}, which the file does not pin: a virtual environment for python ${python} starts with its own ${dep} (venv and virtualenv install it), so pip check finds it installed, at whatever version the venv was made with.`;
}

/** pip's "Could not find a version" error for a pin the index does not have; with the eggs it lists of that version, which pip skips. */
export function unknownVersionMessage(requirement: string, available: readonly string[], eggs: readonly string[] = []): string {
  const shown = available.length > 30 ? ['…', ...available.slice(-30)] : available;
  const list = shown.length > 0 ? shown.join(', ') : 'none';
  const onlyEggs = eggs.length > 0 ? `: the index has only ${eggs.join(', ')} of it (${EGG_SKIPPED})` : '';
  return `Could not find a version that satisfies the requirement ${requirement} (from versions: ${list}). No matching distribution found for ${requirement}${onlyEggs}`;
}

/** pip's install-time Requires-Python refusal. */
export function requiresPythonMessage(name: string, python: string, requiresPython: string): string {
  return `Package '${name}' requires a different Python: ${python} not in '${requiresPython}'`;
}

export function yankedMessage(name: string, version: string, reason: string | null): string {
  return `${name} ${version} is yanked${reason ? ` (reason: ${reason})` : ''}: pip installs it only because it is pinned with ==, and warns`;
}

export function doubleRequirementMessage(text: string, previous: string, name: string): string {
  return `Double requirement given: ${text} (already in ${previous}, name='${name}')`;
}
