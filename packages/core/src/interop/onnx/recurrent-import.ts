/**
 * ONNX RNN, LSTM and GRU nodes back into backprop's rnn, lstm and gru layers: the inverse of
 * recurrent.ts's layout. ONNX W [1, G·H, F], R [1, G·H, H] in ONNX gate order become backprop's
 * kernel [G, F, H] and recurrentKernel [G, H, H] in its own order; B [1, 2·G·H] is the input
 * biases then the recurrent ones: the GRU keeps both (b and b'), rnn and lstm add them (both are
 * added to the same pre-activation).
 */
import '../../recurrent/register.js';
import type { DecodedNode, DecodedTensor } from './onnx-decode.js';
import { GATE_ORDER, RNN_ACTIVATIONS } from './recurrent.js';

/** What the reader needs to build the layer once it knows which output (Y or Y_h) is used. */
export interface RecurrentRead {
  readonly type: 'rnn' | 'lstm' | 'gru';
  readonly units: number;
  readonly activation?: string;
  readonly params: Float32Array[];
}

/** Per backprop gate g, the transpose of ONNX's block at the position that holds g. */
function unstack(w: Float32Array, rows: number, h: number, order: readonly number[]): Float32Array {
  const out = new Float32Array(order.length * rows * h);
  order.forEach((gate, k) => {
    for (let u = 0; u < h; u++) {
      for (let r = 0; r < rows; r++) out[(gate * rows + r) * h + u] = w[(k * h + u) * rows + r] as number;
    }
  });
  return out;
}

function unstackBias(b: Float32Array, offset: number, h: number, order: readonly number[]): Float32Array {
  const out = new Float32Array(order.length * h);
  order.forEach((gate, k) => out.set(b.subarray(offset + k * h, offset + (k + 1) * h), gate * h));
  return out;
}

/**
 * Reads a recurrent node whose input X is [T, N, F]; `fail` throws naming the node, `constant`
 * returns the float constant at input k (or undefined for an optional one left out), `isZero`
 * tells whether a tensor is known to be all zeros.
 */
export function readRecurrent(
  node: DecodedNode,
  features: number,
  fail: (why: string) => never,
  constant: (k: number, optional?: boolean) => DecodedTensor | undefined,
  isZero: (name: string) => boolean,
): RecurrentRead {
  const type = ({ RNN: 'rnn', LSTM: 'lstm', GRU: 'gru' } as const)[node.opType as 'RNN' | 'LSTM' | 'GRU'];
  const order = GATE_ORDER[type] as readonly number[];
  const G = order.length;
  const a = node.attributes;
  const H = a.get('hidden_size')?.i ?? -1;
  const direction = a.get('direction')?.s ?? 'forward';
  if (direction !== 'forward') fail(`direction '${direction}': only forward recurrences are read`);
  if ((a.get('layout')?.i ?? 0) !== 0) fail('layout 1 is not read');
  if (a.get('clip') !== undefined) fail('clip is not read');
  if ((a.get('input_forget')?.i ?? 0) !== 0) fail('input_forget = 1 is not read');
  if (type === 'gru' && (a.get('linear_before_reset')?.i ?? 0) !== 1) fail("linear_before_reset = 0 is not read: backprop's GRU applies the reset gate after the recurrent product");
  const acts = a.get('activations')?.strings;
  const standard = { rnn: ['Tanh'], lstm: ['Sigmoid', 'Tanh', 'Tanh'], gru: ['Sigmoid', 'Tanh'] }[type];
  if (acts && type !== 'rnn' && acts.join() !== standard.join()) fail(`activations [${acts.join(', ')}]: only the standard gate activations are read`);
  if (a.get('activation_alpha') || a.get('activation_beta')) fail('activation_alpha and activation_beta are not read');
  const w = constant(1)!;
  const r = constant(2)!;
  if (!(H > 0) || w.dims.join() !== [1, G * H, features].join() || r.dims.join() !== [1, G * H, H].join()) {
    fail(`W [${w.dims.join(', ')}] and R [${r.dims.join(', ')}] do not fit hidden_size ${H} and ${features} features`);
  }
  // Inputs 5 and 6 (initial_h, initial_c) may be zeros, as torch.onnx.export writes them.
  for (let k = 4; k < node.inputs.length; k++) {
    const name = node.inputs[k];
    if (name && !((k === 5 || k === 6) && isZero(name))) {
      fail(`input ${k} (sequence lengths, a non-zero initial state or peepholes) is not read; recurrences start from zero`);
    }
  }
  const b = constant(3, true);
  if (b && b.floats.length !== 2 * G * H) fail(`B holds ${b.floats.length} values, expected ${2 * G * H}`);
  const bias = b ? unstackBias(b.floats, 0, H, order) : new Float32Array(G * H);
  const recurrentBias = b ? unstackBias(b.floats, G * H, H, order) : new Float32Array(G * H);
  const params = [unstack(w.floats, features, H, order), unstack(r.floats, H, H, order)];
  if (type === 'gru') params.push(bias, recurrentBias);
  else params.push(bias.map((v, i) => v + (recurrentBias[i] as number)));
  if (type !== 'rnn') return { type, units: H, params };
  const onnxName = acts?.[0] ?? 'Tanh';
  const activation = Object.keys(RNN_ACTIVATIONS).find((k) => RNN_ACTIVATIONS[k] === onnxName);
  if (!activation || (acts && acts.length !== 1)) fail(`activations [${acts?.join(', ')}]: the rnn cell is read with one of Tanh, Sigmoid, Relu`);
  return { type, units: H, activation, params };
}
