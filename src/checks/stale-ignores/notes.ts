/**
 * directive-no-effect: `# pyup` comments pyup does not read as their author meant. A filter without
 * the colon (`# pyup < 2.0`) is read by no bot; a filter pyup cannot parse is dropped silently;
 * `# pyup: ~=1.2` is applied as `==1.2` (pyup rewrites `~=` to `==`), not as PEP 440's `>=1.2,==1.*`;
 * `update minor|major` are update policies, not caps; `noupdate` and other words do nothing.
 * An ignored line is dropped by pyup before any of this is read, so its other words do not matter.
 */
import type { Finding } from '../../findings/index.js';
import type { InventoryFile, Pin } from '../../inventory/index.js';
import { tryParseVersion } from '../../pep440/index.js';
import { botEffects, policyEffect, pyupFilter } from './pyup.js';
import type { BotEffects } from './pyup.js';

/** `bots`: what each bot does with the pin (with the repository's bot configs), else read from its comments. */
export function directiveNotes(file: InventoryFile, pin: Pin, bots: BotEffects = botEffects(pin, file.ignoreFile)): Finding[] {
  if (pin.ignore) return [];
  const d = pin.directives;
  const out: Finding[] = [];
  const note = (what: string, message: string, fix: string, extra: Record<string, unknown> = {}): Finding => ({
    check: 'stale-ignores', code: 'directive-no-effect', severity: 'info', module: file.module, file: file.path, line: pin.line,
    target: null, package: pin.package, version: pin.version, message,
    details: { directive: what, bots, ...extra }, suggestion: { text: fix, changes: [] },
  });
  if (d.noColon && !d.filter) {
    const fixed = d.noColon.replace(/^pyup\s*/i, 'pyup: ');
    out.push(note(`# ${d.noColon}`, `"# ${d.noColon}" on ${pin.name} restricts nothing: pyup (and every other bot) reads a directive only after "pyup:" with the colon, so it proposes every new release of ${pin.name}.`, `write "# ${fixed}"`));
  }
  if (d.filter && d.filter.specifier === null && !d.policies.some((p) => p.startsWith('until'))) {
    out.push(note(`# pyup: ${d.filter.text}`, `pyup cannot parse "# pyup: ${d.filter.text}" on ${pin.name} as a version filter and drops it silently, so it proposes every new release of ${pin.name}.`, 'write a PEP 440 specifier after "pyup:", e.g. "# pyup: <2.0"'));
  }
  const f = pyupFilter(d);
  if (f?.rewritten) {
    const pep440 = compatibleRange(d.filter?.specifier ?? '');
    out.push(note(`# pyup: ${f.text}`, `pyup applies "# pyup: ${f.text}" on ${pin.name} as "${f.applied}" (it rewrites ~= to ==), so it proposes only that exact release, not the range PEP 440 reads${pep440 ? ` (${pep440})` : ''}.`, pep440 ? `write "# pyup: ${pep440}"` : 'write the range explicitly', { applied: f.applied }));
  }
  for (const policy of d.policies) {
    if (policy.startsWith('until ')) continue;
    out.push(note(`# pyup: ${policy}`, `"# pyup: ${policy}" on ${pin.name} ${policyEffect(policy)}.`, policy.startsWith('update') ? 'to cap the version write a filter such as "# pyup: <2.0"; to freeze it write "# pyup: ignore"' : 'to freeze the pin write "# pyup: ignore"; to cap it write a filter such as "# pyup: <2.0"', { policy }));
  }
  return out;
}

/** `~=1.2` → `>=1.2,==1.*` (PEP 440's compatible-release meaning), for each `~=` clause. */
function compatibleRange(specifier: string): string | null {
  const parts = specifier.split(',').map((s) => s.trim());
  const out: string[] = [];
  for (const p of parts) {
    const m = /^~=\s*(.+)$/.exec(p);
    if (!m?.[1]) {
      out.push(p);
      continue;
    }
    const v = tryParseVersion(m[1]);
    const release = v ? m[1].split(/[^0-9.]/)[0]?.split('.').filter(Boolean) ?? [] : [];
    if (release.length < 2) return null;
    out.push(`>=${m[1]}`, `==${release.slice(0, -1).join('.')}.*`);
  }
  return out.join(',');
}
