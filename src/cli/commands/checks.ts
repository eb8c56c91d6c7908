/** The check commands: each runs the main job with its list of checks (`all` runs every check). */
import { CHECKS } from '../../checks/index.js';
import { CODES, codesOf, meaningOf } from '../../findings/index.js';
import type { CheckId } from '../../findings/index.js';
import type { Command } from '../command.js';
import { runCheckCommand } from '../run-checks.js';
import { FIX_OPTIONS } from './fix.js';

/** `--help` lines listing the codes a check raises, from the codes table. */
function codesHelp(check: CheckId): string[] {
  return ['finding codes:', ...codesOf(check).map((code) => `  ${code.padEnd(22)} ${CODES[code].severities.join('/').padEnd(14)} ${meaningOf(code, check)}`)];
}

export const inventoryCommand: Command = {
  name: 'inventory',
  summary: 'no network: the files, modules, targets and parsed pins the checks would see; invalid-line findings for lines pip would reject',
  options: [],
  helpNotes: codesHelp('inventory'),
  common: true,
  run: (opts, _extra, io) => runCheckCommand([], opts, io),
};

export const checkCommands: Command[] = CHECKS.map((check) => ({
  name: check.id,
  summary: check.summary,
  options: [],
  helpNotes: codesHelp(check.id),
  common: true,
  run: (opts, _extra, io) => runCheckCommand([check.id], opts, io),
}));

export const allCommand: Command = {
  name: 'all',
  summary: `the checks above, one report (${CHECKS.map((c) => c.id).join(', ')})`,
  options: [
    { name: 'fix', type: 'boolean', description: 'also run fix: fix.patch, fix.json, the download plan of the fixed pins, the patch leading the check-run text when there are errors' },
    ...FIX_OPTIONS,
  ],
  common: true,
  run: (opts, extra, io) => runCheckCommand(CHECKS.map((c) => c.id), opts, io, extra.fix === true ? { write: extra.write === true, includeIgnored: extra['include-ignored'] === true } : undefined),
};
