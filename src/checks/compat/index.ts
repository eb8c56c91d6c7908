/** The `compat` check: every requirements file × every target, as pip install + pip check see it. */
import { codesOf } from '../../findings/index.js';
import type { Check } from '../contract.js';
import { analyzeFile } from './analyze.js';

export const compatCheck: Check = {
  id: 'compat',
  title: 'pip compatibility',
  summary: 'per-module pip compatibility matrix: every requirements file × every target python/platform',
  codes: codesOf('compat'),
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
