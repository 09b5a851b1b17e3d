/**
 * backprop's recurrent layers as ONNX's RNN, LSTM and GRU ops (one direction, layout 0).
 *
 * Layout: a backprop row is one sequence, time-major within the row ([T·F]); ONNX takes
 * X [T, N, F], so the row is reshaped to [N, T, F] and transposed. Outputs: Y [T, 1, N, H] for
 * every step (returnSequences: transposed to [N, T, 1, H] and flattened to [N, T·H]) or the last
 * state Y_h [1, N, H] (transposed to [N, 1, H] and flattened to [N, H]).
 *
 * Weights: backprop keeps per gate g the input kernel W_g [F, H] (x·W_g), the recurrent kernel
 * U_g [H, H] and the bias b_g; ONNX stacks per gate the transposed matrices — W [1, G·H, F],
 * R [1, G·H, H] — and B [1, 2·G·H] = input biases then recurrent biases. Gate orders:
 *   lstm  backprop i, f, g, o  →  ONNX i, o, f, c   (c is backprop's g)
 *   gru   backprop r, z, n     →  ONNX z, r, h       (linear_before_reset = 1: backprop's GRU is
 *                                                     the reset-after form, r ∘ (h₋·U_n + b'_n))
 *   rnn   one gate; the cell's activation must be tanh, sigmoid or relu.
 * Only backprop's GRU has recurrent biases (b'_g); the others get zeros there.
 */
import type { Layer, Param } from '../../model/layers/layer.js';
import type { OnnxGraphBuilder } from './graph-builder.js';
import type { OnnxAttribute } from './onnx-proto.js';

/** The layer types emitRecurrent writes. */
export const RECURRENT_TYPES: readonly string[] = ['rnn', 'lstm', 'gru'];

/** ONNX gate position k holds backprop's gate GATE_ORDER[type][k]. */
export const GATE_ORDER: Record<string, readonly number[]> = { rnn: [0], lstm: [0, 3, 1, 2], gru: [1, 0, 2] };
export const RNN_ACTIVATIONS: Record<string, string> = { tanh: 'Tanh', sigmoid: 'Sigmoid', relu: 'Relu' };
export const OP_TYPES: Record<string, string> = { rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' };

interface RecurrentLayerSpec {
  readonly units: number;
  readonly features: number;
  readonly seqLen: number;
  readonly returnSequences: boolean;
  readonly activation?: string;
}

/** Per ONNX gate k, the transpose of backprop's [G, rows, H] block ORDER[k]: [G·H, rows]. */
function stackTransposed(p: Param, rows: number, h: number, order: readonly number[]): Float32Array {
  const out = new Float32Array(order.length * h * rows);
  order.forEach((gate, k) => {
    for (let u = 0; u < h; u++) {
      for (let r = 0; r < rows; r++) out[(k * h + u) * rows + r] = p.value[(gate * rows + r) * h + u] as number;
    }
  });
  return out;
}

/** Backprop's [G, H] biases reordered to ONNX's gate order ([G·H]); zeros when absent. */
function stackBias(p: Param | undefined, h: number, order: readonly number[]): Float32Array {
  const out = new Float32Array(order.length * h);
  if (p) order.forEach((gate, k) => out.set(p.value.subarray(gate * h, (gate + 1) * h), k * h));
  return out;
}

/** Appends an rnn, lstm or gru layer (index is 0-based, for names and errors). */
export function emitRecurrent(g: OnnxGraphBuilder, layer: Layer, index: number): void {
  const spec = layer.toSpec() as unknown as RecurrentLayerSpec;
  const where = `layer ${index + 1} (${layer.type})`;
  const name = `${layer.type}_${index + 1}`;
  const { units: H, features: F, seqLen: T } = spec;
  const order = GATE_ORDER[layer.type] as readonly number[];
  const attributes: OnnxAttribute[] = [{ name: 'hidden_size', i: H }];
  if (layer.type === 'rnn') {
    const act = RNN_ACTIVATIONS[spec.activation ?? 'tanh'];
    if (!act) throw new Error(`exportOnnx: ${where}: the cell activation '${String(spec.activation)}' has no ONNX RNN form (tanh, sigmoid or relu export)`);
    attributes.push({ name: 'activations', strings: [act] });
  }
  if (layer.type === 'gru') attributes.push({ name: 'linear_before_reset', i: 1 });
  const byName = (n: string): Param | undefined => layer.params().find((p) => p.name === n);
  const kernel = byName('kernel');
  const recurrent = byName('recurrentKernel');
  if (!kernel || !recurrent) throw new Error(`exportOnnx: ${where} has no kernel or recurrentKernel`);
  const G = order.length;
  const w = g.constant(`${name}.W`, [1, G * H, F], stackTransposed(kernel, F, H, order));
  const r = g.constant(`${name}.R`, [1, G * H, H], stackTransposed(recurrent, H, H, order));
  const bias = new Float32Array(2 * G * H);
  bias.set(stackBias(byName('bias'), H, order), 0);
  bias.set(stackBias(byName('recurrentBias'), H, order), G * H);
  const b = g.constant(`${name}.B`, [1, 2 * G * H], bias);

  // [N, T·F] → [N, T, F] → X [T, N, F]; the batch dim moves, so `current` is set only after the op.
  g.toImage([T, F]);
  const x = g.unique(`${name}/X`);
  g.node('Transpose', name, [g.current], [x], [{ name: 'perm', ints: [1, 0, 2] }]);
  const y = g.unique(`${name}/Y`);
  const yh = g.unique(`${name}/Y_h`);
  g.node(OP_TYPES[layer.type] as string, name, [x, w, r, b], spec.returnSequences ? [y] : ['', yh], attributes);
  if (spec.returnSequences) g.apply('Transpose', name, [y], [{ name: 'perm', ints: [2, 0, 1, 3] }], [T, 1, H]);
  else g.apply('Transpose', name, [yh], [{ name: 'perm', ints: [1, 0, 2] }], [1, H]);
  g.toFlat();
}
