/**
 * PyTorch `state_dict` names and layouts of a backprop model, defined once.
 *
 * A model is the `nn.Sequential` that runs the same layers in the same order. Module k of that
 * Sequential holds the tensors of one backprop layer, named `<k>.<tensor>`; k counts every module
 * as PyTorch users' Sequential do:
 *   - dense, conv2d and time-distributed-dense take one module (Linear / Conv2d) and, when their
 *     activation is not 'linear', one more for it (ReLU, Tanh, Softmax, …), which has no tensors;
 *   - every other layer takes one module, with tensors or without (Dropout, Flatten, pooling, …);
 *   - a dense layer whose input has more than one axis in PyTorch (an image [C, H, W], an
 *     embedding's or a sequence layer's [T, F]) is preceded by the nn.Flatten that PyTorch needs
 *     and backprop does implicitly: one more module.
 * So `dense 8 relu, dense 3` is `0.weight`, `0.bias`, `2.weight`, `2.bias`, and `embedding, dense`
 * is `0.weight`, `2.weight`, `2.bias`. The Sequential's input is a row shaped as the spec's
 * `inputShape` ([T, F] for a recurrent first layer, batch_first).
 *
 * Tensors per layer (backprop's parameter → PyTorch's):
 *   dense, time-distributed-dense  kernel [in, out]  → weight [out, in] (transposed); bias [out] → bias
 *   conv2d                         kernel [outC, inC, kh, kw] → weight (same layout); bias → bias
 *   batchnorm                      weight, bias, runningMean → running_mean, runningVar → running_var;
 *                                  and num_batches_tracked (int64 scalar: written as 0, ignored on import)
 *   layernorm, embedding           weight (and bias) unchanged
 *   rnn, lstm, gru                 kernel [G, F, H] → weight_ih_l0 [G·H, F] (row g·H + j = W_g[:, j])
 *                                  recurrentKernel [G, H, H] → weight_hh_l0 [G·H, H]
 *                                  bias [G, H] → bias_ih_l0 [G·H]
 *     Gate order is PyTorch's in both (lstm i, f, g, o; gru r, z, n). rnn and lstm add one bias per
 *     gate, b_ih + b_hh, so export writes the bias as bias_ih_l0 and zeros as bias_hh_l0, and import
 *     sums the two. The gru keeps the two apart (its candidate is tanh(x·W_n + b_in + r ∘ (h·U_n + b_hn)),
 *     where b_hn is scaled by r): its recurrentBias [3, H] is bias_hh_l0 [3·H], exactly.
 *   fixed-point                    refused: no PyTorch module computes an Almeida–Pineda fixed point.
 *
 * Import maps by order, not by index: the file's modules (name prefixes, in natural order, so `10`
 * comes after `9`) are matched one to one with the layers that hold tensors. A plain
 * `nn.Sequential`'s state_dict therefore loads whatever its activation modules are.
 */
import type { FloatArray } from '../../backend/backend.js';
import type { Layer, Param } from '../../model/layers/layer.js';
import type { Model } from '../../model/model.js';
import { SafetensorsError, type SafetensorsDType, type SafetensorsTensor, type SafetensorsTensorInput } from './format.js';

const GATES: Readonly<Record<string, number>> = { rnn: 1, lstm: 4, gru: 3 };
const WITH_ACTIVATION_MODULE = new Set(['dense', 'conv2d', 'time-distributed-dense']);

/** How many nn.Sequential modules a layer becomes (see the header). */
export function moduleCount(layer: Layer): number {
  return WITH_ACTIVATION_MODULE.has(layer.type) && layer.activation !== undefined && layer.activation !== 'linear' ? 2 : 1;
}

/** One tensor of a layer's state_dict entry: its PyTorch suffix, shape and conversion. */
interface TorchTensor {
  readonly suffix: string;
  readonly shape: readonly number[];
  /** The backprop parameter it comes from (absent: PyTorch-only, e.g. num_batches_tracked, an rnn's bias_hh). */
  readonly param?: Param;
  /** Backprop layout → PyTorch layout. */
  readonly toTorch: (v: FloatArray) => FloatArray;
  /** PyTorch layout → backprop layout. */
  readonly fromTorch: (v: ArrayLike<number>) => Float64Array;
  readonly dtype?: SafetensorsDType;
  /** Read on import but not required (num_batches_tracked). */
  readonly optional?: boolean;
}

const same = (v: ArrayLike<number>): Float64Array => Float64Array.from(v);

