// Differential test of a local index (a folder, or its file: URL, as --index-url) against real pip:
// pip 23.2.1 (python 3.11) and pip 18 (python 3.6) read `<index>/<normalised name>/index.html` and
// nothing else, so a PEP 503 tree installs while a project folder of files without index.html, a
// folder spelled otherwise, or files directly in the index folder find nothing. `pip download
// --no-deps --index-url <index> six==1.16.0` must succeed exactly where our index client lists six,
// and where it does not, our not-found state must say why (the files are on disk).
// pip 18 is given the file: URL only: it takes a plain path for a URL without a scheme and fails on it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createIndexClient, emptySnapshot } from '../../src/index/index.js';
import { normalizeName } from '../../src/names/index.js';
import { buildProjects, writeFindLinksDir, writeLocalIndex, type BuiltFile } from '../support/distributions.js';
import { pip } from '../support/pip-run.js';
import { requirePython } from '../support/pythons.js';

// No HTTP here, and pip 18's requests crashes on a file: URL when NO_PROXY is set (its hostname is None).
const NO_PROXY_SET = { NO_PROXY: '', no_proxy: '' };

const LAYOUTS: Array<{ name: string; write: (root: string, six: BuiltFile) => Promise<void> }> = [
  { name: 'a PEP 503 tree', write: (root, six) => writeLocalIndex([six], root) },
  { name: 'a project folder without index.html', write: (root, six) => writeFindLinksDir([six], join(root, 'six')) },
  {
    name: 'a project folder spelled otherwise',
    write: async (root, six) => {
      await writeFindLinksDir([six], join(root, 'Six'));
      await writeFile(join(root, 'Six', 'index.html'), `<a href="${six.filename}">${six.filename}</a>`);
    },
  },
  { name: 'files directly in the index folder', write: (root, six) => writeFindLinksDir([six], root) },
];

test('a local index is read as pip 23 and pip 18 read it: index.html of the normalised project folder only', { timeout: 180_000 }, async (t) => {
  const pips = [requirePython('3.11', t), requirePython('3.6', t)];
  if (pips.some((p) => p === null)) return;
  const [py311, py36] = pips as [string, string];
  const work = await mkdtemp(join(tmpdir(), 'pyup-local-index-oracle-'));
  try {
    const [six] = await buildProjects([{ name: 'six', releases: [{ version: '1.16.0', files: [{ kind: 'wheel' }] }] }]);
    if (!six) throw new Error('unreachable');
    const disagreements: string[] = [];
    let found = 0;
    for (const [i, layout] of LAYOUTS.entries()) {
      const root = join(work, `index${i}`);
      await layout.write(root, six);
      const forms = [
        { python: py311, label: 'pip 23, path', url: root },
        { python: py311, label: 'pip 23, file: URL', url: pathToFileURL(root).href },
        { python: py36, label: 'pip 18, file: URL', url: pathToFileURL(root).href },
      ];
      for (const form of forms) {
        const client = createIndexClient({ indexUrl: form.url, findLinks: [], cacheDir: null });
        const snap = await client.fetchNeeds({ projects: [normalizeName('six')], mirrorProjects: [], releases: [] }, emptySnapshot());
        const state = snap.index.get(normalizeName('six'));
        const ours = state?.status === 'ok' && state.page.files.some((f) => f.filename === six.filename);
        const dest = join(work, `dl${i}-${forms.indexOf(form)}`);
        const run = await pip(form.python, ['download', '--no-deps', '--index-url', form.url, '-d', dest, 'six==1.16.0'], { PIP_CACHE_DIR: join(work, 'pip-cache'), ...NO_PROXY_SET });
        const theirs = run.exitCode === 0;
        if (ours !== theirs) disagreements.push(`${layout.name} (${form.label}): pip ${theirs ? 'installs' : `finds nothing (${run.stderr.trim().split('\n').pop() ?? ''})`}, ours ${ours ? 'lists six' : state?.status}`);
        if (!ours && !(state?.status === 'not-found' && state.hint)) disagreements.push(`${layout.name} (${form.label}): not found without saying why`);
        if (theirs) found++;
      }
    }
    assert.deepEqual(disagreements, []);
    assert.equal(found, 3, 'the PEP 503 tree installs in every form, and only it');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
