/**
 * Workload W4 (docs/benchmarks.md), shared by every system that runs it: an Elman tanh RNN, input 32,
 * hidden 128, sequence 64, batch 32, MSE on every step (the layer returns its hidden sequence
 * and the loss compares all 64 × 128 values with targets), full BPTT, plain SGD (lr 0.0001: the
 * model's MSE objective is ½Σ(p − t)² over the batch's 32 × 8,192 outputs, as in the tutorial, so
 * its gradient is not averaged; larger steps drift upward on random targets). The figure is
 * training sequences per second through Model.fit, so batching, the loss, backward and the
 * optimizer step are all inside the timing, as in the peers' `fit` loops.
 */
import { Rng, type Dataset, type ModelSpec } from '@backprop/core';

export const W4 = { features: 32, units: 128, seqLen: 64, batch: 32, lr: 0.0001 } as const;

/** backprop's spec of the W4 network: 32 → Elman tanh 128, 64 steps, every step's state out. */
export function w4Spec(): ModelSpec {
  const { features, units, seqLen } = W4;
  return {
    inputSize: seqLen * features,
    layers: [{ type: 'rnn', units, features, returnSequences: true, activation: 'tanh' }],
    loss: 'mse',
  };
}

/** Random sequences in W4's shape: inputs in [−1, 1], every step's 128 targets in [−0.5, 0.5]. */
export function w4Data(rows: number, rng: Rng): Dataset {
  const inputSize = W4.seqLen * W4.features;
  const outputSize = W4.seqLen * W4.units;
  const x = new Float32Array(rows * inputSize);
  const y = new Float32Array(rows * outputSize);
  for (let i = 0; i < x.length; i++) x[i] = rng.uniform(-1, 1);
  for (let i = 0; i < y.length; i++) y[i] = rng.uniform(-0.5, 0.5);
  return { x, y, n: rows, inputSize, outputSize };
}
