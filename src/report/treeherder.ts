/**
 * What Treeherder reads from a task: log lines and the mozlog error summary.
 * - Log lines `TEST-UNEXPECTED-FAIL | <file>:<line> | <check> <target>: <message>`: Treeherder's
 *   log parser classifies lines starting with TEST-UNEXPECTED-* as failures and shows the
 *   `|`-separated fields; so every field is kept on one line.
 * - `public/test_info/<check>_errorsummary.log`: JSON lines as written by mozlog's
 *   ErrorSummaryFormatter (testing/mozbase/mozlog/mozlog/formatters/errorsummary.py): one
 *   `test_groups` line, a `test_result` line per unexpected result, then one `group_result`
 *   line per group (status OK | ERROR | SKIP). Every line also carries `action` and a running
 *   `line` number. Groups here are the requirement files; tests are `<file>:<line>`.
 *   Unsupported: timings (duration is 0), crashes, `log` lines.
 */
import type { Finding, Report } from '../findings/index.js';
import { sortFindings } from '../findings/index.js';
import { location, oneLine } from './common.js';

const errorsOf = (report: Report): Finding[] => sortFindings(report.findings).filter((f) => f.severity === 'error');

/** One TEST-UNEXPECTED-FAIL line per error finding. */
export function renderTreeherderLines(report: Report): string[] {
  return errorsOf(report).map(
    (f) => `TEST-UNEXPECTED-FAIL | ${location(f)} | ${f.check} ${f.target ?? 'all targets'}: ${oneLine(f.message)}`,
  );
}

type GroupStatus = 'OK' | 'ERROR' | 'SKIP';

/** The mozlog errorsummary JSON lines for one check; ends with a newline. */
export function renderErrorSummary(report: Report, check: string): string {
  const rows = report.results.filter((r) => r.check === check);
  const errors = errorsOf(report).filter((f) => f.check === check);
  // Groups: the files this check looked at (from its rows, or every file when it has none).
  const groups = new Set<string>(rows.length > 0 ? rows.map((r) => r.file) : report.files.map((f) => f.path));
  for (const f of errors) groups.add(f.file);
  const sorted = [...groups].sort();

  const status = new Map<string, GroupStatus>();
  for (const g of sorted) {
    const own = rows.filter((r) => r.file === g);
    const failed = own.some((r) => r.status === 'fail' || r.status === 'error') || errors.some((f) => f.file === g);
    const skipped = own.length > 0 && own.every((r) => r.status === 'skip');
    status.set(g, failed ? 'ERROR' : skipped ? 'SKIP' : 'OK');
  }

  const lines: string[] = [];
  const emit = (action: string, data: Record<string, unknown>): void => {
    lines.push(JSON.stringify({ ...data, action, line: lines.length }));
  };
  emit('test_groups', { groups: sorted });
  for (const f of errors) {
    const fix = f.suggestion ? ` (fix: ${f.suggestion.text})` : '';
    emit('test_result', {
      test: location(f),
      subtest: `${f.code}${f.package ? ` ${f.package}` : ''} [${f.target ?? 'all targets'}]`,
      group: f.file,
      status: 'FAIL',
      expected: 'PASS',
      message: oneLine(f.message) + fix,
      stack: null,
      modifiers: '',
      known_intermittent: [],
    });
  }
  for (const g of sorted) emit('group_result', { group: g, status: status.get(g) ?? 'OK', duration: 0 });
  return `${lines.join('\n')}\n`;
}

