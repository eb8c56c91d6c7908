// stale-ignores on pins whose project page or metadata the index failed to deliver: an index-error
// at the pin's line naming the host (as compat and wheels say it), the file's cells error; unreadable
// metadata (delivered, not readable) is no index-error and leaves the cells checkable.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runChecks } from '../../../src/checks/index.js';
import { staleIgnoresCheck } from '../../../src/checks/stale-ignores/index.js';
import { FindingSchema } from '../../../src/findings/index.js';
import { buildInventory } from '../../../src/inventory/index.js';
import { fetcherFrom, snapshotOf } from '../snapshot.js';
import type { IndexDesc } from '../snapshot.js';

const F = 'modules/m/files/requirements.txt';
const TEXT = '# python_version: 36\nmodule1==1.5.0\nmodule2==2.0.1  # pyup: ignore\n';

interface Case {
  name: string;
  index: IndexDesc;
  errors?: string[];
  /** package → what was lost, for every index-error expected. */
  lost: Record<string, 'page' | 'metadata'>;
  status: 'error' | 'pass';
}

const cases: Case[] = [
  {
    name: 'the ignored pin\'s project page failed',
    index: { module1: { '1.5.0': { requires: ['module2<3.0'] } } },
    errors: ['module2'],
    lost: { module2: 'page' },
    status: 'error',
  },
  {
    name: 'a dependent\'s metadata was lost to the index: the ignore cannot be judged',
    index: { module1: { '1.5.0': { metadata: 'infrastructure' } }, module2: { '2.0.1': {}, '3.0.0': {} } },
    lost: { module1: 'metadata' },
    status: 'error',
  },
  {
    name: 'both pins lost',
    index: { module2: { '2.0.1': { metadata: 'infrastructure' }, '3.0.0': {} } },
    errors: ['module1'],
    lost: { module1: 'page', module2: 'metadata' },
    status: 'error',
  },
  {
    name: 'a dependent whose metadata is unreadable (an sdist without static metadata) is no index-error',
    index: { module1: { '1.5.0': { sdist: true, metadata: 'unavailable' } }, module2: { '2.0.1': {}, '3.0.0': {} } },
    lost: {},
    status: 'pass',
  },
];

describe('stale-ignores: what the index failed to deliver', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const inventory = buildInventory([{ path: F, text: TEXT }]);
      const snapshot = snapshotOf(c.index, c.errors ? { errors: c.errors } : {});
      const out = await runChecks([staleIgnoresCheck], inventory, { index: new Map(), mirror: new Map(), metadata: new Map() }, fetcherFrom(snapshot));
      for (const f of out.findings) FindingSchema.parse(f);
      const lost = out.findings.filter((f) => f.code === 'index-error');
      assert.deepEqual(lost.map((f) => f.package).sort(), Object.keys(c.lost).sort(), JSON.stringify(out.findings.map((f) => [f.code, f.message])));
      for (const f of lost) {
        const kind = c.lost[f.package ?? ''];
        assert.equal(f.severity, 'error');
        assert.equal(f.file, F);
        assert.equal(f.line, f.package === 'module1' ? 2 : 3, 'the pin\'s own line');
        assert.match(f.message, /^Could not fetch URL http:\/\/127\.0\.0\.1:1\/(simple|files)\/\S+: (500|503) Server Error \(/);
        assert.match(f.message, kind === 'page' ? / the index page of \S+ could not be fetched from 127\.0\.0\.1:1,/ : / the metadata of \S+ \S+ could not be fetched from 127\.0\.0\.1:1,/);
        assert.deepEqual({ ...f.details as object, reason: undefined, url: undefined }, { where: 'index', lost: kind, host: '127.0.0.1:1', reason: undefined, url: undefined });
        assert.match(f.suggestion?.text ?? '', /^check that 127\.0\.0\.1:1 answers \(curl -sI http:\/\/127\.0\.0\.1:1\//);
      }
      assert.equal(out.results.length, 1);
      assert.deepEqual(out.results.map((r) => r.status), [c.status]);
      if (c.status === 'pass') assert.ok(out.findings.every((f) => f.severity !== 'error'));
    });
  }
});
