// Environment markers: AST, parsing, canonical text and evaluation (re-exported by ../index.ts).
import { Tokenizer } from '../tokenizer.js';
import { DEFAULT_RULES } from '../tokens.js';
import type { Marker } from './ast.js';
import { normalizeFirstExtra, parseMarkerList } from './parse.js';

export type {
  Marker,
  MarkerBoolOp,
  MarkerComparison,
  MarkerEnvironment,
  MarkerList,
  MarkerOperand,
  MarkerOperator,
  MarkerTerm,
  MarkerVariable,
} from './ast.js';
export { evaluateMarker } from './evaluate.js';
export { markerMentionsExtra, markerToString } from './format.js';

/** Parse a marker expression (what follows `;`); throws RequirementParseError where packaging raises InvalidMarker. */
export function parseMarker(text: string): Marker {
  const t = new Tokenizer(text, DEFAULT_RULES);
  const marker = parseMarkerList(t);
  t.expect('END', 'end of marker expression');
  return normalizeFirstExtra(marker);
}

