/**
 * Mirrors out of sync: the puppet masters rsync each other, so every mirror of a python should list
 * the same files. A file of a pinned release that some of a target's mirrors list and others do not
 * is an info (`mirror-out-of-sync`): availability is the union, but the lagging master is visible.
 * Reported once per file × pin × set of mirrors, whatever the number of targets sharing them.
 */
import type { Finding } from '../../findings/index.js';
import type { InventoryFile, Pin } from '../../inventory/index.js';
import type { ProjectFile } from '../../pypi/index.js';
import type { Target } from '../../targets/index.js';
import { filesOnMirrors, pipCommand } from './mirrors.js';
import { filesOfReleasesMatching } from './select.js';
import { compareText } from '../../order/index.js';

export function outOfSyncFindings(
  file: InventoryFile,
  pin: Pin,
  target: Target,
  mirrors: readonly string[],
  listed: readonly ProjectFile[],
  seen: Set<string>,
): Finding[] {
  if (mirrors.length < 2) return [];
  // Files of the pinned release, whatever their tags: a lagging master is worth knowing either way.
  const ofRelease = filesOfReleasesMatching(filesOnMirrors(listed, mirrors), pin.package, pin.specifier);
  const holders = new Map<string, Set<string>>();
  for (const f of ofRelease) {
    const set = holders.get(f.filename) ?? new Set<string>();
    set.add(f.source);
    holders.set(f.filename, set);
  }
  const out: Finding[] = [];
  for (const [filename, sources] of [...holders].sort(([a], [b]) => compareText(a, b))) {
    if (sources.size === mirrors.length) continue;
    const key = `${pin.line}|${filename}|${mirrors.join(' ')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const present = mirrors.filter((m) => sources.has(m));
    const absent = mirrors.filter((m) => !sources.has(m));
    out.push({
      check: 'wheels', code: 'mirror-out-of-sync', severity: 'info', module: file.module, file: file.path, line: pin.line, target: null,
      package: pin.package, version: pin.version,
      message: `${filename} is on ${present.join(', ')} but not on ${absent.join(', ')}: the mirrors are out of sync`,
      details: { filename, present, absent, mirrors, pipCommand: pipCommand(mirrors, pin) },
      suggestion: { text: `sync the mirrors (copy ${filename} to ${absent.join(', ')})`, changes: [] },
    });
  }
  return out;
}
