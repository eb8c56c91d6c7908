/**
 * junit.xml for Taskcluster, Treeherder and any JUnit reader (built with junit-report-builder 5;
 * a fresh builder per call, never its module-global instance, so calls cannot leak into each other).
 * Layout: one <testsuite> per check × module × target ("compat/<module>/<target>"), one <testcase>
 * per pin ("<name><specifier> (line N)", classname "<check>.<module>.<target>"); a finding off any
 * pin (line null, or a line with no pin) goes to a testcase named after the file.
 * Invariant the tests rely on: the document's failure count equals the report's error findings.
 * Hence: a pin with several error findings gets one extra testcase per further error
 * ("… [code]"), and findings with target null (true on every target) go to one
 * "<check>/<module>/all-targets" suite rather than being repeated in each target's suite.
 * Cells with status 'error' add an <error> testcase (counted as errors, not failures) whose message
 * says what the index lost (the cell's index-error, else its file's or module's all-targets one); 'skip'
 * cells a <skipped/> one, and their clean pins are not listed (they were not checked).
 * Warnings and infos go to the testcase's <system-out>.
 */
import { createRequire } from 'node:module';
import type { Builder, TestCase, TestSuite } from 'junit-report-builder';
import type { CheckId, Finding, Report, ReportFile, ResultStatus } from '../findings/index.js';
import { sortFindings } from '../findings/index.js';
import { fileTargets, location, reportChecks } from './common.js';
import { compareText } from '../order/index.js';

// The package is CommonJS whose `module.exports` is the builder, while its typings declare an ES
// default export; require() gives the real object under the type it actually has. Required on the
// first report, not at import: it bundles lodash and takes ~90 ms to load, which every start-up
// (--help, --version, decision, brief) would otherwise pay.
let junitRoot: Builder | null = null;
const junit = (): Builder => (junitRoot ??= createRequire(import.meta.url)('junit-report-builder') as Builder);

/** The pseudo-target of findings that hold for every target. */
export const ALL_TARGETS = 'all-targets';

interface Cell {
  status: ResultStatus | null;
  findings: Finding[];
}

interface Suite {
  check: CheckId;
  module: string;
  target: string;
  files: Map<string, Cell>;
}

function cellOf(suites: Map<string, Suite>, check: CheckId, module: string, target: string, file: string): Cell {
  const key = JSON.stringify([check, module, target]);
  let suite = suites.get(key);
  if (!suite) {
    suite = { check, module, target, files: new Map() };
    suites.set(key, suite);
  }
  let cell = suite.files.get(file);
  if (!cell) {
    cell = { status: null, findings: [] };
    suite.files.set(file, cell);
  }
  return cell;
}

/** Every (check, module, target, file) cell with its status and findings; each finding lands in exactly one. */
function collectSuites(report: Report): Suite[] {
  const suites = new Map<string, Suite>();
  for (const check of reportChecks(report)) {
    const rows = report.results.filter((r) => r.check === check);
    if (rows.length > 0) {
      for (const r of rows) cellOf(suites, check, r.module, r.target, r.file).status = r.status;
    } else if (report.checks.includes(check)) {
      // A check without result rows (e.g. inventory) still covers every file on its targets.
      for (const f of report.files) for (const t of fileTargets(report, f.path)) cellOf(suites, check, f.module, t, f.path);
    }
  }
  for (const f of sortFindings(report.findings)) cellOf(suites, f.check, f.module, f.target ?? ALL_TARGETS, f.file).findings.push(f);
  const rank = new Map(report.targets.map((t, i) => [t.id, i]));
  const targetRank = (t: string): number => (t === ALL_TARGETS ? -1 : (rank.get(t) ?? Infinity));
  const checks = reportChecks(report);
  return [...suites.values()].sort(
    (a, b) =>
      checks.indexOf(a.check) - checks.indexOf(b.check) ||
      compareText(a.module, b.module) ||
      targetRank(a.target) - targetRank(b.target) ||
      compareText(a.target, b.target),
  );
}

function describe(f: Finding): string {
  const lines = [`${location(f)}: ${f.severity} ${f.code}${f.target ? ` [${f.target}]` : ''}`, f.message];
  if (f.suggestion) lines.push(`fix: ${f.suggestion.text}`);
  return lines.join('\n');
}

