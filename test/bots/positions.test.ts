import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSON5 from 'json5';
import { positionIndex } from '../../src/bots/index.js';

const TEXT = `// renovate.json5
{
  extends: ['config:recommended'], /* a comment with { and [ */
  "ignoreDeps": [
    "zeta-lib",
    'it\\'s',
  ],
  packageRules: [
    {matchPackageNames: ["a"], enabled: false},
    {
      "matchFileNames": ["modules/**"],
      allowedVersions: "<2.0",
    },
  ],
  note: "line one \\
line two",
  last: 1,
}`;

test('positionIndex: the line of every value of a JSON5 text json5 accepts', () => {
  JSON5.parse(TEXT); // the index is only run on text the parser accepts
  const index = positionIndex(TEXT);
  const cases: Array<[string, number]> = [
    ['', 2], ['extends', 3], ['extends.0', 3], ['ignoreDeps', 4], ['ignoreDeps.0', 5], ['ignoreDeps.1', 6],
    ['packageRules.0', 9], ['packageRules.0.matchPackageNames.0', 9], ['packageRules.0.enabled', 9],
    ['packageRules.1', 10], ['packageRules.1.matchFileNames.0', 11], ['packageRules.1.allowedVersions', 12],
    ['note', 15], ['last', 17],
  ];
  for (const [path, line] of cases) assert.equal(index.get(path), line, path);
  assert.equal(cases.length, 14);
});
