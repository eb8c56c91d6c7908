import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SetAside, TooLargeError, readBody, type BodySink } from '../../src/index/body.js';
import { ByteBudget } from '../../src/index/byte-budget.js';
import { RetriableError } from '../../src/index/retry.js';

/** A sink that records what happens to it, as a spool file would see it. */
function recorder(): BodySink & { events: string[]; bytes: number } {
  const sink = {
    events: [] as string[],
    bytes: 0,
    reset() {
      sink.events.push('reset');
      sink.bytes = 0;
    },
    write(chunk: Buffer) {
      sink.events.push('write');
      sink.bytes += chunk.length;
    },
  };
  return sink;
}

/** An answer whose body sends `chunks` then, when `fail`, breaks off (a connection closed mid-body). */
function answer(chunks: number[], fail: boolean, headers: Record<string, string> = {}): Response {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const size = chunks[i++];
      if (size !== undefined) controller.enqueue(new Uint8Array(size));
      else if (fail) controller.error(new Error('terminated'));
      else controller.close();
    },
  });
  return new Response(body, { headers });
}

// A sink's bytes of a failed answer are dropped at once: a set-aside or a retry waits holding no
// leave, so a spool file must not keep them on disk through the wait.
describe('readBody: what a sink kept of a failed answer is dropped at once', () => {
  const MiB = 1024 * 1024;
  // `budget`: the body is held under a budget of that size, of which another read holds `others`.
  const cases: Array<[string, () => Response, { maxBytes?: number; budget?: number; others?: number }, new (...args: never[]) => Error]> = [
    ['a connection closed mid-body (retried)', () => answer([1000, 1000], true), {}, RetriableError],
    ['a body past its cap', () => answer([1000, 1000, 1000], false), { maxBytes: 2500 }, TooLargeError],
    ['a chunked body that outgrows the leave it can have (set aside)', () => answer([600_000, 600_000], false), { budget: 2 * MiB, others: 1 * MiB }, SetAside],
  ];
  for (const [name, res, opts, error] of cases) {
    test(name, async () => {
      const sink = recorder();
      const budget = new ByteBudget(opts.budget ?? 64 * MiB);
      if (opts.others) assert.ok(budget.tryAcquire(opts.others));
      const read = readBody(res(), {
        what: 'download', encoded: false, maxBytes: opts.maxBytes ?? 64 * MiB, sink,
        held: opts.budget ? { leave: null } : null, budget, controller: new AbortController(), onBytes: () => {},
      });
      await assert.rejects(read, error);
      assert.ok(sink.events.includes('write'), 'bytes reached the sink first');
      assert.equal(sink.events.at(-1), 'reset');
      assert.equal(sink.bytes, 0);
    });
  }

  test('a body read whole keeps its bytes', async () => {
    const sink = recorder();
    const body = await readBody(answer([1000, 24], false), { what: 'download', encoded: false, maxBytes: 4096, sink, held: null, budget: new ByteBudget(1), controller: new AbortController(), onBytes: () => {} });
    assert.deepEqual([body.length, sink.bytes, sink.events], [0, 1024, ['reset', 'write', 'write']]);
  });
});
