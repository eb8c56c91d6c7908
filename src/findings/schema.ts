/**
 * report.json v1 as a zod schema, built from the codes table and kept beside the types: a report
 * read back (results, reproduce, the brief, tests) is parsed, never cast. The `Agree` checks below
 * fail the typecheck when `Report` (types.ts) and the schema drift apart, so a new field is added
 * in both or the build breaks.
 */
import { z } from 'zod';
import { CHECK_IDS, CODES, FINDING_CODES, SEVERITIES } from './codes.js';
import type { FindingCode } from './codes.js';
import type { Finding, Report } from './types.js';

const checkId = z.enum(CHECK_IDS);
const suggestion = z
  .object({
    text: z.string(),
    changes: z.array(z.object({ package: z.string(), from: z.string().nullable(), to: z.string().nullable() }).strict()),
  })
  .strict();

function findingSchema<C extends FindingCode>(code: C) {
  const spec = CODES[code];
  const checks = Object.keys(spec.checks).filter((c): c is (typeof CHECK_IDS)[number] => (CHECK_IDS as readonly string[]).includes(c));
  return z
    .object({
      check: z.enum(checks as [(typeof CHECK_IDS)[number], ...(typeof CHECK_IDS)[number][]]),
      code: z.literal(code),
      severity: z.enum(spec.severities as unknown as [(typeof SEVERITIES)[number], ...(typeof SEVERITIES)[number][]]),
      module: z.string(),
      file: z.string(),
      line: z.number().nullable(),
      target: z.string().nullable(),
      package: z.string().nullable(),
      version: z.string().nullable(),
      message: z.string(),
      details: spec.details,
      suggestion: suggestion.nullable(),
    })
    .strict();
}

const [firstCode, ...otherCodes] = FINDING_CODES;
if (!firstCode) throw new Error('the codes table is empty');

/**
 * One finding, checked against its code's row: check, severity and details. The static type is
 * `Finding` (types.ts); the runtime shape comes from the same table, and the round-trip test parses
 * every code's real output.
 */
export const FindingSchema: z.ZodType<Finding, z.ZodTypeDef, unknown> = z.discriminatedUnion('code', [
  findingSchema(firstCode),
  ...otherCodes.map((c) => findingSchema(c)),
]) as unknown as z.ZodType<Finding, z.ZodTypeDef, unknown>;

const ReportBody = z
  .object({
    version: z.literal(1),
    tool: z.object({ name: z.literal('pyup-checks'), version: z.string() }).strict(),
    checks: z.array(checkId),
    targets: z.array(z.object({ id: z.string(), python: z.string(), platform: z.string() }).strict()),
    files: z.array(
      z
        .object({
          path: z.string(),
          module: z.string(),
          targets: z.array(z.string()),
          ignoreFile: z.boolean(),
          pins: z.array(
            z
              .object({
                name: z.string(),
                version: z.string().nullable(),
                specifier: z.string(),
                line: z.number(),
                ignore: z.boolean(),
                filter: z.string().nullable(),
                nodownload: z.boolean(),
                marker: z.string().nullable(),
                extras: z.array(z.string()),
                hashes: z.array(z.string()),
                source: z.object({ file: z.string(), line: z.number() }).strict().nullable(),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
    results: z.array(
      z.object({ check: checkId, module: z.string(), file: z.string(), target: z.string(), status: z.enum(['pass', 'fail', 'error', 'skip']) }).strict(),
    ),
    summary: z.object({ errors: z.number(), warnings: z.number(), infos: z.number() }).strict(),
    // Additive: what the run asked of the index (issue 10).
    stats: z
      .object({
        index: z
          .object({
            requests: z.number(), pages: z.number(), metadataFiles: z.number(), ranges: z.number(), downloads: z.number(),
            retries: z.number(), timeouts: z.number(), setAside: z.number().optional(), cacheHits: z.number(), conditional: z.number(), notModified: z.number(), bytes: z.number(),
          })
          .strict(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const ReportSchema: z.ZodType<Report, z.ZodTypeDef, unknown> = ReportBody.extend({ findings: z.array(FindingSchema) });

// Everything in Report but the findings (whose per-code types are checked by the round-trip test)
// must match the schema both ways.
type Body = z.infer<typeof ReportBody>;
type Agree<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const reportAgrees: Agree<Body, Omit<Report, 'findings'>> = true;
void reportAgrees;

/** Thrown when JSON text is not a report.json v1; `cause` keeps the ZodError with every issue. */
export class ReportParseError extends Error {
  override name = 'ReportParseError';
}

/** A report read back from JSON text: parsed against the schema, never cast. */
export function parseReport(text: string): Report {
  const parsed = ReportSchema.safeParse(JSON.parse(text));
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const where = first && first.path.length > 0 ? first.path.join('.') : 'the report';
  throw new ReportParseError(`not a report.json v1: ${where}: ${first?.message ?? 'invalid'}`, { cause: parsed.error });
}
