/**
 * A task's `public/report.json`, read back for `results`: is it a pyup-checks report (version 1,
 * `tool.name` "pyup-checks", CONTRACT.md "report.json"), and if so its checks, targets, result
 * rows and summary. Parsed with zod, never cast: a report.json of another tool is "not ours", a
 * pyup-checks report that does not match the contract (or is not JSON) is a problem to show on
 * the task. Only the fields `results` uses are checked; the rest passes through.
 */
import { z } from 'zod';

const Status = z.enum(['pass', 'fail', 'error', 'skip']);
const Row = z.object({ check: z.string().min(1), module: z.string(), file: z.string(), target: z.string().min(1), status: Status }).passthrough();
const Target = z.object({ id: z.string().min(1), python: z.string() }).passthrough();
const Summary = z.object({ errors: z.number().int().nonnegative(), warnings: z.number().int().nonnegative() }).passthrough();
const PyupReport = z
  .object({
    version: z.literal(1),
    tool: z.object({ name: z.literal('pyup-checks'), version: z.string() }).passthrough(),
    checks: z.array(z.string().min(1)),
    targets: z.array(Target),
    results: z.array(Row),
    summary: Summary,
  })
  .passthrough();
/** Just enough to tell whose report it is. */
const Tool = z.object({ tool: z.object({ name: z.string() }).passthrough() }).passthrough();

export type ReportRow = z.infer<typeof Row>;

export interface ReadReport {
  checks: string[];
  /** Target ids with their python (`py3.6-linux-x86_64` → 3.6). */
  targets: Array<{ id: string; python: string }>;
  rows: ReportRow[];
  summary: { errors: number; warnings: number };
}

export type ReportVerdict =
  | { kind: 'report'; report: ReadReport }
  /** A report.json another tool wrote (its tool.name), or none at all. */
  | { kind: 'not-ours'; why: string }
  | { kind: 'problem'; problem: string };

const firstLine = (s: string): string => s.split('\n')[0] ?? s;
const issues = (e: z.ZodError): string => e.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');

/**
 * What a report.json body says. `claimed`: the task definition says it runs pyup-checks
 * (`extra.pyupChecks`), so a report without a pyup-checks `tool.name` is a problem too.
 */
export function readReportArtifact(body: string, claimed: boolean): ReportVerdict {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    return { kind: 'problem', problem: `public/report.json is not JSON: ${firstLine(error instanceof Error ? error.message : String(error))}` };
  }
  const tool = Tool.safeParse(data);
  if (!tool.success || tool.data.tool.name !== 'pyup-checks') {
    const name = tool.success ? `tool.name ${JSON.stringify(tool.data.tool.name)}` : 'no tool.name';
    return claimed ? { kind: 'problem', problem: `public/report.json is not a pyup-checks report (${name})` } : { kind: 'not-ours', why: `its public/report.json has ${name}` };
  }
  const parsed = PyupReport.safeParse(data);
  if (!parsed.success) return { kind: 'problem', problem: `public/report.json does not match the pyup-checks report format: ${issues(parsed.error)}` };
  const r = parsed.data;
  return { kind: 'report', report: { checks: r.checks, targets: r.targets.map((t) => ({ id: t.id, python: t.python })), rows: r.results, summary: { errors: r.summary.errors, warnings: r.summary.warnings } } };
}
