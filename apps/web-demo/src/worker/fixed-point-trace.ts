/**
 * The Fixed-point tab's animation: one cue relaxed step by step to the network's fixed point,
 * and the adjoint (error) relaxation of Almeida–Pineda backpropagation run back from it.
 *
 * A forward sweep x ← f(W·x + W_in·I + b) is one core dense layer (sigmoid or tanh) applied to
 * the row [x, I] with kernel [W | W_in]ᵀ and bias b; an adjoint sweep δ ← D∘(Wᵀ·δ) + g_u, with
 * D = diag(f′(u)) at the fixed point and g_u = D·(x_out − t) on the output units, takes Wᵀ·δ from
 * a linear core dense layer with kernel W. The sweeps stop at the tolerance of the model's
 * fixed-point layer, as its own relaxations do.
 */
import { Model, type FixedPointSpec } from '@backprop/core';
import type { FixedPointTrace } from './protocol.js';

/** Sweeps shown at most per relaxation (the animation's length). */
const MAX_SWEEPS = 400;

function fixedPointLayer(model: Model): { spec: FixedPointSpec; inputKernel: Float32Array; recurrentKernel: Float32Array; bias: Float32Array } {
  const layer = model.layers[0];
  if (!layer || layer.type !== 'fixed-point') throw new Error('the relaxation view needs a model whose first layer is a fixed-point layer');
  const [inputKernel, recurrentKernel, bias] = layer.params().map((p) => Float32Array.from(p.value));
  return { spec: layer.toSpec() as FixedPointSpec, inputKernel: inputKernel!, recurrentKernel: recurrentKernel!, bias: bias! };
}

function rms(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(s / a.length);
}

/**
 * Relax `cue` (the clamped input units) forward to the fixed point, then run the adjoint
 * relaxation for the error against `target` (the cue's full pattern).
 */
export function fixedPointTrace(model: Model, cue: readonly number[], target: readonly number[]): FixedPointTrace {
  const { spec, inputKernel, recurrentKernel, bias } = fixedPointLayer(model);
  const nin = model.inputSize;
  const nf = spec.units + spec.outputSize;
  const tol = spec.tolerance ?? 1e-6;
  const activation = spec.activation ?? 'sigmoid';
  if (cue.length !== nin || target.length !== spec.outputSize) throw new Error(`a cue of ${nin} values and a target of ${spec.outputSize} are needed`);

  // Forward sweep as a dense layer over [x, I]: kernel row j is input j of the dense layer.
  const sweep = Model.create({ inputSize: nf + nin, layers: [{ type: 'dense', units: nf, activation }], loss: 'mse' });
  const kernel = new Float32Array((nf + nin) * nf);
  for (let i = 0; i < nf; i++) {
    for (let j = 0; j < nf; j++) kernel[j * nf + i] = recurrentKernel[i * nf + j]!;
    for (let j = 0; j < nin; j++) kernel[(nf + j) * nf + i] = inputKernel[i * nin + j]!;
  }
  sweep.setWeights([kernel, bias]);
  const row = new Float32Array(nf + nin);
  row.set(cue, nf);
  let x = new Float32Array(nf);
  const forward: number[][] = [Array.from(x)];
  for (let k = 0; k < MAX_SWEEPS; k++) {
    row.set(x, 0);
    const next = sweep.predict(row, 1).slice();
    const change = rms(next, x);
    x = next;
    forward.push(Array.from(x));
    if (change <= tol) break;
  }

  // Adjoint: Wᵀ·δ is a linear dense layer whose kernel (input j, unit i) is W[j][i].
  const back = Model.create({ inputSize: nf, layers: [{ type: 'dense', units: nf, activation: 'linear' }], loss: 'mse' });
  back.setWeights([recurrentKernel, new Float32Array(nf)]);
  const d = Array.from(x, (v) => (activation === 'sigmoid' ? v * (1 - v) : 1 - v * v));
  const gU = new Float32Array(nf);
  for (let o = 0; o < spec.outputSize; o++) gU[spec.units + o] = d[spec.units + o]! * (x[spec.units + o]! - target[o]!);
  let delta = gU.slice();
  const adjoint: number[][] = [Array.from(delta)];
  const scale = Math.sqrt(gU.reduce((s, v) => s + v * v, 0) / nf) || 1;
  for (let k = 0; k < MAX_SWEEPS; k++) {
    const wd = back.predict(delta, 1);
    const next = new Float32Array(nf);
    for (let i = 0; i < nf; i++) next[i] = d[i]! * wd[i]! + gU[i]!;
    const change = rms(next, delta);
    delta = next;
    adjoint.push(Array.from(delta));
    if (change <= tol * scale) break;
  }
  return { inputs: [...cue], target: [...target], hidden: spec.units, outputs: spec.outputSize, activation, forward, adjoint, prediction: Array.from(model.predict(Float32Array.from(cue), 1)) };
}
