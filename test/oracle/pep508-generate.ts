// Seeded generators for the PEP 508 differential test: requirement strings, markers and marker
// environments. Deterministic for a seed, so any disagreement can be replayed.
import type { MarkerEnvironment } from '../../src/pep508/index.js';
import { createRng } from './compat/prng.js';

/** The shared seeded PRNG (mulberry32), as a bare function. */
export function prng(seed: number): () => number {
  return createRng(seed).next;
}

export class Gen {
  constructor(readonly rand: () => number) {}
  int(n: number): number {
    return Math.floor(this.rand() * n);
  }
  pick<T>(xs: readonly T[]): T {
    const x = xs[this.int(xs.length)];
    if (x === undefined) throw new Error('pick from empty list');
    return x;
  }
  chance(p: number): boolean {
    return this.rand() < p;
  }
}

const PYTHONS = [
  { version: '2.7', full: '2.7.18' },
  { version: '3.6', full: '3.6.15' },
  { version: '3.7', full: '3.7.16' },
  { version: '3.11', full: '3.11.7' },
];
const PLATFORMS = [
  { sys: 'linux', os: 'posix', system: 'Linux', release: '5.15.0-91-generic', pv: '#101-Ubuntu SMP Tue Nov 14 13:30:08 UTC 2023', machines: { x86_64: 'x86_64', arm64: 'aarch64' } },
  { sys: 'darwin', os: 'posix', system: 'Darwin', release: '22.6.0', pv: 'Darwin Kernel Version 22.6.0: Wed Jul  5 22:22:05 PDT 2023', machines: { x86_64: 'x86_64', arm64: 'arm64' } },
  { sys: 'win32', os: 'nt', system: 'Windows', release: '10', pv: '10.0.19045', machines: { x86_64: 'AMD64', arm64: 'ARM64' } },
] as const;

/** CPython 2.7/3.6/3.7/3.11 × linux/darwin/win32 × x86_64/arm64 (Python 2 says `linux2`). */
export function environments(): MarkerEnvironment[] {
  const out: MarkerEnvironment[] = [];
  for (const py of PYTHONS) {
    for (const p of PLATFORMS) {
      for (const arch of ['x86_64', 'arm64'] as const) {
        out.push({
          python_version: py.version,
          python_full_version: py.full,
          os_name: p.os,
          sys_platform: p.sys === 'linux' && py.version === '2.7' ? 'linux2' : p.sys,
          platform_release: p.release,
          platform_system: p.system,
          platform_version: p.pv,
          platform_machine: p.machines[arch],
          platform_python_implementation: 'CPython',
          implementation_name: 'cpython',
          implementation_version: py.full,
        });
      }
    }
  }
  return out;
}

export const EXTRA_VALUES = ['', 'test', 'Foo.Bar', 'foo-bar', 'doc', 'security'];

// Variables as written (aliases included) with values worth comparing them to.
const VERSIONS = ['2.7', '3', '3.6', '3.6.0', '3.7', '3.7.16', '3.11', '3.11.7', '3.12', '3.7rc1', '3.*', '3.6.*', '2', '3.10', 'v3.6', ' 3.6', '3.6 ', '1!3.6', '3.6+local'];
const VARIABLES: Record<string, readonly string[]> = {
  python_version: VERSIONS,
  python_full_version: VERSIONS,
  implementation_version: VERSIONS,
  os_name: ['posix', 'nt', 'java', 'os', '1.0'],
  'os.name': ['posix', 'nt'],
  sys_platform: ['linux', 'linux2', 'darwin', 'win32', 'cygwin', 'lin'],
  'sys.platform': ['linux', 'win32'],
  platform_system: ['Linux', 'Darwin', 'Windows', 'Java', 'Lin'],
  platform_release: ['5.15.0-91-generic', '22.6.0', '10', 'generic', '5'],
  platform_version: ['10.0.19045', 'Ubuntu', '#101'],
  'platform.version': ['Darwin', '10.0.19045'],
  platform_machine: ['x86_64', 'aarch64', 'arm64', 'AMD64', 'ARM64', 'i686', 'x86'],
  'platform.machine': ['x86_64', 'arm64'],
  platform_python_implementation: ['CPython', 'PyPy', 'Jython', 'Py'],
  'platform.python_implementation': ['CPython', 'PyPy'],
  python_implementation: ['CPython', 'PyPy'],
  implementation_name: ['cpython', 'pypy', 'python'],
  extra: ['test', 'Foo.Bar', 'foo_bar', 'DOC', 'security', '', 'te'],
};
const VARIABLE_NAMES = Object.keys(VARIABLES);
// `~=` and `===` mostly raise in packaging (on non-version values), so they are drawn less often.
const OPS = ['==', '==', '!=', '!=', '<', '<=', '>', '>=', '<', '>=', '~=', '===', 'in', 'not in', 'in', 'not in'];

