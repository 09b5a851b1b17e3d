import { describe, expect, it } from 'vitest';
import { Model, Rng, fitPreprocessor, loadIris, stratifiedSplit, tsBackend, type Backend, type Dataset, type ModelSpec, type OptimizerConfig } from '@backprop/core';
import { loadNativeBackend } from './index.js';

// The same training on the TS and the native backend: the loss trajectories must agree to a
// relative 1e-4 over 100 steps (float32 on both; the backends round differently, so bitwise
// equality is not expected, but drift this small means every op computes the same thing).
const native = loadNativeBackend();

async function lossTrajectory(backend: Backend, spec: ModelSpec, data: Dataset, batchSize: number, epochs: number, optimizer: OptimizerConfig): Promise<number[]> {
  const model = Model.create(spec, { backend, seed: 7 });
  const history = await model.fit(data, { epochs, batchSize, optimizer, shuffle: true });
  return history.epochs.map((e) => e.loss);
}

function maxRelativeDiff(a: number[], b: number[]): number {
  expect(a).toHaveLength(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(Math.abs(b[i]!), 1e-12));
  return worst;
}

function randomDataset(rows: number, inputs: number, classes: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const x = new Float32Array(rows * inputs);
  const y = new Float32Array(rows * classes);
  const w = Array.from({ length: inputs * classes }, () => rng.normal());
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < inputs; i++) x[r * inputs + i] = rng.normal();
    // Labels from a random linear teacher, so there is something to learn.
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < classes; c++) {
      let s = 0;
      for (let i = 0; i < inputs; i++) s += x[r * inputs + i]! * w[i * classes + c]!;
      if (s > bestScore) [best, bestScore] = [c, s];
    }
    y[r * classes + best] = 1;
  }
  return { x, y, n: rows, inputSize: inputs, outputSize: classes };
}

