// Generated hostile checkouts for hostile.test.ts, from a seed (test/oracle/compat/prng.ts): mutated
// build-puppet requirements files, FIFOs / directories / device symlinks in place of files, names
// that are not UTF-8, include cycles and amplification, YAML bombs and deep nesting, absurd versions
// and markers. A case is a list of file system nodes under `repo/` plus the command line to run.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rng } from '../oracle/compat/prng.js';

export type HostileNode =
  | { kind: 'file'; path: Buffer; content: Buffer }
  | { kind: 'fifo'; path: Buffer }
  | { kind: 'dir'; path: Buffer }
  | { kind: 'symlink'; path: Buffer; target: string };

export interface HostileCase {
  id: number;
  family: string;
  nodes: HostileNode[];
  /** The command and its own options (the test adds --repo, --artifacts, --cache-dir, --offline). */
  argv: string[];
  /** What this case must end in, when the family decides it (else any of 0-3). */
  expect?: { codes: number[]; output?: RegExp };
}

const CORPUS = fileURLToPath(new URL('../fixtures/build-puppet/blobs/', import.meta.url));

/** The build-puppet corpus (test/fixtures/build-puppet): real files to mutate. */
export function corpusFiles(): { dir: string; texts: Buffer[] } {
  const names = readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort();
  return { dir: CORPUS, texts: names.map((n) => readFileSync(join(CORPUS, n))) };
}

const B = (s: string): Buffer => Buffer.from(s, 'utf8');
const REQ = 'modules/mod/files/requirements.txt';
const FILES = 'modules/mod/files/';
const file = (path: string | Buffer, content: string | Buffer): HostileNode => ({ kind: 'file', path: typeof path === 'string' ? B(path) : path, content: typeof content === 'string' ? B(content) : content });

/** Python's str.splitlines breaks. */
const BREAKS = ['\n', '\r', '\r\n', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029'];

type Mutation = (text: Buffer, rng: Rng) => Buffer;

function lines(text: Buffer): string[] {
  return text.toString('utf8').split('\n');
}

function atLine(text: Buffer, rng: Rng, edit: (line: string) => string): Buffer {
  const ls = lines(text);
  const i = rng.int(0, Math.max(0, ls.length - 1));
  ls[i] = edit(ls[i] ?? '');
  return B(ls.join('\n'));
}

const MUTATIONS: Record<string, Mutation> = {
  'line break inside a line': (t, rng) => atLine(t, rng, (l) => { const at = rng.int(0, l.length); return l.slice(0, at) + rng.pick(BREAKS) + l.slice(at); }),
  'bad bytes': (t, rng) => { const at = rng.int(0, t.length); return Buffer.concat([t.subarray(0, at), Buffer.from(rng.pick([[0xff], [0x00], [0xc3], [0xed, 0xa0, 0x80], [0xef, 0xbb, 0xbf], [0xfe, 0xff]])), t.subarray(at)]); },
  'byte flips': (t, rng) => { const c = Buffer.from(t); for (let k = rng.int(1, 20); k > 0 && c.length > 0; k--) c[rng.int(0, c.length - 1)] = rng.int(0, 255); return c; },
  'truncated': (t, rng) => t.subarray(0, rng.int(0, t.length)),
  CRLF: (t) => B(t.toString('utf8').replace(/\n/g, '\r\n')),
  'UTF-16': (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t.toString('utf8'), 'utf16le')]),
  'long line': (t, rng) => Buffer.concat([t, B(`\nrequests==2.21.0  # ${'x'.repeat(rng.int(1, 5) * 1024 * 1024)}\n`)]),
  'absurd version': (t, rng) => atLine(t, rng, () => rng.pick([`six==${'9'.repeat(10_000)}`, `six==${'1.'.repeat(5_000)}0`, 'six==1e99999', 'six===\u0000', 'six==1.0.0.post-\u2603', `six~=${'0'.repeat(4000)}`, 'six==*', 'six<=>1'])),
  'deep marker': (t, rng) => atLine(t, rng, () => { const n = rng.pick([50, 500, 5000]); return `six==1.0 ; ${'('.repeat(n)}python_version < "3"${')'.repeat(n)}`; }),
  'huge name': (t) => Buffer.concat([t, B(`\n${'a'.repeat(100_000)}==1.0\n`)]),
  'repeated line': (t, rng) => atLine(t, rng, (l) => `${l}\n`.repeat(rng.int(2, 2000))),
  continuations: (t) => B(t.toString('utf8').replace(/\n/g, ' \\\n')),
  'hash garbage': (t, rng) => atLine(t, rng, (l) => `${l} --hash=sha256:${'z'.repeat(rng.int(0, 100))} --hash=${rng.pick(['', 'md5:x', ':', 'sha256'])}`),
  'option garbage': (t, rng) => atLine(t, rng, () => rng.pick(['-r /etc/passwd', '-r ../../../../../etc/passwd', '-r http://127.0.0.1:9/x.txt', '-c /dev/zero', '-r .', '-r ""', "--index-url 'unterminated", '-e', '--frobnicate', '-r\u0085x', '-i ${HOME}', `-r ${'x/'.repeat(3000)}`, '-r requirements.txt'])),
  'environment variables': (t, rng) => atLine(t, rng, (l) => `${l}\${${rng.pick(['HOME', 'PATH', 'X', 'A_B'])}}`),
  'NUL everywhere': (t) => B(t.toString('utf8').replace(/=/g, '=\u0000')),
};

