#!/usr/bin/env node
/**
 * pyup-checks command line: argv → command → exit status (CONTRACT.md). Usage errors exit 2,
 * infrastructure failures (index unreachable after retries) exit 3, with one clear line on stderr.
 */
import { parseArgs } from 'node:util';
import { IndexError } from '../index/index.js';
import { ArtifactPathError } from '../report/index.js';
import { TargetParseError } from '../targets/index.js';
import { briefCommand } from './commands/brief.js';
import { allCommand, checkCommands, inventoryCommand } from './commands/checks.js';
import { decisionCommand } from './commands/decision.js';
import { fixCommand } from './commands/fix.js';
import { reproduceCommand } from './commands/reproduce.js';
import { resultsCommand } from './commands/results.js';
import type { Command, OptionSpec } from './command.js';
import { UsageError } from './command.js';
import type { Io } from './io.js';
import { processIo } from './io.js';
import { GitError } from './git.js';
import { displayName } from './safe-read.js';
import { COMMON_OPTIONS, commonOptions } from './options.js';
import { TOOL_VERSION } from './version.js';

export const COMMANDS: readonly Command[] = [...checkCommands, allCommand, inventoryCommand, fixCommand, briefCommand, decisionCommand, resultsCommand, reproduceCommand];

export function helpText(command?: Command): string {
  const optionLines = (specs: readonly OptionSpec[]): string[] =>
    specs.map((o) => {
      const flag = `${o.short ? `-${o.short}, ` : ''}--${o.name}${o.value ? ` ${o.value}` : ''}`;
      const def = o.default ? ` (default: ${o.default})` : '';
      return `  ${flag.padEnd(28)} ${o.description}${def}`;
    });
  if (command) {
    return [
      `usage: pyup-checks ${command.name}${command.positionals ? ` ${command.positionals}` : ''} [options]`,
      '',
      command.summary,
      '',
      'options:',
      ...optionLines([...command.options, ...(command.common ? COMMON_OPTIONS : [])]),
      '',
      ...(command.helpNotes ? [...command.helpNotes, ''] : []),
      EXIT_HELP,
    ].join('\n') + '\n';
  }
  return [
    `pyup-checks ${TOOL_VERSION}: CI checks for a Puppet repository's pinned Python requirements`,
    '',
    'usage: pyup-checks <command> [options]     (or: npm run task -- <command> [options])',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(16)} ${c.summary}`),
    '',
    'common options:',
    ...optionLines(COMMON_OPTIONS),
    '',
    "Run 'pyup-checks <command> --help' for one command.",
    EXIT_HELP,
  ].join('\n') + '\n';
}

const EXIT_HELP =
  'exit status: 0 no error findings; 1 error findings; 2 usage, configuration or input that prevents checking; 3 infrastructure failure (index unreachable, metadata that could not be obtained)';

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.stdout(`${TOOL_VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`pyup-checks: unknown command '${name}'\n\n${helpText()}`);
    return 2;
  }
  const specs = [...command.options, ...(command.common ? COMMON_OPTIONS : [])];
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: {
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(specs.map((o) => [o.name, { type: o.type, multiple: o.multiple ?? false, ...(o.short ? { short: o.short } : {}) }])),
      },
      allowPositionals: command.positionals !== undefined,
      strict: true,
    });
    if (values.help) {
      io.stdout(helpText(command));
      return 0;
    }
    const raw = { ...values, ...(positionals.length > 0 ? { _: positionals } : {}) } as Record<string, string | boolean | string[] | undefined>;
    return await command.run(commonOptions(raw, io), raw, io);
  } catch (error) {
    return reportError(error, io);
  }
}

/** Errors of the layers below whose message is meant for the user: input that prevents checking (exit 2). */
const INPUT_ERRORS: ReadonlyArray<new (...args: never[]) => Error> = [TargetParseError, ArtifactPathError, GitError];

/**
 * The one place an error meets the user: ours (UsageError and the typed input errors) and index
 * failures as one line; a file system error as the path and what went wrong; anything else is an
 * "internal error" with a request to report it (the stack only with PYUP_CHECKS_DEBUG=1).
 */
export function reportError(error: unknown, io: Io): number {
  if (error instanceof UsageError || isParseArgsError(error) || INPUT_ERRORS.some((E) => error instanceof E)) {
    io.stderr(`pyup-checks: ${oneLine((error as Error).message)}\n`);
    return 2;
  }
  if (error instanceof IndexError) {
    io.stderr(`pyup-checks: index failure: ${oneLine(error.message)}\n`);
    return 3;
  }
  const fs = fileSystemError(error);
  if (fs) {
    io.stderr(`pyup-checks: ${fs}\n`);
    return 2;
  }
  const what = error instanceof Error ? `${error.name}: ${oneLine(error.message)}` : oneLine(String(error));
  const stack = io.env.PYUP_CHECKS_DEBUG && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  io.stderr(`pyup-checks: internal error: ${what}\nThis is a bug in pyup-checks: please report it to the pyup-checks maintainers with the command line and this message (PYUP_CHECKS_DEBUG=1 prints the stack).${stack}\n`);
  return 3;
}

/** A message cut to one short line: never a 10 MB excerpt on the terminal. */
function oneLine(message: string): string {
  const first = message.length > 2000 ? `${message.slice(0, 2000)}… (${message.length} characters)` : message;
  return first.replace(/\n(?=\s*at )[\s\S]*$/, '');
}

/** `ENOENT: no such file or directory, open '/x'` → "cannot open /x: no such file or directory (ENOENT)". */
function fileSystemError(error: unknown): string | null {
  const e = error as { code?: unknown; syscall?: unknown; path?: unknown; message?: unknown } | null;
  if (!(error instanceof Error) || typeof e?.code !== 'string' || typeof e.syscall !== 'string' || !/^E[A-Z]+$/.test(e.code)) return null;
  const reason = error.message.replace(/^E[A-Z]+: /, '').replace(/, \w+(?: .*)?$/, '');
  const path = typeof e.path === 'string' ? ` ${e.path}` : Buffer.isBuffer(e.path) ? ` ${displayName(e.path)}` : '';
  return `cannot ${e.syscall}${path}: ${reason} (${e.code})`;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof TypeError && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

// Run when executed directly (tsx src/cli/main.ts, node dist/cli/main.js, or the bin).
const entry = process.argv[1] ?? '';
if (/(?:^|[\\/])(main\.[cm]?[jt]s|pyup-checks(\.js)?)$/.test(entry)) {
  main(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = reportError(error, processIo());
    },
  );
}
