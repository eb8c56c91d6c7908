// junit.xml on a worker thread: the same document as in-thread rendering, and never in the way
// (off by setting or on one CPU, and a worker that fails yields null so the caller renders itself).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startJunitThread } from '../../src/cli/junit-thread.js';
import { renderJson, renderJunit } from '../../src/report/index.js';
import { err, file, report, rows, sampleReport, T36 } from '../report/fixture.js';

const many = file('modules/m/files/requirements.txt', 'm', Array.from({ length: 300 }, (_, i) => [`pkg-${i}`, `1.${i}`, i + 2] as [string, string, number]));
const reports = [
  { name: 'sample', report: sampleReport() },
  { name: '300 pins, a failure with markup in its message', report: report({ files: [many], results: rows('compat', [many], { [`${many.path}@${T36}`]: 'fail' }), findings: [err(many, 7, T36, 'x <b> & "y" \u0000 ]]>', { code: 'conflict' })] }) },
];

test('the thread renders the document renderJunit renders, report after report', async () => {
  const thread = startJunitThread({}, 2);
  assert.ok(thread, 'a thread on two CPUs');
  try {
    for (const { name, report: r } of reports) {
      const xml = await thread.render(renderJson(r));
      assert.ok(xml !== null, name);
      assert.equal(xml, renderJunit(r), name);
      assert.ok(xml.includes('<testcase'), name);
    }
  } finally {
    thread.close();
  }
});

test('no thread when turned off or on one CPU', () => {
  assert.equal(startJunitThread({ PYUP_CHECKS_JUNIT_THREAD: '0' }, 8), null);
  assert.equal(startJunitThread({}, 1), null);
});

test('what the worker cannot render, and a closed worker, give null (the caller renders in-thread)', async () => {
  const thread = startJunitThread({}, 2);
  assert.ok(thread);
  assert.equal(await thread.render('{ not json'), null);
  // The worker survives a bad message.
  assert.equal(await thread.render(renderJson(sampleReport())), renderJunit(sampleReport()));
  thread.close();
  assert.equal(await thread.render(renderJson(sampleReport())), null);
});
