// Differential test: our platform lists and ordered supported-tag lists must EQUAL what pip 24.2's
// vendored packaging 24.1 (python 3.13) yields for the same described targets. One python process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { requirePython } from '../support/pythons.js';
import { parseTagSet, platformTags, supportedTags, tagCompatibility, tagToString, type PlatformDescription } from '../../src/tags/index.js';

interface OracleTarget {
  id: string;
  python: [number, number];
  abis: string[] | null;
  platform: PlatformDescription;
}

const PYTHONS: Array<[number, number]> = [
  [2, 7],
  [3, 6],
  [3, 7],
  [3, 8],
  [3, 11],
  [3, 12],
  [3, 13],
];

const PLATFORMS: Record<string, PlatformDescription> = {
  'glibc2.5-x86_64': { os: 'linux', arch: 'x86_64', libc: 'glibc', glibc: [2, 5] },
  'glibc2.12-x86_64': { os: 'linux', arch: 'x86_64', libc: 'glibc', glibc: [2, 12] },
  'glibc2.17-x86_64': { os: 'linux', arch: 'x86_64', libc: 'glibc', glibc: [2, 17] },
  'glibc2.28-x86_64': { os: 'linux', arch: 'x86_64', libc: 'glibc', glibc: [2, 28] },
  'glibc2.12-aarch64': { os: 'linux', arch: 'aarch64', libc: 'glibc', glibc: [2, 12] },
  'glibc2.17-aarch64': { os: 'linux', arch: 'aarch64', libc: 'glibc', glibc: [2, 17] },
  'glibc2.28-aarch64': { os: 'linux', arch: 'aarch64', libc: 'glibc', glibc: [2, 28] },
  'glibc2.17-i686': { os: 'linux', arch: 'i686', libc: 'glibc', glibc: [2, 17] },
  'glibc3.2-x86_64': { os: 'linux', arch: 'x86_64', libc: 'glibc', glibc: [3, 2] },
  'musl1.2-x86_64': { os: 'linux', arch: 'x86_64', libc: 'musl', musl: [1, 2] },
  'musl1.1-aarch64': { os: 'linux', arch: 'aarch64', libc: 'musl', musl: [1, 1] },
  'linux-x86_64': { os: 'linux', arch: 'x86_64', libc: 'none' },
  'macos10.9-x86_64': { os: 'macos', arch: 'x86_64', minimum: [10, 9] },
  'macos10.15-x86_64': { os: 'macos', arch: 'x86_64', minimum: [10, 15] },
  'macos11-x86_64': { os: 'macos', arch: 'x86_64', minimum: [11, 0] },
  'macos11-arm64': { os: 'macos', arch: 'arm64', minimum: [11, 0] },
  'macos14-arm64': { os: 'macos', arch: 'arm64', minimum: [14, 0] },
  'macos14-x86_64': { os: 'macos', arch: 'x86_64', minimum: [14, 2] },
  'windows-amd64': { os: 'windows', arch: 'amd64' },
  'windows-win32': { os: 'windows', arch: 'win32' },
  'windows-arm64': { os: 'windows', arch: 'arm64' },
};

function targets(): OracleTarget[] {
  const out: OracleTarget[] = [];
  for (const python of PYTHONS) {
    for (const [name, platform] of Object.entries(PLATFORMS)) {
      out.push({ id: `py${python.join('.')}-${name}`, python, abis: null, platform });
    }
  }
  // Explicit ABI lists: abi3/none given explicitly keep their normal place; free-threaded drops abi3.
  const linux = PLATFORMS['glibc2.17-x86_64'];
  assert.ok(linux);
  out.push(
    { id: 'explicit-cp36m-abi3-none', python: [3, 6], abis: ['abi3', 'cp36m', 'none'], platform: linux },
    { id: 'explicit-debug-3.6', python: [3, 6], abis: ['cp36dm', 'cp36m'], platform: linux },
    { id: 'explicit-threaded-3.13', python: [3, 13], abis: ['cp313t'], platform: linux },
    { id: 'explicit-empty-3.11', python: [3, 11], abis: [], platform: linux },
  );
  return out;
}

