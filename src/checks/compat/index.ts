/** The `compat` check: every requirements file × every target, as pip install + pip check see it. */
import type { Check } from '../contract.js';
import { analyzeFile } from './analyze.js';

export const compatCheck: Check = {
  id: 'compat',
  title: 'pip compatibility',
  summary: 'per-module pip compatibility matrix: every requirements file × every target python/platform',
  codes: ['conflict', 'missing-dependency', 'unknown-version', 'requires-python', 'metadata-unavailable', 'yanked', 'not-pinned', 'nodownload-skipped', 'index-error', 'hash-unpinned', 'hash-missing'],
  run(ctx) {
    const results = [];
    const findings = [];
    for (const file of ctx.inventory.files) {
      const out = analyzeFile(file, ctx.lookups);
      results.push(...out.results);
      findings.push(...out.findings);
    }
    return { results, findings };
  },
};
