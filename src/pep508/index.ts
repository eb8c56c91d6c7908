/**
 * PEP 508 dependency specifiers: `parseRequirement`, and environment markers (parse, print, evaluate).
 *
 * Spec: https://packaging.python.org/en/latest/specifications/dependency-specifiers/
 * Reference behaviour: pypa/packaging 24.1 as vendored by pip 24.2 (a tokenizer plus a
 * recursive-descent parser, not regular expressions over whole lines); `allowLegacySpecifiers`
 * adds packaging 21.3's LegacySpecifier (pip ≤ 24.0). Differential tests: test/oracle/pep508.test.ts.
 * Layer 1: imports only names and pep440. Evaluation never reads the host; pass a MarkerEnvironment.
 */
export { MarkerEvaluationError, RequirementParseError } from './errors.js';
export { evaluateMarker, markerMentionsExtra, markerToString, parseMarker } from './markers/index.js';
export type {
  Marker,
  MarkerBoolOp,
  MarkerComparison,
  MarkerEnvironment,
  MarkerList,
  MarkerOperand,
  MarkerOperator,
  MarkerTerm,
  MarkerVariable,
} from './markers/index.js';
export { parseRequirement } from './requirement.js';
export type { ParseRequirementOptions, Requirement, RequirementSpecifier } from './requirement.js';
