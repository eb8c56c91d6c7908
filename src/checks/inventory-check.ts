/** Lines pip would reject, as `invalid-line` findings (the `inventory` command's only findings). */
import type { Finding } from '../findings/index.js';
import type { Inventory } from '../inventory/index.js';

export function inventoryFindings(inventory: Inventory): Finding[] {
  return inventory.diagnostics.map((d) => ({
    check: 'inventory',
    code: 'invalid-line',
    severity: 'error',
    module: d.module,
    file: d.file,
    line: d.line,
    target: null,
    package: null,
    version: null,
    message: d.message,
    details: { text: d.text, diagnostic: d.code, ...(d.column !== null ? { column: d.column } : {}) },
    suggestion: d.fix ? { text: d.fix, changes: [] } : null,
  }));
}
