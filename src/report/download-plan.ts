/**
 * The download plan (`download-plan.json`, `download-plan.sh`): for every `missing-on-mirror`
 * finding of the wheels check, the file to fetch from the index (URL, sha256) and the mirror folder
 * it belongs in; one entry per (mirror, file), listing every target and pin that needs it.
 *
 * The script downloads into a temporary folder, verifies sha256 before anything reaches the mirror,
 * and moves with `mv -n` (never overwrites); a file already in the folder is skipped without a
 * download, so a second run does nothing. Remote mirrors have no local folder: the script asks for
 * it in `PYUP_MIRROR_<n>` (the local ones default to their path, and may be overridden the same way).
 * In hash-checking mode the wheels check picks files whose digest the pin lists; a `hash-mismatch`
 * whose way out is an index file adds that file too, and where no listed file serves a target the
 * plan lists the `--hash=sha256:` line the requirements file must gain (`hashLines`; the script says it).
 * Traps: every value reaches bash single-quoted; filenames are checked to be plain names (no `/`)
 * so an index cannot make the script write elsewhere; sha256sum (Linux) or shasum (macOS).
 */
import type { Finding, Report } from '../findings/index.js';
import { isRemoteUrl } from '../urls/index.js';
import { compareText } from '../order/index.js';

export interface PlannedMirror {
  url: string;
  /** The local folder (a directory mirror), or null for a remote one. */
  folder: string | null;
  /** The environment variable that sets (or overrides) the folder. */
  variable: string;
}

export interface PlannedFile {
  filename: string;
  url: string;
  sha256: string | null;
  mirror: string;
  targets: string[];
  requiredBy: Array<{ file: string; line: number | null; package: string | null; version: string | null; target: string | null }>;
  /** Hash-checking mode: the `--hash=sha256:` line the pin needs for this file (its digest is not listed), else null. */
  hashLine: string | null;
}

/** A line a requirements file must gain in hash-checking mode (the mirror's or the fetched file's digest). */
export interface PlannedHashLine {
  file: string;
  line: number | null;
  package: string | null;
  version: string | null;
  targets: string[];
  text: string;
}

export interface DownloadPlan {
  version: 1;
  mirrors: PlannedMirror[];
  files: PlannedFile[];
  hashLines: PlannedHashLine[];
}

function isRemote(location: string): boolean {
  return isRemoteUrl(location);
}

/** The plan as data: files deduplicated per mirror, in a stable order. */
export function buildDownloadPlan(report: Report): DownloadPlan {
  const mirrors = new Map<string, PlannedMirror>();
  const files = new Map<string, PlannedFile>();
  const hashLines = new Map<string, PlannedHashLine>();
  for (const f of report.findings) {
    if (f.check !== 'wheels' || (f.code !== 'missing-on-mirror' && f.code !== 'hash-mismatch')) continue;
    const hashLine = 'hashLine' in f.details ? (f.details.hashLine ?? null) : null;
    if (hashLine) {
      const key = `${f.file}\n${f.line ?? ''}\n${hashLine}`;
      const entry = hashLines.get(key) ?? { file: f.file, line: f.line, package: f.package, version: f.version, targets: [], text: hashLine };
      if (f.target && !entry.targets.includes(f.target)) entry.targets.push(f.target);
      hashLines.set(key, entry);
    }
    // A hash-mismatch whose way out is a listed index file says where it goes, as missing-on-mirror does.
    const d = f.code === 'missing-on-mirror'
      ? f.details
      : 'indexFile' in f.details && f.details.indexFile && f.details.mirror
        ? { file: f.details.indexFile, mirror: f.details.mirror, mirrorFolder: f.details.mirrorFolder ?? f.details.mirror }
        : null;
    if (!d) continue;
    if (!mirrors.has(d.mirror)) {
      const folder = isRemote(d.mirror) ? null : d.mirrorFolder;
      mirrors.set(d.mirror, { url: d.mirror, folder, variable: `PYUP_MIRROR_${mirrors.size + 1}` });
    }
    const key = `${d.mirror}\n${d.file.filename}`;
    const own = f.code === 'missing-on-mirror' ? hashLine : null;
    const entry = files.get(key) ?? { filename: d.file.filename, url: d.file.url, sha256: d.file.sha256, mirror: d.mirror, targets: [], requiredBy: [], hashLine: own };
    if (f.target && !entry.targets.includes(f.target)) entry.targets.push(f.target);
    entry.requiredBy.push({ file: f.file, line: f.line, package: f.package, version: f.version, target: f.target });
    files.set(key, entry);
  }
  const sorted = [...files.values()].sort((a, b) => compareText(a.mirror, b.mirror) || compareText(a.filename, b.filename));
  for (const e of sorted) e.targets.sort();
  const lines = [...hashLines.values()].sort((a, b) => compareText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || compareText(a.text, b.text));
  for (const l of lines) l.targets.sort();
  return { version: 1, mirrors: [...mirrors.values()], files: sorted, hashLines: lines };
}

