/**
 * junit.xml on a second thread. junit-report-builder (lodash + xmlbuilder) takes ~35 ms to load and
 * ~70 µs a testcase to build (one per pin × target: 1,280 on 16 modules, 16,000 on 200): a fifth
 * of a warm run, on the main thread. A worker loads it while the checks run and builds the document
 * while the main thread renders and writes the other artifacts.
 * Never in the way: the worker is unref'd (it cannot hold the process open), one CPU means no
 * worker, and whatever goes wrong with it (it cannot start, throws, exits) yields null, and the
 * caller renders in-thread as before. `PYUP_CHECKS_JUNIT_THREAD=0` turns it off.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

export interface JunitThread {
  /** junit.xml for this report.json text, or null when the worker could not render it. */
  render(reportJson: string): Promise<string | null>;
  /** Stop the worker (idempotent). */
  close(): void;
}

type Reply = { ok: true; xml: string } | { ok: false; error: string };

/** The worker module beside this one, in the same form (src/*.ts under tsx, dist/cli/*.js, dist/bundle/*.mjs). */
function spawnWorker(): Worker {
  const ext = /\.(m?[jt]s)$/.exec(new URL(import.meta.url).pathname)?.[1] ?? 'js';
  const url = new URL(`./junit-thread-worker.${ext}`, import.meta.url);
  // Its own young generation as large as the bin gives the main thread (--max-semi-space-size=32).
  const options = { stdout: true, stderr: true, execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: 96 } };
  if (ext !== 'ts') return new Worker(url, options);
  // From the sources (tests, `npm run task`): Node 20 starts a worker's entry before the parent's
  // --import hooks apply to it, so the worker registers tsx itself first.
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`, { ...options, eval: true });
}

export function startJunitThread(env: Readonly<Record<string, string | undefined>>, cpus: number = availableParallelism()): JunitThread | null {
  if (env.PYUP_CHECKS_JUNIT_THREAD === '0' || cpus < 2) return null;
  let worker: Worker;
  try {
    worker = spawnWorker();
  } catch {
    return null;
  }
  worker.unref();
  let failed = false;
  const pending: Array<(reply: Reply | null) => void> = [];
  const settle = (reply: Reply | null): void => pending.shift()?.(reply);
  worker.on('message', (reply: Reply) => settle(reply));
  worker.on('error', () => {
    failed = true;
    while (pending.length > 0) settle(null);
  });
  worker.on('exit', () => {
    failed = true;
    while (pending.length > 0) settle(null);
  });
  return {
    render(reportJson) {
      if (failed) return Promise.resolve(null);
      return new Promise<Reply | null>((resolve) => {
        pending.push(resolve);
        worker.postMessage(reportJson);
      }).then((reply) => (reply?.ok ? reply.xml : null));
    },
    close() {
      failed = true;
      void worker.terminate();
    },
  };
}
