// Differential test of the wheels check against real pip (python 3.11's pip 23.2.1): for generated
// mirrors and pins, `pip download --no-deps [--only-binary=:all:] --python-version … --implementation cp
// --abi … --platform … --no-index --find-links <mirror> NAME==VER` succeeds exactly when we report
// the pin installable, and downloads the file we pick. The mirror is a find-links HTML page next to
// real built wheels/sdists (so Requires-Python and yanked travel as data attributes, as on a page);
// we read it through the real index client. All pip runs happen in ONE python process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { execa } from 'execa';
import { CHECKS, runChecks, type CheckSettings } from '../../src/checks/index.js';
import { selectFile } from '../../src/checks/wheels/index.js';
import { createIndexClient, emptySnapshot } from '../../src/index/index.js';
import { buildInventory } from '../../src/inventory/index.js';
import { normalizeName } from '../../src/names/index.js';
import { makeTarget, targetTags } from '../../src/targets/index.js';
import type { Target } from '../../src/targets/index.js';
import { tarGzEntries } from '../support/archive.js';
import { buildProjects, writeFindLinksDir } from '../support/distributions.js';
import type { BuiltFile } from '../support/distributions.js';
import { PIP_ENV } from '../support/pip-run.js';
import { requirePython } from '../support/pythons.js';
import { generateCases } from './wheels-cases.js';

const CASES = 70;

/**
 * The oracle's sdists: PKG-INFO plus an in-tree PEP 517 backend that only prepares metadata. pip 23
 * then learns the metadata without setuptools' bdist_wheel (the `wheel` package is not installed in
 * the oracle pythons, and nothing may be installed there), and `pip download` completes.
 */
