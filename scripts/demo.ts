/**
 * `npm run demo`: every check on the bundled example puppet repo (examples/puppet-repo) against the
 * bundled example index (examples/index.ts), built and served on 127.0.0.1 for the run.
 * Extra arguments go to the command, e.g. `npm run demo -- --json`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_INDEX } from '../examples/index.js';
import { processIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { startIndexServer } from '../test/support/index-server.js';

const root = new URL('..', import.meta.url).pathname;
const server = await startIndexServer({ projects: EXAMPLE_INDEX });
const cache = mkdtempSync(join(tmpdir(), 'pyup-checks-demo-'));
const artifacts = join(root, 'artifacts', 'demo');
let code: number;
try {
  code = await main(
    ['all', '--repo', join(root, 'examples', 'puppet-repo'), '--index-url', server.indexUrl, '--cache-dir', cache, '--artifacts', artifacts, ...process.argv.slice(2)],
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
