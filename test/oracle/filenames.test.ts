// Differential test: whether pip 24.2 takes a link's filename as a candidate of a project, and which
// version it reads, must agree with parseDistributionFilename. One python process for all inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { requirePython } from '../support/pythons.js';
import { normalizeName } from '../../src/names/index.js';
import { parseDistributionFilename, FilenameParseError } from '../../src/filenames/index.js';
import { tagToString } from '../../src/tags/index.js';

const INPUTS: Array<[filename: string, project: string]> = [
  ['requests-2.31.0-py3-none-any.whl', 'requests'],
  ['python_jose-3.3.0-py2.py3-none-any.whl', 'python-jose'],
  ['Python_Jose-3.3.0-py2.py3-none-any.whl', 'python.jose'],
  ['zope.interface-5.4.0-cp36-cp36m-manylinux2010_x86_64.whl', 'zope-interface'],
  ['numpy-1.19.5-cp36-cp36m-manylinux_2_17_x86_64.manylinux2014_x86_64.whl', 'numpy'],
  ['pyobjc_core-10.1-cp36-abi3-macosx_10_9_universal2.whl', 'pyobjc-core'],
  ['foo-1.0-1-py3-none-any.whl', 'foo'],
  ['foo-1.0-12abc-py3-none-any.whl', 'foo'],
  ['foo-1.0-abc-py3-none-any.whl', 'foo'],
  ['foo-1.0-py3-none.whl', 'foo'],
  ['foo-1.0-1-2-py3-none-any.whl', 'foo'],
  ['foo-1.0_post1-py3-none-any.whl', 'foo'],
  ['foo-1.0-py3-none-any.WHL', 'foo'],
  ['bar-1.0-py3-none-any.whl', 'foo'],
  ['requests-2.31.0.tar.gz', 'requests'],
  ['Django-1.11.29.tar.gz', 'django'],
  ['python-jose-3.3.0.tar.gz', 'python_jose'],
  ['python_jose-3.3.0.tar.gz', 'python-jose'],
  ['zope.interface-4.7.1.zip', 'zope.interface'],
  ['foo-bar-1.0-2.tar.gz', 'foo-bar'],
  ['foo-bar-1.0-2.tar.gz', 'foo'],
  ['foo__bar-1.0.tar.gz', 'foo-bar'],
  ['foo-1.0.tar.bz2', 'foo'],
  ['foo-1.0.tbz', 'foo'],
  ['foo-1.0.tar.xz', 'foo'],
  ['foo-1.0.txz', 'foo'],
  ['foo-1.0.tgz', 'foo'],
  ['foo-1.0.tar', 'foo'],
  ['foo-1.0.tar.lzma', 'foo'],
  ['foo-1.0.tlz', 'foo'],
  ['foo-1.0.tar.Z', 'foo'],
  ['foo-1.0.TAR.GZ', 'foo'],
  ['foo-1.0.ZIP', 'foo'],
  ['foo-1.0.egg', 'foo'],
  ['foo-1.0.win32.exe', 'foo'],
  ['foo-1.0.msi', 'foo'],
  ['foo-1.0.tar.gz.asc', 'foo'],
  ['foo-1.0-py2.7.tar.gz', 'foo'],
  ['foo-1.0-py3.13.tar.gz', 'foo'],
  ['foo-.tar.gz', 'foo'],
  ['foo.tar.gz', 'foo'],
  ['bar-1.0.tar.gz', 'foo'],
  ['invoke-1.1.1-2.0.tar.gz', 'invoke-1.1.1'],
];

interface PipAnswer {
  type: string;
  detail: string;
  wheel: { name: string; version: string; build: string | null; tags: string[] } | null;
}

test('filenames are read as pip 24.2 reads index links', async (t) => {
  const python = requirePython('3.13', t);
  if (!python) return;
  const script = fileURLToPath(new URL('./filenames_oracle.py', import.meta.url));
  const input = INPUTS.map(([filename, project]) => ({ filename, project }));
  const { stdout } = await execa(python, [script], { input: JSON.stringify(input) });
  const answers = JSON.parse(stdout) as PipAnswer[];
  assert.equal(answers.length, INPUTS.length);
  let candidates = 0;
  let wheels = 0;
  INPUTS.forEach(([filename, project], i) => {
    const pip = answers[i];
    assert.ok(pip);
    const label = `${filename} for ${project}: pip says ${pip.type} ${pip.detail}`;
    let ours: ReturnType<typeof parseDistributionFilename> = null;
    try {
      ours = parseDistributionFilename(filename, project);
    } catch (e) {
      assert.ok(e instanceof FilenameParseError, label);
    }
    // pip's only filename-based reason to skip a well-formed sdist is a `-pyX.Y` for another python.
    const usable =
      ours !== null && (ours.kind === 'wheel' || (ours.pipSupported && [null, '3.13'].includes(ours.pythonVersion)));
    assert.equal(usable, pip.type === 'candidate', label);
    if (ours && usable) {
      assert.equal(ours.version, pip.detail, label);
      candidates++;
    }
    if (ours?.kind === 'wheel' && pip.wheel) {
      assert.equal(ours.normalizedName, normalizeName(pip.wheel.name), label);
      assert.equal(ours.build === null ? null : `${ours.build.number}${ours.build.tag}`, pip.wheel.build, label);
      assert.deepEqual(ours.tags.map(tagToString).sort(), pip.wheel.tags, label);
      wheels++;
    }
  });
  t.diagnostic(`${INPUTS.length} filenames compared, ${candidates} candidates, ${wheels} wheels field by field`);
  // The version and wheel-field comparisons sit behind ifs: make sure they ran.
  assert.ok(candidates >= 20 && wheels >= 5, `only ${candidates} candidates and ${wheels} wheels were compared`);
});
