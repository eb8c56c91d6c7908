/**
 * The `stale-ignores` check: `# pyup: ignore` / `# pyup: ignore file` / `# pyup: <spec>` pins that are
 * stale, blocking another pin, or still justified (issue 5), `# pyup` comments that do not do what
 * they say, and pins drifting apart across modules. One pure pass per round over the inventory and
 * the Lookups: it asks for the project pages of the pins, the metadata of the pinned releases, and
 * (for blocking-ignore) the metadata of newer releases of dependents; the engine fetches them.
 */
import type { Finding, ResultRow } from '../../findings/index.js';
import { cellStatus, codesOf } from '../../findings/index.js';
import type { Check } from '../contract.js';
import { classifyPin, isGoverned } from './classify.js';
import { driftFindings } from './drift.js';
import { buildGraph } from './graph.js';
import { directiveNotes } from './notes.js';

export { botEffects, pyupFilter, renovateSkips, policyEffect } from './pyup.js';
export type { BotEffects, PyupFilter } from './pyup.js';

export const staleIgnoresCheck: Check = {
  id: 'stale-ignores',
  title: 'stale pyup ignores',
  summary: '`# pyup: ignore` / `# pyup: <filter>` pins that are stale, blocking, or still justified',
  codes: codesOf('stale-ignores'),
  run(ctx) {
    const results: ResultRow[] = [];
    const findings: Finding[] = [];
    const graphs = ctx.inventory.files.map((file) => buildGraph(file, ctx.lookups));
    for (const graph of graphs) {
      const fileFindings: Finding[] = [];
      for (const rp of graph.resolved.values()) {
        fileFindings.push(...directiveNotes(graph.file, rp.pin));
        if (isGoverned(rp)) fileFindings.push(...classifyPin(ctx.lookups, graph, rp));
      }
      findings.push(...fileFindings);
      for (const target of graph.file.targets) {
        results.push({
          check: 'stale-ignores', module: graph.file.module, file: graph.file.path, target: target.id,
          status: cellStatus(fileFindings.filter((f) => f.target === target.id || f.target === null), graph.infrastructureError),
        });
      }
    }
    findings.push(...driftFindings(ctx.lookups, graphs));
    return { results, findings };
  },
};