describe('ts and native give the same loss trajectory', () => {
  it('Iris 4-8-3 (sigmoid hidden, softmax + cross-entropy, full batch SGD lr 0.1), 100 steps', async () => {
    const { train } = stratifiedSplit(loadIris(), 0.3, 42);
    const data = fitPreprocessor('standardize', train).transformDataset(train);
    const spec: ModelSpec = {
      inputSize: 4,
      layers: [
        { type: 'dense', units: 8, activation: 'sigmoid' },
        { type: 'dense', units: 3, activation: 'softmax' },
      ],
      loss: 'cross-entropy',
    };
    const optimizer: OptimizerConfig = { name: 'sgd', lr: 0.1 };
    const ts = await lossTrajectory(tsBackend, spec, data, 0, 100, optimizer);
    const nat = await lossTrajectory(native, spec, data, 0, 100, optimizer);
    expect(ts[99]!).toBeLessThan(ts[0]!); // it trained
    expect(maxRelativeDiff(nat, ts)).toBeLessThan(1e-4);
  });

  it('an MLP 20-64-32-5 (relu, tanh) on random data, minibatches of 16 with Adam, 100 steps', async () => {
    const data = randomDataset(160, 20, 5, 3);
    const spec: ModelSpec = {
      inputSize: 20,
      layers: [
        { type: 'dense', units: 64, activation: 'relu' },
        { type: 'dense', units: 32, activation: 'tanh' },
        { type: 'dense', units: 5, activation: 'softmax' },
      ],
      loss: 'cross-entropy',
    };
    // 10 batches per epoch × 10 epochs = 100 optimizer steps.
    const optimizer: OptimizerConfig = { name: 'adam', lr: 0.003 };
    const ts = await lossTrajectory(tsBackend, spec, data, 16, 10, optimizer);
    const nat = await lossTrajectory(native, spec, data, 16, 10, optimizer);
    expect(ts[9]!).toBeLessThan(ts[0]!);
    expect(maxRelativeDiff(nat, ts)).toBeLessThan(1e-4);
  });

  it('a fixed-point layer (Almeida–Pineda) on Iris: forward, adjoint gradients, then 100 steps of momentum SGD', async () => {
    const { train } = stratifiedSplit(loadIris(), 0.2, 42);
    const data = fitPreprocessor('standardize', train).transformDataset(train);
    const spec: ModelSpec = { inputSize: 4, layers: [{ type: 'fixed-point', units: 3, outputSize: 3, initScale: 2 }], loss: 'mse' };
    // One forward and backward pass over all 120 rows: outputs, every weight gradient and the input gradient.
    const pass = (backend: Backend) => {
      const model = Model.create(spec, { backend, seed: 7 });
      const r = model.lossAndGradients(data.x, data.y, data.n, true, true);
      return [Array.from(r.output), ...model.parameters().map((p) => Array.from(p.grad)), Array.from(r.inputGrad!)];
    };
    const [ts0, nat0] = [pass(tsBackend), pass(native)];
    ts0.forEach((ref, k) => {
      const scale = Math.max(...ref.map(Math.abs));
      const worst = Math.max(...ref.map((v, i) => Math.abs(nat0[k]![i]! - v)));
      expect(worst / scale, `array ${k}`).toBeLessThan(1e-4);
    });
    // 4 batches of 32 per epoch × 25 epochs = 100 optimizer steps; 'mse' sums over the batch, hence lr ÷ 32.
    const optimizer: OptimizerConfig = { name: 'momentum', lr: 0.5 / 32, momentum: 0.9 };
    const ts = await lossTrajectory(tsBackend, spec, data, 32, 25, optimizer);
    const nat = await lossTrajectory(native, spec, data, 32, 25, optimizer);
    expect(ts[24]!).toBeLessThan(ts[0]! / 2);
    expect(maxRelativeDiff(nat, ts)).toBeLessThan(1e-4);
  });

  it('a regression MLP 8-32-1 (leaky-relu, MSE) with Nesterov momentum and weight decay, 100 steps', async () => {
    const rng = new Rng(11);
    const n = 100;
    const x = Float32Array.from({ length: n * 8 }, () => rng.uniform(-1, 1));
    const y = new Float32Array(n);
    for (let r = 0; r < n; r++) y[r] = Math.sin(x[r * 8]! * 2) + 0.5 * x[r * 8 + 1]! * x[r * 8 + 2]!;
    const data: Dataset = { x, y, n, inputSize: 8, outputSize: 1 };
    const spec: ModelSpec = {
      inputSize: 8,
      layers: [
        { type: 'dense', units: 32, activation: 'leaky-relu' },
        { type: 'dense', units: 1, activation: 'linear' },
      ],
      loss: 'mse',
    };
    const optimizer: OptimizerConfig = { name: 'nesterov', lr: 0.001, momentum: 0.9, weightDecay: 1e-3 };
    const ts = await lossTrajectory(tsBackend, spec, data, 0, 100, optimizer);
    const nat = await lossTrajectory(native, spec, data, 0, 100, optimizer);
    expect(ts[99]!).toBeLessThan(ts[0]!);
    expect(maxRelativeDiff(nat, ts)).toBeLessThan(1e-4);
  });
  it('a convolutional network (conv, batchnorm, max and average pooling, layernorm, dense), 6 epochs of Adam', async () => {
    const data = randomDataset(96, 2 * 8 * 8, 3, 11);
    const spec: ModelSpec = {
      inputSize: 128,
      inputShape: [2, 8, 8],
      layers: [
        // 2×5×5 fields through im2col + GEMM; the second conv2d's 4×2×3 through the direct ops.
        { type: 'conv2d', filters: 4, kernelSize: 5, padding: 'same', activation: 'relu' },
        { type: 'batchnorm' },
        { type: 'maxpool2d', kernelSize: 2 },
        { type: 'conv2d', filters: 5, kernelSize: [2, 3], stride: [1, 2], dilation: [2, 1], activation: 'tanh' },
        { type: 'avgpool2d', kernelSize: 2, stride: 1, padding: 1 },
        { type: 'layernorm' },
        { type: 'dense', units: 3, activation: 'softmax' },
      ],
      loss: 'cross-entropy',
    };
    const optimizer: OptimizerConfig = { name: 'adam', lr: 0.01 };
    const ts = await lossTrajectory(tsBackend, spec, data, 16, 6, optimizer);
    const nat = await lossTrajectory(native, spec, data, 16, 6, optimizer);
    expect(ts[5]!).toBeLessThan(ts[0]! * 0.8);
    expect(maxRelativeDiff(nat, ts)).toBeLessThan(1e-4);
  });

  it('LeNet-5 on plain SGD (the fused update path through conv2d), 2 epochs', async () => {
    const data = randomDataset(128, 28 * 28, 10, 12);
    const spec: ModelSpec = {
      inputSize: 784,
      inputShape: [1, 28, 28],
      layers: [
        { type: 'conv2d', filters: 6, kernelSize: 5, padding: 2, activation: 'relu' },
        { type: 'maxpool2d', kernelSize: 2 },
        { type: 'conv2d', filters: 16, kernelSize: 5, activation: 'relu' },
        { type: 'maxpool2d', kernelSize: 2 },
        { type: 'dense', units: 120, activation: 'relu' },
        { type: 'dense', units: 84, activation: 'relu' },
        { type: 'dense', units: 10, activation: 'softmax' },
      ],
      loss: 'cross-entropy',
    };
    const optimizer: OptimizerConfig = { name: 'sgd', lr: 0.02 };
    // Two epochs (8 steps): on these random 784-pixel rows a ReLU or a window's maximum that flips
    // under float32 rounding sends the trajectories apart by a third epoch (2.6e-4 measured).
    const ts = await lossTrajectory(tsBackend, spec, data, 32, 2, optimizer);
    const nat = await lossTrajectory(native, spec, data, 32, 2, optimizer);
    expect(ts[1]!).toBeLessThan(ts[0]!);
    expect(maxRelativeDiff(nat, ts)).toBeLessThan(1e-4);
  });
});
