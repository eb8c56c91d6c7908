/** Progress on long index work: one self-overwriting stderr line on a terminal, nothing in CI or pipes. */
import type { ProgressEvent } from '../index/index.js';
import type { Io } from './io.js';

export interface Progress {
  event(e: ProgressEvent): void;
  round(n: number, pages: number, releases: number): void;
  done(): void;
}

export function createProgress(io: Io): Progress {
  if (!io.isTty) return { event() {}, round() {}, done() {} };
  let requests = 0;
  let done = 0;
  let cached = 0;
  let label = '';
  let last = 0;
  const draw = (force = false): void => {
    const now = Date.now();
    if (!force && now - last < 80) return;
    last = now;
    io.stderr(`\r\x1b[2K${label} ${done}/${requests} requests (${cached} from cache)`);
  };
  return {
    event(e) {
      if (e.kind === 'request') requests++;
      else if (e.kind === 'done') {
        done++;
        if (e.fromCache) cached++;
      }
      draw();
    },
    round(n, pages, releases) {
      label = `index round ${n}: ${pages} project pages, ${releases} releases;`;
      draw(true);
    },
    done() {
      io.stderr('\r\x1b[2K');
    },
  };
}
