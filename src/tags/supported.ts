/**
 * Ordered supported-tag lists for a CPython target, as packaging's `cpython_tags` + `compatible_tags`.
 *
 * Spec: https://packaging.python.org/en/latest/specifications/platform-compatibility-tags/
 * Reference semantics: packaging `tags.py` (`cpython_tags`, `_cpython_abis`, `compatible_tags`),
 * which pip's `get_supported()` returns for a default interpreter.
 * Supported: explicit python version, ABI list and platform list; the default ABI of a stock build
 * (`cp3Ym` with pymalloc for 3.3–3.7, `cp3Y` from 3.8; no debug builds). Before 3.3 the ABI names the
 * unicode width of the build, which packaging reads from the running interpreter: Linux distributions
 * build UCS-4 (`cp27mu`), while CPython's default, and so the python.org macOS and Windows builds, is
 * UCS-2 (`cp27m`: every macOS and Windows 2.7 wheel on PyPI).
 * Traps: `abi3` and `none` given in `abis` are moved to their normal place rather than first;
 * abi3 applies from 3.2 and never to free-threaded (`t`) builds; older `cp3X-abi3` tags follow the
 * `none` tags; `compatible_tags` yields `pyXY`, `pyX`, then every older `pyX(Y-1)`…`pyX0`, all
 * platforms first, then `<interp>-none-any`, then the `py*-none-any` tags; `cp310` has no dot.
 */
import { makeTag, type Tag } from './tag.js';
import { platformTags, type PlatformDescription } from './platform.js';

export type PythonVersion = [number, number];

function nodot([major, minor]: PythonVersion): string {
  return `${major}${minor}`;
}

/**
 * The ABI tag of a stock (non-debug, GIL) CPython build of this version on `os`, as packaging computes
 * it on such a build.
 */
export function defaultCpythonAbis(python: PythonVersion, os: PlatformDescription['os'] = 'linux'): string[] {
  const [major, minor] = python;
  const old = major < 3 || (major === 3 && minor < 8);
  const pymalloc = old ? 'm' : '';
  // Before 3.3 (PEP 393) the ABI depended on the unicode width: UCS-4 on Linux, UCS-2 elsewhere.
  const ucs4 = (major < 3 || (major === 3 && minor < 3)) && os === 'linux' ? 'u' : '';
  return [`cp${nodot(python)}${pymalloc}${ucs4}`];
}

function isThreaded(abis: string[]): boolean {
  const m = /^cp\d+(.*)$/.exec(abis[0] ?? '');
  return m !== null && (m[1] ?? '').includes('t');
}

/**
 * packaging's `cpython_tags(python_version, abis, platforms)`: interpreter ABIs, then abi3, then
 * none, then abi3 of older minors. `abis` null means {@link defaultCpythonAbis} of a Linux build.
 */
export function cpythonTags(pythonVersion: PythonVersion, abis: string[] | null, platforms: string[]): Tag[] {
  const interpreter = `cp${nodot(pythonVersion)}`;
  const explicit = (abis ?? defaultCpythonAbis(pythonVersion)).filter((a) => a !== 'abi3' && a !== 'none');
  const tags: Tag[] = [];
  for (const abi of explicit) for (const p of platforms) tags.push(makeTag(interpreter, abi, p));
  const [major, minor] = pythonVersion;
  const useAbi3 = (major > 3 || (major === 3 && minor >= 2)) && !isThreaded(explicit);
  if (useAbi3) for (const p of platforms) tags.push(makeTag(interpreter, 'abi3', p));
  for (const p of platforms) tags.push(makeTag(interpreter, 'none', p));
  if (useAbi3) {
    for (let m = minor - 1; m > 1; m--) {
      for (const p of platforms) tags.push(makeTag(`cp${nodot([major, m])}`, 'abi3', p));
    }
  }
  return tags;
}

function pyInterpreterRange([major, minor]: PythonVersion): string[] {
  const out = [`py${nodot([major, minor])}`, `py${major}`];
  for (let m = minor - 1; m >= 0; m--) out.push(`py${nodot([major, m])}`);
  return out;
}

/** packaging's `compatible_tags(python_version, interpreter, platforms)`: pure-python tags. */
export function compatibleTags(pythonVersion: PythonVersion, interpreter: string, platforms: string[]): Tag[] {
  const versions = pyInterpreterRange(pythonVersion);
  const tags: Tag[] = [];
  for (const v of versions) for (const p of platforms) tags.push(makeTag(v, 'none', p));
  if (interpreter) tags.push(makeTag(interpreter, 'none', 'any'));
  for (const v of versions) tags.push(makeTag(v, 'none', 'any'));
  return tags;
}

/** Every tag a CPython `python` on `platform` installs, best first (pip's `get_supported()`). */
export function supportedTags(python: PythonVersion, platform: PlatformDescription, opts?: { abis?: string[] }): Tag[] {
  const platforms = platformTags(platform);
  return [
    ...cpythonTags(python, opts?.abis ?? defaultCpythonAbis(python, platform.os), platforms),
    ...compatibleTags(python, `cp${nodot(python)}`, platforms),
  ];
}
