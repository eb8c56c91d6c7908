/**
 * The marker AST: the same shape packaging keeps in `Marker._markers`, typed.
 *
 * Spec: https://packaging.python.org/en/latest/specifications/dependency-specifiers/#environment-markers
 * A marker is a flat list of terms joined by `and`/`or` (precedence is applied at evaluation, as
 * packaging does); a parenthesised term is a nested list. Keeping packaging's shape lets
 * `markerToString` reproduce `str(Marker)` exactly, including its quirks.
 * Traps: either side of a comparison may be the variable; two literals or two variables are legal
 * syntax (evaluation then looks the right-hand *text* up in the environment, as packaging does).
 */

/** Marker variable names after packaging's aliasing (`os.name` → `os_name`, `python_implementation` → `platform_python_implementation`). */
export type MarkerVariable =
  | 'python_version'
  | 'python_full_version'
  | 'os_name'
  | 'sys_platform'
  | 'platform_release'
  | 'platform_system'
  | 'platform_version'
  | 'platform_machine'
  | 'platform_python_implementation'
  | 'implementation_name'
  | 'implementation_version'
  | 'extra';

/** The values a target python/platform gives the marker variables (`extra` comes from the requested extras). */
export type MarkerEnvironment = Record<Exclude<MarkerVariable, 'extra'>, string>;

export type MarkerOperator = '===' | '==' | '~=' | '!=' | '<=' | '>=' | '<' | '>' | 'in' | 'not in';
export type MarkerBoolOp = 'and' | 'or';

export type MarkerOperand = { kind: 'variable'; name: MarkerVariable } | { kind: 'value'; value: string };

export interface MarkerComparison {
  kind: 'comparison';
  left: MarkerOperand;
  op: MarkerOperator;
  right: MarkerOperand;
}

/** `terms[0] ops[0] terms[1] ops[1] …`; `ops.length === terms.length - 1`. */
export interface MarkerList {
  kind: 'list';
  terms: MarkerTerm[];
  ops: MarkerBoolOp[];
}

export type MarkerTerm = MarkerComparison | MarkerList;

/** A parsed environment marker (the root list). */
export type Marker = MarkerList;
