/** Small hand-built reports for the renderer tests. */
import { CODES, FindingSchema, buildReport } from '../../src/findings/index.js';
import type { CheckId, DetailsOf, Finding, FindingCode, Report, ReportFile, ResultRow, ResultStatus, Severity } from '../../src/findings/index.js';

export const T36 = 'py3.6-linux-x86_64';
export const T37 = 'py3.7-linux-x86_64';
export const TARGETS = [
  { id: T36, python: '3.6', platform: 'linux-x86_64' },
  { id: T37, python: '3.7', platform: 'linux-x86_64' },
];

export function file(path: string, module: string, pins: Array<[name: string, version: string, line: number]>, targets = [T36, T37]): ReportFile {
  return {
    path,
    module,
    targets,
    ignoreFile: false,
    pins: pins.map(([name, version, line]) => ({ name, version, specifier: `==${version}`, line, ignore: false, filter: null, nodownload: false, marker: null, extras: [], hashes: [], source: null })),
  };
}

/** Real details for the codes the renderer tests use (a finding of a code always carries its details). */
const DETAILS: { [C in FindingCode]?: DetailsOf<C> } = {
  conflict: { requiredBy: { package: 'taskcluster', version: '5.0.0', specifier: '<11,>=10.1.0', marker: null }, viaExtra: false },
  'missing-dependency': { requiredBy: { package: 'taskcluster', version: '5.0.0', specifier: '>=1.0', marker: null }, viaExtra: false },
  'requires-python': { requiresPython: '>=3.7', source: 'metadata' },
  'metadata-unavailable': { reason: 'six-1.15.0-py2.py3-none-any.whl: no .dist-info/METADATA in the wheel' },
  'index-error': {
    where: 'index', lost: 'metadata', url: 'https://files.pypi.test/six-1.15.0-py2.py3-none-any.whl', host: 'files.pypi.test',
    reason: 'six-1.15.0-py2.py3-none-any.whl: HTTP 503 after 3 retries (https://files.pypi.test/six-1.15.0-py2.py3-none-any.whl)',
  },
  yanked: { reason: null },
  'invalid-line': {},
  'unknown-version': {},
  'missing-on-mirror': {
    file: { filename: 'yarl-1.2.6-cp37-cp37m-manylinux1_x86_64.whl', url: 'https://files.pypi.test/yarl.whl', sha256: null, kind: 'wheel', size: null, yanked: null },
    mirror: '/srv/mirror', mirrorFolder: '/srv/mirror', onMirror: [], mirrors: ['/srv/mirror'], pipCommand: 'pip install yarl==1.2.6',
  },
  'nodownload-skipped': { reason: 'the mirror has no file of it' },
};

type Over = Partial<Omit<Finding, 'check' | 'code' | 'severity' | 'details'>> &
  Pick<Finding, 'file' | 'module'> & { check?: CheckId; code?: FindingCode; severity?: Severity; details?: unknown };

/** A finding for renderer tests, checked against its code's row (check, severity, details) like a report read back. */
export function finding(over: Over): Finding {
  const code = over.code ?? 'conflict';
  const [firstCheck] = Object.keys(CODES[code].checks);
  return FindingSchema.parse({
    check: firstCheck,
    severity: 'error',
    line: null,
    target: null,
    package: null,
    version: null,
    message: 'something is wrong',
    details: DETAILS[code] ?? {},
    suggestion: null,
    ...over,
    code,
  });
}

export function err(f: ReportFile, line: number | null, target: string | null, message: string, extra: Partial<Over> = {}): Finding {
  return finding({ file: f.path, module: f.module, line, target, message, ...extra });
}

export function sev(severity: Severity, f: ReportFile, line: number | null, target: string | null, message: string, extra: Partial<Over> = {}): Finding {
  return finding({ file: f.path, module: f.module, line, target, message, severity, code: severity === 'info' ? 'nodownload-skipped' : 'yanked', ...extra });
}

/** Result rows for every file × its targets; `status` overrides by `${path}@${target}`. */
export function rows(check: CheckId, files: ReportFile[], status: Record<string, ResultStatus> = {}): ResultRow[] {
  return files.flatMap((f) =>
    f.targets.map((target) => ({ check, module: f.module, file: f.path, target, status: status[`${f.path}@${target}`] ?? 'pass' })),
  );
}

export function report(parts: { files: ReportFile[]; findings?: Finding[]; results?: ResultRow[]; checks?: CheckId[]; targets?: Report['targets'] }): Report {
  return buildReport({
    toolVersion: '0.1.0',
    checks: parts.checks ?? ['compat'],
    targets: parts.targets ?? TARGETS,
    files: parts.files,
    results: parts.results ?? rows('compat', parts.files),
    findings: parts.findings ?? [],
  });
}

/** Two modules, one with two files; an error on one target, an error on all, a warning and an info. */
export function sampleReport(): Report {
  const a = file('modules/a/files/requirements.txt', 'a', [['taskcluster', '5.0.0', 3], ['taskcluster-urls', '11.0.0', 4]]);
  const b1 = file('modules/b/files/requirements.txt', 'b', [['six', '1.16.0', 1]]);
  const b2 = file('modules/b/files/mac_requirements.txt', 'b', [['six', '1.15.0', 1]], [T37]);
  const conflict = {
    code: 'conflict' as const,
    package: 'taskcluster-urls',
    version: '11.0.0',
    suggestion: { text: 'pin taskcluster-urls==10.1.2', changes: [{ package: 'taskcluster-urls', from: '11.0.0', to: '10.1.2' }] },
  };
  return report({
    files: [a, b1, b2],
    results: rows('compat', [a, b1, b2], { [`${a.path}@${T36}`]: 'fail', [`${a.path}@${T37}`]: 'fail', [`${b2.path}@${T37}`]: 'error' }),
    findings: [
      err(a, 4, T36, 'taskcluster 5.0.0 has requirement taskcluster-urls<11,>=10.1.0, but you have taskcluster-urls 11.0.0.', conflict),
      err(a, 4, T37, 'taskcluster 5.0.0 has requirement taskcluster-urls<11,>=10.1.0, but you have taskcluster-urls 11.0.0.', conflict),
      err(a, 3, T36, 'taskcluster 5.0.0 requires Python >=3.7', { code: 'requires-python', package: 'taskcluster', version: '5.0.0' }),
      // A file-level compat error (compat never raises invalid-line: the inventory does).
      err(a, null, null, 'line 9: invalid requirement', { code: 'unknown-version' }),
      sev('warning', b1, 1, T36, 'six 1.16.0 is yanked', { package: 'six', version: '1.16.0' }),
      sev('info', b1, 1, null, 'six is ignored because x needs it'),
      err(b2, 1, T37, 'Could not fetch URL https://files.pypi.test/six-1.15.0-py2.py3-none-any.whl: 503 Server Error (HTTP 503 after 3 retries): the metadata of six 1.15.0 could not be fetched from files.pypi.test, so its dependencies were not checked', { code: 'index-error', package: 'six', version: '1.15.0' }),
    ],
  });
}
