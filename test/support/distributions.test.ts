import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProjects, buildSdist, buildWheel, moduleName, wheelName, writeFindLinksDir, type ProjectSpec } from './distributions.js';
import { requiresTxt, splitRequirement } from './dist-metadata.js';
import { requirePython } from './pythons.js';
import { pip, py } from './pip-run.js';

describe('names', () => {
  const cases: Array<[string, string, string]> = [
    ['taskcluster-urls', 'taskcluster_urls', 'taskcluster_urls'],
    ['Python_Jose', 'python_jose', 'python_jose'],
    ['zope.interface', 'zope_interface', 'zope_interface'],
    ['a--b..c', 'a_b_c', 'a_b_c'],
    ['3to2', '3to2', '_3to2'],
  ];
  for (const [display, wheel, mod] of cases) {
    test(display, () => {
      assert.equal(wheelName(display), wheel);
      assert.equal(moduleName(display), mod);
    });
  }
});

describe('requires.txt sections', () => {
  const split: Array<[string, { req: string; extra: string | null; marker: string }]> = [
    ['six', { req: 'six', extra: null, marker: '' }],
    ['six>=1.0; python_version < "3"', { req: 'six>=1.0', extra: null, marker: 'python_version < "3"' }],
    ['pyasn1; extra == "rsa"', { req: 'pyasn1', extra: 'rsa', marker: '' }],
    ["ecdsa ; extra=='ec' and python_version<'3'", { req: 'ecdsa', extra: 'ec', marker: "python_version<'3'" }],
    ['x; python_version < "3" and extra == "a"', { req: 'x', extra: 'a', marker: 'python_version < "3"' }],
  ];
  for (const [input, want] of split) test(`split ${input}`, () => assert.deepEqual(splitRequirement(input), want));

  test('egg-info layout', () => {
    const txt = requiresTxt(['six', 'futures; python_version < "3"', 'pyasn1; extra == "rsa"', 'ecdsa; extra == "ec" and python_version < "3"']);
    assert.equal(txt, 'six\n\n[:python_version < "3"]\nfutures\n\n[rsa]\npyasn1\n\n[ec:python_version < "3"]\necdsa\n');
  });
});

