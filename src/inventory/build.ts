/**
 * Builds the inventory from requirements files' text: parse each file, attach its module and
 * targets (header, options or defaults), and keep the parser diagnostics (lines pip would reject).
 * Pure: the caller reads the files (and `-r` includes) and passes text in.
 */
import { normalizeName } from '../names/index.js';
import { parseRequirementsFile } from '../requirements/index.js';
import type { IncludeReader, RequirementEntry } from '../requirements/index.js';
import { defaultPlatformForFile, makeTarget } from '../targets/index.js';
import type { Target } from '../targets/index.js';
import { moduleOf } from './modules.js';
import type { Inventory, InventoryDiagnostic, InventoryFile, Pin } from './types.js';
import { compareText, compareNatural } from '../order/index.js';

export interface InventorySource {
  /** Repo-relative path with forward slashes. */
  path: string;
  text: string;
}

/** Targets that configuration assigns to a file (see the README's config section). */
export interface FileTargetConfig {
  pythons?: string[];
  platforms?: string[];
}

export interface InventoryOptions {
  /** `--python`: replaces every file's header. */
  pythons?: string[];
  /** `--platform`: replaces the per-file default platform. */
  platforms?: string[];
  /** `--module`: keep only these modules. */
  modules?: string[];
  /** Python for files without a `# python_version:` header (and no option or config). */
  defaultPython?: string;
  /** Per-file targets from the repository config, consulted before the defaults. */
  configFor?: (path: string) => FileTargetConfig | null;
  readInclude?: IncludeReader;
}


export const DEFAULT_PYTHON = '3.6';

export function buildInventory(sources: readonly InventorySource[], opts: InventoryOptions = {}): Inventory {
  const diagnostics: InventoryDiagnostic[] = [];
  const files: InventoryFile[] = [];
  const wanted = opts.modules && opts.modules.length > 0 ? new Set(opts.modules) : null;
  for (const source of [...sources].sort((a, b) => compareText(a.path, b.path))) {
    const module = moduleOf(source.path);
    if (wanted && !wanted.has(module)) continue;
    const parsed = parseRequirementsFile(source.path, source.text, opts.readInclude ? { readInclude: opts.readInclude } : {});
    const { targets, pythonSource } = targetsForFile(source.path, parsed.pythonVersion?.value ?? null, opts);
    const ignoreFile = parsed.ignoreFile !== null;
    const pins = parsed.entries.filter((e) => e.normalizedName !== null).map((e) => toPin(e, ignoreFile, source.path));
    files.push({ path: source.path, module, targets, pythonSource, ignoreFile, pins, parsed, hashMode: parsed.hashMode });
    for (const d of parsed.diagnostics) {
      diagnostics.push({
        file: d.source || source.path,
        module,
        line: d.line,
        code: d.code,
        message: d.message,
        text: d.text,
        column: d.column ?? null,
        fix: invalidLineFix(d.text),
      });
    }
  }
  return { files, targets: distinctTargets(files), diagnostics };
}

function targetsForFile(
  path: string,
  header: string | null,
  opts: InventoryOptions,
): { targets: Target[]; pythonSource: InventoryFile['pythonSource'] } {
  const config = opts.configFor?.(path) ?? null;
  let pythons: string[];
  let pythonSource: InventoryFile['pythonSource'];
  if (opts.pythons && opts.pythons.length > 0) {
    pythons = opts.pythons;
    pythonSource = 'option';
  } else if (header) {
    pythons = [header];
    pythonSource = 'header';
  } else if (config?.pythons && config.pythons.length > 0) {
    pythons = config.pythons;
    pythonSource = 'config';
  } else {
    pythons = [opts.defaultPython ?? DEFAULT_PYTHON];
    pythonSource = 'default';
  }
  const platforms =
    opts.platforms && opts.platforms.length > 0
      ? opts.platforms
      : config?.platforms && config.platforms.length > 0
        ? config.platforms
        : [defaultPlatformForFile(path)];
  const targets: Target[] = [];
  for (const python of pythons) for (const platform of platforms) targets.push(makeTarget(python, platform));
  return { targets: dedupeTargets(targets), pythonSource };
}

function toPin(entry: RequirementEntry, ignoreFile: boolean, path: string): Pin {
  const req = entry.requirement;
  return {
    name: entry.name ?? entry.text,
    package: entry.normalizedName ?? normalizeName(entry.text),
    version: entry.pinnedVersion,
    specifier: req?.specifier ?? '',
    line: entry.line,
    endLine: entry.endLine,
    extras: req ? [...req.extras] : [],
    marker: req?.marker ?? null,
    requirement: req,
    ignore: ignoreFile || entry.directives.ignore,
    filter: entry.directives.filter?.text ?? null,
    nodownload: entry.directives.nodownload,
    direct: entry.kind !== 'requirement',
    legacyVersion: entry.legacyVersion,
    hashes: entry.hashes,
    source: entry.source === path || entry.source === '' ? null : { file: entry.source, line: entry.line },
    directives: entry.directives,
    entry,
  };
}

function dedupeTargets(targets: Target[]): Target[] {
  const seen = new Map<string, Target>();
  for (const t of targets) if (!seen.has(t.id)) seen.set(t.id, t);
  return [...seen.values()];
}

function distinctTargets(files: InventoryFile[]): Target[] {
  return dedupeTargets(files.flatMap((f) => f.targets)).sort(
    (a, b) => compareNatural(a.id, b.id),
  );
}

/** A fix for the common typo pip rejects (`name=1.0`), else null. */
function invalidLineFix(text: string): string | null {
  const single = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*=\s*([0-9][^\s=]*)\s*$/.exec(text);
  return single ? `write ${single[1]}==${single[2]}` : null;
}
