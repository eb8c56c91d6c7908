/**
 * A pin whose project page or pinned release's metadata the index failed to deliver: stale-ignores
 * cannot judge the file (its cells are `error`, exit 3) and says which host failed, as compat and
 * wheels do (../shared/index-loss.ts), rather than an error cell with nothing to read.
 */
import type { Finding } from '../../findings/index.js';
import type { InventoryFile } from '../../inventory/index.js';
import { indexLoss, indexLossMessage, indexLossSuggestion } from '../shared/index.js';
import type { FilePin } from './graph.js';

export function indexErrorFinding(file: InventoryFile, fp: FilePin): Finding {
  const { pin } = fp;
  const loss = indexLoss('index', fp.release ? 'metadata' : 'page', fp.reason ?? 'no answer');
  return {
    check: 'stale-ignores', code: 'index-error', severity: 'error', module: file.module, file: file.path, line: pin.line,
    target: null, package: pin.package, version: pin.version,
    message: indexLossMessage(loss, { name: pin.name, version: fp.release?.version ?? pin.version }, `the pins of ${file.path} that depend on it were not judged`),
    details: loss,
    suggestion: { text: indexLossSuggestion(loss), changes: [] },
  };
}
