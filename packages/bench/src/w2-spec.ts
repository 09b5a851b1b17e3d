/**
 * Workload W2 (docs/benchmarks.md), shared by every system that runs it: an MLP 784-256-128-10,
 * ReLU hidden layers, softmax + cross-entropy, He init, plain SGD lr 0.05, batch 64, on the
 * 10,000 built-in MNIST digits. Figure: training samples per second.
 */
import { Rng, subset, type Dataset, type ModelSpec } from '@backprop/core';
import { loadMnist } from '@backprop/core/node';

export const W2_SIZES = [784, 256, 128, 10] as const;
export const W2_LR = 0.05;
export const W2_BATCH = 64;

/** backprop's spec of the W2 network (He-normal is the default init of ReLU dense layers). */
export const W2_MODEL: ModelSpec = {
  inputSize: 784,
  layers: [
    { type: 'dense', units: 256, activation: 'relu', init: 'he-normal' },
    { type: 'dense', units: 128, activation: 'relu', init: 'he-normal' },
    { type: 'dense', units: 10, activation: 'softmax', init: 'he-normal' },
  ],
  loss: 'cross-entropy',
};

/**
 * The first `rows` digits of a fixed seeded permutation of the 10,000 (all of them by default).
 * Slow systems time an epoch over fewer rows: samples/s does not depend on the data set's size.
 */
export function w2Data(rows = 10_000): Dataset {
  const all = loadMnist();
  if (rows >= all.n) return all;
  const order = Array.from({ length: all.n }, (_, i) => i);
  new Rng(7).shuffle(order);
  return subset(all, order.slice(0, rows));
}
