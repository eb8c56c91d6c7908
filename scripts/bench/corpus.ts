/**
 * The bench's served corpus, shaped like the real world (issue 10): wheels with thousands of
 * members, one very large wheel, pages without PEP 658 metadata files, and per-request latency,
 * so request counts show up as time. Shapes are deterministic per project:
 *   - every 10th project (from 3): `maxMembers` down to half of it (tensorflow, cmeel-boost);
 *   - every 5th (from 1): 1,000–3,000 members (django, jedi);
 *   - the rest: 20–200 members;
 *   - project 2 (core: in every module) has its newest release's wheel padded to `bigMb` MB (stored
 *     zeros, never on disk; see shaped.ts);
 *   - with `wheelMb`, every other wheel padded to that many MB the same way (torch, tensorflow: a
 *     corpus where whole downloads weigh, for a server that ignores Range).
 */
import type { BuiltFile } from '../../test/support/distributions.js';
import { reshapeWheel, type WheelShape } from './shaped.js';

export interface CorpusShape {
  maxMembers: number;
  bigMb: number;
  /** Pad every wheel but the big one to this many MB (0: no padding). */
  wheelMb?: number;
}

function shapeOf(projectIndex: number, isBig: boolean, shape: CorpusShape): WheelShape {
  const spread = (lo: number, hi: number) => lo + ((projectIndex * 7919) % Math.max(1, hi - lo));
  const members =
    projectIndex % 10 === 3 ? spread(Math.floor(shape.maxMembers / 2), shape.maxMembers)
    : projectIndex % 5 === 1 ? spread(1000, 3000)
    : spread(20, 200);
  return { members, payloadBytes: Math.round((isBig ? shape.bigMb : (shape.wheelMb ?? 0)) * 1024 * 1024) };
}

export interface Corpus {
  files: BuiltFile[];
  /** Members over all wheels, the largest wheel's size: printed beside the results. */
  members: number;
  largestBytes: number;
}

/** Reshape every wheel of `files` (projects in `names` order; sdists unchanged, nothing served as PEP 658). */
export function shapeCorpus(files: readonly BuiltFile[], names: readonly string[], shape: CorpusShape): Corpus {
  const indexOf = new Map(names.map((n, i) => [n.toLowerCase().replace(/[-_.]+/g, '-'), i]));
  const newest = new Map<string, string>();
  for (const f of files) newest.set(f.project, f.version); // releases are built in ascending order
  let members = 0;
  let largestBytes = 0;
  const out = files.map((f) => {
    if (!f.filename.endsWith('.whl')) return { ...f, pep658: false };
    const i = indexOf.get(f.project.toLowerCase().replace(/[-_.]+/g, '-')) ?? 0;
    const s = shapeOf(i, i === 2 && newest.get(f.project) === f.version, shape);
    members += s.members;
    const shaped = reshapeWheel(f, s);
    largestBytes = Math.max(largestBytes, shaped.bytes.length);
    return shaped;
  });
  return { files: out, members, largestBytes };
}
