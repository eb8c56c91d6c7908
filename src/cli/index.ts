/** The command line: `main(argv, io)` and the command table. The executable entry is main.ts. */
export { COMMANDS, helpText, main } from './main.js';
export type { Command, OptionSpec } from './command.js';
export type { Io } from './io.js';
export { processIo } from './io.js';