function quote(g: Gen, v: string): string {
  return g.chance(0.7) ? `"${v}"` : `'${v}'`;
}

function ws(g: Gen): string {
  return g.pick(['', ' ', ' ', '  ', '\t']);
}

function comparison(g: Gen): string {
  const name = g.pick(VARIABLE_NAMES);
  const value = quote(g, g.pick(VARIABLES[name] ?? ['']));
  // `in`/`not in` need a blank or quote next to the keyword; always put one around it.
  let op = g.pick(OPS);
  if (/[a-z]/.test(op)) op = ` ${op} `;
  if (g.chance(0.15)) return `${value}${ws(g)}${op}${ws(g)}${name}`;
  return `${name}${ws(g)}${op}${ws(g)}${value}`;
}

/** A random marker expression (and/or, parentheses, depth ≤ 3). */
export function marker(g: Gen, depth = 0): string {
  const terms = 1 + g.int(depth === 0 ? 3 : 2);
  let out = '';
  for (let i = 0; i < terms; i++) {
    if (i > 0) out += ` ${g.pick(['and', 'or'])} `;
    out += depth < 2 && g.chance(0.25) ? `(${ws(g)}${marker(g, depth + 1)}${ws(g)})` : comparison(g);
  }
  return out;
}

const NAMES = ['foo', 'Foo.Bar_baz-1', 'requests', 'a', '1', 'zope.interface', 'python-dateutil', 'PyYAML', 'foo_', '-foo', 'x.y'];
const EXTRAS = ['[security]', '[a, b]', '[a,b,a]', '[]', '[ a ]', '[Foo.Bar,test]', '[a b]', '[a,]', '[a', '[-a]'];
const SPEC_VERSIONS = ['1.0', '1.0.*', '2', '1.0+local', 'v1.0', '1!2.0rc1.post2.dev3', '1.0a', '0.8.7p1', '1.0-1', '1.0.post1', '1.*.0', '2.0.0', '1.0RC1', '${version}', 'dev', ''];
const SPEC_OPS = ['==', '!=', '<', '<=', '>', '>=', '~=', '==='];
const URLS = ['http://example.com/foo-1.0.tar.gz', 'https://x.org/p.whl#sha256=abc', 'git+https://github.com/a/b.git@v1#egg=b', 'file:///tmp/x', 'https://x/a;b'];

/** One version specifier list, optionally parenthesised. */
export function specifierList(g: Gen, versions: readonly string[] = SPEC_VERSIONS, ops: readonly string[] = SPEC_OPS): string {
  const n = 1 + g.int(3);
  const items: string[] = [];
  for (let i = 0; i < n; i++) items.push(`${g.pick(ops)}${g.chance(0.2) ? ' ' : ''}${g.pick(versions)}`);
  const body = items.join(g.pick([',', ', ', ' ,', ' , ']));
  return g.chance(0.25) ? `(${body})` : body;
}

/** A requirement from the grammar, sometimes broken on purpose. */
export function requirement(g: Gen): string {
  let out = ws(g) + g.pick(NAMES);
  if (g.chance(0.3)) out += ws(g) + g.pick(EXTRAS);
  const shape = g.int(10);
  if (shape < 5) out += ws(g) + specifierList(g);
  else if (shape < 7) out += `${ws(g)}@${ws(g)}${g.pick(URLS)}`;
  if (g.chance(0.35)) out += `${g.pick([' ', '', '  '])};${ws(g)}${marker(g, 1)}`;
  if (g.chance(0.1)) out += ws(g);
  return g.chance(0.2) ? mutate(g, out) : out;
}

/** Insert, delete or replace one character, to reach error paths. */
function mutate(g: Gen, s: string): string {
  const i = g.int(s.length + 1);
  const ch = g.pick(['(', ')', '[', ']', ',', ';', '"', "'", ' ', '@', '=', '<', '.', '*', '+', 'x', '\n', '\\']);
  switch (g.int(3)) {
    case 0: return s.slice(0, i) + ch + s.slice(i);
    case 1: return s.slice(0, i) + s.slice(i + 1);
    default: return s.slice(0, i) + ch + s.slice(i + 1);
  }
}

/** Requirements for the legacy (packaging 21.3) comparison: only the specifier part varies widely. */
export function legacyRequirement(g: Gen): string {
  const versions = ['1.0', '0.8.7p1', '${version}', '1.0.*', '2.0-foo', '1.0+local', 'dev', '1.0a', '1.0.0', 'latest', ''];
  let out = g.pick(['foo', 'Foo.Bar', 'pyup-x']);
  if (g.chance(0.2)) out += '[a,b]';
  out += g.pick(['', ' ']) + specifierList(g, versions, ['==', '!=', '<', '<=', '>', '>=', '~=', '===']);
  if (g.chance(0.2)) out += '; python_version < "3"';
  return out;
}

