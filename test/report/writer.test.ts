import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ArtifactPathError, renderJson, standardArtifacts, writeArtifacts } from '../../src/report/index.js';
import type { Finding } from '../../src/findings/index.js';
import { err, file, report, sampleReport, sev, T36 } from './fixture.js';

const made: string[] = [];
after(async () => {
  for (const d of made) await rm(d, { recursive: true, force: true });
});

/** A temp sandbox holding `out/` (the artifacts dir) and `outside/` (must stay untouched). */
async function sandbox(): Promise<{ root: string; out: string; outside: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'pyup-report-'));
  made.push(root);
  const out = path.join(root, 'out');
  const outside = path.join(root, 'outside');
  await mkdir(out);
  await mkdir(outside);
  return { root, out, outside };
}

async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.map(String).sort();
}

describe('writeArtifacts', () => {
  test('writes nested files atomically and reports them', async () => {
    const { out } = await sandbox();
    const written = await writeArtifacts(out, { 'report.json': '{}\n', 'github/customCheckRunText.md': '# x\n', './a/./b.txt': 'b' });
    assert.deepEqual(written, { dir: out, files: ['report.json', 'github/customCheckRunText.md', 'a/b.txt'] });
    assert.equal(await readFile(path.join(out, 'github/customCheckRunText.md'), 'utf8'), '# x\n');
    assert.deepEqual(await tree(out), ['a', 'a/b.txt', 'github', 'github/customCheckRunText.md', 'report.json'], 'no temp files left');
    await writeArtifacts(out, { 'report.json': '{"again":1}\n' });
    assert.equal(await readFile(path.join(out, 'report.json'), 'utf8'), '{"again":1}\n', 'replaces');
  });

  test('creates the directory itself', async () => {
    const { root } = await sandbox();
    const dir = path.join(root, 'new', 'deeper');
    await writeArtifacts(dir, { 'x.txt': 'x' });
    assert.equal(await readFile(path.join(dir, 'x.txt'), 'utf8'), 'x');
  });

  const refused: Array<[string, string]> = [
    ['../x', "contains '..'"],
    ['a/../../x', "contains '..'"],
    ['a/..', "contains '..'"],
    ['/abs', 'absolute'],
    ['/tmp/evil.txt', 'absolute'],
    ['C:\\evil.txt', 'backslash'],
    ['a\\..\\x', 'backslash'],
    ['', 'empty'],
    ['.', 'directory itself'],
    ['a\0b', 'NUL'],
  ];
  for (const [rel, why] of refused) {
    test(`refuses ${JSON.stringify(rel)} and writes nothing`, async () => {
      const { root, out } = await sandbox();
      const before = await tree(root);
      await assert.rejects(writeArtifacts(out, { 'ok.txt': 'fine', [rel]: 'evil' }), (e: unknown) => {
        assert.ok(e instanceof ArtifactPathError);
        assert.equal(e.input, rel);
        assert.ok(e.message.includes(why), e.message);
        return true;
      });
      assert.deepEqual(await tree(root), before, 'validated before the first write');
    });
  }

  test('refuses a symlinked directory that leads outside', async () => {
    const { root, out, outside } = await sandbox();
    await symlink(outside, path.join(out, 'github'));
    const before = await tree(root);
    await assert.rejects(writeArtifacts(out, { 'github/customCheckRunText.md': 'evil' }), ArtifactPathError);
    await assert.rejects(writeArtifacts(out, { 'github/new/deeper.md': 'evil' }), ArtifactPathError);
    assert.deepEqual(await readdir(outside), []);
    assert.deepEqual(await tree(root), before);
  });

  test('refuses a symlinked file that points outside, and a dangling one', async () => {
    const { out, outside } = await sandbox();
    const victim = path.join(outside, 'victim.txt');
    await writeFile(victim, 'original');
    await symlink(victim, path.join(out, 'report.json'));
    await assert.rejects(writeArtifacts(out, { 'report.json': 'evil' }), /symlink to .*outside/);
    assert.equal(await readFile(victim, 'utf8'), 'original');
    await symlink(path.join(outside, 'nothing-here'), path.join(out, 'junit.xml'));
    await assert.rejects(writeArtifacts(out, { 'junit.xml': 'evil' }), /dangling symlink/);
    assert.deepEqual(await readdir(outside), ['victim.txt']);
  });

  test('refuses when the artifacts dir holds a symlink to its parent', async () => {
    const { root, out } = await sandbox();
    await symlink('..', path.join(out, 'up'));
    await assert.rejects(writeArtifacts(out, { 'up/escaped.txt': 'evil' }), ArtifactPathError);
    assert.ok(!(await tree(root)).includes('escaped.txt'));
  });

  test('follows symlinks that stay inside the directory', async () => {
    const { out } = await sandbox();
    await mkdir(path.join(out, 'real'));
    await symlink('real', path.join(out, 'alias'));
    await writeArtifacts(out, { 'alias/x.txt': 'inside' });
    assert.equal(await readFile(path.join(out, 'real', 'x.txt'), 'utf8'), 'inside');
  });

  test('a symlinked artifacts directory itself is fine (the caller chose it)', async () => {
    const { root, outside } = await sandbox();
    const link = path.join(root, 'link-to-outside');
    await symlink(outside, link);
    await writeArtifacts(link, { 'a.txt': 'a' });
    assert.deepEqual(await readdir(outside), ['a.txt']);
  });
});

describe('standardArtifacts', () => {
  test('the contract files plus one errorsummary per check, writable as-is', async () => {
    const r = sampleReport();
    const files = standardArtifacts(r);
    assert.deepEqual(Object.keys(files).sort(), [
      'github/customCheckRunAnnotations.json',
      'github/customCheckRunText.md',
      'junit.xml',
      'report.html',
      'report.json',
      'report.txt',
      'test_info/compat_errorsummary.log',
    ]);
    assert.equal(files['report.json'], renderJson(r));
    const annotations = JSON.parse(files['github/customCheckRunAnnotations.json'] ?? '') as unknown[];
    assert.equal(annotations.length, 6);
    assert.doesNotMatch(files['report.txt'] ?? '', /\u001b\[/);
    const { out } = await sandbox();
    const written = await writeArtifacts(out, files);
    assert.equal(written.files.length, 7);
    assert.equal(await readFile(path.join(out, 'junit.xml'), 'utf8'), files['junit.xml']);
  });

  test('the annotations artifact carries the first 50 (GitHub’s per-request limit), failures first', () => {
    const f = file('m/files/r.txt', 'm', [['x', '1', 1]]);
    const findings: Finding[] = [];
    for (let i = 0; i < 60; i++) findings.push(sev('warning', f, i + 1, T36, `warning ${i}`));
    for (let i = 0; i < 10; i++) findings.push(err(f, 100 + i, T36, `error ${i}`));
    const anns = JSON.parse(standardArtifacts(report({ files: [f], findings }))['github/customCheckRunAnnotations.json'] ?? '') as Array<{
      annotation_level: string;
    }>;
    assert.equal(anns.length, 50);
    assert.deepEqual(anns.slice(0, 10).map((a) => a.annotation_level), Array(10).fill('failure'));
    assert.ok(anns.slice(10).every((a) => a.annotation_level === 'warning'));
  });
});
