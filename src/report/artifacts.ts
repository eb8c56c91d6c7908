/**
 * The standard artifact set of a run (../shared/CONTRACT.md "Artifacts"), as relative path →
 * content, ready for `writeArtifacts`. Pure: rendering and writing stay separate so the CLI,
 * the Taskcluster task and the tests can each decide where (and whether) files go.
 * `github/customCheckRunAnnotations.json` carries only the first 50 annotations (failures first):
 * Taskcluster-GitHub passes the file to GitHub unmodified, and GitHub takes at most 50 per request.
 * `report.txt` (an extension of the contract) is the terminal report with infos, uncoloured
 * unless asked.
 */
import type { Report } from '../findings/index.js';
import { reportChecks } from './common.js';
import { renderDownloadPlan } from './download-plan.js';
import { batchAnnotations, renderGithubAnnotations } from './github-annotations.js';
import { renderGithubCheckText } from './github-text.js';
import type { GithubTextOptions } from './github-text.js';
import { renderHtml } from './html.js';
import type { HtmlOptions } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderText } from './text.js';
import { renderErrorSummary } from './treeherder.js';

export interface StandardArtifactOptions {
  /** ANSI colour in report.txt (off by default: artifacts are read in browsers). */
  color?: boolean;
  /** report.html's source links, brief and patch. */
  html?: HtmlOptions;
  /** Artifact links for the check-run text (report.html first). */
  links?: GithubTextOptions['links'];
}

/** report.json, report.txt, report.html, junit.xml, the GitHub check-run files, one errorsummary log per check, and the download plan when wheels ran. */
export function standardArtifacts(report: Report, opts: StandardArtifactOptions = {}): Record<string, string> {
  const annotations = batchAnnotations(renderGithubAnnotations(report))[0] ?? [];
  const files: Record<string, string> = {
    'report.json': renderJson(report),
    'report.txt': renderText(report, { color: opts.color === true, verbose: true, width: 120 }),
    'junit.xml': renderJunit(report),
    'report.html': renderHtml(report, opts.html ?? {}),
    'github/customCheckRunText.md': renderGithubCheckText(report, opts.links ? { links: opts.links } : {}),
    'github/customCheckRunAnnotations.json': `${JSON.stringify(annotations, null, 2)}\n`,
  };
  for (const check of reportChecks(report)) files[`test_info/${check}_errorsummary.log`] = renderErrorSummary(report, check);
  if (report.checks.includes('wheels')) {
    const plan = renderDownloadPlan(report);
    files['download-plan.json'] = plan.json;
    files['download-plan.sh'] = plan.sh;
  }
  return files;
}
