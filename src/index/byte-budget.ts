/**
 * A budget of bytes held at once by reads in flight (a weighted semaphore): a ranged wheel read asks
 * for leave before fetching a central directory or a member and gives it back once the bytes are
 * scanned, so the bytes buffered for metadata stay under the budget whatever the wheels' member
 * counts and however many releases a run reads. Written by hand: p-limit and its kin count tasks, not
 * weights. Leave is granted in order of asking (a large ask is not starved by small ones behind it);
 * an ask over the whole budget is cut to it, so it runs alone rather than never. Holders must not ask
 * again before releasing (a read holds one leave at a time), which keeps it free of deadlock.
 */
export class ByteBudget {
  private held = 0;
  private readonly queue: Array<{ bytes: number; grant: () => void }> = [];
  /** The most bytes held at once so far (tests assert it stays under the budget). */
  peak = 0;

  constructor(readonly limit: number) {}

  /** Wait for leave to hold `bytes`; resolves to the release (idempotent). */
  acquire(bytes: number): Promise<() => void> {
    const want = Math.min(Math.max(0, Math.ceil(bytes)), this.limit);
    return new Promise((resolve) => {
      this.queue.push({
        bytes: want,
        grant: () => {
          this.held += want;
          this.peak = Math.max(this.peak, this.held);
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            this.held -= want;
            this.drain();
          });
        },
      });
      this.drain();
    });
  }

  private drain(): void {
    for (let next = this.queue[0]; next && this.held + next.bytes <= this.limit; next = this.queue[0]) {
      this.queue.shift();
      next.grant();
    }
  }
}
