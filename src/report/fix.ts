/**
 * What `fix` writes: each planned change applied to its file's text in place (only the version text
 * after `==`/`===` on the pin's physical lines is rewritten, so spacing, comments, `# pyup:` / `#
 * puppet:` directives, markers, continuations and `--hash` options stay as they were; an added pin is
 * appended as its own line), the unified diff of every changed file (`fix.patch`, jsdiff's
 * `createTwoFilesPatch`, `a/` `b/` prefixes so `git apply` and `patch -p1` read it), `fix.json`, and
 * the terminal / check-run text. In hash-checking mode a moved or added pin gets the new release's
 * `--hash=sha256:` lines in pip-compile's layout (`pkg==1.0 \`, then one indented `--hash` per line,
 * the last without `\`; the `# via` comment lines after the entry stay where they are): the old
 * pin's `--hash` options, wherever they were on its lines, are replaced.
 */
import { createTwoFilesPatch } from 'diff';
import type { FileHashes, FilePlan, PlannedChange } from '../checks/index.js';

export interface FixVerification {
  /** compat on the patched files: every cell of the planned files passes. */
  clean: boolean;
  /** The compat errors still reported on the patched files, as text. */
  errors: string[];
  cells: number;
}

export interface FixOutcome {
  plans: FilePlan[];
  /** Original and patched text of each file that changes. */
  texts: Array<{ path: string; before: string; after: string }>;
  verification: FixVerification | null;
  /** Whether `--write` applied the patch. */
  written: boolean;
  /** The `--hash` lines written per file in hash-checking mode (an entry per fixed file). */
  hashes?: FileHashes[];
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const HASH_OPTION = /\s*--hash(?:=|\s+)\S+/g;
const DEFAULT_INDENT = '    ';

/** The entry's physical lines rewritten to pip-compile's layout with `hashes`: requirement text, then the hash lines. */
function withHashes(entry: readonly string[], hashes: readonly string[]): string[] {
  const indent = /^(\s+)--hash/.exec(entry[1] ?? '')?.[1] ?? DEFAULT_INDENT;
  // A comment on the last physical line ends the entry (pip cuts it before joining); keep it on the new last line.
  const lastComment = /(\s+#.*)$/.exec(entry[entry.length - 1] ?? '')?.[1] ?? '';
  const rest = entry.map((l, i) => (i === entry.length - 1 && lastComment ? l.slice(0, l.length - lastComment.length) : l));
  const parts = rest.map((l) => l.replace(HASH_OPTION, '').replace(/\s*\\$/, '')).map((l, i) => (i === 0 ? l.trimEnd() : l.trim())).filter((l, i) => i === 0 || l !== '');
  const head = parts.join(' ');
  if (hashes.length === 0) return [`${head}${lastComment}`];
  return [`${head} \\`, ...hashes.map((h, i) => `${indent}--hash=${h}${i === hashes.length - 1 ? lastComment : ' \\'}`)];
}

/**
 * The text with the plan's changes applied in place. With `hashes` (the file is in hash-checking mode:
 * package → `sha256:…` values of its new release) each changed or added pin gets those `--hash` lines.
 * Throws when a pin's version text is not where the inventory saw it.
 */
export function applyPlan(text: string, plan: FilePlan, pinEnds: ReadonlyMap<number, number>, hashes?: ReadonlyMap<string, readonly string[]>): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const replaced: Array<{ start: number; end: number; lines: string[] }> = [];
  for (const c of plan.changes) {
    if (c.kind === 'add' || c.line === null || c.from === null) continue;
    const end = pinEnds.get(c.line) ?? c.line;
    const pattern = new RegExp(`(===?\\s*)${escape(c.from)}(?![\\w.+!-])`);
    let done = false;
    for (let i = c.line - 1; i < end && i < lines.length && !done; i++) {
      const line = lines[i]!;
      if (pattern.test(line)) {
        lines[i] = line.replace(pattern, (_m, op: string) => `${op}${c.to}`);
        done = true;
      }
    }
    if (!done) throw new Error(`${plan.file}:${c.line}: the pin's version ${c.from} is not on the line; the file changed since it was read`);
    const own = hashes?.get(c.package);
    if (own) replaced.push({ start: c.line - 1, end: Math.min(end, lines.length), lines: withHashes(lines.slice(c.line - 1, end), own) });
  }
  // Bottom up, so the earlier entries' line numbers still hold.
  for (const r of replaced.sort((a, b) => b.start - a.start)) lines.splice(r.start, r.end - r.start, ...r.lines);
  const adds = plan.changes.filter((c) => c.kind === 'add');
  if (adds.length > 0) {
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    for (const c of adds) {
      const own = hashes?.get(c.package);
      lines.push(...(own ? withHashes([`${c.name}==${c.to}`], own) : [`${c.name}==${c.to}`]));
    }
    lines.push('');
  }
  return lines.join(eol);
}

/** The unified diff of every file the fix changes ('' when none). */
export function renderFixPatch(texts: FixOutcome['texts']): string {
  return texts
    .filter((t) => t.before !== t.after)
    .map((t) => createTwoFilesPatch(`a/${t.path}`, `b/${t.path}`, t.before, t.after, '', '', { context: 3 }).replace(/^(?:Index: .*\n)?=+\n/, ''))
    .join('');
}

function changeText(c: PlannedChange): string {
  return c.kind === 'add' ? `add ${c.name}==${c.to}` : `${c.name} ${c.from ?? '?'} → ${c.to} (${c.kind}${c.distance > 1 ? `, ${c.distance} releases` : ''})`;
}

/** One line per file, then its changes with why, or what blocks a fix. */
export function renderFixSummary(outcome: FixOutcome): string {
  const out: string[] = [];
  for (const p of outcome.plans) {
    if (p.status === 'clean') continue;
    if (p.status === 'fixed') {
      out.push(`${p.file}: ${p.changes.length} pin change(s) make compat clean on every target`);
      for (const c of p.changes) out.push(`  ${changeText(c)}: ${c.why}`);
    } else if (p.status === 'index-error') {
      // No node searched: a pinned release was lost; else a candidate the search reached was.
      const what = p.nodes === 0 ? 'not searched: the index could not be read' : 'no fix claimed: the index failed to deliver a candidate the search needed';
      out.push(`${p.file}: ${what}${p.conflict.length ? `: ${p.conflict.join('; ')}` : ''}`);
    } else {
      const bound = p.exhausted ? `the search bound (${p.bounds.maxNodes} nodes)` : `${p.bounds.maxChanges} changed pins`;
      out.push(`${p.file}: no fix within the bounds (${bound}): ${p.conflict.join('; ') || 'see compat'}`);
      if (p.blockedByIgnore.length > 0) out.push(`  blocked by "# pyup: ignore" on ${p.blockedByIgnore.join(', ')}: run with --include-ignored to let fix move them`);
    }
  }
  const clean = outcome.plans.filter((p) => p.status === 'clean').length;
  out.push(`fix: ${outcome.plans.length} file(s): ${clean} already clean, ${outcome.plans.filter((p) => p.status === 'fixed').length} fixed, ${outcome.plans.filter((p) => p.status === 'no-fix').length} without a fix within the bounds`);
  if (outcome.verification) {
    out.push(outcome.verification.clean
      ? `verified: compat on the patched files passes ${outcome.verification.cells} cell(s)`
      : `NOT verified: compat on the patched files still reports: ${outcome.verification.errors.join('; ')}`);
  }
  for (const h of outcome.hashes ?? []) {
    if (!h.hashMode) continue;
    out.push(`${h.file}: hash-checking mode: ${h.changes.map((c) => `${c.package}==${c.version} (${c.hashes.length} --hash)`).join(', ')}`);
    for (const c of h.changes) {
      if (c.mirrorOnly.length > 0) out.push(`  ${c.package}: includes the digest of mirror-only file(s) ${c.mirrorOnly.join(', ')}: vet them before trusting the hash`);
      if (c.errors.length > 0) out.push(`  ${c.package}: no --hash for ${c.errors.join('; ')}`);
    }
  }
  if (outcome.written) out.push('written: the patch was applied to the files');
  return `${out.join('\n')}\n`;
}

/** fix.json (version 1). */
export function renderFixJson(outcome: FixOutcome): string {
  const body = {
    version: 1,
    files: outcome.plans.map((p) => ({
      file: p.file, module: p.module, status: p.status, changes: p.changes, conflict: p.conflict, blockedByIgnore: p.blockedByIgnore,
      search: { nodes: p.nodes, exhausted: p.exhausted, pending: p.pending, bounds: p.bounds },
    })),
    verification: outcome.verification,
    written: outcome.written,
    hashes: outcome.hashes ?? [],
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** The Markdown block that leads the check-run text when compat has errors: the summary and the patch. */
export function renderFixMarkdown(outcome: FixOutcome, patch: string): string {
  const summary = renderFixSummary(outcome).trimEnd();
  return `### pyup-checks fix\n\n${summary.split('\n').map((l) => (l.startsWith('  ') ? `  - ${l.trim()}` : `- ${l}`)).join('\n')}\n\n${patch ? `\`\`\`diff\n${patch}\`\`\`\n` : 'no patch\n'}`;
}

/** fix.patch and fix.json, for writeArtifacts. */
export function fixArtifacts(outcome: FixOutcome): Record<string, string> {
  return { 'fix.patch': renderFixPatch(outcome.texts), 'fix.json': renderFixJson(outcome) };
}