/** Row-major [rows, cols] → [cols, rows]. */
function transpose(rows: number, cols: number): (v: ArrayLike<number>) => Float64Array {
  return (v) => {
    const out = new Float64Array(rows * cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = v[r * cols + c] as number;
    return out;
  };
}

/** [G, F, H] gate-major kernels ↔ PyTorch's [G·H, F]: each gate's F × H block transposed. */
function gateBlocks(gates: number, rows: number, cols: number, toTorch: boolean): (v: ArrayLike<number>) => Float64Array {
  const block = rows * cols;
  return (v) => {
    const out = new Float64Array(gates * block);
    for (let g = 0; g < gates; g++) {
      const o = g * block;
      // toTorch: [rows=F, cols=H] → [H, F]; fromTorch: [rows=H, cols=F] → [F, H].
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[o + c * rows + r] = v[o + r * cols + c] as number;
    }
    return out;
  };
}

const where = (layer: Layer, index: number): string => `layer ${index + 1} (${layer.type})`;

/**
 * The PyTorch tensors of one layer, in state_dict order.
 * @throws SafetensorsError for layers with no PyTorch equivalent (fixed-point, unknown layers with parameters)
 */
export function torchTensors(layer: Layer, index: number): TorchTensor[] {
  const params = layer.params();
  if (layer.type === 'fixed-point') {
    throw new SafetensorsError(`${where(layer, index)}: a fixed-point (Almeida–Pineda) network has no PyTorch module; save it as a .bpm model file instead`);
  }
  if (params.length === 0) return [];
  const byName = new Map(params.map((p) => [p.name, p]));
  const take = (name: string): Param => {
    const p = byName.get(name);
    if (!p) throw new SafetensorsError(`${where(layer, index)}: has no parameter '${name}'`);
    byName.delete(name);
    return p;
  };
  const plain = (suffix: string, p: Param): TorchTensor => ({ suffix, shape: p.shape, param: p, toTorch: (v) => v, fromTorch: same });
  const out: TorchTensor[] = [];
  const gates = GATES[layer.type];
  if (layer.type === 'dense' || layer.type === 'time-distributed-dense') {
    const k = take('kernel');
    const [inputs, units] = k.shape as [number, number];
    out.push({ suffix: 'weight', shape: [units, inputs], param: k, toTorch: transpose(inputs, units), fromTorch: transpose(units, inputs) });
    if (byName.has('bias')) out.push(plain('bias', take('bias')));
  } else if (layer.type === 'conv2d') {
    out.push(plain('weight', take('kernel')));
    if (byName.has('bias')) out.push(plain('bias', take('bias')));
  } else if (layer.type === 'batchnorm') {
    out.push(plain('weight', take('weight')), plain('bias', take('bias')), plain('running_mean', take('runningMean')), plain('running_var', take('runningVar')));
    out.push({ suffix: 'num_batches_tracked', shape: [], dtype: 'I64', optional: true, toTorch: () => Float64Array.of(0), fromTorch: same });
  } else if (layer.type === 'layernorm' || layer.type === 'embedding') {
    for (const p of [...byName.values()]) out.push(plain(p.name, take(p.name)));
  } else if (gates !== undefined) {
    const k = take('kernel');
    const u = take('recurrentKernel');
    const b = take('bias');
    const [, features, units] = k.shape as [number, number, number];
    out.push({ suffix: 'weight_ih_l0', shape: [gates * units, features], param: k, toTorch: gateBlocks(gates, features, units, true), fromTorch: gateBlocks(gates, units, features, false) });
    out.push({ suffix: 'weight_hh_l0', shape: [gates * units, units], param: u, toTorch: gateBlocks(gates, units, units, true), fromTorch: gateBlocks(gates, units, units, false) });
    out.push({ suffix: 'bias_ih_l0', shape: [gates * units], param: b, toTorch: (v) => v, fromTorch: same });
    if (layer.type === 'gru') {
      out.push({ suffix: 'bias_hh_l0', shape: [gates * units], param: take('recurrentBias'), toTorch: (v) => v, fromTorch: same });
    } else {
      // One bias per gate in backprop's equations: b = b_ih + b_hh (summed into bias_ih_l0's values on import).
      out.push({ suffix: 'bias_hh_l0', shape: [gates * units], toTorch: () => new Float64Array(gates * units), fromTorch: same });
    }
  } else {
    throw new SafetensorsError(`${where(layer, index)}: no PyTorch layout is defined for this layer type's parameters`);
  }
  if (byName.size > 0) throw new SafetensorsError(`${where(layer, index)}: parameter ${[...byName.keys()].join(', ')} has no PyTorch name`);
  return out;
}

/** The shape of one row of a layer's output as the PyTorch module gives it (sequences as [T, F]). */
function torchOutputShape(layer: Layer): readonly number[] {
  const { seqLen, units, returnSequences } = layer as Partial<{ seqLen: number; units: number; returnSequences: boolean }>;
  if (GATES[layer.type] !== undefined && units !== undefined && seqLen !== undefined) return returnSequences ? [seqLen, units] : [units];
  if (layer.type === 'time-distributed-dense' && seqLen !== undefined) return [seqLen, layer.outputSize / seqLen];
  return layer.outputShape ?? [layer.outputSize];
}

/** The model's state_dict: `<k>.<suffix>` tensors in module order (see the header). */
export function modelStateDict(model: Model): SafetensorsTensorInput[] {
  const tensors: SafetensorsTensorInput[] = [];
  let k = 0;
  let shape: readonly number[] = model.spec.inputShape ?? [model.inputSize];
  model.layers.forEach((layer, i) => {
    if (layer.type === 'dense' && shape.length > 1) k += 1; // the nn.Flatten PyTorch needs
    shape = torchOutputShape(layer);
    for (const t of torchTensors(layer, i)) {
      const dtype = t.dtype ?? (t.param?.value instanceof Float64Array ? 'F64' : 'F32');
      tensors.push({ name: `${k}.${t.suffix}`, dtype, shape: t.shape, data: t.toTorch(t.param?.value ?? new Float32Array(0)) });
    }
    k += moduleCount(layer);
  });
  return tensors;
}

/** Compare names part by part, numbers as numbers: `2.weight` < `10.weight`. */
function naturalCompare(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] as string;
    const y = pb[i] as string;
    if (x === y) continue;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

const shapeText = (s: readonly number[]): string => `[${s.join(', ')}]`;

/**
 * The model's parameter values, in `model.parameters()` order, read from a state_dict matched by
 * order (see the header).
 * @throws SafetensorsError naming the missing, extra or mis-shaped tensor, or a value float32 cannot hold
 */
export function weightsFromStateDict(model: Model, tensors: ReadonlyMap<string, SafetensorsTensor>): Float32Array[] {
  const modules = new Map<string, Map<string, SafetensorsTensor>>();
  for (const [name, t] of tensors) {
    const dot = name.lastIndexOf('.');
    const prefix = dot < 0 ? '' : name.slice(0, dot);
    const suffix = name.slice(dot + 1);
    let m = modules.get(prefix);
    if (!m) modules.set(prefix, (m = new Map()));
    m.set(suffix, t);
  }
  const prefixes = [...modules.keys()].sort(naturalCompare);
  const layers = model.layers.map((layer, i) => ({ layer, i, tensors: torchTensors(layer, i) })).filter((l) => l.tensors.length > 0);
  if (prefixes.length !== layers.length) {
    const list = (xs: string[]): string => (xs.length > 12 ? `${xs.slice(0, 12).join(', ')}, …` : xs.join(', '));
    throw new SafetensorsError(
      `the file has tensors for ${prefixes.length} module(s) (${list(prefixes.map((p) => p || '(no prefix)'))}) but the model has ${layers.length} layer(s) with weights ` +
        `(${list(layers.map((l) => `${l.i + 1} ${l.layer.type}`))})`,
    );
  }
  const byParam = new Map<Param, Float32Array>();
  layers.forEach(({ layer, i, tensors: expected }, n) => {
    const prefix = prefixes[n] as string;
    const found = modules.get(prefix) as Map<string, SafetensorsTensor>;
    const full = (suffix: string): string => (prefix ? `${prefix}.${suffix}` : suffix);
    const extra = [...found.keys()].filter((s) => !expected.some((t) => t.suffix === s));
    if (extra.length > 0) {
      throw new SafetensorsError(`tensor ${extra.map(full).join(', ')}: ${where(layer, i)} has no such weight (it reads ${expected.map((t) => full(t.suffix)).join(', ')})`);
    }
    const read = new Map<string, Float64Array>();
    for (const t of expected) {
      const got = found.get(t.suffix);
      if (!got) {
        if (t.optional) continue;
        throw new SafetensorsError(`tensor ${full(t.suffix)} is missing: ${where(layer, i)} needs it, shape ${shapeText(t.shape)}`);
      }
      if (got.shape.length !== t.shape.length || got.shape.some((d, j) => d !== t.shape[j])) {
        throw new SafetensorsError(`tensor ${full(t.suffix)} has shape ${shapeText(got.shape)} but ${where(layer, i)} needs ${shapeText(t.shape)}`);
      }
      if (t.optional) continue;
      if (got.dtype === 'I64') throw new SafetensorsError(`tensor ${full(t.suffix)} is I64: ${where(layer, i)} needs F32 or F64 weights`);
      read.set(t.suffix, t.fromTorch(got.data));
    }
    // rnn and lstm: one bias per gate, b_ih + b_hh (see the header).
    const hh = read.get('bias_hh_l0');
    const ih = read.get('bias_ih_l0');
    if (hh && ih && layer.type !== 'gru') for (let j = 0; j < ih.length; j++) (ih[j] as number) += hh[j] as number;
    for (const t of expected) {
      if (!t.param) continue;
      byParam.set(t.param, toFloat32(read.get(t.suffix) as Float64Array, full(t.suffix)));
    }
  });
  return model.parameters().map((p) => byParam.get(p) as Float32Array);
}

const FLOAT32_MAX = 3.4028234663852886e38;

function toFloat32(v: Float64Array, name: string): Float32Array {
  for (let j = 0; j < v.length; j++) {
    const x = v[j] as number;
    if (!Number.isFinite(x)) throw new SafetensorsError(`tensor ${name} holds ${String(x)} at index ${j}`);
    if (Math.abs(x) > FLOAT32_MAX) throw new SafetensorsError(`tensor ${name} holds ${x} at index ${j}, beyond float32's range`);
  }
  return Float32Array.from(v);
}
