// Differential test of the wheels check against real pip (python 3.11's pip 23.2.1): for generated
// mirrors and pins, `pip download --no-deps [--only-binary=:all:] --python-version … --implementation cp
// --abi … --platform … --no-index --find-links <mirror> NAME==VER` succeeds exactly when we report
// the pin installable, and downloads the file we pick. The mirror is a find-links HTML page next to
// real built wheels/sdists (so Requires-Python and yanked travel as data attributes, as on a page);
// we read it through the real index client. A second pass serves the same files as an nginx
// autoindex (no data-requires-python, no data-yanked): pip then learns Requires-Python from each
// file's METADATA after download, and so must we (issue 11). All pip runs of a pass happen in ONE
// python process.
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
import { releaseKey } from '../../src/pypi/index.js';
import { makeTarget, targetTags } from '../../src/targets/index.js';
import type { Target } from '../../src/targets/index.js';
import { tarGzEntries } from '../support/archive.js';
import { buildProjects, writeFindLinksDir } from '../support/distributions.js';
import type { BuiltFile } from '../support/distributions.js';
import { PIP_ENV } from '../support/pip-run.js';
import { requirePython } from '../support/pythons.js';
import { generateCases, type WheelsCase } from './wheels-cases.js';
import { autoindexHtml } from '../support/index-pages.js';

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

interface PassTally {
  installable: number;
  binaryInstallable: number;
  sdistPicks: number;
  none: number;
  /** Picks where a file was refused for Requires-Python only its METADATA gives (the autoindex pass). */
  metadataRefusals: number;
}

/**
 * One differential pass: the mirror is `pageHtml` beside the built files; ours through the engine and
 * the real index client (the index is empty, so release metadata comes from the mirror's own files,
 * as pip reads them), pip through `pip download`, every case twice in one process.
 */
async function oraclePass(python: string, cases: WheelsCase[], built: BuiltFile[], work: string, label: string, pageHtml: string): Promise<{ disagreements: string[]; tally: PassTally }> {
  const mirrorDir = join(work, label, 'mirror');
  await writeFindLinksDir(built, mirrorDir);
  const page = join(mirrorDir, 'links.html');
  writeFileSync(page, pageHtml);
  const emptyIndex = join(work, label, 'index');
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
    const name = normalizeName(c.project);
    const state = out.snapshot.mirror.get(name);
    const files = state?.status === 'ok' ? state.page.files : [];
    // The same METADATA the check used (what the run holds for the release).
    const metadataRequiresPython = (v: string): string | null | undefined => {
      const m = out.snapshot.metadata.get(releaseKey(name, v));
      return m?.status === 'ok' ? m.metadata.requiresPython : m?.requiresPython;
    };
    const select = (allowSdist: boolean) => selectFile(files, name, { specifier: `==${c.pin}`, allowSdist, metadataRequiresPython }, target);
    const findings = out.findings.filter((f) => f.file === path(i));
    const status = out.results.filter((r) => r.file === path(i)).map((r) => r.status).join(',');
    const refusedByMetadata = select(true).rejected.some((r) => r.reason === 'requires-python' && r.file.requiresPython === null);
    return { target, binary: select(false).chosen?.file.filename ?? null, any: select(true).chosen?.file.filename ?? null, installable: !findings.some((f) => f.severity === 'error'), status, findings, refusedByMetadata };
  });

  const runs = cases.flatMap((c, i) => {
    const target = ours[i]?.target as Target;
    const common = ['download', '--no-deps', ...pipTargetArgs(target), '--no-index', '--find-links', page, '-q'];
    const dest = (kind: string) => join(work, label, `${kind}${i}`);
    return [
      { args: [...common, '--only-binary=:all:', '-d', dest('bin'), `${c.project}==${c.pin}`], dest: dest('bin') },
      { args: [...common, '-d', dest('any'), `${c.project}==${c.pin}`], dest: dest('any') },
    ];
  });
  const resultFile = join(work, label, 'results.json');
  const script = new URL('./wheels_pip_oracle.py', import.meta.url).pathname;
  const proc = await execa(python, [script, resultFile], { input: JSON.stringify(runs), env: { ...PIP_ENV, PIP_CACHE_DIR: join(work, 'pip-cache') }, reject: false, timeout: 540_000 });
  assert.equal(proc.exitCode, 0, proc.stderr.slice(-2000));
  const pip = JSON.parse(readFileSync(resultFile, 'utf8')) as Array<{ code: number; files: string[] }>;

  const disagreements: string[] = [];
  const tally: PassTally = { installable: 0, binaryInstallable: 0, sdistPicks: 0, none: 0, metadataRefusals: 0 };
  cases.forEach((c, i) => {
    const o = ours[i];
    const bin = pip[2 * i];
    const any = pip[2 * i + 1];
    if (!o || !bin || !any) throw new Error(`missing result for case ${i}`);
    const label2 = `${label} case ${i} ${c.project}==${c.pin} on ${o.target.id}: files ${c.spec.releases.map((r) => `${r.version}[${(r.files ?? []).map((f) => (f.kind === 'wheel' ? `${f.build ? `${f.build}-` : ''}${f.tags}${f.yanked ? ' (yanked)' : ''}` : 'sdist')).join(', ')}]${r.requiresPython ? ` rp ${r.requiresPython}` : ''}`).join(' ')}`;
    const pipBin = bin.code === 0 ? (bin.files[0] ?? '?') : null;
    const pipAny = any.code === 0 ? (any.files[0] ?? '?') : null;
    if (pipBin !== o.binary) disagreements.push(`${label2}\n  binary-only: pip ${pipBin ?? 'fails'}, ours ${o.binary ?? 'none'}`);
    if (pipAny !== o.any) disagreements.push(`${label2}\n  with sdists: pip ${pipAny ?? 'fails'}, ours ${o.any ?? 'none'}`);
    // The check's verdict is the same choice: installable exactly when a file was picked.
    if (o.installable !== (o.any !== null)) disagreements.push(`${label2}\n  check says installable=${o.installable}, pick ${o.any}: ${o.findings.map((f) => f.code).join(', ')}`);
    if (o.status !== (o.any !== null ? 'pass' : 'fail')) disagreements.push(`${label2}\n  the cell is ${o.status || 'missing'}, pick ${o.any}`);
    if (o.any !== null) tally.installable++;
    if (o.binary !== null) tally.binaryInstallable++;
    if (o.any?.endsWith('.tar.gz')) tally.sdistPicks++;
    if (o.any === null) tally.none++;
    if (o.refusedByMetadata) tally.metadataRefusals++;
  });
  return { disagreements, tally };
}

