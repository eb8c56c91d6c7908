/**
 * Typed parse errors of the index model: each keeps the input, the offset where parsing failed
 * and the underlying cause (a JSON SyntaxError, a zod issue list), as uv's and packaging's do.
 */

/** What both parse errors keep; not exported from the folder (callers test the subclasses). */
abstract class ModelParseError extends Error {
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

/** A simple page (PEP 503 HTML / PEP 691 JSON) that cannot be read at all — as opposed to one bad entry. */
export class PageParseError extends ModelParseError {
  override readonly name = 'PageParseError';
}

/** Core metadata (METADATA / PKG-INFO) without the fields every distribution must have. */
export class MetadataParseError extends ModelParseError {
  override readonly name = 'MetadataParseError';
}
