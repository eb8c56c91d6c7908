// `results <taskGroupId> --html FILE` on the loopback queue: the reports of the group's tasks are
// read in full, merged (one matrix cell per result row of every task), and the tasks are listed
// with links; a task whose report does not parse shows why instead of cells.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/index.js';
import { mergeReports } from '../../src/findings/index.js';
import type { Report } from '../../src/findings/index.js';
import { newTaskId } from '../../src/taskcluster/index.js';
import { renderJson } from '../../src/report/index.js';
import { err, file, report, rows, T36, T37 } from '../report/fixture.js';
import { startQueueServer, type QueueServer } from './queue-server.js';

const now = new Date();
const iso = (days: number): string => new Date(now.getTime() + days * 86400_000).toISOString();

function definition(group: string, name: string, check: string, python: string): Record<string, unknown> {
  return {
    taskQueueId: 'proj-releng/b-linux', schedulerId: 'taskcluster-github', taskGroupId: group, created: now.toISOString(), deadline: iso(1), expires: iso(30),
    payload: {}, metadata: { name, description: name, owner: 'owner@example.com', source: 'https://github.com/example/puppet' },
    extra: { pyupChecks: { check, python, modules: ['a'], files: [], args: [] } },
  };
}

describe('results --html', () => {
  let queue: QueueServer;
  before(async () => {
    queue = await startQueueServer({ pageSize: 2 });
  });
  after(async () => {
    await queue.close();
  });

  test('one page for the group: reports merged, tasks linked, an unreadable report named', async () => {
    const group = newTaskId();
    const a = file('modules/a/files/requirements.txt', 'a', [['six', '1.0', 1]], [T36, T37]);
    const compat36 = report({ files: [{ ...a, targets: [T36] }], targets: [{ id: T36, python: '3.6', platform: 'linux-x86_64' }], results: rows('compat', [{ ...a, targets: [T36] }], { [`${a.path}@${T36}`]: 'fail' }), findings: [err(a, 1, T36, 'six <1.0> conflict on 3.6')] });
    const compat37 = report({ files: [{ ...a, targets: [T37] }], targets: [{ id: T37, python: '3.7', platform: 'linux-x86_64' }], results: rows('compat', [{ ...a, targets: [T37] }]) });
    const tasks: Array<[string, Report | string]> = [['compat py3.6', compat36], ['compat py3.7', compat37], ['wheels py3.6', '{"version": 1, "tool": {"name": "pyup-checks"}}']];
    for (const [name, body] of tasks) {
      const id = newTaskId();
      queue.put(id, definition(group, `pyup-checks ${name}`, name.split(' ')[0]!, name.split('py')[1]!));
      queue.finish(id, 'completed', { 'public/report.json': typeof body === 'string' ? body : renderJson(body) });
    }
    const out = join(mkdtempSync(join(tmpdir(), 'pyup-checks-group-')), 'group', 'report.html');
    let stderr = '';
    const code = await main(['results', group, '--root-url', queue.url, '--html', out], { stdout: () => {}, stderr: (t) => (stderr += t), env: {}, cwd: tmpdir(), isTty: false });
    assert.equal(code, 3, stderr); // the corrupt report is a problem on its task
    const html = readFileSync(out, 'utf8');
    const merged = mergeReports([compat36, compat37]);
    assert.equal(merged.results.length, 2);
    assert.deepEqual(merged.targets.map((t) => t.id), [T36, T37]);
    assert.deepEqual(merged.files[0]?.targets, [T36, T37]);
    const cells = [...html.matchAll(/data-status="(pass|fail|error|skip)"/g)].map((m) => m[1]);
    assert.deepEqual(cells, ['fail', 'pass']);
    assert.ok(html.includes('six &lt;1.0&gt; conflict on 3.6'));
    assert.ok(html.includes(`<title>pyup-checks: task group ${group}: FAILED</title>`));
    const listed = [...html.matchAll(/<tr><td>completed<\/td><td><a href="([^"]+)"[^>]*>pyup-checks ([^<]+)<\/a><\/td><td>([^<]*)<\/td><\/tr>/g)];
    assert.equal(listed.length, 3);
    for (const [, link] of listed) assert.match(link ?? '', new RegExp(`^${queue.url}/tasks/`));
    assert.ok(listed.some(([, , name, note]) => name === 'wheels py3.6' && /report\.json/.test(note ?? '')), 'the corrupt report is named on its task');
  });
});
