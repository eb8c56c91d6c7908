// applyPlan's hash-mode layout: table of entry shapes → the exact rewritten text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_BOUNDS } from '../../src/checks/index.js';
import type { FilePlan, PlannedChange } from '../../src/checks/index.js';
import { applyPlan } from '../../src/report/index.js';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const OLD = `sha256:${'0'.repeat(64)}`;

function plan(changes: PlannedChange[]): FilePlan {
  return { file: 'r.txt', module: 'm', status: 'fixed', changes, conflict: [], blockedByIgnore: [], pending: false, nodes: 1, exhausted: false, bounds: DEFAULT_BOUNDS };
}
const move = (line: number): PlannedChange => ({ package: 'dep', name: 'dep', line, from: '1.0', to: '2.0', kind: 'upgrade', distance: 1, why: 'x' });
const add: PlannedChange = { package: 'new-pkg', name: 'New_Pkg', line: null, from: null, to: '3.0', kind: 'add', distance: 0, why: 'x' };

const CASES: Array<[string, string, Map<number, number>, PlannedChange[], Map<string, string[]> | undefined, string]> = [
  ['pip-compile layout, two old hashes → two new', `x==1\ndep==1.0 \\\n    --hash=${OLD} \\\n    --hash=${OLD}\n    # via x\n`, new Map([[2, 4]]), [move(2)], new Map([['dep', [A, B]]]),
    `x==1\ndep==2.0 \\\n    --hash=${A} \\\n    --hash=${B}\n    # via x\n`],
  ['inline hashes and a marker → the layout, marker kept', `dep==1.0 ; python_version < "3.8" --hash=${OLD}\n`, new Map([[1, 1]]), [move(1)], new Map([['dep', [A]]]),
    `dep==2.0 ; python_version < "3.8" \\\n    --hash=${A}\n`],
  ['a comment on the last hash line stays on the new last line', `dep==1.0 \\\n  --hash=${OLD}  # pyup: ignore\n`, new Map([[1, 2]]), [move(1)], new Map([['dep', [A, B]]]),
    `dep==2.0 \\\n  --hash=${A} \\\n  --hash=${B}  # pyup: ignore\n`],
  ['a pin without hashes in hash mode gets them; CRLF kept', `--require-hashes\r\ndep==1.0\r\n`, new Map([[2, 2]]), [move(2)], new Map([['dep', [A]]]),
    `--require-hashes\r\ndep==2.0 \\\r\n    --hash=${A}\r\n`],
  ['an added pin in hash mode', `dep==1.0 --hash=${OLD}\n\n`, new Map([[1, 1]]), [add], new Map([['new-pkg', [A, B]]]),
    `dep==1.0 --hash=${OLD}\nNew_Pkg==3.0 \\\n    --hash=${A} \\\n    --hash=${B}\n`],
  ['no hashes given (not hash mode): version text only, the rest untouched', `dep==1.0 \\\n    --hash=${OLD}\n`, new Map([[1, 2]]), [move(1), add], undefined,
    `dep==2.0 \\\n    --hash=${OLD}\nNew_Pkg==3.0\n`],
];

test('applyPlan writes --hash lines in pip-compile\'s layout', () => {
  let compared = 0;
  for (const [name, text, ends, changes, hashes, want] of CASES) {
    assert.equal(applyPlan(text, plan(changes), ends, hashes), want, name);
    compared++;
  }
  assert.equal(compared, 6);
});
