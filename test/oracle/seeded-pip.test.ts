// Differential test of the packages a virtual environment starts with (src/checks/shared/seeded.ts)
// against real pip check in real venvs: python 3.6 (pip 18), 3.11 (pip 23) and 3.12 (pip 23, whose
// ensurepip no longer installs setuptools). Wheels requiring `setuptools`, `pip`, `setuptools>=999`
// and `wheel` are installed with --no-deps into a fresh `python -m venv`, then `pip check` runs there.
// Our compat cell must fail exactly when pip check does, and our error findings must name the
// (dependent, dependency) pairs pip check names; a `seeded-dependency` warning only where it names none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { CHECKS, runChecks } from '../../src/checks/index.js';
import { createIndexClient, emptySnapshot } from '../../src/index/index.js';
import { buildInventory } from '../../src/inventory/index.js';
import { buildProjects, writeFindLinksDir } from '../support/distributions.js';
import { startIndexServer } from '../support/index-server.js';
import { PIP_ENV } from '../support/pip-run.js';
import { requirePython } from '../support/pythons.js';
import { canonical, parsePipCheck } from './compat/pip-oracle.js';

const PROJECTS = [
  { name: 'needs-st', requiresDist: ['setuptools'] },
  { name: 'needs-pip', requiresDist: ['pip'] },
  { name: 'needs-new-st', requiresDist: ['setuptools>=999'] },
  { name: 'needs-wheel', requiresDist: ['wheel'] },
];
const PYTHONS = ['3.6', '3.11', '3.12'];

test('seeded packages: our compat verdict is pip check\'s in a fresh venv of python 3.6, 3.11 and 3.12', { timeout: 240_000 }, async (t) => {
  const pythons = PYTHONS.map((v) => ({ v, path: requirePython(v, t) }));
  if (pythons.some((p) => p.path === null)) return;
  const work = await mkdtemp(join(tmpdir(), 'pyup-seeded-oracle-'));
  const built = await buildProjects(PROJECTS.map((p) => ({ name: p.name, releases: [{ version: '1.0', requiresDist: p.requiresDist }] })));
  const server = await startIndexServer({ projects: built });
  try {
    const links = join(work, 'links');
    await writeFindLinksDir(built, links);
    const text = `${PROJECTS.map((p) => `${p.name}==1.0`).join('\n')}\n`;
    const reqs = join(work, 'requirements.txt');
    await writeFile(reqs, text);
    const inventory = buildInventory([{ path: 'modules/m/files/requirements.txt', text }], { pythons: PYTHONS });
    const client = createIndexClient({ indexUrl: server.indexUrl, findLinks: [], cacheDir: null });
    const ours = await runChecks(CHECKS.filter((c) => c.id === 'compat'), inventory, emptySnapshot(), (needs, into) => client.fetchNeeds(needs, into));
    const disagreements: string[] = [];
    const tally = { seeded: 0, pipProblems: 0 };
    for (const { v, path } of pythons) {
      const venv = join(work, `venv${v}`);
      await execa(path as string, ['-m', 'venv', venv], { env: PIP_ENV });
      const vpy = join(venv, 'bin', 'python');
      await execa(vpy, ['-m', 'pip', 'install', '--no-deps', '--no-index', '--find-links', links, '-q', '-r', reqs], { env: PIP_ENV });
      const check = await execa(vpy, ['-m', 'pip', 'check'], { env: PIP_ENV, reject: false });
      const pip = parsePipCheck(String(check.stdout));
      const theirs = new Set(pip.problems.map((p) => `${p.dependent} -> ${p.dependency}`));
      const target = inventory.targets.find((x) => x.python === v);
      const cell = ours.results.find((r) => r.target === target?.id);
      const here = ours.findings.filter((f) => f.target === target?.id);
      const mine = new Set(here.filter((f) => f.severity === 'error').map((f) => `${canonical(String((f.details as { requiredBy?: { package: string } }).requiredBy?.package ?? ''))} -> ${f.package}`));
      const seeded = here.filter((f) => f.code === 'seeded-dependency').map((f) => `${(f.details as { requiredBy: { package: string } }).requiredBy.package} -> ${f.package}`);
      if ((check.exitCode !== 0) !== (cell?.status === 'fail')) disagreements.push(`python ${v}: pip check exit ${check.exitCode}, our cell ${cell?.status}`);
      if ([...theirs].sort().join() !== [...mine].sort().join()) disagreements.push(`python ${v}: pip check names ${[...theirs].join(', ') || 'nothing'}, our errors ${[...mine].join(', ') || 'nothing'}`);
      for (const s of seeded) if (theirs.has(s)) disagreements.push(`python ${v}: ${s} is a seeded-dependency warning, but pip check names it`);
      tally.seeded += seeded.length;
      tally.pipProblems += theirs.size;
    }
    t.diagnostic(`${pythons.length} venvs: ${tally.pipProblems} pip check problems, ${tally.seeded} seeded-dependency warnings`);
    assert.deepEqual(disagreements, []);
    // 3.6 and 3.11 seed setuptools and pip, 3.12 pip only: needs-st is seeded twice, needs-pip three times.
    assert.equal(tally.seeded, 5);
  } finally {
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
});