test('wheels agrees with pip download on generated mirrors (binary-only and with sdists; with and without data-requires-python)', { timeout: 900_000 }, async (t) => {
  const python = requirePython('3.11', t);
  if (!python) return;
  const cases = generateCases(CASES);
  const work = mkdtempSync(join(tmpdir(), 'pyup-wheels-oracle-'));
  try {
    const built = await Promise.all((await buildProjects(cases.map((c) => c.spec))).map((f) => (f.filename.endsWith('.tar.gz') ? metadataOnlySdist(f) : f)));
    // A find-links page with data-requires-python / data-yanked, then the same files as an nginx
    // autoindex, which has neither: pip learns Requires-Python from each file's METADATA there.
    const passes = [
      { label: 'page', html: findLinksPage(built) },
      { label: 'autoindex', html: autoindexHtml('/python/packages/', built) },
    ];
    const tallies = new Map<string, PassTally>();
    for (const pass of passes) {
      const { disagreements, tally } = await oraclePass(python, cases, built, work, pass.label, pass.html);
      t.diagnostic(`${pass.label}: ${CASES} cases × 2 pip runs: ${tally.installable} installable (${tally.binaryInstallable} from a wheel, ${tally.sdistPicks} only from an sdist), ${tally.none} not installable, ${tally.metadataRefusals} with a file refused for its METADATA Requires-Python`);
      assert.deepEqual(disagreements, []);
      // The generator must exercise both outcomes, or the agreement means little.
      assert.ok(tally.binaryInstallable >= 10 && tally.none >= 5 && tally.sdistPicks >= 3, `${pass.label}: ${JSON.stringify(tally)}`);
      tallies.set(pass.label, tally);
    }
    assert.equal(tallies.size, 2);
    // The autoindex pass must meet files only METADATA refuses, or it proves nothing new.
    assert.ok((tallies.get('autoindex')?.metadataRefusals ?? 0) >= 5, JSON.stringify(tallies.get('autoindex')));
    assert.equal(tallies.get('page')?.metadataRefusals, 0, 'with data-requires-python no refusal needs METADATA');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
