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

/** Whether the venv's own copy of `name` meets a requirement on it with `specifier` on `target`. */
export function isSeeded(target: Target, name: ProjectName, specifier: string): boolean {
  if (specifier !== '') return false;
  return name === 'pip' || (name === 'setuptools' && olderThan312(target.python));
}

function olderThan312(python: string): boolean {
  const [major = 0, minor = 0] = python.split('.').map(Number);
  return major < 3 || (major === 3 && minor < 12);
}
