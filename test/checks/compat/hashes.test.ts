// compat in pip's hash-checking mode: hash-unpinned / hash-missing, per target, failing the cells.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKS, runChecks } from '../../../src/checks/index.js';
import { buildInventory } from '../../../src/inventory/index.js';
import { fetcherFrom, snapshotOf } from '../snapshot.js';
import type { IndexDesc } from '../snapshot.js';

const compat = CHECKS.filter((c) => c.id === 'compat');
const M = 'modules/x/files/requirements.txt';
const H = (c: string): string => `--hash=sha256:${c.repeat(64)}`;
const INDEX: IndexDesc = {
  a: { '1.0': {}, '1.1': {} },
  b: { '2.0': {} },
  anyio: { '4.5.2': {}, '4.9.0': {} },
  needy: { '1.0': { requires: ['dep>=1'] } },
  dep: { '1.0': {} },
};

async function run(text: string, pythons = ['3.8', '3.11']) {
  const inventory = buildInventory([{ path: M, text }], { pythons });
  const out = await runChecks(compat, inventory, { index: new Map(), mirror: new Map(), metadata: new Map() }, fetcherFrom(snapshotOf(INDEX)));
  const hashFindings = out.findings.filter((f) => f.code.startsWith('hash-')).map((f) => `${f.code} ${f.package} ${f.line} ${f.target ?? '*'}`).sort();
  return { out, hashFindings, status: Object.fromEntries(out.results.map((r) => [r.target, r.status])) };
}

describe('compat: hash-checking mode', () => {
  const cases: Array<{ name: string; text: string; want: string[]; status: string }> = [
    { name: 'no --hash anywhere: no hash findings', text: 'a==1.0\nb==2.0\n', want: [], status: 'pass' },
    { name: 'every pin hashed: pass', text: `a==1.0 ${H('a')}\nb==2.0 ${H('b')}\n`, want: [], status: 'pass' },
    { name: 'one hashed pin: the other is hash-missing on every target', text: `a==1.0 ${H('a')}\nb==2.0\n`, want: ['hash-missing b 2 *'], status: 'fail' },
    { name: 'unpinned and unhashed: hash-unpinned only (pinning is checked first)', text: `a==1.0 ${H('a')}\nb>=2.0\n`, want: ['hash-unpinned b 2 *'], status: 'fail' },
    { name: 'pip looks at the operator only: ==1.* is pinned', text: `a==1.* ${H('a')}\n`, want: [], status: 'pass' },
    { name: 'two specifiers are not pinned, even with ==', text: `a>=1,==1.0 ${H('a')}\n`, want: ['hash-unpinned a 1 *'], status: 'fail' },
    { name: '--require-hashes alone: every pin is hash-missing', text: '--require-hashes\na==1.0\n', want: ['hash-missing a 2 *'], status: 'fail' },
    {
      name: 'a marker false on a target needs no hash there',
      text: `a==1.0 ${H('a')}\nb==2.0 ; python_version < "3.9"\n`,
      want: ['hash-missing b 2 py3.8-linux-x86_64'],
      status: 'py3.8 fail, py3.11 pass',
    },
    {
      name: 'two same-name pins under opposite markers: each target installs one, no conflict',
      text: `anyio==4.5.2 ; python_full_version < '3.9' ${H('1')}\nanyio==4.9.0 ; python_full_version >= '3.9'\n`,
      want: ['hash-missing anyio 2 py3.11-linux-x86_64'],
      status: 'py3.8 pass, py3.11 fail',
    },
    { name: 'a direct URL is exempt from pinning, its #sha256 counts as a hash', text: `a==1.0 ${H('a')}\nb @ https://h/b-2.0.tar.gz#sha256=${'c'.repeat(64)}\n`, want: [], status: 'pass' },
    { name: 'a dependency the file does not list has no hash', text: `needy==1.0 ${H('n')}\n`, want: ['hash-missing dep 1 py3.11-linux-x86_64', 'hash-missing dep 1 py3.8-linux-x86_64'], status: 'fail' },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const { hashFindings, status } = await run(c.text);
      assert.deepEqual(hashFindings, c.want);
      const want = c.status.includes(',')
        ? { 'py3.8-linux-x86_64': c.status.includes('py3.8 fail') ? 'fail' : 'pass', 'py3.11-linux-x86_64': c.status.includes('py3.11 fail') ? 'fail' : 'pass' }
        : { 'py3.8-linux-x86_64': c.status, 'py3.11-linux-x86_64': c.status };
      assert.deepEqual(status, want);
    });
  }

  test('a comment before the continuation: hash-missing names the cause and the fix, mode on from the other pin', async () => {
    const text = `a==1.0  # pyup: ignore \\\n    ${H('a')} \\\n    ${H('b')}\nb==2.0 \\\n    ${H('c')}\n`;
    const { out } = await run(text, ['3.11']);
    const f = out.findings.find((x) => x.code === 'hash-missing');
    assert.ok(f, JSON.stringify(out.findings));
    assert.equal(f.line, 1);
    assert.match(f.message, /^Hashes are required in --require-hashes mode, but they are missing from some requirements\. a==1\.0 has no --hash: the comment on line 1 \(# pyup: ignore/);
    assert.match(f.message, /reads the 2 --hash line\(s\) after it as part of that comment/);
    assert.match(f.suggestion?.text ?? '', /^move the comment of line 1 after its last --hash line/);
    assert.deepEqual((f.details as Record<string, unknown>)['commentHashes'], [`sha256:${'a'.repeat(64)}`, `sha256:${'b'.repeat(64)}`]);
  });

  test('the comment swallowed the only hashes: hash mode is off, nothing to report', async () => {
    const { hashFindings, status } = await run(`a==1.0  # note \\\n    ${H('a')}\nb==2.0\n`, ['3.11']);
    assert.deepEqual(hashFindings, []);
    assert.deepEqual(status, { 'py3.11-linux-x86_64': 'pass' });
  });

  test('hash-missing gives the --hash lines of the release files the index lists', async () => {
    const { out } = await run(`a==1.0 ${H('a')}\nb==2.0\n`, ['3.11']);
    const f = out.findings.find((x) => x.code === 'hash-missing');
    assert.deepEqual((f?.details as Record<string, unknown> | undefined)?.['hashLines'], [`b==2.0 --hash=sha256:${'0'.repeat(64)}`]);
    assert.match(f?.suggestion?.text ?? '', new RegExp(`^add the hashes of b 2\\.0 to line 2: --hash=sha256:${'0'.repeat(64)}$`));
  });
});