/** Single-quoted for bash. */
function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

const PRELUDE = `#!/usr/bin/env bash
# Generated by pyup-checks (wheels): puts the files the mirror lacks into the mirror folder.
# Each file is downloaded into a temporary folder, its sha256 verified, then moved with \`mv -n\`:
# nothing on the mirror is ever overwritten, and a file already there is not downloaded again.
set -euo pipefail

tmp="$(mktemp -d "\${TMPDIR:-/tmp}/pyup-download-plan.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
added=0 present=0

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

download() { # url dest
  if command -v curl >/dev/null 2>&1; then curl -fsSL --retry 3 -o "$2" "$1"
  else wget -q -O "$2" "$1"; fi
}

fetch() { # folder filename url sha256
  local folder="$1" name="$2" url="$3" want="$4"
  if [ -e "$folder/$name" ]; then
    echo "present: $folder/$name"; present=$((present + 1)); return 0
  fi
  if [ -z "$want" ]; then
    echo "error: the index gives no sha256 for $name: fetch and check it by hand ($url)" >&2; exit 1
  fi
  download "$url" "$tmp/$name"
  local got; got="$(sha256_of "$tmp/$name")"
  if [ "$got" != "$want" ]; then
    echo "error: sha256 mismatch for $name: expected $want, got $got ($url)" >&2; exit 1
  fi
  mkdir -p "$folder"
  mv -n "$tmp/$name" "$folder/$name"
  if [ -e "$tmp/$name" ]; then
    echo "present: $folder/$name (appeared meanwhile; left as it was)"; rm -f "$tmp/$name"; present=$((present + 1))
  else
    echo "added: $folder/$name"; added=$((added + 1))
  fi
}
`;

/** The bash script that carries the plan out. */
export function renderDownloadPlanScript(plan: DownloadPlan): string {
  const lines = [PRELUDE];
  const hashNote = plan.hashLines.map((h) => `echo ${q(`requirements: add ${h.text} to ${h.file}${h.line !== null ? `:${h.line}` : ''} (${h.package ?? ''} on ${h.targets.join(', ')})`.replace(/[\r\n]/g, ' '))} >&2`);
  if (plan.files.length === 0) {
    lines.push('echo "nothing to download: every pin has a file on the mirror"', ...hashNote);
    return `${lines.join('\n')}\n`;
  }
  for (const m of plan.mirrors) {
    lines.push(`# ${m.url}`.replace(/[\r\n]/g, " "));
    const unset = `if [ -z "\${${m.variable}:-}" ]; then`;
    if (m.folder !== null) lines.push(`${unset} ${m.variable}=${q(m.folder)}; fi`);
    else lines.push(`${unset} echo ${q(`set ${m.variable} to the folder served at ${m.url}`)} >&2; exit 2; fi`);
  }
  lines.push('');
  for (const f of plan.files) {
    const mirror = plan.mirrors.find((m) => m.url === f.mirror);
    if (!mirror) continue;
    if (!/^[^/\\\0]+$/.test(f.filename) || f.filename === '.' || f.filename === '..') {
      lines.push(`echo ${q(`skipped: ${f.filename} is not a plain file name`)} >&2`);
      continue;
    }
    lines.push(`# ${f.targets.join(', ')}`.replace(/\n/g, ' '));
    lines.push(`fetch "$${mirror.variable}" ${q(f.filename)} ${q(f.url)} ${q(f.sha256 ?? '')}`);
  }
  lines.push('', 'echo "download plan: $added added, $present already present"', ...hashNote);
  return `${lines.join('\n')}\n`;
}

/** `download-plan.json` and `download-plan.sh` for a report. */
export function renderDownloadPlan(report: Report): { json: string; sh: string } {
  const plan = buildDownloadPlan(report);
  return { json: `${JSON.stringify(plan, null, 2)}\n`, sh: renderDownloadPlanScript(plan) };
}
