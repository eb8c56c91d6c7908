/**
 * Property test of `fix` on generated pin sets (test/oracle/compat/universe.ts, pin-sets.ts) over a
 * loopback index, all three oracle pythons as the files' targets:
 * - whenever fix proposes a patch, real pip is clean on it: `pip install --no-deps` of the patched file
 *   into a fresh dir, then `pip check`, on 2.7 (pip 19), 3.6 (pip 18) and 3.11 (pip 23);
 * - whenever it says "no fix within the bounds" (and did not hit the node bound), a brute-force search
 *   over the same candidate releases (every combination of up to BRUTE_K changed or added pins) finds
 *   none either; and a patch changes exactly as many pins as the brute-force minimum;
 * - for scale, how many pins a full re-resolution changes: pip 23's resolver (`pip install --dry-run
 *   --report` of the file's names, unpinned, newest first, as `pip-compile --upgrade` resolves; pip-tools
 *   itself cannot be installed offline), printed beside our counts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchRounds, Lookups } from '../../src/checks/index.js';
import { bruteMinimum } from '../checks/fix/brute.js';
import { createIndexClient, emptySnapshot } from '../../src/index/index.js';
import { buildInventory } from '../../src/inventory/index.js';
import type { ProjectName } from '../../src/names/index.js';
import { buildProjects, writeFindLinksDir } from '../support/distributions.js';
import { startIndexServer } from '../support/index-server.js';
import { pip, py } from '../support/pip-run.js';
import { requirePython } from '../support/pythons.js';
import { runCli } from '../cli/harness.js';
import { generatePinSets } from './compat/pin-sets.js';
import { canonical, pipVerdict } from './compat/pip-oracle.js';
import { createRng } from './compat/prng.js';
import { generateUniverse, ORACLE_PYTHONS } from './compat/universe.js';

const SEED = Number(process.env.PYUP_FIX_SEED ?? 0xf1c5_0001);
const UNIVERSE_SIZE = 10;
const SET_COUNT = 16;
const BRUTE_K = 3;

interface FixJson {
  files: Array<{ file: string; status: string; changes: Array<{ package: string; to: string }>; search: { exhausted: boolean } }>;
}

describe('fix: patches pip accepts, and no smaller one exists', () => {
  test(`${SET_COUNT} generated pin sets, targets python ${ORACLE_PYTHONS.join('/')}`, { timeout: 900_000 }, async (t) => {
    const pythons: Array<{ exe: string; full: string }> = [];
    for (const minor of ORACLE_PYTHONS) {
      const exe = requirePython(minor, t);
      if (!exe) return;
      const v = await py(exe, 'import platform; print(platform.python_version())');
      pythons.push({ exe, full: v.stdout.trim() });
    }
    const rng = createRng(SEED);
    const universe = generateUniverse(rng, UNIVERSE_SIZE);
    // Fewer dependencies followed at their intended version than compat's oracle: most sets need a fix.
    // Hard sets: dependencies pinned mostly off target, so some have no fix at all.
    const sets = [
      ...generatePinSets(rng, universe, 11, { follow: 0.8, intended: 0.6 }),
      ...generatePinSets(rng, universe, SET_COUNT - 11, { follow: 0.95, intended: 0.1 }).map((s) => {
        const id = s.id.replace('set-', 'hard-');
        return { ...s, id, text: s.text.replace(`# ${s.id}:`, `# ${id}:`) };
      }),
    ];
    const universeNames = new Set(universe.projects.map((p) => canonical(p.canonical)));
    const root = await mkdtemp(join(tmpdir(), 'pyup-fix-oracle-'));
    const files = await buildProjects(universe.specs);
    const server = await startIndexServer({ projects: files });
    try {
      const links = join(root, 'links');
      await writeFindLinksDir(files, links);
      const repo = join(root, 'repo');
      for (const set of sets) {
        await rm(join(repo, 'modules', set.id), { recursive: true, force: true });
        const path = join(repo, 'modules', set.id, 'files');
        await mkdir(path, { recursive: true });
        await writeFile(join(path, 'requirements.txt'), set.text);
      }
      const pyArgs = pythons.flatMap((p) => ['--python', p.full]);
      const common = ['--repo', repo, '--index-url', server.indexUrl, '--cache-dir', join(root, 'cache'), '--artifacts', join(root, 'artifacts'), ...pyArgs];
      const started = Date.now();
      const run = await runCli(['fix', '--write', ...common], root);
      const fixSeconds = (Date.now() - started) / 1000;
      assert.ok(run.code === 0 || run.code === 1, `fix exited ${run.code}: ${run.stderr}`);
      const plan = JSON.parse(await readFile(join(root, 'artifacts', 'fix.json'), 'utf8')) as FixJson;
      assert.equal(plan.files.length, SET_COUNT);

      // The brute force reads the same index through the same client.
      const client = createIndexClient({ indexUrl: server.indexUrl, cacheDir: join(root, 'cache') });
      const inventory = buildInventory(sets.map((s) => ({ path: `modules/${s.id}/files/requirements.txt`, text: s.text })), { pythons: pythons.map((p) => p.full) });
      const names = universe.projects.map((p) => canonical(p.canonical) as ProjectName);
      const brute = new Map<string, number | null>();
      const { snapshot } = await fetchRounds((l) => {
        for (const f of inventory.files) bruteMinimum(f, l, names, BRUTE_K);
      }, emptySnapshot(), (needs, into) => client.fetchNeeds(needs, into), undefined, 40);
      for (const f of inventory.files) brute.set(f.path, bruteMinimum(f, new Lookups(snapshot), names, BRUTE_K));

      const counts = { clean: 0, fixed: 0, noFix: 0, exhausted: 0, pipRuns: 0, pipClean: 0, sameAsBrute: 0, oursPins: 0, bruteNoneAgree: 0, reresolved: 0, reresolvedPins: 0, oursOnReresolved: 0 };
      const problems: string[] = [];
      for (const f of plan.files) {
        const b = brute.get(f.file);
        if (f.status === 'clean') {
          counts.clean++;
          if (b !== 0) problems.push(`${f.file}: clean for fix, brute force minimum ${b}`);
          continue;
        }
        if (f.status === 'no-fix') {
          counts.noFix++;
          if (f.search.exhausted) counts.exhausted++;
          else if (b !== null) problems.push(`${f.file}: fix found none, brute force changes ${b} pin(s)`);
          else counts.bruteNoneAgree++;
          continue;
        }
        assert.equal(f.status, 'fixed', `${f.file}: ${f.status}`);
        counts.fixed++;
        counts.oursPins += f.changes.length;
        if (b !== null && b !== f.changes.length) problems.push(`${f.file}: fix changes ${f.changes.length} pin(s), brute force minimum ${b}`);
        if (b !== null && b === f.changes.length) counts.sameAsBrute++;
        const patched = join(repo, f.file);
        for (const p of pythons) {
          const verdict = await pipVerdict(p.exe, links, patched, join(root, 'work', p.full), universeNames);
          counts.pipRuns++;
          if (!verdict.installRefused && verdict.problems.length === 0 && verdict.foreign.length === 0) counts.pipClean++;
          else problems.push(`${f.file} on ${p.full}: pip ${verdict.installRefused ? 'refused the install' : verdict.problems.map((x) => x.line).join('; ') || verdict.foreign.join('; ')}`);
        }
        // A full re-resolution of the same names, newest first (pip 23's resolver, as pip-compile --upgrade).
        const original = sets.find((s) => f.file.includes(`/${s.id}/`))!;
        const pinnedNames = original.text.split('\n').filter((l) => /==/.test(l)).map((l) => l.split(/[[=\s]/)[0]!);
        const report = join(root, 'work', `${original.id}-report.json`);
        const resolved = await pip(pythons[2]!.exe, ['install', '--dry-run', '--ignore-installed', '--no-index', '--find-links', links, '--disable-pip-version-check', '-q', '--report', report, ...pinnedNames]);
        if (resolved.exitCode === 0) {
          const rep = JSON.parse(await readFile(report, 'utf8')) as { install: Array<{ metadata: { name: string; version: string } }> };
          const before = new Map(original.pins.map((p) => [canonical(universe.projects[p.project]!.canonical), p.version]));
          const changed = rep.install.filter((i) => before.get(canonical(i.metadata.name)) !== i.metadata.version).length;
          counts.reresolved++;
          counts.reresolvedPins += changed;
          counts.oursOnReresolved += f.changes.length;
        }
      }
      t.diagnostic(`fix on ${SET_COUNT} sets in ${fixSeconds.toFixed(1)}s: ${counts.clean} clean, ${counts.fixed} fixed (${counts.oursPins} pins changed; ${counts.sameAsBrute} equal to the brute-force minimum), ${counts.noFix} without a fix (${counts.bruteNoneAgree} confirmed by brute force up to ${BRUTE_K} changes, ${counts.exhausted} at the node bound)`);
      t.diagnostic(`pip on the patched files: ${counts.pipClean}/${counts.pipRuns} clean (install --no-deps + pip check)`);
      t.diagnostic(`full re-resolution (pip 23 resolver, newest first, the file's names unpinned) on ${counts.reresolved} fixed sets: ${counts.reresolvedPins} pins changed, against fix's ${counts.oursOnReresolved}`);
      assert.deepEqual(problems, []);
      assert.ok(counts.fixed >= 3, `only ${counts.fixed} sets needed and got a fix: the generator should make most sets fail`);
      assert.equal(counts.pipRuns, counts.fixed * pythons.length);
      assert.equal(counts.clean + counts.fixed + counts.noFix, SET_COUNT);
    } finally {
      await server.close();
      await rm(root, { recursive: true, force: true });
    }
  });
});
