/**
 * The index layer — the only network and cache code in pyup-checks. Table of contents of `src/index`.
 *
 * Simple pages (PEP 503 HTML / PEP 691 JSON, negotiated, decoded in their charset as pip decodes
 * them), find-links mirrors (pages or directories),
 * release metadata (PEP 658, ranged wheel reads, whole wheels spooled to disk, sdists), an on-disk
 * cache with revalidation and `offline`, file digests for hash-checking mode (downloaded once,
 * streamed, cached by validators), bounded by timeouts, size caps, retries and one byte budget for
 * what it buffers. Checks never call this:
 * the CLI asks it for the checks' IndexNeeds and hands them the resulting IndexSnapshot.
 */
export { createIndexClient, emptySnapshot, type IndexClient, type IndexStats } from './client.js';
export { IndexError, defaultCacheDir, type IndexClientOptions, type ProgressEvent } from './options.js';
export { ACCEPT, formatOf, type PageFormat } from './negotiate.js';
