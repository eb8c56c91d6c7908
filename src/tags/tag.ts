/**
 * PEP 425 tag triples and compressed tag sets.
 *
 * Spec: https://packaging.python.org/en/latest/specifications/platform-compatibility-tags/
 * Supported: `interpreter-abi-platform` triples, lower-cased as packaging's `Tag` does, and the
 * compressed form `py2.py3-none-any` (each part a `.`-separated list; the set is the cross product).
 * Traps: a tag never contains `-` inside a part, so a set always has exactly three `-`-separated
 * parts; `.` separates alternatives, which is why platform tags spell versions with `_`
 * (`macosx_10_9_x86_64`); the expansion order is interpreter-major, then abi, then platform, and
 * duplicates are dropped (packaging returns a frozenset, so order carries no meaning there).
 */

/** One PEP 425 tag; every part is lower-case. */
export interface Tag {
  interpreter: string;
  abi: string;
  platform: string;
}

/** A compressed tag set that is not `interpreter-abi-platform` with non-empty parts. */
export class TagParseError extends Error {
  readonly input: string;
  readonly offset: number;
  override readonly cause: unknown;

  constructor(message: string, input: string, offset: number, cause?: unknown) {
    super(`${message}: ${JSON.stringify(input)} (at ${offset})`);
    this.name = 'TagParseError';
    this.input = input;
    this.offset = offset;
    this.cause = cause;
  }
}

/** Builds a tag, lower-casing each part as packaging does. */
export function makeTag(interpreter: string, abi: string, platform: string): Tag {
  return { interpreter: interpreter.toLowerCase(), abi: abi.toLowerCase(), platform: platform.toLowerCase() };
}

/** `cp36-cp36m-manylinux1_x86_64`. */
export function tagToString(t: Tag): string {
  return `${t.interpreter}-${t.abi}-${t.platform}`;
}

/**
 * Expands a (possibly compressed) tag set: `py2.py3-none-any` → `py2-none-any`, `py3-none-any`.
 * Throws {@link TagParseError} when it does not have three non-empty parts.
 */
export function parseTagSet(compressed: string): Tag[] {
  const parts = compressed.split('-');
  if (parts.length !== 3) {
    const offset = parts.length > 3 ? parts.slice(0, 3).join('-').length : compressed.length;
    throw new TagParseError(`expected interpreter-abi-platform, found ${parts.length} part(s)`, compressed, offset);
  }
  const lists: string[][] = [];
  let offset = 0;
  for (const part of parts) {
    const alternatives = part.split('.');
    let at = offset;
    for (const alt of alternatives) {
      if (alt === '') throw new TagParseError('empty tag component', compressed, at);
      at += alt.length + 1;
    }
    lists.push(alternatives);
    offset += part.length + 1;
  }
  const [interpreters = [], abis = [], platforms = []] = lists;
  const seen = new Set<string>();
  const tags: Tag[] = [];
  for (const interpreter of interpreters) {
    for (const abi of abis) {
      for (const platform of platforms) {
        const tag = makeTag(interpreter, abi, platform);
        const key = tagToString(tag);
        if (seen.has(key)) continue;
        seen.add(key);
        tags.push(tag);
      }
    }
  }
  return tags;
}
