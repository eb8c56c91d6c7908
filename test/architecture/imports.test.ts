// The layering of src/ (STYLE.md, README "Architecture"): a folder imports only folders of a lower
// layer, only through their index.ts, and only the edge folders do I/O.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const SRC = resolve(new URL('../../src', import.meta.url).pathname);

const LAYERS: Record<string, number> = {
  names: 0, pep440: 0, tags: 0, urls: 0, git: 0, order: 0,
  pep508: 1, filenames: 1,
  requirements: 2, pypi: 2, targets: 2, bots: 2,
  inventory: 3, findings: 3,
  index: 4, checks: 4,
  report: 5, taskcluster: 5, brief: 5,
  cli: 6,
};

/** Node built-ins that touch the outside world: only these folders may use them. */
const IO_MODULES = /^(node:)?(fs|fs\/promises|http|https|net|child_process|dgram|tls)$/;
const IO_FOLDERS = new Set(['index', 'taskcluster', 'cli']);
const IO_FILES = new Set(['report/writer.ts']);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const full = join(dir, e);
    return statSync(full).isDirectory() ? walk(full) : full.endsWith('.ts') ? [full] : [];
  });
}

const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gm;
const DYNAMIC = /import\(\s*['"]([^'"]+)['"]\s*\)/g;

test('every src folder has a layer and an index.ts', () => {
  for (const folder of readdirSync(SRC)) {
    if (!statSync(join(SRC, folder)).isDirectory()) continue;
    assert.ok(folder in LAYERS, `src/${folder} has no layer in this test (and in the README's architecture table)`);
    assert.ok(statSync(join(SRC, folder, 'index.ts')).isFile(), `src/${folder}/index.ts is its table of contents`);
  }
});

test('imports point down, through index.ts, and I/O stays at the edges', () => {
  const problems: string[] = [];
  let across = 0;
  for (const file of walk(SRC)) {
    const rel = relative(SRC, file).split(sep).join('/');
    const folder = rel.split('/')[0]!;
    const text = readFileSync(file, 'utf8');
    const specs = [...text.matchAll(IMPORT), ...text.matchAll(DYNAMIC)].map((m) => m[1]!);
    for (const spec of specs) {
      if (spec.startsWith('.')) {
        const target = relative(SRC, resolve(dirname(file), spec)).split(sep).join('/');
        if (target.startsWith('..')) {
          problems.push(`${rel}: imports outside src: ${spec}`);
          continue;
        }
        const targetFolder = target.split('/')[0]!;
        if (targetFolder === folder) continue;
        across++;
        if (!(targetFolder in LAYERS)) problems.push(`${rel}: imports unknown folder ${spec}`);
        else if (LAYERS[targetFolder]! >= LAYERS[folder]!) problems.push(`${rel}: imports ${targetFolder} (layer ${LAYERS[targetFolder]}) from layer ${LAYERS[folder]}`);
        if (target !== `${targetFolder}/index.js`) problems.push(`${rel}: imports ${targetFolder}'s internals (${spec}); use ${targetFolder}/index.js`);
      } else if (IO_MODULES.test(spec) && !IO_FOLDERS.has(folder) && !IO_FILES.has(rel)) {
        problems.push(`${rel}: does I/O (${spec}) outside the edge folders`);
      }
    }
  }
  assert.deepEqual(problems, []);
  // The import pattern must still see the code: src/ crosses folders hundreds of times.
  assert.ok(across > 100, `only ${across} imports across folders were read`);
});

test('a check imports only checks/shared, and every checks subfolder only through its index.ts', () => {
  const CHECKS = join(SRC, 'checks');
  const problems: string[] = [];
  let toShared = 0;
  for (const file of walk(CHECKS)) {
    const rel = relative(CHECKS, file).split(sep).join('/');
    // null: the checks root (contract, engine, registry), which may use every subfolder's index.ts.
    const own = rel.includes('/') ? rel.split('/')[0]! : null;
    const text = readFileSync(file, 'utf8');
    for (const spec of [...text.matchAll(IMPORT), ...text.matchAll(DYNAMIC)].map((m) => m[1]!)) {
      if (!spec.startsWith('.')) continue;
      const target = relative(CHECKS, resolve(dirname(file), spec)).split(sep).join('/');
      if (target.startsWith('..') || !target.includes('/')) continue; // outside checks (see above), or the checks root
      const sub = target.split('/')[0]!;
      if (sub === own) continue;
      if (sub === 'shared') toShared++;
      if (own !== null && sub !== 'shared') problems.push(`checks/${rel}: imports another check (${spec})`);
      if (target !== `${sub}/index.js`) problems.push(`checks/${rel}: imports checks/${sub}'s internals (${spec}); use ${sub}/index.js`);
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(toShared >= 3, `only ${toShared} imports of checks/shared were read`);
});
