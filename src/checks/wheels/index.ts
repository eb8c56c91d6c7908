/**
 * The `wheels` check: every pinned release has a file each target can install, on the mirror(s)
 * machines install from (`pip install --no-index --find-links <mirror>`); when not, which file of
 * the index to put there. Table of contents of `src/checks/wheels`.
 */
import { codesOf } from '../../findings/index.js';
import type { Check } from '../contract.js';
import { DEFAULT_SETTINGS } from '../contract.js';
import { analyzeWheels } from './analyze.js';

export { selectFile, filesOfReleasesMatching, compareCandidates } from './select.js';
export type { Candidate, Rejection, RejectReason, Selection, Requirement } from './select.js';
export { mirrorsForTarget, pipCommand, localFolder, shellQuote } from './mirrors.js';

export const wheelsCheck: Check = {
  id: 'wheels',
  title: 'wheels on the mirror',
  summary: 'every pinned release has an installable file for every target, on the mirror(s) machines install from',
  codes: codesOf('wheels'),
  run(ctx) {
    const results = [];
    const findings = [];
    for (const file of ctx.inventory.files) {
      const out = analyzeWheels(file, ctx.lookups, ctx.settings ?? DEFAULT_SETTINGS);
      results.push(...out.results);
      findings.push(...out.findings);
    }
    return { results, findings };
  },
};