/** Fills one testcase from its findings; returns the extra testcases' findings (errors beyond the first). */
function fill(tc: TestCase, findings: Finding[]): Finding[] {
  const errors = findings.filter((f) => f.severity === 'error');
  const others = findings.filter((f) => f.severity !== 'error');
  const first = errors[0];
  if (first) tc.failure(first.message, first.code).stacktrace(describe(first));
  if (others.length > 0) tc.standardOutput(others.map(describe).join('\n\n'));
  return errors.slice(1);
}

function addCase(suite: TestSuite, classname: string, name: string, file: string, findings: Finding[]): void {
  const extra = fill(suite.testCase().className(classname).name(name).file(file), findings);
  const seen = new Map<string, number>();
  for (const f of extra) {
    const n = (seen.get(f.code) ?? 0) + 1;
    seen.set(f.code, n);
    const suffix = n > 1 ? ` #${n}` : '';
    fill(suite.testCase().className(classname).name(`${name} [${f.code}]${suffix}`).file(file), [f]);
  }
}

function pinCaseName(pin: ReportFile['pins'][number], path: string, manyFiles: boolean): string {
  return `${pin.name}${pin.specifier} (${manyFiles ? `${path} ` : ''}line ${pin.line})`;
}

/** junit.xml text for `report`. */
export function renderJunit(report: Report): string {
  const builder = junit().newBuilder().name('pyup-checks');
  const filesByPath = new Map(report.files.map((f) => [f.path, f]));
  const suites = collectSuites(report);
  // An index-error true on every target (stale-ignores') sits in the all-targets suite: the error cells of its module say it too.
  const everywhere = new Map<string, Finding[]>();
  for (const s of suites) {
    if (s.target !== ALL_TARGETS) continue;
    const key = JSON.stringify([s.check, s.module]);
    const list = everywhere.get(key) ?? [];
    for (const cell of s.files.values()) list.push(...cell.findings.filter((f) => f.code === 'index-error'));
    everywhere.set(key, list);
  }
  for (const s of suites) {
    const suite = builder.testSuite().name(`${s.check}/${s.module}/${s.target}`);
    const classname = `${s.check}.${s.module}.${s.target}`;
    const manyFiles = s.files.size > 1;
    for (const [path, cell] of [...s.files].sort(([a], [b]) => compareText(a, b))) {
      const pins = filesByPath.get(path)?.pins ?? [];
      const onPin = new Set<Finding>();
      // Pins are only "passed" where the cell was actually checked.
      const listClean = s.target !== ALL_TARGETS && (cell.status === null || cell.status === 'pass' || cell.status === 'fail');
      if (cell.status === 'error') {
        // Say why in the error's own message (what the index failed to deliver, from which host), as the findings do.
        const shared = everywhere.get(JSON.stringify([s.check, s.module])) ?? [];
        const lost = cell.findings.find((f) => f.code === 'index-error') ?? shared.find((f) => f.file === path) ?? shared[0];
        suite.testCase().className(classname).name(`${path} (could not be checked)`).file(path)
          .error(`${s.check} could not check ${path} on ${s.target}${lost ? `: ${lost.message}` : ''}`, 'could-not-check');
      } else if (cell.status === 'skip') {
        suite.testCase().className(classname).name(`${path} (skipped)`).file(path).skipped();
      }
      // Findings by line, built once: a lookup per pin, not a scan of every finding (50,000 pins).
      const byLine = new Map<number, Finding[]>();
      for (const f of cell.findings) {
        if (f.line === null) continue;
        const list = byLine.get(f.line);
        if (list) list.push(f);
        else byLine.set(f.line, [f]);
      }
      for (const pin of pins) {
        const here = (byLine.get(pin.line) ?? []).filter((f) => !onPin.has(f));
        here.forEach((f) => onPin.add(f));
        if (here.length > 0 || listClean) addCase(suite, classname, pinCaseName(pin, path, manyFiles), path, here);
      }
      const offPin = cell.findings.filter((f) => !onPin.has(f));
      if (offPin.length > 0) addCase(suite, classname, path, path, offPin);
    }
  }
  return `${builder.build()}\n`;
}
