/** The shape of a CLI command: static metadata (from which `--help` is built) and a run function. */
import type { Io } from './io.js';
import type { CommonOptions } from './options.js';

export interface OptionSpec {
  name: string;
  short?: string;
  type: 'string' | 'boolean';
  multiple?: boolean;
  value?: string;
  description: string;
  default?: string;
}

export interface Command {
  name: string;
  summary: string;
  /** Options beyond the common ones. */
  options: readonly OptionSpec[];
  /** Positional arguments, as shown in usage (e.g. '<taskGroupId>'); they reach `run` as `extra._`. None when absent. */
  positionals?: string;
  /** Extra `--help` lines after the options (e.g. a check's finding codes). */
  helpNotes?: readonly string[];
  /** Whether the common check options (--repo, --python, --index-url, ...) apply. */
  common: boolean;
  run(opts: CommonOptions, extra: Record<string, string | boolean | string[] | undefined>, io: Io): Promise<number>;
}

/** Usage, configuration or input that prevents checking: exit 2 with the message. */
export class UsageError extends Error {
  override name = 'UsageError';
}
