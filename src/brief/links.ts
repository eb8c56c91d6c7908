/**
 * A release's links, from its core metadata (https://packaging.python.org/en/latest/specifications/core-metadata/):
 * `Project-URL: label, url` entries and the deprecated `Home-page`. Labels are free text, so the kind
 * is read from the label as the metadata spec's "well-known labels" normalise it (lower-case, no
 * punctuation or spaces: `Release Notes` → `releasenotes`), with a look at the URL as a fallback
 * (`/releases`, `CHANGELOG`). Only http(s) URLs are kept: the brief is rendered as Markdown.
 */
import type { CoreMetadata } from '../pypi/index.js';
import type { LinkKind, ReleaseLink } from './types.js';

const BY_LABEL: ReadonlyArray<[RegExp, LinkKind]> = [
  [/^(changelog|changes|changelogs|history|whatsnew|news)$/, 'changelog'],
  [/^(releasenotes|releases|release)$/, 'release-notes'],
  [/^(homepage|home|website)$/, 'home'],
  [/^(source|sourcecode|repository|code|github)$/, 'source'],
  [/^(documentation|docs)$/, 'docs'],
  [/^(issues|bugtracker|issuetracker|bugs|tracker)$/, 'issues'],
];

const KIND_ORDER: readonly LinkKind[] = ['changelog', 'release-notes', 'home', 'source', 'docs', 'issues', 'other'];

function kindOf(label: string, url: string): LinkKind {
  const key = label.toLowerCase().replace(/[^a-z0-9]/g, '');
  const known = BY_LABEL.find(([re]) => re.test(key));
  if (known) return known[1];
  if (/change-?log|changes|history|news/i.test(url)) return 'changelog';
  if (/\/releases\b/i.test(url)) return 'release-notes';
  return 'other';
}

/** The release's links, changelog and release notes first, each URL once. */
export function releaseLinks(metadata: CoreMetadata): ReleaseLink[] {
  const out: ReleaseLink[] = [];
  const seen = new Set<string>();
  const add = (label: string, url: string): void => {
    const u = url.trim();
    if (!/^https?:\/\/[^\s<>()[\]]+$/i.test(u) || seen.has(u)) return;
    seen.add(u);
    out.push({ label: label.trim() || 'link', url: u, kind: label === 'Home-page' ? 'home' : kindOf(label, u) });
  };
  for (const { label, url } of metadata.projectUrls) add(label, url);
  if (metadata.homePage && metadata.homePage.toUpperCase() !== 'UNKNOWN') add('Home-page', metadata.homePage);
  return out.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}
