/**
 * Merging what several indexes (`--index-url` + `--extra-index-url`) or mirrors (`--find-links`) say
 * about one project into one ProjectState.
 *
 * Files are a union (the same URL listed twice is kept once); each keeps its `source`, so a check can
 * tell which mirror holds it. A location that failed makes the merged state an error even when
 * another answered: a file missing from a listing we could not read must not look missing (that
 * would turn an outage into a `missing-on-mirror` finding). Not-found everywhere is not-found.
 */
import type { ProjectName } from '../names/index.js';
import type { ProjectFile, ProjectPage, ProjectState } from '../pypi/index.js';

export function mergeStates(name: ProjectName, states: ProjectState[]): ProjectState {
  const errors = states.flatMap((s) => (s.status === 'error' ? [s.reason] : []));
  if (errors.length > 0) return { status: 'error', reason: errors.join('; ') };
  const pages = states.flatMap((s) => (s.status === 'ok' ? [s.page] : []));
  const first = pages[0];
  if (!first) {
    const notFound = states.find((s) => s.status === 'not-found');
    return notFound ?? { status: 'not-found', url: '' };
  }
  if (pages.length === 1) return { status: 'ok', page: first };
  return { status: 'ok', page: mergePages(name, pages) };
}

function mergePages(name: ProjectName, pages: ProjectPage[]): ProjectPage {
  const seen = new Set<string>();
  const files: ProjectFile[] = [];
  for (const page of pages) {
    for (const file of page.files) {
      if (seen.has(file.url)) continue;
      seen.add(file.url);
      files.push(file);
    }
  }
  const versionLists = pages.map((p) => p.versions);
  const versions = versionLists.every((v) => v !== null) ? [...new Set(versionLists.flat())] : null;
  return {
    name,
    url: pages[0]?.url ?? '',
    files,
    versions,
    warnings: pages.flatMap((p) => p.warnings),
  };
}

/**
 * Drop files whose URL a page may not point at: only http(s), and `file:` only from a local page
 * (a remote index must not make us read local files).
 */
export function keepSafeFiles(page: ProjectPage, pageIsLocal: boolean): ProjectPage {
  const warnings = [...page.warnings];
  const files = page.files.filter((f) => {
    let protocol: string;
    try {
      protocol = new URL(f.url).protocol;
    } catch {
      warnings.push(`${f.filename}: unparseable URL ${JSON.stringify(f.url)} skipped`);
      return false;
    }
    const ok = protocol === 'http:' || protocol === 'https:' || (protocol === 'file:' && pageIsLocal);
    if (!ok) warnings.push(`${f.filename}: ${protocol} URL refused (${f.url})`);
    return ok;
  });
  return { ...page, files, warnings };
}
