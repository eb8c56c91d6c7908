/**
 * pyup's `.pyup.yml`, the parts that decide which requirement files it updates.
 *
 * Sources (pyupio/pyup, read with the search tool):
 * - `pyup/bot.py` `get_all_requirements`: with `search` (default true) every blob whose path contains
 *   "requirements" and ends with "txt" or "pip"; plus each path listed under `requirements`; plus
 *   the files those `-r` include.
 * - `pyup/config.py`: `update` is `all` (default), `insecure` (security updates only) or false/None
 *   (nothing); a `requirements` entry is a path or `{path: {update: …, pin: …}}`, its `update`
 *   overriding the global one for that file (paths compared with `/` stripped at both ends).
 * - `Bot.get_repo_config`: a `.pyup.yml` that does not parse is logged and ignored (defaults apply).
 */
import { LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import type { BotCoverage, ConfigProblem } from './types.js';
import { YAML_MAX_ALIASES } from './dependabot.js';

export const PYUP_CONFIG_FILE = '.pyup.yml';

export interface PyupConfig {
  file: string;
  search: boolean;
  /** 'all' | 'insecure' | 'none', with the line that set it (null: the default). */
  update: { value: 'all' | 'insecure' | 'none'; line: number | null };
  requirements: Array<{ path: string; update: 'all' | 'insecure' | 'none'; line: number }>;
  searchLine: number | null;
  problems: ConfigProblem[];
}

const updateValue = (v: unknown): 'all' | 'insecure' | 'none' =>
  v === 'insecure' || v === 'security' ? 'insecure' : v === false || v === null || v === 'False' || v === 'false' ? 'none' : 'all';

export function parsePyupConfig(file: string, text: string): PyupConfig {
  const out: PyupConfig = { file, search: true, update: { value: 'all', line: null }, requirements: [], searchLine: null, problems: [] };
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  let root: unknown = null;
  if (doc.errors.length === 0) {
    try {
      root = doc.toJS({ maxAliasCount: YAML_MAX_ALIASES });
    } catch {
      root = null;
    }
  }
  if (doc.errors.length > 0 || (root !== null && (typeof root !== 'object' || Array.isArray(root)))) {
    const line = doc.errors[0] ? counter.linePos(doc.errors[0].pos[0]).line : 1;
    out.problems.push({ bot: 'pyup', file, line, message: `pyup cannot read ${file} (${doc.errors[0]?.message.split('\n')[0] ?? 'not a mapping'}) and ignores it: its defaults apply (search every *requirements*.txt, update all)`, fatal: false });
    return out;
  }
  const obj = (root ?? {}) as Record<string, unknown>;
  const lineAt = (path: Array<string | number>): number => {
    const node = doc.getIn(path, true) as Node | undefined;
    return node?.range ? counter.linePos(node.range[0]).line : 1;
  };
  if ('search' in obj) {
    out.search = obj.search !== false && obj.search !== 'False' && obj.search !== 'false';
    out.searchLine = lineAt(['search']);
  }
  if ('update' in obj) out.update = { value: updateValue(obj.update), line: lineAt(['update']) };
  const reqs = Array.isArray(obj.requirements) ? obj.requirements : [];
  reqs.forEach((item, i) => {
    const line = lineAt(['requirements', i]);
    if (typeof item === 'string') out.requirements.push({ path: item, update: out.update.value, line });
    else if (item && typeof item === 'object' && !Array.isArray(item)) {
      const [path, settings] = Object.entries(item as Record<string, unknown>)[0] ?? [];
      if (typeof path !== 'string') return;
      const s = settings && typeof settings === 'object' ? (settings as Record<string, unknown>) : {};
      out.requirements.push({ path, update: 'update' in s ? updateValue(s.update) : 'all', line });
    }
  });
  return out;
}

const strip = (p: string): string => p.replace(/^\/+|\/+$/g, '');

/** pyup's file search and per-file update setting for `path`. */
export function pyupCoverage(config: PyupConfig, path: string): BotCoverage {
  const listed = config.requirements.find((r) => strip(r.path) === strip(path));
  const update = listed ? listed.update : config.update.value;
  const where = listed ? `${config.file}:${listed.line}` : config.update.line ? `${config.file}:${config.update.line}` : '';
  if (update === 'none') return { updates: false, why: `pyup's update setting for it is false (${where})`, fix: `set "update: all" for ${path} in ${config.file}` };
  const found = config.search && path.includes('requirements') && (path.endsWith('txt') || path.endsWith('pip'));
  if (!found && !listed) {
    const why = config.search ? `pyup's search takes paths containing "requirements" ending in txt or pip; ${path} is not one` : `search is off (${config.file}:${config.searchLine ?? 1}) and ${path} is not listed under "requirements"`;
    return { updates: false, why, fix: `list "${path}" under "requirements" in ${config.file}` };
  }
  const how = listed ? `listed under requirements (${config.file}:${listed.line})` : 'found by its file search';
  return { updates: true, why: `pyup updates it (${how})${update === 'insecure' ? ', security updates only' : ''}`, fix: null };
}
