/** The inventory: modules → files → pins × targets, built from file text with no I/O. */
export type { Inventory, InventoryDiagnostic, InventoryFile, Pin } from './types.js';
export type { FileTargetConfig, InventoryOptions, InventorySource } from './build.js';
export { buildInventory, DEFAULT_PYTHON } from './build.js';
export { moduleOf } from './modules.js';
export { filesByModule, pinsForTarget } from './query.js';
