// The CLI's error paths: every error that reaches main() is one of ours (a typed error with a message
// for the user) or an "internal error" asking to be reported. Two scans: every `throw` in src/cli
// is of a class reportError words (or caught and rewrapped where it is thrown), and every command's
// path-taking options pointed at hostile file system objects (missing, a directory, a FIFO, a
// device, a non-UTF-8 name, an unreadable file) end in exit 0-3 with no stack and no internal error.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMANDS } from '../../src/cli/index.js';
import { reportError } from '../../src/cli/main.js';
import { runCli, workspace } from './harness.js';

const CLI = fileURLToPath(new URL('../../src/cli/', import.meta.url));

/** Classes reportError words for the user. */
const WORDED = new Set(['UsageError', 'GitError']);
/** `throw new Error(...)` caught and rewrapped (or collected) right where it is thrown. */
const REWRAPPED = new Map([
  ['commands/decision-run.ts', 'a parameters file that cannot be read becomes a UsageError in the same try'],
  ['commands/results-run.ts', 'collectResults catches a failed report fetch per task (exit 3, said in the matrix)'],
]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const full = join(dir, e);
    return statSync(full).isDirectory() ? sources(full) : e.endsWith('.ts') ? [full] : [];
  });
}

describe('error paths', () => {
  test('every throw in src/cli is a typed error reportError words, or rewrapped where thrown', () => {
    const untyped: string[] = [];
    let throws = 0;
    for (const file of sources(CLI)) {
      const rel = relative(CLI, file);
      for (const m of readFileSync(file, 'utf8').matchAll(/throw new (\w+)\(/g)) {
        throws++;
        const cls = m[1]!;
        if (WORDED.has(cls)) continue;
        if (cls === 'Error' && REWRAPPED.has(rel)) continue;
        untyped.push(`${rel}: throw new ${cls}`);
      }
    }
    assert.ok(throws >= 25, `expected the CLI's throws to be found, got ${throws}`);
    assert.deepEqual(untyped, []);
  });

  test('reportError: ours as one line (exit 2/3), a file system error as path and reason, the rest as a reportable internal error', () => {
    const cases: Array<{ error: unknown; code: number; err: RegExp }> = [
      { error: Object.assign(new Error("ENOENT: no such file or directory, open '/x/y'"), { code: 'ENOENT', syscall: 'open', path: '/x/y' }), code: 2, err: /^pyup-checks: cannot open \/x\/y: no such file or directory \(ENOENT\)\n$/ },
      { error: Object.assign(new Error('EACCES: permission denied, mkdir'), { code: 'EACCES', syscall: 'mkdir', path: Buffer.from([0x61, 0xff]) }), code: 2, err: /cannot mkdir a\\xff: permission denied \(EACCES\)/ },
      { error: new TypeError('x is undefined'), code: 3, err: /internal error: TypeError: x is undefined\nThis is a bug in pyup-checks: please report it/ },
      { error: 'a string', code: 3, err: /internal error: a string/ },
    ];
    for (const c of cases) {
      let stderr = '';
      const code = reportError(c.error, { stdout: () => {}, stderr: (t) => (stderr += t), env: {}, cwd: '/', isTty: false });
      assert.equal(code, c.code, stderr);
      assert.match(stderr, c.err);
      assert.doesNotMatch(stderr, /\n\s+at /, 'no stack without PYUP_CHECKS_DEBUG');
    }
  });

  test("every command's path options pointed at hostile file system objects: exit 0-3, no internal error, no stack", async () => {
    const ws = workspace({ 'modules/a/files/requirements.txt': 'six==1.12.0\n' });
    const odd = join(ws.root, 'odd');
    mkdirSync(odd);
    const fifo = join(odd, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const locked = join(odd, 'locked.txt');
    writeFileSync(locked, 'x');
    chmodSync(locked, 0);
    const nonUtf8 = Buffer.concat([Buffer.from(`${odd}/name-`), Buffer.from([0xff]), Buffer.from('.yml')]);
    writeFileSync(nonUtf8, 'files: ["x"]\n');
    const hostile = [join(odd, 'missing'), odd, fifo, '/dev/zero', locked, nonUtf8.toString('latin1')];
    const pathOptions = new Set(['repo', 'config', 'artifacts', 'cache-dir', 'parameters', 'tasks-dir', 'schemas', 'find-links', 'index-url']);
    let runs = 0;
    for (const command of COMMANDS) {
      const specs = [...command.options, ...(command.common ? (await import('../../src/cli/options.js')).COMMON_OPTIONS : [])];
      for (const spec of specs.filter((s) => pathOptions.has(s.name))) {
        for (const value of hostile) {
          const base = command.common ? ['--repo', ws.repo, '--artifacts', ws.artifacts, '--cache-dir', ws.cache, '--offline'] : ['--dry-run'];
          const argv = [command.name, ...base.filter((_, i, a) => a[i - (i % 2)] !== `--${spec.name}` && !(a[i] === `--${spec.name}`)), `--${spec.name}`, value];
          if (command.name === 'results' || command.name === 'reproduce') continue; // network commands: no path options
          const run = await withTimeout(runCli(argv, ws.root, { TASKCLUSTER_ROOT_URL: undefined }), 20_000, argv.join(' '));
          runs++;
          const where = `${argv.join(' ')} → ${run.code}: ${run.stderr.slice(0, 300)}`;
          assert.ok([0, 1, 2, 3].includes(run.code), where);
          assert.doesNotMatch(run.stderr, /internal error/, where);
          assert.doesNotMatch(run.stderr, /\n\s+at \S+ \(/, where);
        }
      }
    }
    assert.ok(runs >= 60, `expected every command × path option × hostile object, ran ${runs}`);
  });
});

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms (blocked?)`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
