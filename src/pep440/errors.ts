/**
 * Typed errors for PEP 440 parsing, each keeping the input it rejected.
 *
 * Spec: https://peps.python.org/pep-0440/ ; packaging raises `InvalidVersion` / `InvalidSpecifier`.
 * `InvalidSpecifierError.legacy` tells callers whether pip <= 24.0 (packaging 21.3's
 * `LegacySpecifier`) would still have accepted the text, e.g. `==0.8.7p1`; pip >= 24.1 rejects it.
 */

/** A string that is not a valid PEP 440 version (packaging's `InvalidVersion`). */
export class InvalidVersionError extends Error {
  override readonly name = 'InvalidVersionError';
  /** The rejected text, exactly as given. */
  readonly input: string;

  constructor(input: string, options?: { cause?: unknown }) {
    super(`Invalid version: '${input}' is not a valid PEP 440 version`, options);
    this.input = input;
  }
}

/** A specifier (set) that is not valid PEP 440 (packaging's `InvalidSpecifier`). */
export class InvalidSpecifierError extends Error {
  override readonly name = 'InvalidSpecifierError';
  /** The whole text given to the parser. */
  readonly input: string;
  /** Offset in `input` of the comma-separated item that was rejected. */
  readonly offset?: number;
  /** The rejected item, whitespace-stripped. */
  readonly specifier: string;
  /**
   * True when pip <= 24.0 (packaging 21.3) accepted the item: as a `LegacySpecifier` (`==0.8.7p1`),
   * or under its looser grammar (`==2.0a1.*`). pip >= 24.1 rejects it.
   */
  readonly legacy: boolean;

  constructor(input: string, specifier: string, offset: number | undefined, legacy: boolean, options?: { cause?: unknown }) {
    const why = legacy
      ? 'is not a PEP 440 specifier (pip <= 24.0 accepted it as a legacy specifier; pip >= 24.1 does not)'
      : 'is not a valid PEP 440 specifier';
    super(`Invalid specifier: '${specifier}' ${why}`, options);
    this.input = input;
    this.specifier = specifier;
    if (offset !== undefined) this.offset = offset;
    this.legacy = legacy;
  }
}
