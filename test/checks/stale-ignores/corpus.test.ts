// Every `# pyup: ignore`, `# pyup: ignore file` and `# pyup: <filter>` in the build-puppet corpus
// (test/fixtures/build-puppet, a copy kept with the tests) is classified without error and explained in one
// sentence naming the package and the directive. The index is built in memory from the pins the
// corpus mentions: every version pinned anywhere is a release, and a few real requirements between
// them (from the packages' history) give the dependents something to hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runChecks } from '../../../src/checks/index.js';
import { staleIgnoresCheck } from '../../../src/checks/stale-ignores/index.js';
import { buildInventory } from '../../../src/inventory/index.js';
import type { Inventory } from '../../../src/inventory/index.js';
import { tryParseVersion } from '../../../src/pep440/index.js';
import { fetcherFrom, snapshotOf } from '../snapshot.js';
import type { IndexDesc } from '../snapshot.js';

const CORPUS = fileURLToPath(new URL('../../fixtures/build-puppet/', import.meta.url));
const CLASSIFIED = new Set(['stale-ignore', 'justified-ignore', 'blocking-ignore', 'stale-filter']);

/** Requirements shaped like the real releases' (enough to make some ignores justified and some blocking). */
function requiresOf(name: string, version: string): string[] {
  const major = Number(version.split('.')[0]);
  if (name === 'scriptworker') return major >= 15 ? ['taskcluster>=4.0', 'aiohttp>=3'] : ['taskcluster<4,>=1.0', 'aiohttp>=2'];
  if (name === 'taskcluster') return ['requests>=2.4.3', 'six>=1.10.0'];
  if (name === 'fabric') return ['paramiko<3.0,>=1.10'];
  return [];
}

function loadCorpus(): Inventory[] {
  const rows = readFileSync(`${CORPUS}manifest.tsv`, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  return rows.map(([blob, , , path]) => buildInventory([{ path: path!, text: readFileSync(`${CORPUS}blobs/${blob}.txt`, 'latin1') }]));
}

function indexOf(inventories: readonly Inventory[]): IndexDesc {
  const desc: IndexDesc = {};
  for (const inv of inventories) {
    for (const pin of inv.files.flatMap((f) => f.pins)) {
      if (pin.version === null || pin.direct || !tryParseVersion(pin.version)) continue;
      const releases = (desc[pin.package] ??= {});
      releases[pin.version] ??= { requires: requiresOf(pin.package, pin.version) };
    }
  }
  return desc;
}

test('every ignore and filter in the build-puppet corpus is classified and explained', async () => {
  const inventories = loadCorpus();
  assert.equal(inventories.length, 1738);
  const full = snapshotOf(indexOf(inventories));
  let governed = 0;
  let noEffect = 0;
  const codes = new Map<string, number>();
  const samples: string[] = [];
  for (const inventory of inventories) {
    const out = await runChecks([staleIgnoresCheck], inventory, { index: new Map(), mirror: new Map(), metadata: new Map() }, fetcherFrom(full));
    for (const f of out.findings) {
      if (!codes.has(f.code)) samples.push(`${f.code}: ${f.message} -> ${f.suggestion?.text ?? ''}`);
      codes.set(f.code, (codes.get(f.code) ?? 0) + 1);
    }
    assert.ok(out.results.every((r) => r.status === 'pass'), 'no cell ends in error');
    for (const file of inventory.files) {
      for (const pin of file.pins) {
        const filtered = !pin.ignore && pin.directives.filter?.specifier;
        if (pin.ignore || filtered) {
          governed++;
          const found = out.findings.filter((f) => f.file === file.path && f.line === pin.line && CLASSIFIED.has(f.code));
          assert.ok(found.length > 0, `${file.path}:${pin.line} ${pin.name} (${pin.directives.comment ?? 'ignore file'}) is not classified`);
          for (const f of found) {
            const directive = 'directive' in f.details ? f.details.directive : '';
            assert.match(directive, /pyup: |rq\.filter: /);
            assert.ok(f.message.includes(pin.name), `${f.message} names ${pin.name}`);
            assert.ok(f.message.includes(directive), `${f.message} names ${directive}`);
            assert.ok(f.suggestion && f.suggestion.text.length > 0);
          }
        }
        if (pin.directives.noColon || pin.directives.policies.length > 0) {
          noEffect++;
          const note = out.findings.find((f) => f.line === pin.line && f.code === 'directive-no-effect');
          assert.ok(note && note.message.includes(pin.name), `${file.path}:${pin.line} ${pin.directives.comment} is explained`);
        }
      }
    }
  }
  console.log(samples.join('\n'));
  console.log(`governed ${governed}, no-effect ${noEffect}, findings ${JSON.stringify(Object.fromEntries(codes))}`);
  // The corpus README counts ~2,100 ignores, 43 file-level markers, ~190 filters; "pyup < 2.0" and "noupdate" lines.
  assert.ok(governed > 2000, `governed pins: ${governed}`);
  assert.ok(noEffect >= 6, `no-effect directives: ${noEffect}`);
  for (const code of ['stale-ignore', 'justified-ignore', 'stale-filter', 'blocking-ignore', 'directive-no-effect']) assert.ok((codes.get(code) ?? 0) > 0, `${code}: ${JSON.stringify([...codes])}`);
});