describe('builders', () => {
  const release = { version: '1.2.0', requiresDist: ['six>=1.9', 'pyasn1; extra == "rsa"'], requiresPython: '>=2.7, !=3.0.*', extras: ['rsa'] };

  test('filenames and determinism', async () => {
    const a = await buildWheel('Python_Jose', release);
    const b = await buildWheel('Python_Jose', release);
    assert.equal(a.filename, 'python_jose-1.2.0-py2.py3-none-any.whl');
    assert.equal(a.sha256, b.sha256);
    assert.match(a.sha256, /^[0-9a-f]{64}$/);
    const w = await buildWheel('x', { version: '1.0' }, { kind: 'wheel', tags: 'cp36-cp36m-manylinux1_x86_64', build: '1' });
    assert.equal(w.filename, 'x-1.0-1-cp36-cp36m-manylinux1_x86_64.whl');
    const s1 = await buildSdist('taskcluster-urls', release);
    const s2 = await buildSdist('taskcluster-urls', release);
    assert.equal(s1.filename, 'taskcluster-urls-1.2.0.tar.gz');
    assert.equal(s1.sha256, s2.sha256);
    assert.equal((await buildSdist('a', release, { kind: 'sdist', format: '.zip' })).filename, 'a-1.2.0.zip');
    assert.match(a.metadata, /^Requires-Dist: pyasn1; extra == "rsa"$/m);
    assert.match(a.metadata, /^Requires-Python: >=2.7, !=3.0.\*$/m);
  });

  test('noRequires sdist hides dependencies; duplicate files are refused', async () => {
    const s = await buildSdist('a', release, { kind: 'sdist', noRequires: true });
    assert.doesNotMatch(s.metadata.split('\n\n')[0] ?? '', /^Requires-Dist/m);
    assert.match(s.metadata, /^Metadata-Version: 1\.1$/m);
    await assert.rejects(buildProjects([{ name: 'a', releases: [{ version: '1', files: [{ kind: 'wheel' }, { kind: 'wheel' }] }] }]), /duplicate/);
  });

  test('python zipfile/tarfile read them and RECORD hashes verify', async (t) => {
    const python = requirePython('3.11', t);
    if (!python) return;
    const dir = await mkdtemp(join(tmpdir(), 'pyup-dist-'));
    try {
      const files = await buildProjects([
        { name: 'Python_Jose', releases: [{ ...release, files: [{ kind: 'wheel' }, { kind: 'sdist', eggInfo: true }, { kind: 'sdist', format: '.zip' }] }] },
      ]);
      await writeFindLinksDir(files, dir);
      const script = `
import base64, hashlib, json, sys, tarfile, zipfile, email.parser, os
out = {}
for name in sorted(os.listdir(${JSON.stringify(dir)})):
    p = os.path.join(${JSON.stringify(dir)}, name)
    if name.endswith('.whl'):
        z = zipfile.ZipFile(p)
        assert z.testzip() is None
        names = z.namelist()
        rec = [n for n in names if n.endswith('.dist-info/RECORD')][0]
        bad = []
        for line in z.read(rec).decode().splitlines():
            path, h, size = line.rsplit(',', 2)
            if not h: continue
            data = z.read(path)
            d = 'sha256=' + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()
            if d != h or int(size) != len(data): bad.append(path)
        meta = z.read([n for n in names if n.endswith('.dist-info/METADATA')][0]).decode()
    elif name.endswith('.zip'):
        z = zipfile.ZipFile(p); names = z.namelist(); bad = []
        meta = z.read([n for n in names if n.endswith('/PKG-INFO')][0]).decode()
    else:
        t = tarfile.open(p); names = t.getnames(); bad = []
        meta = t.extractfile([n for n in names if n.count('/') == 1 and n.endswith('/PKG-INFO')][0]).read().decode()
        req = [n for n in names if n.endswith('requires.txt')]
        out[name + ':requires.txt'] = t.extractfile(req[0]).read().decode() if req else None
    m = email.parser.Parser().parsestr(meta)
    out[name] = {'names': names, 'bad': bad, 'name': m['Name'], 'version': m['Version'], 'requires': m.get_all('Requires-Dist')}
print(json.dumps(out))
`;
      const r = await py(python, script);
      assert.equal(r.exitCode, 0, r.stderr);
      const got = JSON.parse(r.stdout) as Record<string, { names: string[]; bad: string[]; name: string; version: string; requires: string[] } | string | null>;
      const whl = got['python_jose-1.2.0-py2.py3-none-any.whl'] as { names: string[]; bad: string[]; name: string; requires: string[] };
      assert.deepEqual(whl.bad, []);
      assert.ok(whl.names.includes('python_jose-1.2.0.dist-info/WHEEL'));
      assert.ok(whl.names.includes('python_jose/__init__.py'));
      assert.equal(whl.name, 'Python_Jose');
      assert.deepEqual(whl.requires, release.requiresDist);
      const tgz = got['Python_Jose-1.2.0.tar.gz'] as { names: string[]; version: string };
      assert.ok(tgz.names.includes('Python_Jose-1.2.0/PKG-INFO'));
      assert.ok(tgz.names.includes('Python_Jose-1.2.0/setup.py'));
      assert.equal(tgz.version, '1.2.0');
      assert.equal(got['Python_Jose-1.2.0.tar.gz:requires.txt'], 'six>=1.9\n\n[rsa]\npyasn1\n');
      assert.ok((got['Python_Jose-1.2.0.zip'] as { names: string[] }).names.includes('Python_Jose-1.2.0/PKG-INFO'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('real pip installs the wheels (--no-deps --no-index --find-links) and pip check reads them', () => {
  const projects: ProjectSpec[] = [
    { name: 'taskcluster-urls', releases: [{ version: '11.0.0', requiresDist: ['Python_Jose>=3'] }] },
    { name: 'Python_Jose', releases: [{ version: '3.1.0', requiresPython: '>=2.7', requiresDist: ['pyup-missing-dep; python_version >= "2"'] }] },
  ];
  for (const minor of ['2.7', '3.6', '3.11']) {
    test(`pip on python ${minor}`, async (t) => {
      const python = requirePython(minor, t);
      if (!python) return;
      const dir = await mkdtemp(join(tmpdir(), 'pyup-pip-'));
      try {
        const links = join(dir, 'links');
        const target = join(dir, 'target');
        await writeFindLinksDir(await buildProjects(projects), links);
        const inst = await pip(python, ['install', '--no-deps', '--no-index', '--find-links', links, '--target', target, 'taskcluster-urls==11.0.0', 'python-jose==3.1.0']);
        assert.equal(inst.exitCode, 0, inst.stderr + inst.stdout);
        const installed = await readdir(target);
        assert.ok(installed.includes('taskcluster_urls'), installed.join(' '));
        assert.ok(installed.some((n) => /^python_jose-3\.1\.0\.dist-info$/i.test(n)), installed.join(' '));
        const imp = await py(python, 'import taskcluster_urls, python_jose; print(taskcluster_urls.__version__ + " " + python_jose.__version__)', '', { PYTHONPATH: target });
        assert.equal(imp.stdout.trim(), '11.0.0 3.1.0', imp.stderr);
        // pip check reads our metadata: the satisfied dependency is silent, the missing one is reported.
        const check = await pip(python, ['check'], { PYTHONPATH: target });
        const out = (check.stdout + check.stderr).toLowerCase();
        assert.match(out, /python[-_]jose 3\.1\.0 requires pyup-missing-dep, which is not installed/);
        assert.doesNotMatch(out, /taskcluster[-_]urls/);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});
