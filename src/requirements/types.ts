// The public shapes of a parsed requirements file. Spans are 1-based physical lines; a logical line
// joined from `\` continuations spans `line..endLine` and takes pip's line number (`line`).
import type { ProjectName } from '../names/index.js';
import type { Requirement } from '../pep508/index.js';

export interface Span {
  /** First physical line (pip reports this number). */
  line: number;
  /** Last physical line of a `\`-continued logical line (equal to `line` otherwise). */
  endLine: number;
  /** 1-based column, when the position inside the line is known. */
  column?: number;
}

/** What the `# pyup: …`, `# puppet: …` and `rq.filter:` comments of one line say. */
export interface Directives {
  /** `pyup: ignore` (also matched inside `pyup: ignore file` and `pyup: ignore, puppet: nodownload`). */
  ignore: boolean;
  /** `pyup: ignore file`: pyup skips the whole file when this is on one of its first lines. */
  ignoreFile: boolean;
  /** `pyup: <spec>` / `rq.filter: <spec>`: the raw text and its canonical specifier (null when pyup could not parse it). */
  filter: { text: string; specifier: string | null } | null;
  /** `puppet: nodownload`: the mirror does not carry this pin. */
  nodownload: boolean;
  /** Update policies and other word forms pyup does not treat as filters: 'update minor', 'noupdate', … */
  policies: string[];
  /** Raw text of a `pyup <…>` written without the colon (pyup ignores it). */
  noColon: string | null;
  /** The raw trailing comment (from its `#`), or null. */
  comment: string | null;
}

export type RequirementKind = 'requirement' | 'editable' | 'url' | 'path';

export interface RequirementEntry extends Span {
  kind: RequirementKind;
  /** The requirement text as pip sees it (comments stripped, continuations joined, options removed). */
  text: string;
  /** The parsed requirement; null for unnamed paths and URLs (and for editables without `#egg=`). */
  requirement: Requirement | null;
  name: string | null;
  normalizedName: ProjectName | null;
  /** The version of an exact `==`/`===` pin (no wildcard), else null. */
  pinnedVersion: string | null;
  /** A specifier that is not PEP 440 (accepted by pip ≤ 24.0 through packaging's LegacySpecifier). */
  legacyVersion: boolean;
  /** `--hash` values as `algo:digest`. */
  hashes: string[];
  directives: Directives;
  /** Came from a `-c` constraints file. */
  constraint: boolean;
  /** Path of the file it came from (an included file's path for `-r` entries). */
  source: string;
}

export interface OptionEntry extends Span {
  /** Canonical long form, e.g. '--index-url' for `-i`. */
  option: string;
  value: string | null;
  source: string;
}

export type RequirementsDiagnosticCode =
  | 'invalid-line'
  | 'include-missing'
  | 'include-cycle'
  | 'encoding'
  /** A `-r`/`-c` target that exists but cannot be read: a FIFO, device, directory, too big. */
  | 'include-unreadable'
  /** The file and its includes exceed the parse budget (includes, lines, requirements, bytes). */
  | 'too-large';

export interface RequirementsDiagnostic extends Span {
  code: RequirementsDiagnosticCode;
  /** Worded as pip words it, e.g. "Invalid requirement: 'scriptworker=12.0.0'". */
  message: string;
  text: string;
  source: string;
}

export interface ParsedRequirementsFile {
  path: string;
  /** The `# python_version: 36` header, as "3.6". */
  pythonVersion: { value: string; line: number } | null;
  /** The `# pyup: ignore file` marker, when pyup would honour it (first three lines). */
  ignoreFile: { line: number } | null;
  entries: RequirementEntry[];
  options: OptionEntry[];
  diagnostics: RequirementsDiagnostic[];
}

/**
 * Reads a `-r`/`-c` target. `target` is the text written after the option; resolving it against
 * `fromPath` (pip joins it to the including file's directory) is the reader's job. Null when missing;
 * `error` (a sentence naming the path) when it exists but is not read (not a regular file, too big).
 */
export type IncludeReader = (fromPath: string, target: string) => { path: string; text: string } | { path: string; error: string } | null;

export interface ParseOptions {
  readInclude?: IncludeReader;
  /** Values for `${VAR}` expansion; pip reads the process environment, we read only this. */
  env?: Record<string, string>;
}
