/**
 * Recursive-descent parser for environment markers (PEP 508 `marker` production).
 *
 * Spec: https://packaging.python.org/en/latest/specifications/dependency-specifiers/#grammar
 * Reference: packaging 24.1 `_parser.py` (`_parse_marker` and below); error texts match it.
 * Supported: `and`/`or` with parentheses, `in`/`not in`, every PEP 440 operator, ' and " strings,
 * packaging's legacy aliases (`os.name`, `sys.platform`, `platform.version`, `platform.machine`,
 * `platform.python_implementation`, `python_implementation`).
 * Traps: an unknown variable is a *syntax* error here ("Expected a marker variable or quoted
 * string"); `not in` needs blanks between the words; strings are Python literals (see python-string).
 * packaging normalises an `extra` literal (PEP 685) only in the first top-level term — kept here.
 */
import { normalizeExtra } from '../../names/index.js';
import type { Tokenizer } from '../tokenizer.js';
import type { Marker, MarkerBoolOp, MarkerComparison, MarkerList, MarkerOperand, MarkerOperator, MarkerTerm, MarkerVariable } from './ast.js';
import { decodePythonString } from './python-string.js';

/** `marker = marker_atom (BOOLOP marker_atom)*` */
export function parseMarkerList(t: Tokenizer): MarkerList {
  const terms: MarkerTerm[] = [parseAtom(t)];
  const ops: MarkerBoolOp[] = [];
  while (t.check('BOOLOP')) {
    ops.push(t.read().text as MarkerBoolOp);
    terms.push(parseAtom(t));
  }
  return { kind: 'list', terms, ops };
}

/** `marker_atom = WS? '(' WS? marker WS? ')' WS? | WS? marker_item WS?` */
function parseAtom(t: Tokenizer): MarkerTerm {
  t.consume('WS');
  let term: MarkerTerm;
  if (t.check('LEFT_PARENTHESIS', true)) {
    term = t.enclosing('LEFT_PARENTHESIS', 'RIGHT_PARENTHESIS', 'marker expression', () => {
      t.consume('WS');
      const inner = parseMarkerList(t);
      t.consume('WS');
      return inner;
    });
  } else {
    term = parseItem(t);
  }
  t.consume('WS');
  return term;
}

/** `marker_item = WS? marker_var WS? marker_op WS? marker_var WS?` */
function parseItem(t: Tokenizer): MarkerComparison {
  t.consume('WS');
  const left = parseOperand(t);
  t.consume('WS');
  const op = parseOperator(t);
  t.consume('WS');
  const right = parseOperand(t);
  t.consume('WS');
  return { kind: 'comparison', left, op, right };
}

function parseOperand(t: Tokenizer): MarkerOperand {
  if (t.check('VARIABLE')) {
    const raw = t.read().text.replace('.', '_');
    const name = (raw === 'python_implementation' ? 'platform_python_implementation' : raw) as MarkerVariable;
    return { kind: 'variable', name };
  }
  if (t.check('QUOTED_STRING')) {
    const token = t.read();
    const decoded = decodePythonString(token.text);
    if ('error' in decoded) t.fail(`Invalid string literal (${decoded.error})`, token.position, t.position);
    return { kind: 'value', value: decoded.value };
  }
  return t.fail('Expected a marker variable or quoted string');
}

function parseOperator(t: Tokenizer): MarkerOperator {
  if (t.check('IN')) {
    t.read();
    return 'in';
  }
  if (t.check('NOT')) {
    t.read();
    t.expect('WS', "whitespace after 'not'");
    t.expect('IN', "'in' after 'not'");
    return 'not in';
  }
  if (t.check('OP')) return t.read().text as MarkerOperator;
  return t.fail('Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in');
}

/** packaging's `_normalize_extra_values`: PEP 685-normalise the literal compared with `extra`, first top-level term only. */
export function normalizeFirstExtra(marker: Marker): Marker {
  const first = marker.terms[0];
  if (first?.kind !== 'comparison') return marker;
  const { left, right } = first;
  let normalized: MarkerComparison = first;
  if (left.kind === 'variable' && left.name === 'extra') {
    normalized = { ...first, right: normalizeOperand(right) };
  } else if (right.kind === 'variable' && right.name === 'extra') {
    normalized = { ...first, left: normalizeOperand(left) };
  }
  return { ...marker, terms: [normalized, ...marker.terms.slice(1)] };
}

// packaging calls canonicalize_name(rhs.value) even when rhs is a Variable, turning it into a Value.
function normalizeOperand(operand: MarkerOperand): MarkerOperand {
  return { kind: 'value', value: normalizeExtra(operand.kind === 'value' ? operand.value : operand.name) };
}
