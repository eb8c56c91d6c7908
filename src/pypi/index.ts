/**
 * The index model and its parsers, with no I/O — the table of contents of `src/pypi`.
 *
 * PEP 503 HTML and PEP 691 JSON simple pages and flat find-links pages → `ProjectFile[]`
 * (leniently, entry by entry); METADATA / PKG-INFO → `CoreMetadata`; egg-info requires.txt →
 * PEP 508 strings; the filename safety check; releases grouped from a listing (which files belong
 * to a release, by PEP 440 equality); pip's
 * Requires-Python rule; and the `IndexSnapshot` types the checks read.
 */
export type {
  CoreMetadata,
  IndexNeeds,
  IndexSnapshot,
  MetadataSource,
  MetadataState,
  DigestState,
  ProjectFile,
  ProjectPage,
  ProjectState,
} from './types.js';
export { releaseKey } from './types.js';
export { MetadataParseError, PageParseError } from './errors.js';
export { parseFindLinksHtml, parseSimpleHtml } from './html.js';
export { parseSimpleJson } from './json.js';
export { parseCoreMetadata, parseRequiresTxt } from './metadata.js';
export { safeFilename } from './safe-filename.js';
export type { Distribution } from './releases.js';
export {
  canonicalVersion,
  distributionOf,
  eggOf,
  eggsAdmitted,
  fileRequiresPythonOk,
  filesOfRelease,
  groupByRelease,
  parseDistributionFilenameSafe,
  releasesOf,
  requiresPythonAllows,
} from './releases.js';
