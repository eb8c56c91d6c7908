/**
 * The bundled example index: a declarative description of the releases the demo serves on
 * 127.0.0.1 (wheels and sdists are built from it at run time). Versions and requirements follow the
 * real packages' history closely enough to reproduce the on-duty failures the checks exist for.
 */
import type { ProjectSpec } from '../test/support/distributions.js';

const cp36Linux = { kind: 'wheel', tags: 'cp36-cp36m-manylinux1_x86_64' } as const;
const cp37Linux = { kind: 'wheel', tags: 'cp37-cp37m-manylinux1_x86_64' } as const;
const cp36Mac = { kind: 'wheel', tags: 'cp36-cp36m-macosx_10_6_intel' } as const;
const sdist = { kind: 'sdist' } as const;

const TC_COMMON = ['requests>=2.4.3', 'mohawk>=0.3.4', 'slugid>=1.0.7', 'six>=1.10.0', 'aiohttp>=2.0.0; python_version>="3.6"', 'async_timeout>=2.0.0; python_version>="3.6"'];

export const EXAMPLE_INDEX: ProjectSpec[] = [
  {
    name: 'taskcluster',
    releases: [
      { version: '4.0.1', requiresDist: [...TC_COMMON, 'taskcluster-urls>=10.1.0'] },
      { version: '5.0.0', requiresDist: [...TC_COMMON, 'taskcluster-urls<11,>=10.1.0'], projectUrls: [['Changelog', 'https://github.com/taskcluster/taskcluster-client.py/releases']] },
      { version: '6.0.0', requiresDist: [...TC_COMMON, 'taskcluster-urls>=11.0.0'] },
    ],
  },
  { name: 'taskcluster-urls', releases: ['10.0.0', '10.1.0', '10.1.1', '10.1.2', '11.0.0'].map((version) => ({ version })) },
  { name: 'slugid', releases: [{ version: '1.0.7' }, { version: '2.0.0', requiresPython: '>=3.5' }] },
  { name: 'mohawk', releases: [{ version: '0.3.4', requiresDist: ['six'] }] },
  { name: 'six', releases: [{ version: '1.11.0' }, { version: '1.12.0' }] },
  {
    name: 'requests',
    releases: [
      { version: '2.20.0', requiresDist: ['chardet<3.1.0,>=3.0.2', 'idna<2.8,>=2.5', 'urllib3<1.25,>=1.21.1', 'certifi>=2017.4.17', 'pyOpenSSL>=0.14; extra == "security"'], extras: ['security'] },
      { version: '2.21.0', requiresDist: ['chardet<3.1.0,>=3.0.2', 'idna<2.9,>=2.5', 'urllib3<1.25,>=1.21.1', 'certifi>=2017.4.17'] },
    ],
  },
  { name: 'idna', releases: [{ version: '2.7' }, { version: '2.8' }] },
  { name: 'chardet', releases: [{ version: '3.0.4' }] },
  { name: 'urllib3', releases: [{ version: '1.24' }, { version: '1.24.1' }] },
  { name: 'certifi', releases: [{ version: '2018.10.15' }, { version: '2018.11.29' }] },
  {
    name: 'aiohttp',
    releases: [
      {
        version: '3.4.4',
        requiresPython: '>=3.5.3',
        requiresDist: ['attrs>=17.3.0', 'chardet<4.0,>=2.0', 'multidict<5.0,>=4.0', 'async_timeout<4.0,>=3.0', 'yarl<2.0,>=1.0', 'idna-ssl>=1.0; python_version<"3.7"'],
        files: [cp36Linux, cp37Linux, cp36Mac, sdist],
      },
    ],
  },
  { name: 'idna-ssl', releases: [{ version: '1.1.0', requiresDist: ['idna>=2.0'], files: [sdist] }] },
  { name: 'async_timeout', releases: [{ version: '3.0.1', requiresPython: '>=3.5.3' }] },
  { name: 'attrs', releases: [{ version: '18.2.0' }] },
  { name: 'multidict', releases: [{ version: '4.4.2', requiresPython: '>=3.4.1', files: [cp36Linux, cp37Linux, sdist] }] },
  { name: 'yarl', releases: [{ version: '1.2.6', requiresPython: '>=3.5.3', requiresDist: ['multidict>=4.0', 'idna>=2.0'], files: [cp36Linux, cp37Linux, cp36Mac, sdist] }] },
  { name: 'futures', releases: [{ version: '3.2.0', requiresPython: '>=2.6, <3' }] },
  {
    name: 'more-itertools',
    releases: [
      { version: '5.0.0', requiresDist: ['six<2.0.0,>=1.0.0'] },
      { version: '6.0.0', requiresPython: '>=3.4' },
    ],
  },
  { name: 'mozillapulse', releases: [{ version: '1.3', requiresDist: ['kombu'] }] },
  { name: 'kombu', releases: [{ version: '4.2.1', requiresDist: ['amqp<3.0,>=2.1.4'] }] },
  { name: 'amqp', releases: [{ version: '2.3.2', requiresDist: ['vine>=1.1.3'] }] },
  { name: 'vine', releases: [{ version: '1.1.4' }] },
  { name: 'arrow', releases: ['0.10.0', '0.12.1', '0.13.0'].map((version) => ({ version, requiresDist: ['python-dateutil'] })) },
  { name: 'python-dateutil', releases: [{ version: '2.7.5', requiresDist: ['six>=1.5'] }] },
  {
    name: 'redo',
    releases: [{ version: '1.6' }, { version: '2.0.2' }, { version: '2.0.3', yanked: 'broken retry decorator' }],
  },
  // The runbook's stale-ignore story, at its second stage: module1 1.5.0 needed module2<3.0, so module2 was
  // pinned with `# pyup: ignore`; module1 2.0.0 needs module2>=3.0, so neither can move alone (blocking-ignore).
  {
    name: 'module1',
    releases: [
      { version: '1.5.0', requiresDist: ['module2<3.0,>=2.0'] },
      { version: '2.0.0', requiresDist: ['module2>=3.0'] },
    ],
  },
  { name: 'module2', releases: ['2.0.1', '3.0.0', '3.1.0'].map((version) => ({ version })) },
  // `# pyup: <3.0` was added when flufl.lock 3.x was python-3 only; the module is on 3.6 now (stale-filter).
  { name: 'flufl.lock', releases: [{ version: '2.4.1' }, { version: '3.0', requiresPython: '>=3.5' }, { version: '3.2', requiresPython: '>=3.5' }] },
  // The hashed (pip-compile --generate-hashes) module: its hashes are PyPI's files only, as hashin adds them.
  { name: 'macholib', releases: [{ version: '1.11' }] },
  // `# pyup < 2.0` (no colon) restricts nothing (directive-no-effect).
  { name: 'Fabric', releases: [{ version: '1.14.0' }, { version: '2.0.0' }] },
];

