import { describe, expect, it } from 'vitest';
import { tsBackend } from '../../backend/ts/index.js';
import { Rng } from '../../util/rng.js';
import type { Param } from '../layers/layer.js';
import { Model } from '../model.js';
import { deserializeModel, serializeModel } from '../serialize.js';
import type { Dataset, OptimizerConfig } from '../types.js';
import { createOptimizer, OPTIMIZER_NAMES, resolveOptimizerConfig } from './index.js';

/** A kernel w = [1, −2, 0] with grad [0.5, 0.25, −0.5], and a bias b = [1] with grad [0.5] (no decay). */
function params(): Param[] {
  return [
    { name: 'kernel', shape: [3], value: Float64Array.of(1, -2, 0), grad: Float64Array.of(0.5, 0.25, -0.5) },
    { name: 'bias', shape: [1], value: Float64Array.of(1), grad: Float64Array.of(0.5), decay: false },
  ];
}

const GRADS = [Float64Array.of(0.5, 0.25, -0.5), Float64Array.of(0.5)];

describe('L1 regularisation (OptimizerConfig.l1)', () => {
  it('sgd: one step moves each kernel weight lr·λ·sign(w) further than without, biases and zero weights not', () => {
    const lr = 0.1;
    const l1 = 0.05;
    const ps = params();
    createOptimizer(resolveOptimizerConfig({ name: 'sgd', lr, l1 }), tsBackend, ps, 'float64').step(ps, lr);
    const [kernel, bias] = ps.map((p) => Array.from(p.value));
    // w ← w − lr·(g + λ·sign(w)), sign(0) = 0.
    expect(kernel![0]).toBeCloseTo(1 - lr * 0.5 - lr * l1, 15);
    expect(kernel![1]).toBeCloseTo(-2 - lr * 0.25 + lr * l1, 15);
    expect(kernel![2]).toBeCloseTo(0 + lr * 0.5, 15);
    expect(bias![0]).toBeCloseTo(1 - lr * 0.5, 15);
  });

  for (const name of OPTIMIZER_NAMES) {
    it(`${name}: three steps with l1 equal three steps on the gradient g + λ·sign(w) without it`, () => {
      const config: OptimizerConfig = { name, lr: 0.05, weightDecay: 0.01 };
      const l1 = 0.3;
      const a = params();
      const b = params();
      const withL1 = createOptimizer(resolveOptimizerConfig({ ...config, l1 }), tsBackend, a, 'float64');
      const plain = createOptimizer(resolveOptimizerConfig(config), tsBackend, b, 'float64');
      for (let step = 0; step < 3; step++) {
        a.forEach((p, i) => p.grad.set(GRADS[i]!));
        // The hand-made subgradient on the kernel only (λ = 0.3 flips w[0]'s sign within three steps of adam).
        b.forEach((p, i) => {
          p.grad.set(GRADS[i]!);
          if (p.decay !== false) for (let j = 0; j < p.value.length; j++) p.grad[j] += l1 * Math.sign(p.value[j]!);
        });
        withL1.step(a, 0.05);
        plain.step(b, 0.05);
      }
      expect(a.map((p) => Array.from(p.value))).toEqual(b.map((p) => Array.from(p.value)));
      expect(withL1.getState()).toEqual(plain.getState());
    });
  }

  it('is validated, defaults to 0 and is part of the resolved config (saved with checkpoints)', () => {
    expect(resolveOptimizerConfig({ name: 'adam', lr: 0.1 }).l1).toBe(0);
    expect(resolveOptimizerConfig({ name: 'adam', lr: 0.1, l1: 0.001 }).l1).toBe(0.001);
    expect(() => resolveOptimizerConfig({ name: 'sgd', lr: 0.1, l1: -1 })).toThrow(/optimizer sgd: l1 must be ≥ 0, got -1/);
    expect(() => resolveOptimizerConfig({ name: 'sgd', lr: 0.1, l1: Number.NaN })).toThrow(/l1 must be ≥ 0, got NaN/);
  });
});

/** y = 2·x0 − x1 + noise over 8 N(0,1) inputs: six of the eight inputs are irrelevant. */
function sparseRegression(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const x = Float32Array.from({ length: n * 8 }, () => rng.normal());
  const y = Float32Array.from({ length: n }, (_, i) => 2 * x[i * 8]! - x[i * 8 + 1]! + rng.normal());
  return { x, y, n, inputSize: 8, outputSize: 1 };
}

describe('L1 in training', () => {
  it('drives the irrelevant weights of a linear model to (near) zero; without it none get there', async () => {
    // 32 noisy rows: least squares gives the six irrelevant weights |w| 0.03 … 0.24 (seed 1).
    // The MSE objective is summed over the batch, so its gradient on an irrelevant weight is
    // Σ_rows r·x_j ≈ √32 ≈ 6: λ = 10 outweighs it. Full-batch subgradient steps then keep a
    // zeroed weight within ±lr·λ = ±0.01 of 0.
    const data = sparseRegression(32, 1);
    const train = async (l1: number): Promise<Float32Array> => {
      const model = Model.create({ inputSize: 8, layers: [{ type: 'dense', units: 1, activation: 'linear' }], loss: 'mse' }, { seed: 3 });
      await model.fit(data, { epochs: 400, batchSize: 0, optimizer: { name: 'sgd', lr: 0.001, l1 }, shuffle: false });
      return model.getWeights()[0]!;
    };
    const plain = await train(0);
    const sparse = await train(10);
    const nearZero = (w: Float32Array): number => Array.from(w.subarray(2)).filter((v) => Math.abs(v) < 0.02).length;
    expect(nearZero(plain)).toBe(0);
    expect(nearZero(sparse)).toBe(6);
    // The two real weights survive, shrunk towards 0 but far from it.
    expect(sparse[0]).toBeGreaterThan(1);
    expect(sparse[0]).toBeLessThan(plain[0]!);
    expect(sparse[1]).toBeLessThan(-0.5);
    expect(sparse[1]).toBeGreaterThan(plain[1]!);
  });

  it('is saved with the training state: a checkpoint resumed with l1 ends bit-identical to an uninterrupted run', async () => {
    const data = sparseRegression(32, 2);
    const spec = { inputSize: 8, layers: [{ type: 'dense' as const, units: 1, activation: 'linear' as const }], loss: 'mse' as const };
    const options = { epochs: 4, batchSize: 8, optimizer: { name: 'momentum' as const, lr: 0.001, l1: 2 } };
    const whole = Model.create(spec, { seed: 4 });
    await whole.fit(data, options);
    const first = Model.create(spec, { seed: 4 });
    await first.fit(data, { ...options, epochs: 2 });
    const loaded = deserializeModel(serializeModel(first, {}, { trainingState: true }));
    expect(loaded.trainingState?.optimizer?.config.l1).toBe(2);
    await loaded.model.fit(data, { ...options, initialEpoch: 2 });
    expect(loaded.model.getWeights()).toEqual(whole.getWeights());
  });
});
