import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { diffInventories } from '../../src/brief/index.js';
import { buildInventory } from '../../src/inventory/index.js';

const F = 'modules/m/files/requirements.txt';
const G = 'modules/n/files/requirements.txt';

function diff(base: Record<string, string>, head: Record<string, string>) {
  const inv = (files: Record<string, string>) => buildInventory(Object.entries(files).map(([path, text]) => ({ path, text })));
  return diffInventories(inv(base), inv(head)).map((c) => ({
    file: c.file, module: c.module, package: c.package, kind: c.kind,
    from: c.from?.specifier ?? null, to: c.to?.specifier ?? null, line: c.line, bump: c.bump?.kind ?? null,
  }));
}

describe('pin changes between two revisions', () => {
  const cases: Array<{ name: string; base: Record<string, string>; head: Record<string, string>; want: ReturnType<typeof diff> }> = [
    {
      name: 'a bump, an addition and a removal, with head lines',
      base: { [F]: 'a==1.0\nb==2.0\nc==3.0\n' },
      head: { [F]: '# a comment\na==1.1\nc==3.0\nd==0.1\n' },
      want: [
        { file: F, module: 'm', package: 'a', kind: 'changed', from: '==1.0', to: '==1.1', line: 2, bump: 'minor' },
        { file: F, module: 'm', package: 'd', kind: 'added', from: null, to: '==0.1', line: 4, bump: null },
        { file: F, module: 'm', package: 'b', kind: 'removed', from: '==2.0', to: null, line: null, bump: null },
      ],
    },
    {
      name: 'a pin that only moved is not a change; names compare normalized',
      base: { [F]: 'Zope.Interface==4.5.0\nsix==1.11.0\n' },
      head: { [F]: 'six==1.11.0\nzope-interface==4.5.0\n' },
      want: [],
    },
    {
      name: 'the same version written differently is a change of text with bump none',
      base: { [F]: 'a==1.0\n' },
      head: { [F]: 'a==1.0.0\n' },
      want: [{ file: F, module: 'm', package: 'a', kind: 'changed', from: '==1.0', to: '==1.0.0', line: 1, bump: 'none' }],
    },
    {
      name: 'pins per marker are matched per marker',
      base: { [F]: 'futures==3.1.0; python_version < "3"\nfutures==3.2.0; python_version >= "3"\n' },
      head: { [F]: 'futures==3.1.1; python_version < "3"\nfutures==3.2.0; python_version >= "3"\n' },
      want: [{ file: F, module: 'm', package: 'futures', kind: 'changed', from: '==3.1.0', to: '==3.1.1', line: 1, bump: 'patch' }],
    },
    {
      name: 'a single pin whose marker and version change is one change',
      base: { [F]: 'enum34==1.1.6; python_version < "3.4"\n' },
      head: { [F]: 'enum34==1.1.10; python_version < "3"\n' },
      want: [{ file: F, module: 'm', package: 'enum34', kind: 'changed', from: '==1.1.6', to: '==1.1.10', line: 1, bump: 'patch' }],
    },
    {
      name: 'a range pin that changes has no classifiable bump',
      base: { [F]: 'a>=1.0\n' },
      head: { [F]: 'a>=2.0\n' },
      want: [{ file: F, module: 'm', package: 'a', kind: 'changed', from: '>=1.0', to: '>=2.0', line: 1, bump: 'unknown' }],
    },
    {
      name: 'a new file adds its pins, a deleted file removes them; files in path order',
      base: { [G]: 'x==1\n' },
      head: { [F]: 'y==2\n' },
      want: [
        { file: F, module: 'm', package: 'y', kind: 'added', from: null, to: '==2', line: 1, bump: null },
        { file: G, module: 'n', package: 'x', kind: 'removed', from: '==1', to: null, line: null, bump: null },
      ],
    },
    {
      name: 'a downgrade and an epoch',
      base: { [F]: 'a==2.0\nb==2019.1\n' },
      head: { [F]: 'a==1.9\nb==1!1.0\n' },
      want: [
        { file: F, module: 'm', package: 'a', kind: 'changed', from: '==2.0', to: '==1.9', line: 1, bump: 'downgrade' },
        { file: F, module: 'm', package: 'b', kind: 'changed', from: '==2019.1', to: '==1!1.0', line: 2, bump: 'epoch' },
      ],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.deepEqual(diff(c.base, c.head), c.want);
    });
  }

  test('directives travel with each side', () => {
    const inv = (text: string) => buildInventory([{ path: F, text }]);
    const [c] = diffInventories(inv('signtool==1.0  # puppet: nodownload\n'), inv('signtool==2.0  # puppet: nodownload\n'));
    assert.equal(c?.from?.nodownload, true);
    assert.equal(c?.to?.nodownload, true);
    assert.equal(c?.bump?.kind, 'major');
  });
});
