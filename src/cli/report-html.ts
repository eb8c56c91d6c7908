/**
 * report.html's wiring for a check run: where the checked files live (for links to their lines)
 * and the artifact links that lead the check-run text.
 * - Source: `--repo-url`/`--revision`, else the CI's own variables: Taskcluster check tasks get
 *   PYUP_HEAD_REPOSITORY / PYUP_HEAD_REV from the decision; GitHub Actions sets
 *   GITHUB_SERVER_URL / GITHUB_REPOSITORY / GITHUB_SHA (on pull_request that is the merge commit
 *   actions/checkout checks out, so the lines are the ones that were read). Neither: no links.
 * - Artifact links: inside a Taskcluster task (TASK_ID and TASKCLUSTER_ROOT_URL, set by the worker)
 *   the queue's latest-artifact URLs of report.html (first), report.txt, report.json, junit.xml.
 */
import type { HtmlSource } from '../report/index.js';
import type { CommonOptions } from './options.js';

type Env = Record<string, string | undefined>;

/** The repository and revision the page links lines to, or null when unknown. */
export function htmlSource(opts: Pick<CommonOptions, 'repoUrl' | 'revision'>, env: Env): HtmlSource | null {
  const github = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL.replace(/\/+$/, '')}/${env.GITHUB_REPOSITORY}` : null;
  const repoUrl = opts.repoUrl ?? env.PYUP_HEAD_REPOSITORY ?? github;
  const revision = opts.revision ?? env.PYUP_HEAD_REV ?? env.GITHUB_SHA;
  return repoUrl && revision ? { repoUrl, revision } : null;
}

/** Artifact names as tasks/defaults.yml publishes them, report.html first. */
export const LINKED_ARTIFACTS: ReadonlyArray<{ label: string; name: string }> = [
  { label: 'report.html', name: 'public/report.html' },
  { label: 'report.txt', name: 'public/report.txt' },
  { label: 'report.json', name: 'public/report.json' },
  { label: 'junit.xml', name: 'public/results/junit.xml' },
];

/** The check-run text's links to this task's artifacts, or none outside a Taskcluster task. */
export function artifactLinks(env: Env): Array<{ label: string; url: string }> {
  const root = env.TASKCLUSTER_ROOT_URL?.replace(/\/+$/, '');
  if (!env.TASK_ID || !root) return [];
  return LINKED_ARTIFACTS.map((a) => ({ label: a.label, url: `${root}/api/queue/v1/task/${encodeURIComponent(env.TASK_ID ?? '')}/artifacts/${a.name}` }));
}
