// Generated reports for the report.html tests: a puppet repository far larger than build-puppet
// (200 modules × 6 targets, 5,000 findings over compat, wheels and stale-ignores, typed per code), and a small one
// whose every name and message is hostile HTML.
import { buildReport } from '../../src/findings/index.js';
import type { CheckId, Finding, Report, ReportFile, ResultRow, ResultStatus } from '../../src/findings/index.js';

const PYTHONS = ['2.7', '3.6', '3.7'];
const PLATFORMS = ['linux-x86_64', 'macos-x86_64'];

export function largeReport(modules = 200, findingCount = 5000): Report {
  const targets = PYTHONS.flatMap((python) => PLATFORMS.map((platform) => ({ id: `py${python}-${platform}`, python, platform })));
  const ids = targets.map((t) => t.id);
  const files: ReportFile[] = [];
  for (let m = 0; m < modules; m++) {
    const module = `module_${String(m).padStart(3, '0')}`;
    const pins = Array.from({ length: 30 }, (_, i) => ({ name: `pkg-${i}`, version: `1.${i}.0`, specifier: `==1.${i}.0`, line: i + 2, ignore: i % 7 === 0, filter: null, nodownload: false, marker: null, extras: [], hashes: [], source: null }));
    files.push({ path: `modules/${module}/files/requirements.txt`, module, targets: ids, ignoreFile: false, pins });
  }
  const checks: CheckId[] = ['compat', 'wheels', 'stale-ignores'];
  const results: ResultRow[] = [];
  const statusOf = (m: number, t: number, c: number): ResultStatus => {
    const k = (m * 7 + t * 3 + c) % 23;
    return k === 0 ? 'error' : k < 6 ? 'fail' : k === 22 ? 'skip' : 'pass';
  };
  files.forEach((f, m) => checks.forEach((check, c) => ids.forEach((target, t) => results.push({ check, module: f.module, file: f.path, target, status: statusOf(m, t, c) }))));
  const failing = results.filter((r) => r.status === 'fail' || r.status === 'error');
  const findings: Finding[] = [];
  for (let i = 0; i < findingCount; i++) {
    // Every failing cell gets error findings first, then warnings spread over the rest.
    const cell = failing[i % failing.length]!;
    const line = 2 + (i % 30);
    const pkg = `pkg-${line - 2}`;
    const version = `1.${line - 2}.0`;
    const where = { module: cell.module, file: cell.file, line, target: cell.target, package: pkg, version };
    const fix = { text: `pin ${pkg}==0.9.${i % 10} (highest release satisfying every pinned dependent)`, changes: [{ package: pkg, from: version, to: `0.9.${i % 10}` }] };
    const message = `${pkg} ${version} finding ${i}: dependent-${i % 17} 2.0 has requirement ${pkg}<1.0, but you'll have ${pkg} ${version} which is incompatible.`;
    if (cell.check !== 'compat') {
      findings.push({ check: cell.check === 'wheels' ? 'wheels' : 'stale-ignores', code: 'index-error', severity: 'error', ...where, message, details: { where: 'index', lost: 'page', url: `http://127.0.0.1:9/simple/${pkg}/`, host: '127.0.0.1:9', reason: 'timed out after 400 ms after 3 retries' }, suggestion: fix });
      continue;
    }
    const severity = i < failing.length * 2 ? 'error' : 'warning';
    findings.push({
      check: 'compat', code: 'conflict', severity, ...where, message,
      details: { requiredBy: { package: `dependent-${i % 17}`, version: '2.0', specifier: '<1.0', marker: null }, viaExtra: false },
      suggestion: fix,
    });
  }
  return buildReport({ toolVersion: '0.1.0', checks: ['inventory', ...checks], targets, files, results, findings });
}

export const HOSTILE = {
  module: 'evil"><img src=x onerror=alert(1)>',
  file: 'modules/evil"><img src=x onerror=alert(1)>/files/requirements.txt',
  message: "</script><script>alert('owned')</script><style>body{display:none}</style> & <b>bold</b>",
  fix: 'pin <iframe src="https://example.com/"></iframe>==1',
};

/** A report whose names, messages and fixes are markup that must show as text. */
export function hostileReport(): Report {
  const target = { id: 'py3.6-linux-x86_64', python: '3.6', platform: 'linux-x86_64' };
  const file: ReportFile = { path: HOSTILE.file, module: HOSTILE.module, targets: [target.id], ignoreFile: false, pins: [] };
  return buildReport({
    toolVersion: '0.1.0', checks: ['inventory', 'compat'], targets: [target], files: [file],
    results: [{ check: 'compat', module: HOSTILE.module, file: HOSTILE.file, target: target.id, status: 'fail' }],
    findings: [{
      check: 'compat', code: 'conflict', severity: 'error', module: HOSTILE.module, file: HOSTILE.file, line: 3, target: target.id,
      package: '<svg onload=alert(2)>', version: '1"', message: HOSTILE.message, details: { requiredBy: { package: '<img src=x>', version: '1', specifier: 'javascript:alert(3)', marker: null }, viaExtra: false },
      suggestion: { text: HOSTILE.fix, changes: [] },
    }],
  });
}
