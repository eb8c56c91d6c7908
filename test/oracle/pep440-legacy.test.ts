// legacyAwareContains vs packaging 21.3 (pip 23.2.1's vendored copy, python 3.11): the rules
// `pip check` applies on our hosts' pips (18, 19, 23), legacy specifiers and versions included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { legacyAwareContains } from '../../src/pep440/index.js';
import { requirePython } from '../support/pythons.js';

const VERSIONS = ['1.0', '1.2', '1.3', '1.3+loc1', '1.3.post1', '2.0', '2.0rc1', '0.8.7p1', '0.8.4-pre-moz2', '1.0-foo', '1.0.dev3', '1!0.5', 'abc', '1.3a', '2019.1', '${version}', '10.1.2', '0.9', '1.0.post1', 'v1.0'];
const PARTS = ['>=1.0', '<1.3+loc1', '>=1.3+loc1', '>1.0+a', '<=1.3+loc1', '==0.8.7p1', '!=0.8.7p1', '==1.0-foo', '<2', '!=2.0', '~=0.9', '===abc', '==1.*', '>0.8', '<=0.8.7p2', '>=0.8.4-pre', '==1.3', '<1.3a', '>2019', '>=1!0'];

function specifiers(): string[] {
  const out = [...PARTS];
  for (let i = 0; i < PARTS.length; i++) for (let j = i + 1; j < PARTS.length; j += 3) out.push(`${PARTS[i]},${PARTS[j]}`);
  return out;
}

const ORACLE = `
import json, sys
from pip._vendor.packaging.specifiers import SpecifierSet
cases = json.load(sys.stdin)
out = []
for spec, version in cases:
    try:
        out.append(SpecifierSet(spec).contains(version, prereleases=True))
    except Exception as e:
        out.append("error: %s" % e)
print(json.dumps(out))
`;

test('legacyAwareContains agrees with packaging 21.3 (pip ≤ 24.0) on legacy specifiers and versions', async (t) => {
  const python = requirePython('3.11', t);
  if (!python) return;
  const cases = specifiers().flatMap((s) => VERSIONS.map((v) => [s, v] as [string, string]));
  const { stdout } = await execa(python, ['-c', ORACLE], { input: JSON.stringify(cases) });
  const answers = JSON.parse(stdout) as Array<boolean | string>;
  const disagreements: string[] = [];
  cases.forEach(([spec, version], i) => {
    const want = answers[i];
    if (typeof want !== 'boolean') return; // packaging refuses the specifier: pip fails on the metadata too
    const got = legacyAwareContains(spec, version);
    if (got !== want) disagreements.push(`${version} in ${spec}: packaging 21.3 ${want}, ours ${got}`);
  });
  const compared = answers.filter((a) => typeof a === 'boolean').length;
  t.diagnostic(`${compared} (specifier, version) pairs compared with packaging 21.3`);
  assert.ok(compared > 1000);
  assert.deepEqual(disagreements, []);
});
