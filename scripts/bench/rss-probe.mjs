// Preloaded into each benchmarked CLI child (`node --import <this> dist/bundle/main.mjs ...`): on exit,
// write the child's own peak RSS in KiB to $PYUP_BENCH_RSS_FILE. VmHWM from /proc/self/status, not
// process.resourceUsage().maxRSS: Linux carries ru_maxrss across fork + exec, so a child of a bench
// holding a large corpus in memory reported the parent's peak, not its own.
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.env.PYUP_BENCH_RSS_FILE;
function peakKib() {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // not Linux: fall back below
  }
  return process.resourceUsage().maxRSS;
}
if (file) process.on('exit', () => writeFileSync(file, String(peakKib())));
