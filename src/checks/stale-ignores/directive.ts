/**
 * A directive the stale-ignores classification judges, whatever wrote it: a `# pyup:` comment on the
 * pin's line (or `# pyup: ignore file`), or a bot config rule that applies to the pin (Renovate's
 * ignoreDeps / packageRules, Dependabot's ignore entries; src/bots finds them). An ignore means the
 * bot never proposes the pin; a filter, that it proposes only the releases the filter admits.
 */
import { BOT_NAMES } from '../../bots/index.js';
import type { HoldRule, SourcePos } from '../../bots/index.js';
import type { DetailsOf } from '../../findings/index.js';
import type { Pin } from '../../inventory/index.js';
import { directiveLabel, pyupFilter } from './pyup.js';

export interface Directive {
  /** As a reviewer searches for it: `# pyup: ignore`, `renovate.json ignoreDeps "zeta-lib"`. */
  label: string;
  kind: 'ignore' | 'filter';
  filter: { text: string; admits: (version: string) => boolean } | null;
  /** The bot that proposes updates under it, for the messages. */
  proposer: string;
  /** Where it is written when not on the pin's line (a config file and line). */
  source: SourcePos | null;
  /** Fields every finding about it carries in `details` (with `bots`, added by the classification). */
  details: Pick<DetailsOf<'justified-ignore'>, 'directive' | 'kind' | 'filter' | 'applied' | 'until' | 'bot' | 'form' | 'source' | 'pin'>;
}

/** The `# pyup:` directive of a pin pyup treats specially (ignored or filtered), as pyup applies it. */
export function pyupDirective(pin: Pin, fileIgnored: boolean): Directive {
  const label = directiveLabel(pin, fileIgnored);
  const f = pin.ignore ? null : pyupFilter(pin.directives);
  return {
    label, kind: f ? 'filter' : 'ignore', proposer: 'pyup', source: null,
    filter: f ? { text: f.applied, admits: (v) => f.set.contains(v, { prereleases: true }) } : null,
    details: { directive: label, kind: f ? 'filter' : 'ignore', ...(f ? { filter: f.text, applied: f.applied } : {}), ...(f?.until ? { until: f.until } : {}) },
  };
}

/** A bot config rule that applies to `pin` (in `file`), judged against the pin's current version. */
export function configDirective(rule: HoldRule, pin: Pin, file: string): Directive {
  const label = `${rule.source.file} ${rule.label}`;
  const current = pin.version ?? '';
  const f = rule.filter;
  return {
    label, kind: rule.kind, proposer: BOT_NAMES[rule.bot], source: rule.source,
    filter: rule.kind === 'filter' && f ? { text: f.text, admits: (v) => f.admits(v, current) } : null,
    details: {
      directive: label, kind: rule.kind, ...(rule.bot !== 'pyup' ? { bot: rule.bot } : {}), form: rule.form, source: rule.source,
      ...(f ? { filter: f.text } : {}),
      pin: { file, line: pin.line, package: pin.package, version: pin.version },
    },
  };
}
