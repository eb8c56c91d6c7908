/**
 * PEP 503 project-name normalisation and PEP 685 extra names.
 *
 * Spec: https://peps.python.org/pep-0503/#normalized-names and https://peps.python.org/pep-0685/
 * Supported: the normalisation `re.sub(r"[-_.]+", "-", name).lower()` that pip, packaging and every
 * index use to compare names, and the PEP 508 validity rule for a project name.
 * Traps: `python_jose`, `Python.Jose` and `python--jose` are one project; a valid *name* may look like
 * `name-version` (`invoke-1.1.1`), which is a name, not a pin.
 */

/** A name normalised per PEP 503; only {@link normalizeName} makes one. */
export type ProjectName = string & { readonly __brand: 'ProjectName' };

const SEPARATORS = /[-_.]+/g;
const VALID_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

/** PEP 503 normalisation: runs of `-`, `_` and `.` become one `-`, and the name is lower-cased. */
export function normalizeName(name: string): ProjectName {
  return name.replace(SEPARATORS, '-').toLowerCase() as ProjectName;
}

/** Whether `name` is a valid project name as PEP 508 defines it. */
export function isValidProjectName(name: string): boolean {
  return VALID_NAME.test(name);
}

/** PEP 685: extras compare as normalised names. */
export function normalizeExtra(extra: string): string {
  return normalizeName(extra);
}
