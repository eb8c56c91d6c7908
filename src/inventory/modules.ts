/** Which puppet module a requirements file belongs to. */

const MODULE_PATH = /(?:^|\/)modules\/([^/]+)\/files\//;

/**
 * `modules/<module>/files/...` → `<module>`; elsewhere the file's folder name, or the file name at the root.
 * Paths use forward slashes; a backslash is part of a name (a name that is not UTF-8 shows as `mod\xff`).
 */
export function moduleOf(path: string): string {
  const normalized = path;
  const match = MODULE_PATH.exec(normalized);
  if (match?.[1]) return match[1];
  const parts = normalized.split('/').filter(Boolean);
  if (parts.length >= 2) return parts[parts.length - 2] ?? normalized;
  return (parts[0] ?? normalized).replace(/\.txt$/, '');
}
