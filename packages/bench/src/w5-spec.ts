/**
 * Workload W5 (docs/benchmarks.md), shared by every system that runs it: LeNet-5 on 1×28×28
 * digits — conv 6@5×5 padding 2 + ReLU, maxpool 2, conv 16@5×5 + ReLU, maxpool 2, dense 120 ReLU,
 * dense 84 ReLU, dense 10, softmax + cross-entropy, plain SGD lr 0.05, batch 64 — trained on 8,000
 * of the 10,000 built-in MNIST digits (W2's held-out split: the first 8,000 of its seeded
 * permutation). Figure: training samples per second.
 *
 * Shapes: 1×28×28 → conv (pad 2) 6×28×28 → pool 6×14×14 → conv 16×10×10 → pool 16×5×5 = 400 → 120
 * → 84 → 10. Parameters: 6·25 + 6 = 156, 16·6·25 + 16 = 2,416, 400·120 + 120 = 48,120,
 * 120·84 + 84 = 10,164, 84·10 + 10 = 850; 61,706 in all.
 */
import type { Dataset, ModelSpec } from '@backprop/core';
import { w2Data } from './w2-spec.js';

export const W5 = {
  inputShape: [1, 28, 28] as const,
  batch: 64,
  lr: 0.05,
  /** The training rows: epochs of the fast systems walk all of them. */
  trainRows: 8_000,
  /** LeNet-5's trainable parameters (derived above); every system's network must have as many. */
  parameters: 61_706,
} as const;

/** backprop's spec of LeNet-5 (He-normal kernels for the ReLU layers, Xavier-uniform for the output: the defaults). */
export const W5_MODEL: ModelSpec = {
  inputSize: 784,
  inputShape: W5.inputShape,
  loss: 'cross-entropy',
  layers: [
    { type: 'conv2d', filters: 6, kernelSize: 5, padding: 2, activation: 'relu' },
    { type: 'maxpool2d', kernelSize: 2 },
    { type: 'conv2d', filters: 16, kernelSize: 5, activation: 'relu' },
    { type: 'maxpool2d', kernelSize: 2 },
    { type: 'dense', units: 120, activation: 'relu' },
    { type: 'dense', units: 84, activation: 'relu' },
    { type: 'dense', units: 10, activation: 'softmax' },
  ],
};

/**
 * The first `rows` of the 8,000 training digits (all of them by default): slow systems time an
 * epoch over fewer rows, which samples/s does not depend on.
 */
export function w5Data(rows: number = W5.trainRows): Dataset {
  if (!Number.isInteger(rows) || rows < W5.batch || rows > W5.trainRows) {
    throw new RangeError(`W5 trains on ${W5.batch} to ${W5.trainRows} rows, got ${rows}`);
  }
  return w2Data(rows);
}
