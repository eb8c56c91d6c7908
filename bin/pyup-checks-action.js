#!/usr/bin/env node
// The GitHub Action's entry point (action.yml runs it after `npm ci` in the action's folder): the
// compiled action when built (npm run build), else the TypeScript source through tsx, as bin/pyup-checks.js.
import { existsSync } from 'node:fs';
const compiled = new URL('../dist/cli/action.js', import.meta.url);
let mod;
if (existsSync(compiled)) {
  mod = await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  mod = await import(new URL('../src/cli/action.ts', import.meta.url).href);
}
const { processIo } = await import(existsSync(compiled) ? new URL('../dist/cli/io.js', import.meta.url).href : new URL('../src/cli/io.ts', import.meta.url).href);
process.exitCode = await mod.runAction(processIo());
