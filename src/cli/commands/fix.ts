/** `fix`: the smallest verified change of pins after which compat is clean on every target (src/checks/fix). */
import type { Command } from '../command.js';
import { runFixCommand } from '../run-fix.js';

export const FIX_OPTIONS = [
  { name: 'write', type: 'boolean', description: 'apply the patch to the requirement files (only when compat on the patched files is clean)' },
  { name: 'include-ignored', type: 'boolean', description: 'let fix move `# pyup: ignore` pins (else it says which ignore blocked the fix)' },
  { name: 'stale', type: 'boolean', description: 'also write the stale-ignores joint updates as a second verified patch (fix-stale.patch, fix-stale.json; never applied by --write)' },
] as const;

export const fixCommand: Command = {
  name: 'fix',
  summary: 'the smallest verified change of pins after which compat is clean on every target; writes fix.patch and fix.json; --write applies it',
  options: FIX_OPTIONS,
  common: true,
  run: (opts, extra, io) => runFixCommand(opts, { write: extra.write === true, includeIgnored: extra['include-ignored'] === true, stale: extra.stale === true }, io),
};
