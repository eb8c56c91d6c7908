// `node scripts/bundle.mjs [OUTDIR] [--metafile]` (part of `npm run build`): the CLI as a few ES module files in
// dist/bundle/ (esbuild, code-split at the commands' dynamic imports), which bin/pyup-checks.js
// and the task image run. Why: Node's ES module loader costs ~1 ms per module, and a check run
// loads ~250 of them (our sources and their dependencies), which was most of a warm run's
// start-up; one file per command family is parsed in a fraction of that.
// What stays outside: playwright-core (tests only); packages the code loads through createRequire
// (junit-report-builder, htmlparser2, ajv's refs) are required from node_modules at run time,
// which the image and an installed package have beside dist/.
// OUTDIR must sit two folders below the package root, as src/<folder>/ and dist/<folder>/ do: the
// code finds schemas/, tasks/ and package.json at '../../' from its own file.
import { build } from 'esbuild';
import { rm, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outdir = resolve(root, args.find((a) => !a.startsWith('--')) ?? 'dist/bundle');
const depth = relative(root, outdir).split(/[\\/]/);
if (depth.length !== 2 || depth[0] === '..') {
  process.stderr.write(`bundle: ${outdir} is not two folders below ${root}; the bundle would not find schemas/ and tasks/\n`);
  process.exit(2);
}

await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  chunkNames: '[name]-[hash]',
  external: ['playwright-core'],
  // CommonJS dependencies call require(); an ES module has none, so each file gets one of its own.
  banner: { js: "import { createRequire as __pyupCreateRequire } from 'node:module'; const require = __pyupCreateRequire(import.meta.url);" },
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true,
});
// --metafile: esbuild's account of what went where (meta.json beside the bundle; the tests read it).
if (args.includes('--metafile')) await writeFile(resolve(outdir, 'meta.json'), JSON.stringify(result.metafile));
const outputs = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.mjs'));
const bytes = outputs.reduce((n, [, o]) => n + o.bytes, 0);
process.stderr.write(`bundle: ${outputs.length} files, ${(bytes / 1048576).toFixed(1)} MiB in ${relative(root, outdir)}/\n`);
