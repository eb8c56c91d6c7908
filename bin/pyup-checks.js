#!/usr/bin/env node
// The installed entry point: the bundle when built (npm run build: dist/bundle/main.mjs, what the
// task image runs), else the compiled CLI (dist/cli/main.js), else the TypeScript source through tsx.
import { existsSync } from 'node:fs';
const bundle = new URL('../dist/bundle/main.mjs', import.meta.url);
const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
