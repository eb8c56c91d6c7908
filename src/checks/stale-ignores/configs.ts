/**
 * The bot configs' side of stale-ignores: each config rule that applies to a pin becomes a directive
 * classified like a `# pyup:` one (its findings at the rule's line in the config, the pin in
 * `details.pin`); a rule that cannot work, or matches no pin (or misses one only by how the name is
 * spelled), is a `directive-no-effect`; a config a bot cannot read is one too; and a requirements
 * file no configured bot updates is `not-updated`, with why for each bot and the change that covers it.
 */
import { BOT_NAMES, configuredBots, fileCoverage, holdRules, pipRuleMatches } from '../../bots/index.js';
import type { BotConfigs, BotId, HoldRule, RuleMatch } from '../../bots/index.js';
import type { DetailsOf, Finding } from '../../findings/index.js';
import type { Pin } from '../../inventory/index.js';
import type { Lookups } from '../shared/index.js';
import { classifyPin } from './classify.js';
import { configDirective } from './directive.js';
import type { FileGraph } from './graph.js';
import { botEffects } from './pyup.js';
import type { BotEffects } from './pyup.js';

type Coverage = ReturnType<typeof fileCoverage>;

export interface ConfigPass {
  /** Findings about the pins of each file (they count in that file's cells). */
  perFile: Map<FileGraph, Finding[]>;
  /** Findings about the configs themselves (rules with no effect, configs that do not parse). */
  configs: Finding[];
}

/** What each bot does with a pin: its comment directives, then what the bot's config makes of the file and the pin. */
export function pinBotEffects(bots: BotConfigs | null, coverage: Coverage | null, matches: readonly RuleMatch[], pin: Pin, fileIgnored: boolean): BotEffects {
  const out = botEffects(pin, fileIgnored);
  if (!bots || !coverage) return out;
  for (const bot of configuredBots(bots)) {
    const c = coverage[bot];
    if (!c) continue;
    if (!c.updates) {
      out[bot] = `does not update this file: ${c.why}`;
      continue;
    }
    const held = matches.filter((m) => m.applies && m.rule.bot === bot).map((m) => `${m.rule.source.file}:${m.rule.source.line} ${m.rule.label} ${m.rule.kind === 'ignore' ? 'ignores it' : `proposes only what ${m.rule.filter?.text ?? 'the rule'} admits`}`);
    if (held.length > 0) out[bot] = `${held.join('; ')} (${out[bot]})`;
    const maybe = matches.filter((m) => m.unevaluated && m.rule.bot === bot).map((m) => `${m.rule.source.file}:${m.rule.source.line} ${m.rule.label} may also hold it (it matches on ${m.unevaluated}, not evaluated here)`);
    if (maybe.length > 0) out[bot] += `; ${maybe.join('; ')}`;
  }
  const unresolved = bots.renovate?.presets.filter((p) => p.status === 'unresolved') ?? [];
  if (unresolved.length > 0) out.renovate += `; presets not resolved offline, which may change this: ${unresolved.map((p) => p.name).join(', ')}`;
  return out;
}

