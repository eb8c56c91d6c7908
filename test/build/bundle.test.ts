// The bundle (scripts/bundle.mjs, run by `npm run build`) is what the bin and the task image run:
// it must behave as the sources do, find schemas/ and tasks/ from its own folder, and keep a check
// run's start-up small (the commands that need taskcluster-client, @actions/core or execa load them
// on use, not at start).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { EXAMPLE_INDEX } from '../../examples/index.js';
import { CHECKS } from '../../src/checks/index.js';
import { COMMANDS } from '../../src/cli/index.js';
import { parseReport } from '../../src/findings/index.js';
import type { TaskGraph } from '../../src/taskcluster/index.js';
import { buildProjects } from '../support/distributions.js';
import { startIndexServer, type IndexServer } from '../support/index-server.js';
import { EXAMPLE_REPO, runCli } from '../cli/harness.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Two folders below the root, as dist/bundle is (the script refuses any other depth).
const OUT = `dist/test-bundle-${process.pid}`;
const MAIN = join(ROOT, OUT, 'main.mjs');

const bundled = (args: string[], cwd: string = ROOT, env: Record<string, string> = {}) =>
  execa(process.execPath, [MAIN, ...args], { cwd, reject: false, env: { CI: 'true', NO_COLOR: '1', PATH: process.env.PATH ?? '', ...env }, extendEnv: false });

