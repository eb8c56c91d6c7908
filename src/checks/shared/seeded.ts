/**
 * The packages a virtual environment starts with, which `pip check` finds installed though no
 * requirements file pins them: pip always (ensurepip, virtualenv), setuptools below Python 3.12
 * (ensurepip stopped installing it with 3.12, virtualenv followed for 3.12+). The version seeded
 * depends on the python and the tool that made the venv, so only a requirement without a version
 * specifier is known to be met by it; one with a specifier still needs a pin.
 * Not seeded here: wheel (virtualenv installs it, venv never does; a host made with venv lacks it).
 */
import type { ProjectName } from '../../names/index.js';
import type { Target } from '../../targets/index.js';

/** The seeded package a requirement names, when the venv's own copy meets it on `target`; else null. */
export function seededFor(target: Target, name: ProjectName, specifier: string): ProjectName | null {
  if (specifier !== '') return null;
  if (name === 'pip') return name;
  if (name === 'setuptools' && olderThan312(target.python)) return name;
  return null;
}

function olderThan312(python: string): boolean {
  const [major = 0, minor = 0] = python.split('.').map(Number);
  return major < 3 || (major === 3 && minor < 12);
}
