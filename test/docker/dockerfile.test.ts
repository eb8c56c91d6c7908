// The task image holds everything the suite reads at run time. The image's file list is built from
// the Dockerfile itself: each COPY line (build context = the repository root, as docker/build.sh
// runs it; WORKDIR resolves relative destinations) maps repository files to image paths. Then:
// every committed file under src/, bin/, tasks/, schemas/ and the package files is in the image at
// the same place relative to /opt/pyup-checks (the code finds tasks/ and schemas/ relative to
// itself), and so is every file or folder the code names relative to import.meta.url.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOCKERFILE = join(ROOT, 'docker/pyup-checks/Dockerfile');
const APP = '/opt/pyup-checks';

/** Committed files (what a clone, and so the build context, holds). */
async function committed(): Promise<string[]> {
  return (await execa('git', ['ls-files', '-z'], { cwd: ROOT })).stdout.split('\0').filter((f) => f !== '' && existsSync(join(ROOT, f)));
}

/** Image path → repository path, from the Dockerfile's COPY and WORKDIR lines. */
function imageFiles(dockerfile: string, files: readonly string[]): Map<string, string> {
  const image = new Map<string, string>();
  let workdir = '/';
  // Continuation lines joined, comments dropped.
  const lines = dockerfile.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  for (const line of lines) {
    const [instr = '', ...args] = line.split(/\s+/);
    if (instr.toUpperCase() === 'WORKDIR') workdir = posix.resolve(workdir, args[0] ?? '.');
    if (instr.toUpperCase() !== 'COPY') continue;
    const parts = args.filter((a) => !a.startsWith('--'));
    assert.ok(!args.some((a) => a.startsWith('--from')), `COPY --from is not modelled: ${line}`);
    const dest = parts.pop() ?? '';
    const destDir = dest.endsWith('/') || parts.length > 1 || dest === '.' || dest === './';
    const to = posix.resolve(workdir, dest);
    for (const src of parts) {
      const norm = posix.normalize(src).replace(/\/$/, '');
      const matched = files.filter((f) => f === norm || f.startsWith(`${norm}/`));
      assert.ok(matched.length > 0, `COPY ${src}: no committed file`);
      for (const f of matched) {
        // A folder's contents land inside dest; a single file lands at dest or inside it.
        const target = f === norm ? (destDir ? posix.join(to, posix.basename(f)) : to) : posix.join(to, f.slice(norm.length + 1));
        image.set(target, f);
      }
    }
  }
  return image;
}

/** Files and folders the code opens relative to its own location (new URL('../..', import.meta.url) and the like). */
function runtimeReferences(): string[] {
  const out: string[] = [];
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? walk(join(dir, e)) : e.endsWith('.ts') ? [join(dir, e)] : []));
  for (const file of walk(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('import.meta.url')) continue;
    for (const m of text.matchAll(/'((?:\.\.\/)+[^']*)'/g)) {
      if (m[1]!.endsWith('.js')) continue; // an import
      const target = resolve(dirname(file), m[1]!);
      const rel = relative(ROOT, target);
      // The other layout's alternative (e.g. version.ts tries ../package.json for dist/) need not exist.
      if (!rel.startsWith('..') && existsSync(target)) out.push(rel === '' ? '.' : rel);
    }
  }
  return out;
}

test('the image holds the schemas and every runtime file, where the code looks for them', async () => {
  const files = await committed();
  const image = imageFiles(readFileSync(DOCKERFILE, 'utf8'), files);
  const inImage = (rel: string): boolean => image.get(posix.join(APP, rel)) === rel;

  const runtime = files.filter((f) => /^(src|bin|tasks|schemas)\//.test(f) || ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/bundle.mjs'].includes(f));
  const missing = runtime.filter((f) => !inImage(f));
  assert.deepEqual(missing, [], 'runtime files the Dockerfile does not copy');
  const schemas = runtime.filter((f) => f.startsWith('schemas/') && f.endsWith('.json'));
  assert.ok(schemas.length >= 18, `only ${schemas.length} schema files compared`);
  assert.ok(inImage('schemas/schemas/queue/v1/create-task-request.json') && inImage('schemas/treeherder/task-treeherder-config.json'));
  assert.ok(runtime.filter((f) => f.startsWith('src/')).length > 100, 'the sources were listed');

  // What the code reads beside itself: schemas/, tasks/, package.json at least.
  const refs = runtimeReferences();
  for (const want of ['schemas', 'tasks', 'package.json']) assert.ok(refs.includes(want), `src names ${want} (found ${refs.join(', ')})`);
  for (const ref of refs) {
    const covered = statSync(join(ROOT, ref)).isDirectory() ? files.some((f) => f.startsWith(`${ref === '.' ? '' : `${ref}/`}`) && inImage(f)) : inImage(ref);
    assert.ok(covered, `the code reads ${ref} at run time; the image lacks it`);
  }
  // The entry point the tasks run.
  assert.equal(image.get('/usr/local/bin/pyup-run-task'), 'docker/pyup-checks/run-task.sh');
});

test('the COPY model itself: files and folders, relative and absolute destinations', async () => {
  const files = ['a.json', 'b.json', 'dir/x.ts', 'dir/sub/y.ts', 'one.sh'];
  const image = imageFiles('WORKDIR /app\nCOPY a.json b.json ./\nCOPY dir ./dir\nCOPY one.sh /usr/bin/one\n# COPY nothing here\n', files);
  assert.deepEqual([...image.entries()].sort(), [
    ['/app/a.json', 'a.json'], ['/app/b.json', 'b.json'], ['/app/dir/sub/y.ts', 'dir/sub/y.ts'], ['/app/dir/x.ts', 'dir/x.ts'], ['/usr/bin/one', 'one.sh'],
  ]);
  // The real Dockerfile without its schemas line loses every schema: the first test can fail.
  const real = readFileSync(DOCKERFILE, 'utf8');
  const without = real.split('\n').filter((l) => !/^COPY schemas\b/.test(l)).join('\n');
  assert.notEqual(without, real, 'the Dockerfile copies schemas/ on a line of its own');
  const lost = [...imageFiles(without, await committed()).keys()].filter((p) => p.startsWith(`${APP}/schemas/`));
  assert.deepEqual(lost, []);
});
