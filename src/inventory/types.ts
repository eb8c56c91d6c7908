/** The model every check reads: modules → files → pins (with directives) × targets. */
import type { ProjectName } from '../names/index.js';
import type { Marker, Requirement } from '../pep508/index.js';
import type { Directives, ParsedRequirementsFile, RequirementEntry } from '../requirements/index.js';
import type { Target } from '../targets/index.js';

/** One requirement line of a file, as the checks see it. */
export interface Pin {
  /** The name as written. */
  name: string;
  package: ProjectName;
  /** The exact `==`/`===` version, or null when the line is not an exact pin. */
  version: string | null;
  /** Canonical specifier text ('' for a bare name). */
  specifier: string;
  line: number;
  endLine: number;
  extras: string[];
  marker: Marker | null;
  requirement: Requirement | null;
  /** `# pyup: ignore`, or the file is `# pyup: ignore file`. */
  ignore: boolean;
  /** `# pyup: <spec>` filter text, when the line has one. */
  filter: string | null;
  nodownload: boolean;
  /** Not a registry requirement: URL, path, VCS or editable. */
  direct: boolean;
  legacyVersion: boolean;
  /** `--hash` values as `algo:digest`, in file order (empty when none). */
  hashes: string[];
  /** Where the line is when it came through a `-r`/`-c` include (null: the file itself). */
  source: { file: string; line: number } | null;
  directives: Directives;
  entry: RequirementEntry;
}

export interface InventoryFile {
  /** Repo-relative, with forward slashes. */
  path: string;
  module: string;
  targets: Target[];
  /** Where the file's pythons came from, for reports. */
  pythonSource: 'header' | 'option' | 'config' | 'default';
  ignoreFile: boolean;
  pins: Pin[];
  parsed: ParsedRequirementsFile;
  /** pip's hash-checking mode for `pip install -r` of this file (its includes count), or null. */
  hashMode: ParsedRequirementsFile['hashMode'];
}

/** A line pip would reject (or an include that fails), with where and why. */
export interface InventoryDiagnostic {
  file: string;
  module: string;
  line: number;
  column: number | null;
  code: string;
  /** pip-familiar reason. */
  message: string;
  text: string;
  /** A concrete fix when one is obvious (e.g. `name=1.0` → `name==1.0`). */
  fix: string | null;
}

export interface Inventory {
  files: InventoryFile[];
  /** Distinct targets across all files, in a stable order. */
  targets: Target[];
  diagnostics: InventoryDiagnostic[];
}
