/**
 * `npm run demo`: every check on the bundled example puppet repo (examples/puppet-repo) against the
 * bundled example index (examples/index.ts), built and served on 127.0.0.1 for the run, with the
 * example mirror (the index's files minus EXAMPLE_MIRROR_MISSING, plus EXAMPLE_MIRROR_ONLY) written to
 * a temporary folder and passed as `--find-links`.
 * Extra arguments go to the command, e.g. `npm run demo -- --json`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_INDEX, EXAMPLE_MIRROR_MISSING, EXAMPLE_MIRROR_ONLY } from '../examples/index.js';
import { processIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { buildProjects, writeFindLinksDir } from '../test/support/distributions.js';
import { startIndexServer } from '../test/support/index-server.js';

const root = new URL('..', import.meta.url).pathname;
const built = await buildProjects(EXAMPLE_INDEX);
const server = await startIndexServer({ projects: built });
const cache = mkdtempSync(join(tmpdir(), 'pyup-checks-demo-'));
const mirror = join(cache, 'mirror');
const missing = new Set(EXAMPLE_MIRROR_MISSING);
await writeFindLinksDir([...built.filter((f) => !missing.has(f.filename)), ...(await buildProjects(EXAMPLE_MIRROR_ONLY))], mirror);
const artifacts = join(root, 'artifacts', 'demo');
let code: number;
try {
  code = await main(
    ['all', '--repo', join(root, 'examples', 'puppet-repo'), '--index-url', server.indexUrl, '--cache-dir', cache, '--artifacts', artifacts, '--find-links', mirror, ...process.argv.slice(2)],
    processIo(),
  );
} finally {
  await server.close();
  rmSync(cache, { recursive: true, force: true });
}
process.stderr.write(
  `\ndemo: example index served at ${server.indexUrl} (${server.requests.length} requests); artifacts in ${artifacts}\n` +
    `demo: pyup-checks exited ${code}${code === 1 ? ' (error findings: the example has them on purpose)' : ''}\n`,
);
// The demo succeeded if the checks ran; 2 and 3 mean they could not.
process.exitCode = code === 0 || code === 1 ? 0 : code;
