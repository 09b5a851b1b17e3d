/**
 * The model file's stored preprocessing as ONNX ops in front of the network, so that the graph
 * takes the raw rows `backprop predict` takes. data/preprocess.ts applies x' = (x − shift)·mult
 * per feature:
 *   standardize  shift = mean, mult = 1/std      (a zero std was stored as 1 when fitted)
 *   minmax       shift = min,  mult = 1/(max − min), or 1 for a constant feature
 *   scale        x' = x·factor
 * written as Sub then Mul with [inputSize] constants broadcast over the rows.
 */
import { preprocessorFromJSON } from '../../data/preprocess.js';
import type { OnnxGraphBuilder } from './graph-builder.js';

/** Appends the preprocessing `json` (a model file's `metadata.preprocess`) to the graph. */
export function emitPreprocess(g: OnnxGraphBuilder, json: unknown, inputSize: number): void {
  // preprocessorFromJSON validates the entry (finite arrays of equal length, std > 0, min ≤ max).
  const p = preprocessorFromJSON(json);
  const o = json as Record<string, unknown>;
  if (p.type === 'scale') {
    g.apply('Mul', 'preprocess', [g.current, g.constant('preprocess.factor', [], [o.factor as number])]);
    return;
  }
  const [shift, mult] =
    p.type === 'standardize'
      ? [o.mean as number[], (o.std as number[]).map((s) => 1 / s)]
      : [o.min as number[], (o.min as number[]).map((lo, j) => 1 / ((o.max as number[])[j]! - lo || 1))];
  if (shift.length !== inputSize) {
    throw new Error(`exportOnnx: preprocess '${p.type}' has ${shift.length} features but the model takes ${inputSize} inputs`);
  }
  g.apply('Sub', 'preprocess', [g.current, g.constant('preprocess.shift', [inputSize], shift)]);
  g.apply('Mul', 'preprocess', [g.current, g.constant('preprocess.mult', [inputSize], mult)]);
}