describe('the bundle', () => {
  let server: IndexServer;
  let work: string;
  let metafile: { outputs: Record<string, { imports: Array<{ path: string; kind: string }>; inputs: Record<string, unknown> }> };
  before(async () => {
    const built = await execa(process.execPath, ['scripts/bundle.mjs', OUT, '--metafile'], { cwd: ROOT });
    assert.match(built.stderr, /bundle: \d+ files/);
    metafile = JSON.parse(readFileSync(join(ROOT, OUT, 'meta.json'), 'utf8')) as typeof metafile;
    server = await startIndexServer({ projects: await buildProjects(EXAMPLE_INDEX) });
    work = mkdtempSync(join(tmpdir(), 'pyup-bundle-'));
  });
  after(async () => {
    await server?.close();
    rmSync(join(ROOT, OUT), { recursive: true, force: true });
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('refuses an output folder at another depth (it would not find schemas/ and tasks/)', async () => {
    for (const out of ['dist', 'dist/a/b', '../elsewhere']) {
      const r = await execa(process.execPath, ['scripts/bundle.mjs', out], { cwd: ROOT, reject: false });
      assert.equal(r.exitCode, 2, out);
      assert.match(r.stderr, /not two folders below/);
    }
  });

  test('--version and every --help say what the sources say', async () => {
    const cases = [['--version'], ['--help'], ...COMMANDS.map((c) => [c.name, '--help'])];
    assert.ok(cases.length > 10);
    for (const args of cases) {
      const [fromBundle, fromSource] = await Promise.all([bundled(args), runCli(args, ROOT)]);
      assert.equal(fromBundle.exitCode, fromSource.code, args.join(' '));
      assert.equal(fromBundle.stdout.trim(), fromSource.stdout.trim(), args.join(' '));
    }
  });

  test('all --fix on the example repo: the same report, findings and artifacts as the sources', async () => {
    const args = (tag: string) => ['all', '--fix', '--repo', EXAMPLE_REPO, '--index-url', server.indexUrl, '--cache-dir', join(work, `cache-${tag}`), '--artifacts', join(work, `art-${tag}`), '--json'];
    const fromBundle = await bundled(args('bundle'));
    const fromSource = await runCli(args('source'), ROOT, { CI: 'true', NO_COLOR: '1' });
    assert.equal(fromBundle.exitCode, fromSource.code, fromBundle.stderr);
    assert.equal(fromBundle.exitCode, 1, 'the example has error findings on purpose');
    const strip = (text: string): unknown => {
      const r = parseReport(text);
      return { ...r, stats: undefined, tool: undefined };
    };
    const a = strip(fromBundle.stdout) as { findings: unknown[] };
    assert.ok(a.findings.length > 5, `${a.findings.length} findings compared`);
    assert.deepEqual(a, strip(fromSource.stdout));
    const files = (tag: string) => readdirSync(join(work, `art-${tag}`), { recursive: true }).map(String).sort();
    assert.deepEqual(files('bundle'), files('source'));
    for (const f of ['junit.xml', 'report.html', 'fix.patch']) assert.ok(files('bundle').includes(f), f);
    assert.equal(readFileSync(join(work, 'art-bundle', 'fix.patch'), 'utf8'), readFileSync(join(work, 'art-source', 'fix.patch'), 'utf8'));
  });

  test('decision --dry-run finds tasks/ and schemas/ beside the bundle and validates the graph', async () => {
    const repo = join(work, 'puppet');
    await execa('cp', ['-r', EXAMPLE_REPO, repo]);
    for (const args of [['init', '-q', '-b', 'main'], ['add', '-A'], ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'base']]) await execa('git', args, { cwd: repo });
    const image = `ghcr.io/example/pyup-checks@sha256:${'a'.repeat(64)}`;
    const r = await bundled(['decision', '--dry-run', '--image', image, '--repo', repo, '--artifacts', join(work, 'decision')], work);
    assert.equal(r.exitCode, 0, r.stderr);
    const labels = (text: string): string[] => Object.values(JSON.parse(text) as TaskGraph).map((n) => n.label).sort();
    const fromSource = await runCli(['decision', '--dry-run', '--image', image, '--repo', repo, '--artifacts', join(work, 'decision-source')], work, { PATH: process.env.PATH ?? '' });
    assert.equal(fromSource.code, 0, fromSource.stderr);
    assert.ok(labels(r.stdout).length >= CHECKS.length, r.stdout);
    assert.deepEqual(labels(r.stdout), labels(fromSource.stdout));
    assert.equal((JSON.parse(readFileSync(join(work, 'decision', 'selection.json'), 'utf8')) as { validated: boolean }).validated, true);
  });

  test('the bin runs as an executable and prefers the bundle', async () => {
    const bin = join(ROOT, 'bin/pyup-checks.js');
    assert.equal(readFileSync(bin, 'utf8').split('\n')[0], '#!/usr/bin/env node');
    const r = await execa(bin, ['--version'], { cwd: work, reject: false });
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.stdout.trim(), (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    const text = readFileSync(bin, 'utf8');
    assert.ok(text.indexOf("'../dist/bundle/main.mjs'") >= 0 && text.indexOf("'../dist/bundle/main.mjs'") < text.indexOf("'../dist/cli/main.js'"), 'the bundle comes first');
  });

  test("a check run's start-up loads no Taskcluster, GitHub Action or subprocess library", () => {
    const outputs = metafile.outputs;
    const key = (file: string): string => Object.keys(outputs).find((k) => k.endsWith(`/${file}`) || k === file) ?? file;
    // The files main.mjs loads before running anything: its static imports, transitively.
    const loaded = new Set<string>();
    const visit = (file: string): void => {
      if (loaded.has(file) || !outputs[file]) return;
      loaded.add(file);
      for (const i of outputs[file]!.imports) if (i.kind === 'import-statement') visit(key(i.path.split('/').pop() ?? ''));
    };
    visit(key('main.mjs'));
    assert.ok(loaded.size >= 2, `${loaded.size} files at start-up`);
    const inputs = [...loaded].flatMap((f) => Object.keys(outputs[f]!.inputs));
    assert.ok(inputs.some((i) => i.startsWith('src/checks/compat/')), 'the checks are loaded at start-up');
    for (const heavy of ['taskcluster-client', '@actions/core', 'undici', 'execa', 'ajv', 'got', 'json-e']) {
      assert.deepEqual(inputs.filter((i) => i.includes(`node_modules/${heavy}/`)), [], `${heavy} is loaded at start-up`);
    }
  });
});