async function metadataOnlySdist(f: BuiltFile): Promise<BuiltFile> {
  const base = f.filename.replace(/\.tar\.gz$/, '');
  const backend = [
    'import os',
    'METADATA = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "PKG-INFO")).read()',
    'def get_requires_for_build_wheel(config_settings=None):',
    '    return []',
    'def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):',
    `    name = ${JSON.stringify(`${f.project.replace(/[-_.]+/g, '_')}-${f.version}.dist-info`)}`,
    '    os.makedirs(os.path.join(metadata_directory, name))',
    '    with open(os.path.join(metadata_directory, name, "METADATA"), "w") as fh:',
    '        fh.write(METADATA)',
    '    return name',
    'def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):',
    '    raise RuntimeError("the oracle never builds")',
    '',
  ].join('\n');
  const bytes = await tarGzEntries([
    { path: `${base}/PKG-INFO`, content: f.metadata },
    { path: `${base}/pyproject.toml`, content: '[build-system]\nrequires = []\nbuild-backend = "oracle_backend"\nbackend-path = ["."]\n' },
    { path: `${base}/oracle_backend.py`, content: backend },
  ]);
  return { ...f, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function findLinksPage(files: BuiltFile[]): string {
  const anchors = files.map((f) => {
    const rp = f.requiresPython ? ` data-requires-python="${attr(f.requiresPython)}"` : '';
    const yanked = f.yanked === undefined ? '' : ` data-yanked="${attr(f.yanked === true ? '' : f.yanked)}"`;
    return `<a href="${encodeURIComponent(f.filename)}"${rp}${yanked}>${f.filename}</a><br>`;
  });
  return `<!DOCTYPE html><html><body>\n${anchors.join('\n')}\n</body></html>\n`;
}

/** `--abi`/`--platform` values that make pip's tag list the target's (see wheels-cases.ts for the trap). */
function pipTargetArgs(target: Target): string[] {
  const tags = targetTags(target);
  const abis = [...new Set(tags.filter((t) => t.interpreter.startsWith('cp') && t.abi !== 'abi3' && t.abi !== 'none').map((t) => t.abi))];
  const platforms = [...new Set(tags.map((t) => t.platform).filter((p) => p !== 'any'))];
  return ['--python-version', target.pythonFull, '--implementation', 'cp', ...abis.flatMap((a) => ['--abi', a]), ...platforms.flatMap((p) => ['--platform', p])];
}

test('wheels agrees with pip download on generated mirrors (binary-only and with sdists)', { timeout: 600_000 }, async (t) => {
  const python = requirePython('3.11', t);
  if (!python) return;
  const cases = generateCases(CASES);
  const work = mkdtempSync(join(tmpdir(), 'pyup-wheels-oracle-'));
  try {
    const mirrorDir = join(work, 'mirror');
    const built = await Promise.all((await buildProjects(cases.map((c) => c.spec))).map((f) => (f.filename.endsWith('.tar.gz') ? metadataOnlySdist(f) : f)));
    await writeFindLinksDir(built, mirrorDir);
    const page = join(mirrorDir, 'links.html');
    writeFileSync(page, findLinksPage(built));
    const emptyIndex = join(work, 'index');
    await writeFindLinksDir([], emptyIndex);

    // Ours: one inventory, one file per case, through the engine and the real index client.
    const path = (i: number) => `modules/m${i}/files/requirements.txt`;
    const inventory = buildInventory(
      cases.map((c, i) => ({ path: path(i), text: `${c.project}==${c.pin}\n` })),
      { configFor: (p) => { const c = cases[Number(/m(\d+)/.exec(p)?.[1])]; return c ? { pythons: [c.target.python], platforms: [c.target.platform] } : null; } },
    );
    const client = createIndexClient({ indexUrl: emptyIndex, findLinks: [page], cacheDir: null });
    const settings: CheckSettings = { mirrors: [{ url: page, pythons: null }] };
    const wheels = CHECKS.filter((c) => c.id === 'wheels');
    const out = await runChecks(wheels, inventory, emptySnapshot(), (needs, into) => client.fetchNeeds(needs, into), undefined, settings);

    const ours = cases.map((c, i) => {
      const target = makeTarget(c.target.python, c.target.platform);
      const state = out.snapshot.mirror.get(normalizeName(c.project));
      const files = state?.status === 'ok' ? state.page.files : [];
      const pick = (allowSdist: boolean) => selectFile(files, normalizeName(c.project), { specifier: `==${c.pin}`, allowSdist }, target).chosen?.file.filename ?? null;
      const findings = out.findings.filter((f) => f.file === path(i));
      const status = out.results.filter((r) => r.file === path(i)).map((r) => r.status).join(',');
      return { target, binary: pick(false), any: pick(true), installable: !findings.some((f) => f.severity === 'error'), status, findings };
    });

    // pip: every case twice, in one process.
    const runs = cases.flatMap((c, i) => {
      const target = ours[i]?.target as Target;
      const common = ['download', '--no-deps', ...pipTargetArgs(target), '--no-index', '--find-links', page, '-q'];
      return [
        { args: [...common, '--only-binary=:all:', '-d', join(work, `bin${i}`), `${c.project}==${c.pin}`], dest: join(work, `bin${i}`) },
        { args: [...common, '-d', join(work, `any${i}`), `${c.project}==${c.pin}`], dest: join(work, `any${i}`) },
      ];
    });
    const resultFile = join(work, 'results.json');
    const script = new URL('./wheels_pip_oracle.py', import.meta.url).pathname;
    const proc = await execa(python, [script, resultFile], { input: JSON.stringify(runs), env: { ...PIP_ENV, PIP_CACHE_DIR: join(work, 'pip-cache') }, reject: false, timeout: 540_000 });
    assert.equal(proc.exitCode, 0, proc.stderr.slice(-2000));
    const pip = JSON.parse(readFileSync(resultFile, 'utf8')) as Array<{ code: number; files: string[] }>;

    const disagreements: string[] = [];
    const tally = { installable: 0, binaryInstallable: 0, sdistPicks: 0, none: 0 };
    cases.forEach((c, i) => {
      const o = ours[i];
      const bin = pip[2 * i];
      const any = pip[2 * i + 1];
      if (!o || !bin || !any) throw new Error(`missing result for case ${i}`);
      const label = `case ${i} ${c.project}==${c.pin} on ${o.target.id}: files ${c.spec.releases.map((r) => `${r.version}[${(r.files ?? []).map((f) => (f.kind === 'wheel' ? `${f.build ? `${f.build}-` : ''}${f.tags}${f.yanked ? ' (yanked)' : ''}` : 'sdist')).join(', ')}]${r.requiresPython ? ` rp ${r.requiresPython}` : ''}`).join(' ')}`;
      const pipBin = bin.code === 0 ? (bin.files[0] ?? '?') : null;
      const pipAny = any.code === 0 ? (any.files[0] ?? '?') : null;
      if (pipBin !== o.binary) disagreements.push(`${label}\n  binary-only: pip ${pipBin ?? 'fails'}, ours ${o.binary ?? 'none'}`);
      if (pipAny !== o.any) disagreements.push(`${label}\n  with sdists: pip ${pipAny ?? 'fails'}, ours ${o.any ?? 'none'}`);
      // The check's verdict is the same choice: installable exactly when a file was picked.
      if (o.installable !== (o.any !== null)) disagreements.push(`${label}\n  check says installable=${o.installable}, pick ${o.any}: ${o.findings.map((f) => f.code).join(', ')}`);
      if (o.status !== (o.any !== null ? 'pass' : 'fail')) disagreements.push(`${label}\n  the cell is ${o.status || 'missing'}, pick ${o.any}`);
      if (o.any !== null) tally.installable++;
      if (o.binary !== null) tally.binaryInstallable++;
      if (o.any?.endsWith('.tar.gz')) tally.sdistPicks++;
      if (o.any === null) tally.none++;
    });
    t.diagnostic(`${CASES} cases × 2 pip runs: ${tally.installable} installable (${tally.binaryInstallable} from a wheel, ${tally.sdistPicks} only from an sdist), ${tally.none} not installable`);
    assert.deepEqual(disagreements, []);
    // The generator must exercise both outcomes, or the agreement means little.
    assert.ok(tally.binaryInstallable >= 10 && tally.none >= 5 && tally.sdistPicks >= 3, JSON.stringify(tally));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