export function configPass(lookups: Lookups, graphs: readonly FileGraph[], bots: BotConfigs): ConfigPass {
  const perFile = new Map<FileGraph, Finding[]>();
  const configs: Finding[] = bots.problems.map((p) => note(p.file, p.line, p.file, `${p.message}${p.fatal ? '' : ' (the rest of the config still applies)'}`, `fix ${p.file}:${p.line}`, { bot: p.bot, reason: p.fatal ? 'config-error' : 'config-warning' }));
  const used = new Set<HoldRule>();
  const noEffectSaid = new Set<HoldRule>();
  const misses = new Map<HoldRule, string[]>();
  const bots3 = configuredBots(bots);
  for (const graph of graphs) {
    const out: Finding[] = [];
    const file = graph.file;
    const coverage = fileCoverage(bots, file.path);
    if (bots3.length > 0 && !bots3.some((b) => coverage[b]?.updates)) out.push(notUpdated(file.path, file.module, bots, bots3, coverage));
    for (const rp of graph.resolved.values()) {
      const pin = rp.pin;
      const matches = pipRuleMatches(bots, { file: file.path, name: pin.name, version: pin.version }, coverage);
      for (const m of matches) {
        if (!m.applies) {
          if (m.spelling) misses.set(m.rule, [...(misses.get(m.rule) ?? []), `${m.spelling} (${file.path}:${pin.line})`]);
          continue;
        }
        used.add(m.rule);
        if (m.rule.noEffect) {
          if (noEffectSaid.has(m.rule)) continue;
          noEffectSaid.add(m.rule);
          out.push({ ...note(m.rule.source.file, m.rule.source.line, file.module, `${m.rule.source.file} ${m.rule.label} holds nothing back: ${m.rule.noEffect}.`, 'rewrite the rule so the bot accepts it, or remove it', { bot: m.rule.bot, form: m.rule.form, reason: 'cannot-work', source: m.rule.source, pin: { file: file.path, line: pin.line, package: pin.package, version: pin.version } }), package: pin.package, version: pin.version });
          continue;
        }
        const effects = pinBotEffects(bots, coverage, matches, pin, file.ignoreFile);
        out.push(...classifyPin(lookups, graph, rp, configDirective(m.rule, pin, file.path), effects));
      }
    }
    perFile.set(graph, out);
  }
  for (const rule of holdRules(bots)) {
    if (used.has(rule) || (rule.bot === 'renovate' ? bots.renovate?.fatal : bots.dependabot?.fatal)) continue; // a config the bot stops on is said once, above
    const missed = misses.get(rule);
    if (missed) {
      configs.push(note(rule.source.file, rule.source.line, rule.source.file, `${rule.source.file} ${rule.label} matches no pin, only because of spelling: ${missed.join('; ')}.`, 'spell the name as the bot compares it (see the message)', { bot: rule.bot, form: rule.form, reason: 'spelling', source: rule.source, misses: missed }));
    } else if (bots.complete && rule.pipScoped && !rule.noEffect) {
      configs.push(note(rule.source.file, rule.source.line, rule.source.file, `${rule.source.file} ${rule.label} (${BOT_NAMES[rule.bot]}) matches no pin in the requirements files ${BOT_NAMES[rule.bot]} updates: it holds nothing back.`, 'remove the rule, or fix its names and paths', { bot: rule.bot, form: rule.form, reason: 'matches-nothing', source: rule.source }));
    }
  }
  return { perFile, configs };
}

type ConfigNote = Extract<DetailsOf<'directive-no-effect'>, { reason: string }>;

function note(file: string, line: number, module: string, message: string, fix: string, details: Omit<ConfigNote, 'directive'>): Finding {
  return { check: 'stale-ignores', code: 'directive-no-effect', severity: 'info', module, file, line, target: null, package: null, version: null, message, details: { directive: `${file}:${line}`, ...details }, suggestion: { text: fix, changes: [] } };
}

function notUpdated(path: string, module: string, bots: BotConfigs, configured: readonly BotId[], coverage: Coverage): Finding {
  const why = configured.map((b) => `${BOT_NAMES[b]}: ${coverage[b]?.why ?? 'no config'}`);
  const fixes = configured.map((b) => coverage[b]?.fix).filter((f): f is string => Boolean(f));
  const unresolved = bots.renovate?.presets.filter((p) => p.status === 'unresolved').map((p) => p.name) ?? [];
  return {
    check: 'stale-ignores', code: 'not-updated', severity: 'warning', module, file: path, line: 1, target: null, package: null, version: null,
    message: `No configured update bot updates ${path}, so nobody gets a PR for its pins: ${why.join('; ')}${unresolved.length ? ` (Renovate presets not resolved offline: ${unresolved.join(', ')})` : ''}.`,
    details: {
      bots: { ...(coverage.pyup ? { pyup: coverage.pyup } : {}), ...(coverage.renovate ? { renovate: coverage.renovate } : {}), ...(coverage.dependabot ? { dependabot: coverage.dependabot } : {}) },
      ...(unresolved.length ? { unresolvedPresets: unresolved } : {}),
    },
    suggestion: { text: fixes.join('; or ') || 'configure a bot to update it', changes: [] },
  };
}
