import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildInventory, moduleOf, pinsForTarget } from '../../src/inventory/index.js';

describe('moduleOf', () => {
  const cases: Array<[string, string]> = [
    ['modules/signing_scriptworker/files/requirements.txt', 'signing_scriptworker'],
    ['modules/signingserver/files/mac_requirements.txt', 'signingserver'],
    ['some/dir/requirements.txt', 'dir'],
    ['requirements.txt', 'requirements'],
    ['modules/mod\\xff/files/requirements.txt', 'mod\\xff'],
  ];
  for (const [path, module] of cases) test(`${path} → ${module}`, () => assert.equal(moduleOf(path), module));
});

describe('buildInventory', () => {
  test('targets come from the header, then options, then config, then the default', () => {
    const inv = buildInventory([
      { path: 'modules/a/files/requirements.txt', text: '# python_version: 27\nsix==1.11.0\n' },
      { path: 'modules/b/files/requirements.txt', text: 'six==1.11.0\n' },
      { path: 'modules/c/files/mac_requirements.txt', text: '# python_version: 36\nsix==1.11.0\n' },
      { path: 'modules/d/files/requirements.txt', text: 'six==1.11.0\n' },
    ], { configFor: (p) => (p.startsWith('modules/d/') ? { pythons: ['3.7'], platforms: ['macos-arm64'] } : null) });
    const byModule = Object.fromEntries(inv.files.map((f) => [f.module, { targets: f.targets.map((t) => t.id), source: f.pythonSource }]));
    assert.deepEqual(byModule, {
      a: { targets: ['py2.7-linux-x86_64'], source: 'header' },
      b: { targets: ['py3.6-linux-x86_64'], source: 'default' },
      c: { targets: ['py3.6-macos-x86_64'], source: 'header' },
      d: { targets: ['py3.7-macos-arm64'], source: 'config' },
    });
    assert.deepEqual(inv.targets.map((t) => t.id), ['py2.7-linux-x86_64', 'py3.6-linux-x86_64', 'py3.6-macos-x86_64', 'py3.7-macos-arm64']);
  });

  test('--python and --platform replace the header and the default, and --module filters', () => {
    const inv = buildInventory([
      { path: 'modules/a/files/requirements.txt', text: '# python_version: 27\nsix==1.11.0\n' },
      { path: 'modules/b/files/requirements.txt', text: 'six==1.11.0\n' },
    ], { pythons: ['3.6', '3.11'], platforms: ['linux-x86_64', 'macos-arm64'], modules: ['a'] });
    assert.equal(inv.files.length, 1);
    assert.deepEqual(inv.files[0]!.targets.map((t) => t.id), ['py3.6-linux-x86_64', 'py3.6-macos-arm64', 'py3.11-linux-x86_64', 'py3.11-macos-arm64']);
  });

  test('pins carry directives; a file-level ignore ignores every pin', () => {
    const inv = buildInventory([
      { path: 'modules/a/files/requirements.txt', text: '# python_version: 36\narrow==0.10.0  # pyup: ignore\nredo==2.0.2  # pyup: <2.0.3\nsigntool==2.0.3  # puppet: nodownload\nsix>=1.0\n' },
      { path: 'modules/b/files/requirements.txt', text: '# pyup: ignore file\n# python_version: 36\nsix==1.11.0\n' },
    ]);
    const a = inv.files[0]!;
    assert.deepEqual(a.pins.map((p) => [p.package, p.version, p.line, p.ignore, p.filter, p.nodownload]), [
      ['arrow', '0.10.0', 2, true, null, false],
      ['redo', '2.0.2', 3, false, '<2.0.3', false],
      ['signtool', '2.0.3', 4, false, null, true],
      ['six', null, 5, false, null, false],
    ]);
    const b = inv.files[1]!;
    assert.equal(b.ignoreFile, true);
    assert.equal(b.pins[0]!.ignore, true);
  });

  test('lines pip rejects become diagnostics with a fix, and do not stop the file', () => {
    const inv = buildInventory([{ path: 'modules/a/files/requirements.txt', text: '# python_version: 36\nscriptworker=12.0.0\nsix==1.11.0\n' }]);
    assert.equal(inv.diagnostics.length, 1);
    const d = inv.diagnostics[0]!;
    assert.equal(d.line, 2);
    assert.equal(d.fix, 'write scriptworker==12.0.0');
    assert.deepEqual(inv.files[0]!.pins.map((p) => p.package), ['six']);
  });

  test('pins apply per target by their environment marker', () => {
    const inv = buildInventory([{ path: 'modules/a/files/requirements.txt', text: 'futures==3.2.0; python_version < "3"\nsix==1.11.0\n' }], { pythons: ['2.7', '3.6'] });
    const file = inv.files[0]!;
    const names = file.targets.map((t) => pinsForTarget(file, t).map((p) => p.package).join(','));
    assert.deepEqual(names, ['futures,six', 'six']);
  });
});
