/**
 * Typed parse errors of the index model: each keeps the input, the offset where parsing failed
 * and the underlying cause (a JSON SyntaxError, a zod issue list), as uv's and packaging's do.
 */

/** A simple page (PEP 503 HTML / PEP 691 JSON) that cannot be read at all — as opposed to one bad entry. */
export class PageParseError extends Error {
  override readonly name = 'PageParseError';
  readonly input: string;
  readonly offset: number;
  override readonly cause?: unknown;

  constructor(message: string, input: string, offset: number, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.input = input;
    this.offset = offset;
    if (cause !== undefined) this.cause = cause;
  }
}

/** Core metadata (METADATA / PKG-INFO) without the fields every distribution must have. */
export class MetadataParseError extends Error {
  override readonly name = 'MetadataParseError';
  readonly input: string;
  readonly offset: number;
  override readonly cause?: unknown;

  constructor(message: string, input: string, offset: number, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.input = input;
    this.offset = offset;
    if (cause !== undefined) this.cause = cause;
  }
}
