/**
 * Context-sensitive tokenizer for PEP 508: the parser asks "is the next token an X?" and the
 * tokenizer answers by matching rule X at the current position (packaging's `_tokenizer.py` design).
 *
 * Spec: https://packaging.python.org/en/latest/specifications/dependency-specifiers/
 * Why context-sensitive: the same text is a URL after `@`, a version after `==`, an identifier
 * elsewhere; a fixed token stream cannot tell them apart.
 * Traps: `check` must be followed by `read` before the next `check` (unless peeking), and error
 * spans default to the current position, exactly as packaging reports them.
 */
import { RequirementParseError } from './errors.js';
import type { Rules, TokenName } from './tokens.js';

const ALL_ASCII = /^[\x00-\x7f]*$/;

export interface Token {
  name: TokenName;
  text: string;
  position: number;
}

export class Tokenizer {
  readonly source: string;
  position = 0;
  private readonly rules: Rules;
  /** Whether the source is all ASCII: the rules then take their ASCII regexes (see tokens.ts). */
  private readonly ascii: boolean;
  private nextToken: Token | null = null;

  constructor(source: string, rules: Rules) {
    this.source = source;
    this.rules = rules;
    this.ascii = ALL_ASCII.test(source);
  }

  /** Read the token if it is next; otherwise do nothing. */
  consume(name: TokenName): void {
    if (this.check(name)) this.read();
  }

  /** Whether the next token is `name`; unless peeking, a match must then be read. */
  check(name: TokenName, peek = false): boolean {
    if (this.nextToken !== null) throw new Error(`tokenizer: cannot check ${name}, already holding ${this.nextToken.name}`);
    const text = this.rules[name](this.source, this.position, this.ascii);
    if (text === null) return false;
    if (!peek) this.nextToken = { name, text, position: this.position };
    return true;
  }

  /** Read token `name` or fail with "Expected <expected>". */
  expect(name: TokenName, expected: string): Token {
    if (!this.check(name)) this.fail(`Expected ${expected}`);
    return this.read();
  }

  read(): Token {
    const token = this.nextToken;
    if (token === null) throw new Error('tokenizer: read() without a successful check()');
    this.position += token.text.length;
    this.nextToken = null;
    return token;
  }

  fail(reason: string, spanStart?: number, spanEnd?: number): never {
    throw new RequirementParseError(reason, this.source, [spanStart ?? this.position, spanEnd ?? this.position]);
  }

  /** Run `body` inside optional `open` … `close` tokens; a missing `close` is an error. */
  enclosing<T>(open: TokenName, close: TokenName, around: string, body: () => T): T {
    let openPosition: number | null = null;
    if (this.check(open)) {
      openPosition = this.position;
      this.read();
    }
    const result = body();
    if (openPosition === null) return result;
    if (!this.check(close)) this.fail(`Expected matching ${close} for ${open}, after ${around}`, openPosition);
    this.read();
    return result;
  }
}
