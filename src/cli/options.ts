/** The options every checking command shares (CONTRACT.md "Common options"), parsed and validated. */
import { isAbsolute, resolve } from 'node:path';
import envPaths from 'env-paths';
import type { OptionSpec } from './command.js';
import { UsageError } from './command.js';
import type { Io } from './io.js';
import { hasUrlScheme } from '../urls/index.js';

export const DEFAULT_FILES = 'modules/*/files/*requirements*.txt';
export const DEFAULT_INDEX_URL = 'https://pypi.org/simple';
/** Per request; with the index's circuit breaker (3 timeouts in a row) a hung host costs at most ~3× this (≤ 90 s). */
export const DEFAULT_TIMEOUT_S = 20;

export const COMMON_OPTIONS: readonly OptionSpec[] = [
  { name: 'repo', type: 'string', value: 'DIR', description: 'the puppet checkout', default: '.' },
  { name: 'files', type: 'string', multiple: true, value: 'GLOB', description: 'requirement files, relative to --repo (repeatable)', default: DEFAULT_FILES },
  { name: 'module', type: 'string', multiple: true, value: 'NAME', description: 'only this module (repeatable)', default: 'all' },
  { name: 'python', type: 'string', multiple: true, value: 'X.Y', description: "target python (repeatable); X.Y.Z sets the full version markers see", default: "each file's `# python_version: NN` header" },
  { name: 'platform', type: 'string', multiple: true, value: 'TAG', description: 'target platform (repeatable): linux-x86_64, manylinux2014_x86_64, macos-x86_64, macos-arm64, ...', default: 'linux x86_64; mac_*requirements*.txt → macOS x86_64' },
  { name: 'index-url', type: 'string', value: 'URL', description: 'PEP 503 / PEP 691 simple index (http(s), or file:/a directory holding <name>/index.html, as pip reads one)', default: DEFAULT_INDEX_URL },
  { name: 'extra-index-url', type: 'string', multiple: true, value: 'URL', description: 'more indexes, merged per project (repeatable)' },
  { name: 'find-links', type: 'string', multiple: true, value: 'URL|DIR', description: 'the mirror(s) puppet installs from (repeatable)', default: 'from config' },
  { name: 'config', type: 'string', value: 'FILE', description: 'repository config (targets per file glob, mirrors, index)', default: '<repo>/.pyup-checks.yml if present' },
  { name: 'artifacts', type: 'string', value: 'DIR', description: 'where reports are written', default: './artifacts' },
  { name: 'cache-dir', type: 'string', value: 'DIR', description: 'metadata cache', default: '$PYUP_CHECKS_CACHE or the user cache dir' },
  { name: 'offline', type: 'boolean', description: 'use only the cache' },
  { name: 'json', type: 'boolean', description: 'print report.json to stdout instead of the text report' },
  { name: 'verbose', short: 'v', type: 'boolean', description: 'also list info findings in the text report, and the index requests by kind on stderr' },
  { name: 'timeout', type: 'string', value: 'SECONDS', description: "bound on the index's silence: each request, headers and whole body, within it; a host that times out 3 times in a row is given up (exit 3)", default: '20, or $PYUP_CHECKS_TIMEOUT' },
  { name: 'refresh', type: 'boolean', description: "revalidate every cached page, ignoring its freshness (Cache-Control: max-age)" },
  { name: 'concurrency', type: 'string', value: 'N', description: 'parallel index requests', default: '8' },
  { name: 'treeherder', type: 'boolean', description: 'print a TEST-UNEXPECTED-FAIL line per error finding (Treeherder)', default: 'on inside a Taskcluster task (TASK_ID set)' },
  { name: 'brief-base', type: 'string', value: 'REV', description: 'check runs: also compute the landing brief REV..working tree (brief.md, brief.json) and lead the GitHub check-run text with it; a brief that cannot be made is noted, never fails the check' },
  { name: 'repo-url', type: 'string', value: 'URL', description: "report.html: the repository's web URL, so each finding links to its line on GitHub", default: '$PYUP_HEAD_REPOSITORY (Taskcluster), $GITHUB_SERVER_URL/$GITHUB_REPOSITORY (GitHub Actions)' },
  { name: 'revision', type: 'string', value: 'REV', description: 'report.html: the commit the lines link to', default: '$PYUP_HEAD_REV, $GITHUB_SHA' },
];

export interface CommonOptions {
  repo: string;
  files: string[];
  modules: string[];
  pythons: string[];
  platforms: string[];
  indexUrl: string | null;
  extraIndexUrls: string[];
  findLinks: string[];
  config: string | null;
  artifacts: string;
  cacheDir: string;
  offline: boolean;
  json: boolean;
  verbose: boolean;
  timeoutMs: number;
  /** Revalidate every cached page even within its max-age. */
  refresh: boolean;
  concurrency: number;
  /** Print Treeherder failure lines even outside a Taskcluster task. */
  treeherder: boolean;
  /** Check runs: the revision the landing brief starts from (it leads the check-run text); null: no brief. */
  briefBase: string | null;
  /** report.html's links to lines: the repository's web URL and the revision (null: from the CI environment, if any). */
  repoUrl?: string | null;
  revision?: string | null;
}

type Raw = Record<string, string | boolean | string[] | undefined>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function positiveNumber(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} takes a positive number, not ${JSON.stringify(text)}`);
  return n;
}

export function commonOptions(raw: Raw, io: Io): CommonOptions {
  const repo = resolve(io.cwd, str(raw.repo) ?? '.');
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(io.cwd, p));
  const cache = str(raw['cache-dir']) ?? io.env.PYUP_CHECKS_CACHE ?? envPaths('pyup-checks', { suffix: '' }).cache;
  const files = list(raw.files);
  return {
    repo,
    files: files.length > 0 ? files : [DEFAULT_FILES],
    modules: list(raw.module),
    pythons: list(raw.python),
    platforms: list(raw.platform),
    indexUrl: str(raw['index-url']) ?? null,
    extraIndexUrls: list(raw['extra-index-url']),
    findLinks: list(raw['find-links']).map((l) => (hasUrlScheme(l) ? l : abs(l))),
    config: str(raw.config) ? abs(str(raw.config)!) : null,
    artifacts: abs(str(raw.artifacts) ?? 'artifacts'),
    cacheDir: abs(cache),
    offline: raw.offline === true,
    json: raw.json === true,
    verbose: raw.verbose === true,
    timeoutMs: positiveNumber(str(raw.timeout) ?? (io.env.PYUP_CHECKS_TIMEOUT || undefined), 'timeout', DEFAULT_TIMEOUT_S) * 1000,
    refresh: raw.refresh === true,
    concurrency: Math.floor(positiveNumber(str(raw.concurrency), 'concurrency', 8)),
    treeherder: raw.treeherder === true,
    briefBase: str(raw['brief-base']) ?? null,
    repoUrl: str(raw['repo-url']) ?? null,
    revision: str(raw.revision) ?? null,
  };
}
