/**
 * Target python versions: `--python 3.6`, `36`, `3.6.5`, `py2.7`, and the `# python_version: 36` header.
 *
 * A target python is a minor series (`3.6`) plus the exact release markers see as
 * `python_full_version`; unless given, that is the last release of the series, because machines
 * built from these requirements run a patched interpreter of that minor.
 * Traps: `310` is 3.10, not 31.0 (the first digit is always the major); pre-release full versions
 * (`3.13.0rc1`) are allowed since markers compare them; only CPython 2 and 3 are described.
 */
import { TargetParseError } from './errors.js';

/** Last release of each minor (as of 2024-12); a newer unknown minor defaults to `X.Y.0`. */
const LAST_RELEASE: Readonly<Record<string, string>> = {
  '2.6': '2.6.9',
  '2.7': '2.7.18',
  '3.0': '3.0.1',
  '3.1': '3.1.5',
  '3.2': '3.2.6',
  '3.3': '3.3.7',
  '3.4': '3.4.10',
  '3.5': '3.5.10',
  '3.6': '3.6.15',
  '3.7': '3.7.17',
  '3.8': '3.8.20',
  '3.9': '3.9.21',
  '3.10': '3.10.16',
  '3.11': '3.11.11',
  '3.12': '3.12.8',
  '3.13': '3.13.1',
};

const DOTTED = /^(\d+)\.(\d+)(?:\.(\d+)((?:a|b|rc)\d+)?)?$/;
const NODOT = /^(\d)(\d+)$/;

/** Parses `3.6`, `36`, `310`, `3.6.5`, `2.7` (optionally prefixed `py`/`python`). */
export function parsePython(text: string): { python: string; pythonFull: string } {
  const trimmed = text.trim();
  const body = trimmed.replace(/^(?:python|py)/i, '');
  const offset = trimmed.length - body.length;
  let major: number;
  let minor: number;
  let full: string | null = null;
  const dotted = DOTTED.exec(body);
  const nodot = NODOT.exec(body);
  if (dotted) {
    major = Number(dotted[1]);
    minor = Number(dotted[2]);
    if (dotted[3] !== undefined) full = `${major}.${minor}.${Number(dotted[3])}${dotted[4] ?? ''}`;
  } else if (nodot) {
    major = Number(nodot[1]);
    minor = Number(nodot[2]);
  } else {
    throw new TargetParseError("expected a python version like '3.6', '36' or '3.6.5'", text, offset);
  }
  if (major !== 2 && major !== 3) throw new TargetParseError(`python ${major}.x is not a CPython we can describe`, text, offset);
  const python = `${major}.${minor}`;
  return { python, pythonFull: full ?? LAST_RELEASE[python] ?? `${python}.0` };
}
