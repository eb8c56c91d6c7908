// Differential test: every build-puppet requirements file (test/fixtures/build-puppet/blobs) read by
// our parser and by pip 23.2.1's own reader (python 3.11, one process), compared requirement by
// requirement: line, name, normalized name, specifier, extras, marker, editable; every line pip
// rejects must be one of our diagnostics on the same line with the same message, and vice versa.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { requirePython } from '../support/pythons.js';
import { markerToString } from '../../src/pep508/index.js';
import { parseRequirementsFile } from '../../src/requirements/index.js';
import type { IncludeReader, ParsedRequirementsFile } from '../../src/requirements/index.js';
import { SYNTHETIC } from './requirements-synthetic.js';

const BLOBS = fileURLToPath(new URL('../fixtures/build-puppet/blobs/', import.meta.url));
const ORACLE = fileURLToPath(new URL('./requirements_corpus_oracle.py', import.meta.url));

interface PipReq {
  source: string;
  line: number;
  editable: boolean;
  constraint: boolean;
  name: string | null;
  normalized: string | null;
  specifier: string | null;
  extras: string[];
  marker: string | null;
  url: string | null;
}
interface PipError {
  source: string;
  line: number | null;
  after?: number | null;
  message: string;
  fatal: boolean;
}
type PipResult = Record<string, { reqs: PipReq[]; errors: PipError[] }>;

interface Tally {
  disagreements: string[];
  requirements: number;
  rejected: number;
  fatal: number;
}

async function runPip(python: string, files: string[]): Promise<PipResult> {
  const { stdout } = await execa(python, [ORACLE], {
    input: JSON.stringify({ files }),
    // A bare environment: pip would expand ${VAR} from it, and we pass no env to our parser.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    extendEnv: false,
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(stdout) as PipResult;
}

/** pip's messages we reproduce word for word; other exceptions (InvalidMarker, …) are packaging's own text. */
const OUR_WORDING = /^(Invalid requirement|Extras after version|Could not detect requirement name|.* is not a valid (editable requirement|wheel filename))/;

function compareFile(path: string, ours: ParsedRequirementsFile, oracle: PipResult[string] | undefined, tally: Tally): void {
  assert.ok(oracle, `pip returned nothing for ${path}`);
  const say = (line: number | null, what: string): void => {
    tally.disagreements.push(`${path}:${line ?? '?'}: ${what}`);
  };
  // pip stops a file at an error its generator raises; compare only what it read before that.
  // (Files reached through -r/-c carry their own path; their lines are compared under it.)
  const stop = oracle.errors.find((e) => e.fatal);
  const limit = stop ? (stop.after ?? 0) : Infinity;
  const key = (source: string, line: number | null): string => `${source}:${line ?? '?'}`;
  if (stop) {
    tally.fatal++;
    const next = ours.diagnostics.find((d) => d.line > limit && d.source === stop.source);
    if (!next) say(null, `pip stopped with "${stop.message}" but we report no later diagnostic`);
    else if (OUR_WORDING.test(stop.message) && next.message !== stop.message) say(next.line, `message ours ${JSON.stringify(next.message)} pip ${JSON.stringify(stop.message)}`);
  }
  const inScope = (e: { source: string; line: number }): boolean => !stop || e.source !== stop.source || e.line <= limit;
  const entries = new Map(ours.entries.filter(inScope).map((e) => [key(e.source, e.line), e]));
  const diagnostics = new Map(ours.diagnostics.filter(inScope).map((d) => [key(d.source, d.line), d]));

  for (const req of oracle.reqs) {
    tally.requirements++;
    const entry = entries.get(key(req.source, req.line));
    entries.delete(key(req.source, req.line));
    if (!entry) {
      say(req.line, `pip reads ${req.name ?? req.url ?? '(unnamed)'}, we have no entry`);
      continue;
    }
    const r = entry.requirement;
    const got = {
      editable: entry.kind === 'editable',
      constraint: entry.constraint,
      name: entry.name,
      normalized: entry.normalizedName,
      specifier: r ? r.specifier : null,
      extras: r ? [...r.extras].sort() : [],
      marker: r?.marker ? markerToString(r.marker) : null,
      url: r?.url ?? null,
    };
    const want = {
      editable: req.editable,
      constraint: req.constraint,
      name: req.name,
      normalized: req.normalized,
      specifier: req.specifier,
      extras: req.extras,
      marker: req.marker,
      url: req.url,
    };
    if (JSON.stringify(got) !== JSON.stringify(want)) say(req.line, `ours ${JSON.stringify(got)} pip ${JSON.stringify(want)}`);
  }
  for (const error of oracle.errors.filter((e) => !e.fatal)) {
    tally.rejected++;
    const d = diagnostics.get(key(error.source, error.line));
    diagnostics.delete(key(error.source, error.line));
    if (!d) say(error.line, `pip rejects it (${error.message}), we accept it`);
    else if (OUR_WORDING.test(error.message) && d.message !== error.message) {
      say(error.line, `message ours ${JSON.stringify(d.message)} pip ${JSON.stringify(error.message)}`);
    }
  }
  for (const e of entries.values()) say(e.line, `we read ${e.text}, pip yields nothing`);
  for (const d of diagnostics.values()) {
    if (d.code !== 'encoding') say(d.line, `we report ${d.code} (${d.message}), pip accepts the line`);
  }
}

const newTally = (): Tally => ({ disagreements: [], requirements: 0, rejected: 0, fatal: 0 });

test('requirements parser agrees with pip 23.2.1 on the whole build-puppet corpus', async (t) => {
  const python = requirePython('3.11', t);
  if (!python) return;
  const files = readdirSync(BLOBS)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => join(BLOBS, f));
  assert.equal(files.length, 1738, 'the corpus README promises 1738 files');
  const pip = await runPip(python, files);
  const tally = newTally();
  for (const path of files) compareFile(path, parseRequirementsFile(path, readFileSync(path, 'utf8')), pip[path], tally);

  t.diagnostic(`${files.length} files, ${tally.requirements} requirements compared, ${tally.rejected} lines pip rejects, ${tally.fatal} files pip stops early`);
  assert.ok(tally.requirements > 50_000, `expected tens of thousands of requirements, got ${tally.requirements}`);
  assert.ok(tally.rejected > 0, 'the corpus holds at least one line pip rejects (scriptworker=12.0.0)');
  assert.deepEqual(tally.disagreements.slice(0, 30), [], `${tally.disagreements.length} disagreements`);
});

test('requirements parser agrees with pip 23.2.1 on hand-made tricky files', async (t) => {
  const python = requirePython('3.11', t);
  if (!python) return;
  const dir = mkdtempSync(join(tmpdir(), 'req-oracle-'));
  try {
    const paths = Object.entries(SYNTHETIC).map(([name, text]) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    });
    const pip = await runPip(python, paths);
    const reader: IncludeReader = (from, target) => {
      const path = join(dirname(from), target);
      return existsSync(path) ? { path, text: readFileSync(path, 'utf8') } : null;
    };
    const tally = newTally();
    for (const path of paths) {
      compareFile(path, parseRequirementsFile(path, readFileSync(path, 'utf8'), { readInclude: reader }), pip[path], tally);
    }
    t.diagnostic(`${paths.length} files, ${tally.requirements} requirements compared, ${tally.rejected} lines pip rejects, ${tally.fatal} files pip stops early`);
    assert.ok(tally.requirements >= 30 && tally.rejected >= 50 && tally.fatal >= 3, JSON.stringify({ ...tally, disagreements: tally.disagreements.length }));
    assert.deepEqual(tally.disagreements, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