/**
 * The puppet mirror machines install from (`pip install --no-index --find-links <mirror>`), which
 * the demo writes to a folder and the wheels check reads: every file of the index except those
 * below, plus the private packages that only live there (`# puppet: nodownload`). So the demo shows
 * the release-duty runbook's case: of yarl 1.2.6 only the cp36 Linux wheel is on the mirror, so
 * py3.7 Linux and py3.6 macOS need files from the index, while urllib3's universal wheel serves
 * every target.
 */
export const EXAMPLE_MIRROR_MISSING: readonly string[] = [
  'yarl-1.2.6-cp37-cp37m-manylinux1_x86_64.whl',
  'yarl-1.2.6-cp36-cp36m-macosx_10_6_intel.whl',
  'yarl-1.2.6.tar.gz',
];

/**
 * Files only the mirror has: the private `# puppet: nodownload` package, and a macOS wheel of macholib
 * built for the mirror. pip on a macOS host prefers it to the universal wheel, and the hashed module's
 * file lists no hash for it (hashin and pip-compile hash PyPI's files only): hash-mismatch.
 */
export const EXAMPLE_MIRROR_ONLY: ProjectSpec[] = [
  { name: 'signtool', releases: [{ version: '2.0.3' }] },
  { name: 'macholib', releases: [{ version: '1.11', summary: 'built for the signing mirror', files: [{ kind: 'wheel', tags: 'cp36-cp36m-macosx_10_6_intel' }] }] },
];
