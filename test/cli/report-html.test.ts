// report.html's wiring: where lines link to (flags, Taskcluster's PYUP_*, GitHub's GITHUB_*), and
// the check-run text's artifact links inside a Taskcluster task, report.html first.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactLinks, htmlSource } from '../../src/cli/report-html.js';
import { renderGithubCheckText } from '../../src/report/index.js';
import { sampleReport } from '../report/fixture.js';

describe('htmlSource', () => {
  const cases: Array<[string, { repoUrl?: string | null; revision?: string | null }, Record<string, string>, { repoUrl: string; revision: string } | null]> = [
    ['nothing known', {}, {}, null],
    ['flags', { repoUrl: 'https://github.com/o/r', revision: 'abc' }, {}, { repoUrl: 'https://github.com/o/r', revision: 'abc' }],
    ['Taskcluster check task', {}, { PYUP_HEAD_REPOSITORY: 'https://github.com/o/fork', PYUP_HEAD_REV: 'f'.repeat(40) }, { repoUrl: 'https://github.com/o/fork', revision: 'f'.repeat(40) }],
    ['GitHub Actions', {}, { GITHUB_SERVER_URL: 'https://ghe.example.com/', GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'e'.repeat(40) }, { repoUrl: 'https://ghe.example.com/o/r', revision: 'e'.repeat(40) }],
    ['flags win over the environment', { revision: 'abc' }, { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'e'.repeat(40) }, { repoUrl: 'https://github.com/o/r', revision: 'abc' }],
    ['a repository without a revision links nothing', {}, { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r' }, null],
  ];
  for (const [name, opts, env, want] of cases) test(name, () => assert.deepEqual(htmlSource(opts, env), want));
});

describe('artifactLinks', () => {
  test('inside a Taskcluster task: report.html first, as the latest-run artifact URLs', () => {
    const links = artifactLinks({ TASK_ID: 'fN1SbArXTPSVFNUvaOlinQ', TASKCLUSTER_ROOT_URL: 'https://firefox-ci-tc.services.mozilla.com/' });
    assert.deepEqual(links.map((l) => l.label), ['report.html', 'report.txt', 'report.json', 'junit.xml']);
    assert.equal(links[0]?.url, 'https://firefox-ci-tc.services.mozilla.com/api/queue/v1/task/fN1SbArXTPSVFNUvaOlinQ/artifacts/public/report.html');
    const text = renderGithubCheckText(sampleReport(), { links });
    assert.match(text, /^## pyup-checks\n\n\*\*FAILED\*\*: [^\n]+\n\n\[report\.html\]\(https:\/\/firefox-ci-tc\.services\.mozilla\.com\/api\/queue\/v1\/task\/fN1SbArXTPSVFNUvaOlinQ\/artifacts\/public\/report\.html\) · \[report\.txt\]/);
  });
  test('elsewhere: none, and the text is as before', () => {
    assert.deepEqual(artifactLinks({ TASK_ID: 'x' }), []);
    assert.deepEqual(artifactLinks({}), []);
    assert.equal(renderGithubCheckText(sampleReport(), { links: [] }), renderGithubCheckText(sampleReport()));
  });
});
