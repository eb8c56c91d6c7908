/**
 * `brief --base REV [--head REV]`: what a PR changes and when it is safe to land. Reads the
 * requirements files at both revisions through git (head: the working tree unless given), runs
 * compat (and wheels when registered) on the head's changed files, reads the changed releases'
 * metadata, and writes `brief.md` and `brief.json` into --artifacts; prints the Markdown, or the
 * JSON with --json. Exit status as elsewhere: 1 when a check found an error in a changed pin,
 * 3 when the index could not be read, 2 for bad revisions or configuration. The brief itself is
 * computed in ../landing-brief.ts, shared with `--brief-base` on check runs.
 */
import type { Command } from '../command.js';

// Metadata only: the brief (and semver) loads when the command runs, not on every start-up.
export const briefCommand: Command = {
  name: 'brief',
  summary: 'what the PR changes (--base REV, --head REV): every changed pin with its bump kind, links, new requirements, affected services and a landing recommendation; writes brief.md and brief.json',
  options: [
    { name: 'base', type: 'string', value: 'REV', description: 'the revision the PR starts from', default: 'the merge base of HEAD with the default branch' },
    { name: 'head', type: 'string', value: 'REV', description: 'the revision the PR ends at', default: 'the working tree' },
  ],
  common: true,
  run: async (...args) => (await import('./brief-run.js')).run(...args),
};

