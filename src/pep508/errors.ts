/**
 * Errors raised while parsing or evaluating PEP 508 dependency specifiers and markers.
 *
 * Spec: https://packaging.python.org/en/latest/specifications/dependency-specifiers/
 * The parse error's message is packaging's `ParserSyntaxError` text (message, the input, then a
 * `~~~^` line under the span) so users see what pip would print.
 * Traps: `offset` is where parsing stopped (packaging's span end, under the `^`); `spanStart` is
 * where the offending construct began (for example the start of the version specifier).
 * Offsets count UTF-16 code units; packaging counts code points (differs only after astral chars).
 */

/** A requirement or marker that packaging would reject. */
export class RequirementParseError extends Error {
  override name = 'RequirementParseError';
  /** The text that was parsed. */
  readonly input: string;
  /** Where parsing stopped (the caret). */
  readonly offset: number;
  /** Where the offending construct starts (≤ offset). */
  readonly spanStart: number;
  /** The reason alone, without the quoted input (`Expected end or semicolon (after version specifier)`). */
  readonly reason: string;

  constructor(reason: string, input: string, span: readonly [number, number], options?: { cause?: unknown }) {
    const caret = ' '.repeat(span[0]) + '~'.repeat(Math.max(0, span[1] - span[0])) + '^';
    super([reason, input, caret].join('\n    '), options);
    this.input = input;
    this.spanStart = span[0];
    this.offset = span[1];
    this.reason = reason;
  }
}

/**
 * A marker that parses but cannot be evaluated, where packaging raises: an undefined variable
 * (`"a" == "b"` looks `b` up in the environment), `~=`/`===` that are not valid specifiers
 * (UndefinedComparison), or a version comparison whose environment side is not a PEP 440
 * version (InvalidVersion, e.g. `platform_release >= "5"` on `5.15.0-91-generic`).
 */
export class MarkerEvaluationError extends Error {
  override name = 'MarkerEvaluationError';
  readonly kind: 'undefined-variable' | 'undefined-comparison' | 'invalid-version';

  constructor(kind: MarkerEvaluationError['kind'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}
