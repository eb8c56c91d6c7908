// Preloaded into each benchmarked CLI child (`node --import tsx --import <this>`): on exit, write the
// child's own peak RSS (process.resourceUsage().maxRSS, in KiB) to $PYUP_BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.PYUP_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