// Tag sets seen on real wheels (and a few odd ones), probed against a handful of targets.
const TAG_SETS = [
  'py3-none-any',
  'py2.py3-none-any',
  'py2-none-any',
  'cp36-cp36m-manylinux1_x86_64',
  'cp36-cp36m-manylinux2010_x86_64',
  'cp36-cp36m-manylinux_2_17_x86_64.manylinux2014_x86_64',
  'cp37-cp37m-manylinux_2_17_x86_64.manylinux2014_x86_64',
  'cp38-cp38-manylinux_2_28_x86_64',
  'cp311-cp311-manylinux_2_17_aarch64.manylinux2014_aarch64',
  'cp311-cp311-musllinux_1_1_x86_64',
  'cp36-abi3-manylinux2014_x86_64',
  'cp38-abi3-macosx_10_9_x86_64',
  'cp38-abi3-macosx_11_0_arm64',
  'cp312-cp312-macosx_10_9_universal2',
  'cp27-cp27mu-manylinux1_x86_64',
  'cp27-cp27m-manylinux1_x86_64',
  'cp27-cp27m-macosx_10_6_intel',
  'cp36-cp36m-win_amd64',
  'cp36-cp36m-linux_x86_64',
  'py3-none-macosx_11_0_arm64',
  'py3-none-manylinux1_x86_64.manylinux2014_aarch64',
  'CP36-CP36M-MANYLINUX1_X86_64',
  'cp36.cp37.cp38-cp36m.cp37m.cp38-manylinux1_i686.manylinux1_x86_64',
];
const PROBE_TARGETS = [
  'py2.7-glibc2.17-x86_64',
  'py3.6-glibc2.12-x86_64',
  'py3.6-glibc2.17-x86_64',
  'py3.8-glibc2.28-aarch64',
  'py3.11-musl1.2-x86_64',
  'py3.6-macos10.9-x86_64',
  'py3.12-macos14-arm64',
  'py3.6-windows-amd64',
];

test('supported tags equal pip 24.2 packaging for every described target', async (t) => {
  const python = requirePython('3.13', t);
  if (!python) return;
  const all = targets();
  assert.ok(all.length >= 20);
  const script = fileURLToPath(new URL('./tags_oracle.py', import.meta.url));
  const probes = PROBE_TARGETS.flatMap((target) => TAG_SETS.map((tagSet) => ({ target, tagSet })));
  const { stdout } = await execa(python, [script], { input: JSON.stringify({ targets: all, probes }) });
  const answer = JSON.parse(stdout) as {
    targets: Record<string, { platforms: string[]; tags: string[] }>;
    probes: Array<{ expanded: string[]; rank: number | null }>;
  };
  const oracle = answer.targets;
  let compared = 0;
  for (const target of all) {
    const expected = oracle[target.id];
    assert.ok(expected, `oracle answered for ${target.id}`);
    const platforms = platformTags(target.platform);
    assert.deepEqual(platforms, expected.platforms, `platforms of ${target.id}`);
    const opts = target.abis === null ? undefined : { abis: target.abis };
    const ours = supportedTags(target.python, target.platform, opts).map(tagToString);
    assert.equal(ours.length, expected.tags.length, `tag count of ${target.id}`);
    assert.deepEqual(ours, expected.tags, `tags of ${target.id}`);
    compared += ours.length;
  }
  let matched = 0;
  probes.forEach((probe, i) => {
    const expected = answer.probes[i];
    const target = all.find((x) => x.id === probe.target);
    assert.ok(expected && target, `probe ${i}`);
    const fileTags = parseTagSet(probe.tagSet);
    assert.deepEqual(fileTags.map(tagToString).sort(), expected.expanded, `expansion of ${probe.tagSet}`);
    const verdict = tagCompatibility(fileTags, supportedTags(target.python, target.platform));
    const label = `${probe.tagSet} on ${probe.target}: ${JSON.stringify(verdict)}`;
    if (expected.rank === null) assert.equal(verdict.ok, false, label);
    else assert.deepEqual(verdict, { ok: true, rank: expected.rank }, label);
    if (verdict.ok) matched++;
  });
  t.diagnostic(`${all.length} targets, ${compared} tags compared; ${probes.length} probes (${matched} compatible)`);
});
