/**
 * The `stale-ignores` check: `# pyup: ignore` / `# pyup: ignore file` / `# pyup: <spec>` pins that are
 * stale, blocking another pin, or still justified (issue 5), `# pyup` comments that do not do what
 * they say, and pins drifting apart across modules; with the repository's bot configs
 * (`settings.bots`), the same for their rules and `not-updated` for files no bot updates (configs.ts).
 * One pure pass per round over the inventory and
 * the Lookups: it asks for the project pages of the pins, the metadata of the pinned releases, and
 * (for blocking-ignore) the metadata of newer releases of dependents; the engine fetches them.
 */
import { fileCoverage, pipRuleMatches } from '../../bots/index.js';
import type { Finding, ResultRow } from '../../findings/index.js';
import { cellStatus, codesOf } from '../../findings/index.js';
import type { Check } from '../contract.js';
import { classifyPin, isGoverned } from './classify.js';
import { configPass, pinBotEffects } from './configs.js';
import { pyupDirective } from './directive.js';
import { driftFindings } from './drift.js';
import { buildGraph } from './graph.js';
import { indexErrorFinding } from './lost.js';
import { directiveNotes } from './notes.js';

export { botEffects, renovateSkips, policyEffect } from './pyup.js';
export type { BotEffects } from './pyup.js';
export { pyupFilter } from '../shared/index.js';
export type { PyupFilter } from '../shared/index.js';

export const staleIgnoresCheck: Check = {
  id: 'stale-ignores',
  title: 'stale pyup ignores',
  summary: '`# pyup: ignore` / `# pyup: <filter>` pins and Renovate/Dependabot config rules that are stale, blocking, or still justified; files no bot updates',
  codes: codesOf('stale-ignores'),
  run(ctx) {
    const results: ResultRow[] = [];
    const findings: Finding[] = [];
    const graphs = ctx.inventory.files.map((file) => buildGraph(file, ctx.lookups));
    const bots = ctx.settings?.bots ?? null;
    const fromConfigs = bots ? configPass(ctx.lookups, graphs, bots) : null;
    for (const graph of graphs) {
      const fileFindings: Finding[] = [];
      const coverage = bots ? fileCoverage(bots, graph.file.path) : null;
      for (const rp of graph.resolved.values()) {
        const matches = bots && coverage ? pipRuleMatches(bots, { file: graph.file.path, name: rp.pin.name, version: rp.pin.version }, coverage) : [];
        const effects = pinBotEffects(bots, coverage, matches, rp.pin, graph.file.ignoreFile);
        fileFindings.push(...directiveNotes(graph.file, rp.pin, effects));
        if (rp.state === 'index-error') fileFindings.push(indexErrorFinding(graph.file, rp));
        else if (isGoverned(rp)) fileFindings.push(...classifyPin(ctx.lookups, graph, rp, pyupDirective(rp.pin, graph.file.ignoreFile), effects));
      }
      fileFindings.push(...(fromConfigs?.perFile.get(graph) ?? []));
      findings.push(...fileFindings);
      for (const target of graph.file.targets) {
        results.push({
          check: 'stale-ignores', module: graph.file.module, file: graph.file.path, target: target.id,
          status: cellStatus(fileFindings.filter((f) => f.target === target.id || f.target === null), graph.infrastructureError),
        });
      }
    }
    findings.push(...driftFindings(ctx.lookups, graphs), ...(fromConfigs?.configs ?? []));
    return { results, findings };
  },
};
