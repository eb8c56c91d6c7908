// Differential test: on this linux host, each real CPython's packaging.markers.default_environment()
// (pip's vendored copy) must equal markerEnvironment(makeTarget(<its version>, 'linux-<machine>')),
// except platform_release/platform_version, which only the machine knows. One process per interpreter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { findPython, requirePython } from '../support/pythons.js';
import { makeTarget, markerEnvironment } from '../../src/targets/index.js';

const SCRIPT = [
  'import json, platform',
  'from pip._vendor.packaging.markers import default_environment',
  'print(json.dumps({"env": default_environment(), "system": platform.system()}))',
].join('\n');

const MINORS = ['2.7', '3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13'];

test('marker environments equal the real interpreters on this host', async (t) => {
  // 3.13 is the suite's reference oracle; the others are compared when installed.
  if (!requirePython('3.13', t)) return;
  const found = MINORS.map((minor) => [minor, findPython(minor)] as const).filter(
    (pair): pair is readonly [string, string] => pair[1] !== null,
  );
  const answers = await Promise.all(
    found.map(async ([minor, exe]) => {
      const { stdout } = await execa(exe, ['-c', SCRIPT]);
      return [minor, JSON.parse(stdout) as { env: Record<string, string>; system: string }] as const;
    }),
  );
  for (const [minor, { env, system }] of answers) {
    if (system !== 'Linux') {
      // Reported as skipped, not passed: nothing was compared.
      t.skip(`host is ${system}, not Linux: comparison skipped`);
      return;
    }
    const full = env['python_full_version'] ?? assert.fail('no python_full_version');
    const ours: Record<string, string> = { ...markerEnvironment(makeTarget(full, `linux-${env['platform_machine']}`)) };
    for (const machineOnly of ['platform_release', 'platform_version']) {
      delete ours[machineOnly];
      delete env[machineOnly];
    }
    assert.deepEqual(ours, env, `python ${minor} (${full})`);
  }
  t.diagnostic(`compared ${answers.map(([m]) => m).join(', ')}`);
});
