/**
 * Evaluation of environment markers against an explicit environment (never the host).
 *
 * Spec: https://packaging.python.org/en/latest/specifications/dependency-specifiers/#environment-markers
 * Reference: packaging 24.1 `markers.py` (`_evaluate_markers`, `_eval_op`, `_normalize`).
 * Semantics: `and` binds tighter than `or`; a comparison whose operator plus right-hand side is a
 * valid PEP 440 specifier is a version comparison (pre-releases allowed), otherwise a Python string
 * comparison; `extra` values compare PEP 685-normalised. Requested extras follow pip: the marker
 * holds if it holds for any one of them, or for `extra == ""` when none is requested.
 * Traps (all as packaging): every term is evaluated, no short-circuit, so errors surface even when
 * the result is decided; a version comparison whose left side is not a PEP 440 version throws
 * (`platform_release >= "5"` on Linux); `~=`/`===` without a valid specifier throw; a literal on
 * the left makes the right-hand *text* an environment key (`"3" == "b"` → undefined `b`).
 */
import { normalizeExtra } from '../../names/index.js';
import { compareCodePoints, SpecifierSet, tryParseVersion } from '../../pep440/index.js';
import { MarkerEvaluationError } from '../errors.js';
import { matchSpecifier } from '../specifier-patterns.js';
import type { Marker, MarkerComparison, MarkerEnvironment, MarkerList } from './ast.js';

type Env = Readonly<Record<string, string>>;

function lookup(env: Env, key: string): string {
  if (!Object.hasOwn(env, key)) throw new MarkerEvaluationError('undefined-variable', `undefined marker variable ${JSON.stringify(key)}`);
  return env[key] ?? '';
}

// Each target evaluates the same few comparisons (`python_version < "3"`) for every requirement of
// every release: the answer is a function of the three strings, so it is kept (bounded; throwing
// comparisons are not kept, they throw again).
const versionOps = new Map<string, boolean | null>();
const VERSION_OPS_LIMIT = 20_000;

function versionOp(lhs: string, op: string, rhs: string): boolean | null {
  const key = `${lhs}\0${op}\0${rhs}`;
  const hit = versionOps.get(key);
  if (hit !== undefined) return hit;
  const result = versionOpUncached(lhs, op, rhs);
  if (versionOps.size >= VERSION_OPS_LIMIT) versionOps.clear();
  versionOps.set(key, result);
  return result;
}

function versionOpUncached(lhs: string, op: string, rhs: string): boolean | null {
  const spec = matchSpecifier(op + rhs);
  if (spec === null) return null;
  const version = tryParseVersion(lhs);
  if (version === null) throw new MarkerEvaluationError('invalid-version', `Invalid version: '${lhs}'`);
  // `===` compares normalised text; done here because a SpecifierSet would split `===a,b` on the comma.
  if (spec.operator === '===') return version.toString().toLowerCase() === spec.version.toLowerCase();
  return SpecifierSet.parse(`${spec.operator}${spec.version}`).contains(lhs, { prereleases: true });
}

function evalOp(lhs: string, op: string, rhs: string): boolean {
  const asVersion = versionOp(lhs, op, rhs);
  if (asVersion !== null) return asVersion;
  switch (op) {
    case 'in': return rhs.includes(lhs);
    case 'not in': return !rhs.includes(lhs);
    case '<': return compareCodePoints(lhs, rhs) < 0;
    case '<=': return compareCodePoints(lhs, rhs) <= 0;
    case '==': return lhs === rhs;
    case '!=': return lhs !== rhs;
    case '>=': return compareCodePoints(lhs, rhs) >= 0;
    case '>': return compareCodePoints(lhs, rhs) > 0;
    default:
      throw new MarkerEvaluationError('undefined-comparison', `Undefined ${op} on ${JSON.stringify(lhs)} and ${JSON.stringify(rhs)}`);
  }
}

function evalComparison(c: MarkerComparison, env: Env): boolean {
  let key: string;
  let lhs: string;
  let rhs: string;
  if (c.left.kind === 'variable') {
    key = c.left.name;
    lhs = lookup(env, key);
    rhs = c.right.kind === 'value' ? c.right.value : c.right.name;
  } else {
    lhs = c.left.value;
    key = c.right.kind === 'value' ? c.right.value : c.right.name;
    rhs = lookup(env, key);
  }
  if (key === 'extra') {
    lhs = normalizeExtra(lhs);
    rhs = normalizeExtra(rhs);
  }
  return evalOp(lhs, c.op, rhs);
}

function evalList(list: MarkerList, env: Env): boolean {
  const groups: boolean[][] = [[]];
  list.terms.forEach((term, i) => {
    if (i > 0 && list.ops[i - 1] === 'or') groups.push([]);
    groups[groups.length - 1]?.push(term.kind === 'list' ? evalList(term, env) : evalComparison(term, env));
  });
  return groups.some((g) => g.every(Boolean));
}

/**
 * Evaluate a marker for a target environment. With no `extras`, `extra` is `""`; with extras,
 * true if the marker holds for any one requested extra (pip's rule). Throws MarkerEvaluationError
 * where packaging raises.
 */
export function evaluateMarker(marker: Marker, env: MarkerEnvironment, extras: readonly string[] = []): boolean {
  const contexts = extras.length === 0 ? [''] : extras;
  return contexts.some((extra) => evalList(marker, { ...env, extra }));
}
