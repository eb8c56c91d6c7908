import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lookups, MAX_ROUNDS, runChecks } from '../../src/checks/index.js';
import type { Check } from '../../src/checks/index.js';
import { buildInventory } from '../../src/inventory/index.js';
import { normalizeName } from '../../src/names/index.js';
import { fetcherFrom, snapshotOf } from './snapshot.js';

// A check that asks for one more project page per pass for the pins named `deep*` (a search that never
// converges), and needs nothing more for the others; it passes every cell it can see.
const endless: Check = {
  id: 'compat', title: 'endless search', summary: '', codes: [],
  run({ inventory, lookups }) {
    for (const file of inventory.files) {
      for (const pin of file.pins) {
        lookups.project(pin.package);
        if (pin.package.startsWith('deep')) lookups.project(normalizeName(`${pin.package}-${lookups.snapshot.index.size}`));
      }
    }
    return { results: inventory.files.flatMap((f) => f.targets.map((t) => ({ check: 'compat' as const, module: f.module, file: f.path, target: t.id, status: 'pass' as const }))), findings: [] };
  },
};

const empty = () => ({ index: new Map(), mirror: new Map(), metadata: new Map() });

test('data still wanted after the round cap makes the files that want it error cells, with why', async () => {
  const inventory = buildInventory([
    { path: 'modules/a/files/requirements.txt', text: 'deep==1.0\n' },
    { path: 'modules/b/files/requirements.txt', text: 'shallow==1.0\n' },
  ], { pythons: ['3.6', '3.11'] });
  const out = await runChecks([endless], inventory, empty(), fetcherFrom(snapshotOf({ shallow: { '1.0': {} } })));
  assert.equal(out.rounds, MAX_ROUNDS);
  assert.deepEqual(out.results.map((r) => `${r.module} ${r.target} ${r.status}`), [
    'a py3.6-linux-x86_64 error', 'a py3.11-linux-x86_64 error', 'b py3.6-linux-x86_64 pass', 'b py3.11-linux-x86_64 pass',
  ]);
  assert.equal(out.findings.length, 1);
  const [f] = out.findings;
  assert.equal(f?.code, 'index-error');
  assert.equal(f?.severity, 'error');
  assert.equal(f?.module, 'a');
  assert.match(f?.message ?? '', new RegExp(`after ${MAX_ROUNDS} rounds of fetching it still needed 1 index page\\(s\\) \\(deep-`));
});

test('a check that stops asking passes untouched, in the rounds it needs', async () => {
  const inventory = buildInventory([{ path: 'modules/b/files/requirements.txt', text: 'shallow==1.0\nother==2\n' }]);
  const out = await runChecks([endless], inventory, empty(), fetcherFrom(snapshotOf({ shallow: { '1.0': {} } })));
  assert.equal(out.rounds, 1);
  assert.deepEqual(out.results.map((r) => r.status), ['pass']);
  assert.deepEqual(out.findings, []);
});

test('a pass that wants nothing is the result: no extra pass, the same output a final pass gives', async () => {
  const inventory = buildInventory([
    { path: 'modules/a/files/requirements.txt', text: 'shallow==1.0\n' },
    { path: 'modules/b/files/requirements.txt', text: 'shallow==1.0\nother==2\n' },
  ], { pythons: ['3.6', '3.11'] });
  const passes: boolean[] = [];
  const counting: Check = { ...endless, run: (ctx) => (passes.push(ctx.final), endless.run(ctx)) };
  const fetch = fetcherFrom(snapshotOf({ shallow: { '1.0': {} } }));
  const out = await runChecks([counting, endless], inventory, empty(), fetch);
  assert.equal(out.rounds, 1);
  // Round 1 asks for the pages, round 2 sees them all and wants nothing: two passes, none repeated.
  assert.deepEqual(passes, [false, false]);
  assert.equal(out.results.length, 8, 'both checks, 2 files × 2 targets');
  assert.ok(out.results.every((r) => r.status === 'pass'));
  // What a final pass over the settled snapshot concludes, check by check.
  const final = [counting, endless].flatMap((c) => c.run({ inventory, lookups: new Lookups(out.snapshot), final: true }).results);
  assert.deepEqual(out.results, final);
});
