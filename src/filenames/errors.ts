/** A distribution filename that is not a valid wheel or sdist name, with where it went wrong. */
export class FilenameParseError extends Error {
  readonly input: string;
  readonly offset: number;
  override readonly cause: unknown;

  constructor(message: string, input: string, offset: number, cause?: unknown) {
    super(`${message}: ${JSON.stringify(input)} (at ${offset})`);
    this.name = 'FilenameParseError';
    this.input = input;
    this.offset = offset;
    this.cause = cause;
  }
}