/** Hand-picked inputs: packaging's own test vectors and the traps listed in src/pep508. */
export const EDGE_REQUIREMENTS = [
  'name', 'name<=1', 'name>=3', 'name>=3,<2', 'name@http://foo.com', 'name [fred,bar] @ http://foo.com ; python_version=="2.7"',
  'name[quux, strange];python_version<"2.7" and platform_version=="2"', 'name; os_name=="a" or os_name=="b"',
  'name; os_name=="a" and os_name=="b" or os_name=="c"', 'name; os_name=="a" and (os_name=="b" or os_name=="c")',
  'name; (os_name=="a" or os_name=="b") and os_name=="c"', 'foo >= 1.0 bar', 'foo (>= 1.0', 'foo[bar', 'foo[bar baz]',
  'foo[bar,]', 'foo @ ', 'foo @ http://x ;', 'foo @ http://x;os_name=="a"', 'foo ==1.0.*', 'foo >=1.0.*', 'foo ~=1.0.*',
  'foo >=1.0+abc', 'foo >=1.0+ABC', 'foo ==1.0+abc', 'foo\n', 'foo\n\n', 'foo \n', 'foo==1.0\n', 'foo; os_name=="a"\n', '',
  ' ', '\tfoo', 'foo ===arbitrary', 'foo ===a,b', 'foo===', 'foo==', 'foo (==1.0) ; extra == "Foo_Bar"',
  'foo ; extra == "A.B" and extra == "C_D"', 'foo; "a" == "b"', 'foo; python_version == python_full_version',
  'foo; os_name == "a\\"', "foo; os_name == '\\x41'", 'foo; os_name == "\\N{DASH}"', 'foo; os_name notin "x"',
  'foo; os_name not  in "x"', 'foo; os_name not\tin "x"', 'foo; os_name in"abc"', 'foo; osname == "a"', 'foo;',
  'foo; (os_name == "a"', 'foo; os_name == "a")', 'foo; ((os_name == "a"))', 'foo; os_name == "a" and ((os_name == "b" or os_name == "c"))',
  'foo; os_name=="a"and os_name=="b"', 'foo; os_name=="a" orx', 'foo; os_name === "a b"', 'fooé', 'foo-', 'foo.', '_foo', 'foo[é]',
  'foo>=1,', 'foo>=1,,<2', 'foo (>=1,)', 'foo()', 'foo ( )', 'foo >= 1.0 , < 2 ; os_name == "a"', 'FOO==V1.0', 'foo==1.0\u00a0',
  'foo==1.0,==1.0.0', 'foo==1.0.0,==1.0', 'foo~=1.0,~=1.0.0', 'foo==1.0.*,==1.0.*', 'foo<1!2', 'foo@file:///x y',
  'foo @ https://x/y.whl ; python_version >= "3" and extra == "Dev"', "foo;python_version<'3'", 'foo; platform.python_implementation == "CPython"',
  'foo; python_implementation == "CPython"', 'foo; os.name == "posix"', 'foo; sys.platform == "linux"', 'foo; platform.release == "1"',
];

export const EDGE_MARKERS = [
  'python_version >= "3"', 'extra == "Foo.Bar"', '"Foo.Bar" == extra', 'extra == extra', 'os_name == "a" and extra == "Foo"',
  'python_version ~= "3"', 'python_version ~= "3.6"', 'python_version === "3.6"', 'os_name === "posix"', 'os_name == "1.0"',
  'platform_release >= "5"', 'platform_release < "6"', 'python_version in "2.7 3.6"', 'python_version not in "2.7, 3.6"',
  '"3.6" in python_version', '"posix" == os_name', '"3.6" == "python_version"', '"a" == "b"', 'python_full_version < "3.7rc1"',
  'python_version > "3.6.*"', 'python_version == "3.*"', 'python_version != "3.*"', 'python_version == "3.11.0"', 'python_version > "3.11.0"',
  'python_version < "3.11.1"', 'python_full_version > "3.11.7+local"', 'python_version >= "v3.6"', 'platform_machine == "x86_64" or ',
  '(python_version >= "3")', 'python_version >= "3" or python_version < "3" and os_name == "nope"', 'implementation_name === "cpython"',
  'python_version == "3.6,3.7"', 'python_version ~= "3.6,"', 'sys_platform < "linux"', 'sys_platform >= "linux"', 'extra in "test, doc"',
];
