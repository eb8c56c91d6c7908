/**
 * How pyup applies the directives src/requirements reads, and which bots read them at all.
 *
 * Sources (read with the search tool, not copied):
 * - pyup `pyup/requirements.py`: `Requirement.filter` (text after `pyup:` up to `#`, parsed as
 *   `"filter " + text`; an unparsable filter is dropped silently; `until YYYY-MM-DD` drops it after
 *   that date), `get_latest_version_within_specs` (rewrites `~=` to `==` before matching, so
 *   `# pyup: ~=1.2` admits 1.2 only), `can_update_semver` (`pyup: update minor|major` is a policy
 *   gating `needs_update`; any other word after `update` blocks every update).
 * - dparse `parser.py` `is_marked_line` / `is_marked_file`: `pyup: ignore` / `pyup:ignore` anywhere on
 *   the line drops it; `pyup: ignore file` on the first three lines drops the whole file.
 * - Renovate `lib/util/ignore.ts` `isSkipComment`, called by the pip_requirements manager with the
 *   text between the line's first and second `#`: skipped only when it reads `pyup:` or `renovate:`
 *   followed by exactly `ignore`. No file-level ignore, no filters.
 * - Dependabot reads no requirement comments (dependabot/feedback#150: ignores live in dependabot.yml).
 * Trap: `# pyup < 2.0` (no colon) is read by none of them.
 */
import type { Pin } from '../../inventory/index.js';
import { pyupFilter } from '../shared/index.js';

export { pyupFilter };
export type { PyupFilter } from '../shared/index.js';

/** The directive as a reviewer would search for it in the file. */
export function directiveLabel(pin: Pin, fileIgnored: boolean): string {
  const d = pin.directives;
  if (d.ignore) return '# pyup: ignore';
  if (fileIgnored) return '# pyup: ignore file';
  if (d.filter) return d.comment?.includes('rq.filter:') ? `# rq.filter: ${d.filter.text}` : `# pyup: ${d.filter.text}`;
  return d.comment ?? '';
}

export type Bot = 'pyup' | 'renovate' | 'dependabot';
export type BotEffects = Record<Bot, string>;

const DEPENDABOT = 'no effect: Dependabot reads no requirement comments (ignore the package in .github/dependabot.yml instead)';

/** Renovate's pip_requirements test: the first comment on the line reads `pyup:`/`renovate:` then exactly `ignore`. */
export function renovateSkips(comment: string | null): boolean {
  if (comment === null) return false;
  const first = (comment.split('#')[1] ?? '').trim();
  if (!/^(renovate|pyup):/.test(first)) return false;
  return (first.split('#')[0]?.split(':')[1] ?? '').trim() === 'ignore';
}

/** What each bot does with this pin's directives. */
export function botEffects(pin: Pin, fileIgnored: boolean): BotEffects {
  const d = pin.directives;
  const renovate = renovateSkips(d.comment)
    ? 'skips the pin (it reads a first comment of exactly "pyup: ignore")'
    : d.ignore
      ? `no effect: Renovate skips a pin only when its first comment is exactly "pyup: ignore" or "renovate: ignore", not "${(d.comment ?? '').replace(/^#\s*/, '')}"`
      : fileIgnored
        ? 'no effect: Renovate has no file-level "pyup: ignore file"'
        : d.filter
          ? 'no effect: Renovate reads no version filters from comments (use packageRules allowedVersions)'
          : 'no effect: Renovate reads only "pyup: ignore" / "renovate: ignore"';
  let pyup: string;
  if (d.ignore) pyup = 'skips the pin (dparse drops any line containing "pyup: ignore")';
  else if (fileIgnored) pyup = 'skips the pin (the file is marked "pyup: ignore file" on one of its first three lines)';
  else {
    const f = pyupFilter(d);
    if (f) pyup = `proposes only releases matching ${f.applied}${f.rewritten ? ` (it rewrites ~= to ==)` : ''}${f.until ? `, until ${f.until}` : ''}`;
    else if (d.filter) pyup = `no effect: pyup cannot parse "${d.filter.text}" as a filter and drops it`;
    else if (d.policies.length > 0) pyup = policyEffect(d.policies[0] ?? '');
    else if (d.noColon) pyup = `no effect: pyup reads directives only after "pyup:" (with the colon)`;
    else pyup = 'no effect';
  }
  return { pyup, renovate, dependabot: DEPENDABOT };
}

/** How pyup's `can_update_semver` treats a policy word. */
export function policyEffect(policy: string): string {
  if (policy === 'update minor') return 'is a policy, not a filter: pyup proposes a newer release only when its major or minor number moves (patch-only releases are skipped); it does not cap the version';
  if (policy === 'update major') return 'is a policy, not a filter: pyup proposes a newer release only when its major number moves; it does not cap the version';
  if (policy.startsWith('update')) return `blocks every update: pyup's update policy knows only "update minor" and "update major", and any other word (here "${policy}") makes it skip the pin`;
  return `has no effect: pyup has no "${policy}" directive; "filter ${policy}" does not parse, so pyup updates the pin like any other`;
}
