/**
 * requirements.txt as pip reads it, plus the pyup / build-puppet directives in its comments.
 *
 * Spec: https://pip.pypa.io/en/stable/reference/requirements-file-format/ (pip 23.2 as the reference
 * reader); directives per pyup's `requirements.py` and dparse's `parser.py`.
 * Pure: text in, entries with spans plus diagnostics out; `-r`/`-c` go through a reader callback.
 * Each module lists its own traps: lines.ts (comments, continuations), options.ts (optparse),
 * requirement.ts (what pip makes of the requirement text), directives.ts (pyup / puppet).
 */
export type {
  Directives,
  IncludeReader,
  OptionEntry,
  ParseOptions,
  ParsedRequirementsFile,
  RequirementEntry,
  RequirementKind,
  RequirementsDiagnostic,
  RequirementsDiagnosticCode,
  Span,
} from './types.js';
export { parseRequirementsFile, MAX_INCLUDE_DEPTH, PARSE_BUDGET } from './parse.js';
export { parseDirectives, normalizePythonVersion } from './directives.js';
