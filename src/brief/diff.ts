/**
 * The pins a PR adds, removes and changes: two inventories (base and head revisions) compared file by
 * file. A pin is keyed by its package and its environment marker (a file may pin one package twice,
 * for different pythons); a package removed and added once in the same file with different markers
 * is one change, not two. Only the requirement matters: a pin whose line moved but whose specifier
 * did not is not a change.
 */
import type { Inventory, InventoryFile, Pin } from '../inventory/index.js';
import { markerToString } from '../pep508/index.js';
import { bumpOf } from './bump.js';
import type { PinChange, PinSide } from './types.js';

function side(pin: Pin): PinSide {
  return { version: pin.version, specifier: pin.direct ? pin.entry.text : pin.specifier, line: pin.line, nodownload: pin.nodownload, ignore: pin.ignore, hashes: [...pin.hashes] };
}

function keyOf(pin: Pin): string {
  return `${pin.package};${pin.marker ? markerToString(pin.marker) : ''}`;
}

/** First pin per key, in file order (a repeated pin is compat's `conflict`, not a change). */
function pinsByKey(file: InventoryFile | undefined): Map<string, Pin> {
  const out = new Map<string, Pin>();
  for (const pin of file?.pins ?? []) if (!out.has(keyOf(pin))) out.set(keyOf(pin), pin);
  return out;
}

function change(file: InventoryFile, before: Pin | null, after: Pin | null): PinChange | null {
  const pin = after ?? before;
  if (!pin) return null;
  const from = before ? side(before) : null;
  const to = after ? side(after) : null;
  if (from && to && from.specifier === to.specifier) return null;
  const bump = from && to && from.version !== null && to.version !== null && !before?.direct && !after?.direct ? bumpOf(from.version, to.version) : null;
  return {
    file: file.path,
    module: file.module,
    package: pin.package,
    name: pin.name,
    marker: pin.marker ? markerToString(pin.marker) : null,
    kind: from && to ? 'changed' : from ? 'removed' : 'added',
    from,
    to,
    line: to?.line ?? null,
    bump: bump ?? (from && to ? { kind: 'unknown', detail: 'not an exact version pin on both sides', toPrerelease: false, semver: null, semverNote: null } : null),
  };
}

/** Every pin added, removed or changed between two revisions, by file then head line. */
export function diffInventories(base: Inventory, head: Inventory): PinChange[] {
  const baseFiles = new Map(base.files.map((f) => [f.path, f]));
  const headFiles = new Map(head.files.map((f) => [f.path, f]));
  const paths = [...new Set([...baseFiles.keys(), ...headFiles.keys()])].sort();
  const out: PinChange[] = [];
  for (const path of paths) {
    const before = baseFiles.get(path);
    const after = headFiles.get(path);
    const file = (after ?? before)!;
    const old = pinsByKey(before);
    const now = pinsByKey(after);
    const removed = [...old].filter(([k]) => !now.has(k)).map(([, p]) => p);
    const added = [...now].filter(([k]) => !old.has(k)).map(([, p]) => p);
    const changes: PinChange[] = [];
    for (const [k, pin] of now) {
      const previous = old.get(k);
      if (previous) {
        const c = change(file, previous, pin);
        if (c) changes.push(c);
      }
    }
    for (const pin of added) {
      // The same package once on each side, under a different marker: one change.
      const partner = removed.filter((p) => p.package === pin.package);
      const single = partner.length === 1 && added.filter((p) => p.package === pin.package).length === 1 ? partner[0]! : null;
      if (single) removed.splice(removed.indexOf(single), 1);
      const c = single ? change(file, single, pin) : change(file, null, pin);
      if (c) changes.push(c);
    }
    for (const pin of removed) {
      const c = change(file, pin, null);
      if (c) changes.push(c);
    }
    changes.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.from?.line ?? 0) - (b.from?.line ?? 0));
    out.push(...changes);
  }
  return out;
}
