/**
 * The oracle side of the compat differential test: what real pip says about one requirements file on
 * one interpreter. `pip install --no-deps --no-index --find-links DIR --target T -r FILE`, then
 * `PYTHONPATH=T python -m pip check` (pip check reads every distribution on sys.path, so the target
 * dir is seen by pip 19/2.7, 18/3.6 and 23/3.11 alike, and 2.7 needs no venv module).
 * When the install is refused (a release's Requires-Python excludes this python) it is repeated with
 * `--ignore-requires-python`, so pip check still judges the rest of the file.
 * Traps: pip check also lists what the interpreter itself has installed (3.11's site-packages is
 * large), so lines are kept only for dependents of the test universe and any other line is returned
 * separately for the caller to fail on; pip 18/19 and 23 word the conflict line alike, but 23 reads
 * metadata through importlib.metadata and 18/19 through pkg_resources.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pip } from '../../support/pip-run.js';

/** PEP 503 normalisation, written out here so the oracle does not lean on src/names. */
export function canonical(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

export interface PipCheckProblem {
  kind: 'conflict' | 'missing';
  /** Canonical names. */
  dependent: string;
  dependency: string;
  line: string;
}

export interface PipCheckOutput {
  problems: PipCheckProblem[];
  /** Lines that are neither a problem nor pip's all-clear. */
  unparsed: string[];
}

// "x 1.0 requires y, which is not installed."
const MISSING = /^(\S+) (\S+) requires (\S+), which is not installed\.$/;
// "x 1.0 has requirement y<2; marker, but you have y 2.0."  (pip 18/19/23)
const CONFLICT = /^(\S+) (\S+) has requirement (.+), but you have (\S+) (\S+?)\.?$/;

/** Parse `pip check` stdout (pip 18.1, 19.2.3, 23.2.1 wording). */
export function parsePipCheck(stdout: string): PipCheckOutput {
  const out: PipCheckOutput = { problems: [], unparsed: [] };
  for (const raw of stdout.split('\n')) {
    const line = raw.trim();
    if (line === '' || line === 'No broken requirements found.') continue;
    const missing = MISSING.exec(line);
    if (missing) {
      out.problems.push({ kind: 'missing', dependent: canonical(missing[1] ?? ''), dependency: canonical(missing[3] ?? ''), line });
      continue;
    }
    const conflict = CONFLICT.exec(line);
    if (conflict) {
      out.problems.push({ kind: 'conflict', dependent: canonical(conflict[1] ?? ''), dependency: canonical(conflict[4] ?? ''), line });
      continue;
    }
    out.unparsed.push(line);
  }
  return out;
}

export interface PipVerdict {
  /** The plain install failed (pip refused a release for this python). */
  installRefused: boolean;
  installOutput: string;
  checkExitCode: number;
  /** Problems whose dependent is in the universe. */
  problems: PipCheckProblem[];
  /** pip check lines about anything else, or that did not parse: the oracle is not clean. */
  foreign: string[];
}

const PIP_ARGS = ['install', '--no-deps', '--no-index', '--no-compile', '--disable-pip-version-check', '-q'];

/**
 * Install `requirements` with `python`'s pip into a fresh dir under `workDir`, then pip check it.
 * Throws when even `--ignore-requires-python` cannot install the file: that is a broken fixture.
 */
export async function pipVerdict(python: string, linksDir: string, requirements: string, workDir: string, universe: ReadonlySet<string>): Promise<PipVerdict> {
  const target = join(workDir, 'target');
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  const common = [...PIP_ARGS, '--find-links', linksDir, '--target', target, '-r', requirements];
  const first = await pip(python, common);
  const installRefused = first.exitCode !== 0;
  if (installRefused) {
    await rm(target, { recursive: true, force: true });
    const again = await pip(python, [...common, '--ignore-requires-python']);
    if (again.exitCode !== 0) {
      throw new Error(`${python} could not install ${requirements} even with --ignore-requires-python:\n${again.stdout}\n${again.stderr}`);
    }
  }
  const check = await pip(python, ['check'], { PYTHONPATH: target });
  const parsed = parsePipCheck(check.stdout);
  const problems = parsed.problems.filter((p) => universe.has(p.dependent));
  const foreign = [...parsed.problems.filter((p) => !universe.has(p.dependent)).map((p) => p.line), ...parsed.unparsed];
  return { installRefused, installOutput: `${first.stdout}${first.stderr}`, checkExitCode: check.exitCode, problems, foreign };
}