function mutated(rng: Rng, texts: Buffer[]): { text: Buffer; names: string[] } {
  let text = rng.pick(texts);
  const names = rng.sample(Object.keys(MUTATIONS), rng.int(1, 3));
  for (const n of names) text = MUTATIONS[n]!(text, rng);
  return { text, names };
}

const SIX = 'six==1.12.0\n';
type Family = (rng: Rng, texts: Buffer[]) => Omit<HostileCase, 'id' | 'argv'> & { argv?: string[] };

const FAMILIES: Record<string, { weight: number; make: Family }> = {
  mutation: { weight: 40, make: (rng, texts) => { const m = mutated(rng, texts); return { family: `mutation: ${m.names.join(', ')}`, nodes: [file(REQ, m.text)] }; } },
  'two mutated files and an include': { weight: 6, make: (rng, texts) => ({ family: 'mutated include', nodes: [file(REQ, Buffer.concat([mutated(rng, texts).text, B('\n-r inc.txt\n')])), file(`${FILES}inc.txt`, mutated(rng, texts).text)] }) },
  'FIFO as the requirements file': { weight: 3, make: () => ({ family: 'FIFO as the requirements file', nodes: [{ kind: 'fifo', path: B(REQ) }], expect: { codes: [1], output: /FIFO/ } }) },
  'FIFO as an include': { weight: 3, make: (rng) => ({ family: 'FIFO as an include', nodes: [file(REQ, `${SIX}${rng.pick(['-r', '-c', '--requirement'])} other.txt\n`), { kind: 'fifo', path: B(`${FILES}other.txt`) }], expect: { codes: [1, 3], output: /FIFO/ } }) },
  'directory as the requirements file': { weight: 2, make: () => ({ family: 'directory as the requirements file', nodes: [{ kind: 'dir', path: B(REQ) }, file(`${REQ}/inner.txt`, SIX)], expect: { codes: [1], output: /directory/ } }) },
  'directory as an include': { weight: 2, make: () => ({ family: 'directory as an include', nodes: [file(REQ, `${SIX}-r sub\n`), { kind: 'dir', path: B(`${FILES}sub`) }], expect: { codes: [1, 3], output: /directory/ } }) },
  'device symlinks': {
    weight: 4,
    make: (rng) => {
      const target = rng.pick(['/dev/zero', '/dev/urandom', '/dev/null', '/etc/passwd', '/proc/self/mem', 'nowhere', '../../../../../../etc/hostname']);
      const where = rng.pick(['requirements', 'include', 'config']);
      const nodes: HostileNode[] = where === 'requirements' ? [{ kind: 'symlink', path: B(REQ), target }]
        : where === 'include' ? [file(REQ, `${SIX}-r linked.txt\n`), { kind: 'symlink', path: B(`${FILES}linked.txt`), target }]
          : [file(REQ, SIX), { kind: 'symlink', path: B('.pyup-checks.yml'), target }];
      return { family: `symlink to ${target} as the ${where}`, nodes };
    },
  },
  'FIFO or directory as the config': { weight: 2, make: (rng) => ({ family: 'config not a regular file', nodes: [file(REQ, SIX), rng.chance(0.5) ? { kind: 'fifo', path: B('.pyup-checks.yml') } : { kind: 'dir', path: B('.pyup-checks.yml') }], expect: { codes: [2], output: /\.pyup-checks\.yml/ } }) },
  'symlink loop': { weight: 1, make: () => ({ family: 'symlink loop', nodes: [{ kind: 'symlink', path: B(REQ), target: 'loop.txt' }, { kind: 'symlink', path: B(`${FILES}loop.txt`), target: 'requirements.txt' }] }) },
  'non-UTF-8 file name': { weight: 3, make: (rng) => ({ family: 'non-UTF-8 file name', nodes: [file(Buffer.concat([B(`${FILES}requirements-`), Buffer.from([rng.pick([0xff, 0x80, 0xc3, 0xfe])]), B('.txt')]), 'six=1.0\n')], expect: { codes: [1], output: /requirements-\\x[0-9a-f]{2}\.txt/ } }) },
  'non-UTF-8 module folder': { weight: 3, make: () => ({ family: 'non-UTF-8 module folder', nodes: [file(Buffer.concat([B('modules/mod'), Buffer.from([0xff]), B('/files/requirements.txt')]), 'six=1.0\n-r inc.txt\n'), file(Buffer.concat([B('modules/mod'), Buffer.from([0xff]), B('/files/inc.txt')]), 'bad=1\n')], expect: { codes: [1], output: /mod\\xff\/files\/inc\.txt:1 .*bad=1/ } }) },
  'U+0085 in a pin': { weight: 2, make: (rng) => ({ family: 'splitlines break in a pin', nodes: [file(REQ, `six==1.0\nmultidict==4.3${rng.pick(['\x85', '\u2028', '\u2029', '\x0b', '\x0c', '\x1c', '\x1d', '\x1e'])}.1\n`)], expect: { codes: [1], output: /Invalid requirement: '\.1'/ } }) },
  'include cycle': { weight: 2, make: (rng) => ({ family: 'include cycle', nodes: rng.chance(0.5) ? [file(REQ, `${SIX}-r requirements.txt\n`)] : [file(REQ, `${SIX}-r a.txt\n`), file(`${FILES}a.txt`, '-r b.txt\n'), file(`${FILES}b.txt`, '-c a.txt\n-r ../files/requirements.txt\n')], expect: { codes: [1], output: /include each other/ } }) },
  '50,000 -r of one file': { weight: 2, make: () => ({ family: '50,000 -r of one file', nodes: [file(REQ, '-r one.txt\n'.repeat(50_000)), file(`${FILES}one.txt`, SIX)], expect: { codes: [1], output: /Too much to read/ } }) },
  '8^5 include fan-out': {
    weight: 2,
    make: () => {
      const nodes: HostileNode[] = [file(REQ, '-r l1.txt\n'.repeat(8))];
      for (let level = 1; level < 5; level++) nodes.push(file(`${FILES}l${level}.txt`, `-r l${level + 1}.txt\n`.repeat(8)));
      nodes.push(file(`${FILES}l5.txt`, SIX));
      return { family: '8^5 include fan-out', nodes, expect: { codes: [1], output: /Too much to read/ } };
    },
  },
  '200-deep include chain': { weight: 2, make: () => ({ family: '200-deep include chain', nodes: Array.from({ length: 200 }, (_, i) => file(i === 0 ? REQ : `${FILES}c${i}.txt`, `-r c${i + 1}.txt\nsix==1.0\n`)), expect: { codes: [1], output: /nested more than/ } }) },
  'module folder of 2,000 files': { weight: 1, make: () => ({ family: 'module folder of 2,000 files', nodes: Array.from({ length: 2000 }, (_, i) => file(`${FILES}requirements-${i}.txt`, `pkg${i}==1.0\n`)), expect: { codes: [1], output: /more than the 500 a run checks/ } }) },
  '50,000 lines': { weight: 1, make: () => ({ family: '50,000 lines', nodes: [file(REQ, Array.from({ length: 50_000 }, (_, i) => `pkg${i}==1.${i}\n`).join(''))] }) },
  'YAML config': {
    weight: 8,
    make: (rng) => {
      const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`)].join('\n');
      const kinds: Record<string, string | Buffer> = {
        'alias bomb': bomb,
        'deep flow nesting': '['.repeat(rng.pick([100, 100_000, 900_000])),
        'deep flow, 10 MB': '{'.repeat(10 * 1024 * 1024),
        'deep block nesting': Array.from({ length: rng.pick([80, 300, 3000]) }, (_, i) => `${' '.repeat(i)}k:`).join('\n'),
        'deep dashes': `${'- '.repeat(rng.pick([100, 10_000]))}x`,
        tags: rng.pick(['files: !!binary aGVsbG8=', 'files: !!js/function "x"', 'files: !custom x', 'mirrors: !!set {a}']),
        'duplicate keys': 'files: ["a"]\nfiles: ["b"]\n',
        'wrong types': rng.pick(['files: 1', 'mirrors: [{url: 1}]', 'targets: {a: b}', 'modules: [1]', '- x', '"just a string"', 'default-python: [3.6]']),
        'not YAML': rng.pick(['a: [1, 2\nb: 3', ': : :', '\u0000\u0001', Buffer.from([0xff, 0xfe, 0x00, 0x61])]),
        'huge string': `files: ["${'x'.repeat(2 * 1024 * 1024)}"]`,
        empty: rng.pick(['', '~', '---\n...', '#only a comment']),
      };
      const kind = rng.pick(Object.keys(kinds));
      return { family: `YAML config: ${kind}`, nodes: [file(REQ, SIX), file('.pyup-checks.yml', kinds[kind]!)] };
    },
  },
  'random bytes': { weight: 2, make: (rng) => ({ family: 'random bytes', nodes: [file(REQ, Buffer.from(Array.from({ length: rng.int(0, 20_000) }, () => rng.int(0, 255))))] }) },
};

export function generateCases(rng: Rng, count: number): HostileCase[] {
  const { texts } = corpusFiles();
  const names = Object.keys(FAMILIES);
  const total = names.reduce((s, n) => s + FAMILIES[n]!.weight, 0);
  const cases: HostileCase[] = [];
  // Every family at least once (the first cases), then weighted at random.
  for (let id = 0; id < count; id++) {
    let name = names[id];
    if (name === undefined) {
      let r = rng.int(0, total - 1);
      name = names.find((n) => (r -= FAMILIES[n]!.weight) < 0) ?? names[0]!;
    }
    const made = FAMILIES[name]!.make(rng, texts);
    const command = rng.pick(['inventory', 'inventory', 'inventory', 'compat', 'compat', 'all']);
    cases.push({ id, family: made.family, nodes: made.nodes, argv: made.argv ?? [command], ...(made.expect ? { expect: made.expect } : {}) });
  }
  return cases;
}

export const FAMILY_COUNT = Object.keys(FAMILIES).length;
