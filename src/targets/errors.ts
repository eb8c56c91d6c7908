/** A `--python` or `--platform` value (or a file header) that names no target we can describe. */
export class TargetParseError extends Error {
  readonly input: string;
  readonly offset: number;
  override readonly cause: unknown;

  constructor(message: string, input: string, offset = 0, cause?: unknown) {
    super(`${message}: ${JSON.stringify(input)}`);
    this.name = 'TargetParseError';
    this.input = input;
    this.offset = offset;
    this.cause = cause;
  }
}
