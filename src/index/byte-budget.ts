/**
 * A budget of bytes held at once by reads in flight (a weighted semaphore): a ranged wheel read asks
 * for leave before fetching a central directory or a member, and a whole download (a wheel from a
 * server that ignores Range, an sdist) once its headers give its length (http.ts), and each gives it
 * back once the bytes are scanned, so what the index client buffers stays under the budget whatever
 * the wheels' member counts and sizes and however many releases a run reads. Written by hand: p-limit
 * and its kin count tasks, not weights.
 *
 * Leave is granted in order of asking (a large ask is not starved by small ones behind it); an ask
 * over the whole budget is admitted as the whole budget, so it runs alone rather than never, and
 * `peak` records what it really holds. Deadlock-free by one rule: a holder never *waits* for leave
 * while it holds some. It may *try* for more ({@link Leave.tryGrow}, {@link ByteBudget.tryAcquire}
 * never wait, and fail while anyone waits); when a try fails it gives back what it holds before it waits.
 * The client keeps two: this one for what reads hold in memory, and one for the bytes of whole wheels
 * spooled to disk (whole-file.ts, which says in what order they are taken).
 */
export interface Leave {
  /** The bytes held under this leave (more than the budget when it is held alone). */
  readonly bytes: number;
  /** Hold `bytes` in all if that needs no wait; false, with nothing changed, when it would. */
  tryGrow(bytes: number): boolean;
  /** Give the leave back (idempotent). */
  release(): void;
}

export class ByteBudget {
  /** What the holders are admitted for, each cut to the limit. */
  private admitted = 0;
  /** What the holders really hold. */
  private holding = 0;
  private readonly queue: Array<{ bytes: number; grant: () => void }> = [];
  /** The most bytes held at once so far (tests assert it stays within the budget plus one lone holder). */
  peak = 0;

  constructor(readonly limit: number) {}

  /** Wait for leave to hold `bytes`. */
  acquire(bytes: number): Promise<Leave> {
    return new Promise((resolve) => {
      this.queue.push({ bytes: this.cut(bytes), grant: () => resolve(this.grant(bytes)) });
      this.drain();
    });
  }

  /** Leave to hold `bytes` if it can be had at once (it fits and nobody is waiting), else null. */
  tryAcquire(bytes: number): Leave | null {
    return this.fits(this.cut(bytes)) ? this.grant(bytes) : null;
  }

  private cut(bytes: number): number {
    return Math.min(whole(bytes), this.limit);
  }

  private fits(more: number): boolean {
    return this.queue.length === 0 && this.admitted + more <= this.limit;
  }

  private hold(bytes: number): void {
    this.holding += bytes;
    this.peak = Math.max(this.peak, this.holding);
  }

  private grant(bytes: number): Leave {
    let held = whole(bytes);
    let admitted = this.cut(held);
    let released = false;
    this.admitted += admitted;
    this.hold(held);
    return {
      get bytes() {
        return held;
      },
      tryGrow: (to: number): boolean => {
        const total = whole(to);
        if (released) return false;
        if (total <= held) return true;
        const more = this.cut(total) - admitted;
        if (more > 0) {
          if (!this.fits(more)) return false;
          this.admitted += more;
          admitted += more;
        }
        this.hold(total - held);
        held = total;
        return true;
      },
      release: (): void => {
        if (released) return;
        released = true;
        this.admitted -= admitted;
        this.holding -= held;
        this.drain();
      },
    };
  }

  private drain(): void {
    for (let next = this.queue[0]; next && this.admitted + next.bytes <= this.limit; next = this.queue[0]) {
      this.queue.shift();
      next.grant();
    }
  }
}

function whole(bytes: number): number {
  return Math.max(0, Math.ceil(bytes));
}
