// Differential test: every build-puppet requirements file (../shared/corpus/build-puppet/blobs) read by
// our parser and by pip 23.2.1's own reader (python 3.11, one process), compared requirement by
// requirement: line, name, normalized name, specifier, extras, marker, editable; every line pip
// rejects must be one of our diagnostics on the same line with the same message, and vice versa.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { requirePython } from '../support/pythons.js';
import { markerToString } from '../../src/pep508/index.js';
import { parseRequirementsFile } from '../../src/requirements/index.js';

const BLOBS = fileURLToPath(new URL('../../../shared/corpus/build-puppet/blobs/', import.meta.url));
const ORACLE = fileURLToPath(new URL('./requirements_corpus_oracle.py', import.meta.url));

interface PipReq {
  line: number;
  editable: boolean;
  name: string | null;
  normalized: string | null;
  specifier: string | null;
  extras: string[];
  marker: string | null;
  url: string | null;
}
interface PipError {
  line: number | null;
  after?: number | null;
  message: string;
  fatal: boolean;
}
type PipResult = Record<string, { reqs: PipReq[]; errors: PipError[] }>;

test('requirements parser agrees with pip 23.2.1 on the whole build-puppet corpus', async (t) => {
  const python = requirePython('3.11', t);
  if (!python) return;
  const files = readdirSync(BLOBS)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => join(BLOBS, f));
  assert.equal(files.length, 1738, 'the corpus README promises 1738 files');

  const { stdout } = await execa(python, [ORACLE], {
    input: JSON.stringify({ files }),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    extendEnv: false,
    maxBuffer: 256 * 1024 * 1024,
  });
  const pip = JSON.parse(stdout) as PipResult;

  const disagreements: string[] = [];
  let requirements = 0;
  let rejected = 0;
  let fatal = 0;
  for (const path of files) {
    const oracle = pip[path];
    assert.ok(oracle, `pip returned nothing for ${path}`);
    const ours = parseRequirementsFile(path, readFileSync(path, 'utf8'));
    const say = (line: number | null, what: string): void => {
      disagreements.push(`${path}:${line ?? '?'}: ${what}`);
    };
    // pip stops a file at an error its generator raises; compare only what it read before that.
    const stop = oracle.errors.find((e) => e.fatal);
    const limit = stop ? (stop.after ?? 0) : Infinity;
    if (stop) {
      fatal++;
      const next = ours.diagnostics.find((d) => d.line > limit);
      if (!next) say(null, `pip stopped with "${stop.message}" but we report no later diagnostic`);
    }
    const entries = new Map(ours.entries.filter((e) => e.line <= limit).map((e) => [e.line, e]));
    const diagnostics = new Map(ours.diagnostics.filter((d) => d.line <= limit).map((d) => [d.line, d]));

    for (const req of oracle.reqs) {
      requirements++;
      const entry = entries.get(req.line);
      entries.delete(req.line);
      if (!entry) {
        say(req.line, `pip reads ${req.name ?? req.url ?? '(unnamed)'}, we have no entry`);
        continue;
      }
      const r = entry.requirement;
      const got = {
        editable: entry.kind === 'editable',
        name: entry.name,
        normalized: entry.normalizedName,
        specifier: r ? r.specifier : null,
        extras: r ? [...r.extras].sort() : [],
        marker: r?.marker ? markerToString(r.marker) : null,
      };
      const want = {
        editable: req.editable,
        name: req.name,
        normalized: req.normalized,
        specifier: req.specifier,
        extras: req.extras,
        marker: req.marker,
      };
      if (JSON.stringify(got) !== JSON.stringify(want)) say(req.line, `ours ${JSON.stringify(got)} pip ${JSON.stringify(want)}`);
    }
    for (const error of oracle.errors.filter((e) => !e.fatal)) {
      rejected++;
      const d = error.line === null ? undefined : diagnostics.get(error.line);
      if (error.line !== null) diagnostics.delete(error.line);
      if (!d) say(error.line, `pip rejects it (${error.message}), we accept it`);
      else if (d.message !== error.message) say(error.line, `message ours ${JSON.stringify(d.message)} pip ${JSON.stringify(error.message)}`);
    }
    for (const e of entries.values()) say(e.line, `we read ${e.text}, pip yields nothing`);
    for (const d of diagnostics.values()) say(d.line, `we report ${d.code} (${d.message}), pip accepts the line`);
  }

  t.diagnostic(`${files.length} files, ${requirements} requirements compared, ${rejected} lines pip rejects, ${fatal} files pip stops early`);
  assert.ok(requirements > 50_000, `expected the corpus to hold tens of thousands of requirements, got ${requirements}`);
  assert.ok(rejected > 0, 'the corpus holds at least one line pip rejects (scriptworker=12.0.0)');
  assert.deepEqual(disagreements.slice(0, 30), [], `${disagreements.length} disagreements`);
});
