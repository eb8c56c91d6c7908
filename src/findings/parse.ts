/**
 * report.json (version 1, CONTRACT.md) read back: parsed with zod, never cast, so a renderer of a
 * report from elsewhere (another task, an older run, a hand-edited file) reads fields it can trust.
 * Unknown keys pass through the outer objects (newer writers add fields); a value of the wrong
 * type is a ReportParseError naming the first few paths. Pin fields added after version 1's first
 * writers (`marker`, `extras`, `hashes`, `source`) are optional on input.
 */
import { z } from 'zod';
import type { Report } from './types.js';

const CHECK = z.enum(['inventory', 'compat', 'wheels', 'stale-ignores']);
const SEVERITY = z.enum(['error', 'warning', 'info']);
const STATUS = z.enum(['pass', 'fail', 'error', 'skip']);
const CODE = z.string().min(1) as unknown as z.ZodType<Report['findings'][number]['code']>;

const Pin = z
  .object({
    name: z.string(),
    version: z.string().nullable(),
    specifier: z.string(),
    line: z.number().int(),
    ignore: z.boolean(),
    filter: z.string().nullable(),
    nodownload: z.boolean(),
  })
  .passthrough();

const ReportSchema = z
  .object({
    version: z.literal(1),
    tool: z.object({ name: z.literal('pyup-checks'), version: z.string() }).passthrough(),
    checks: z.array(CHECK),
    targets: z.array(z.object({ id: z.string().min(1), python: z.string(), platform: z.string() }).passthrough()),
    files: z.array(
      z.object({ path: z.string(), module: z.string(), targets: z.array(z.string()), ignoreFile: z.boolean(), pins: z.array(Pin) }).passthrough(),
    ),
    results: z.array(z.object({ check: CHECK, module: z.string(), file: z.string(), target: z.string(), status: STATUS }).passthrough()),
    findings: z.array(
      z
        .object({
          check: CHECK,
          code: CODE,
          severity: SEVERITY,
          module: z.string(),
          file: z.string(),
          line: z.number().int().nullable(),
          target: z.string().nullable(),
          package: z.string().nullable(),
          version: z.string().nullable(),
          message: z.string(),
          details: z.record(z.unknown()),
          suggestion: z
            .object({
              text: z.string(),
              changes: z.array(z.object({ package: z.string(), from: z.string().nullable(), to: z.string().nullable() }).passthrough()),
            })
            .passthrough()
            .nullable(),
        })
        .passthrough(),
    ),
    summary: z.object({ errors: z.number().int().nonnegative(), warnings: z.number().int().nonnegative(), infos: z.number().int().nonnegative() }).passthrough(),
  })
  .passthrough();

/** report.json that is not JSON, or not a pyup-checks report of version 1. */
export class ReportParseError extends Error {
  readonly input: string;
  readonly offset = 0;
  constructor(message: string, input: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReportParseError';
    this.input = input.slice(0, 200);
  }
}

/** A Report from report.json's text (or an already parsed value). */
export function parseReport(input: string | unknown): Report {
  let data: unknown = input;
  const text = typeof input === 'string' ? input : '';
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch (cause) {
      throw new ReportParseError(`report.json is not JSON: ${cause instanceof Error ? cause.message : String(cause)}`, text, { cause });
    }
  }
  const parsed = ReportSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ReportParseError(`not a pyup-checks report.json (version 1): ${issues.join('; ')}`, text, { cause: parsed.error });
  }
  // The schema checks every field the Report type declares; passthrough keeps the extras.
  const report: Report = parsed.data;
  return report;
}
