import { describe, expect, it } from 'vitest';
import { epochOptions, playgroundSpec, PlaygroundModel } from './playground-model.js';
import { featureMatrix, gridPoints } from '../data/features.js';

describe('playground model', () => {
  it('builds a sigmoid/BCE head for classification and a linear/MSE head for regression', () => {
    const c = playgroundSpec({ problem: 'classification', inputSize: 3, hidden: [4, 2], activation: 'relu' });
    expect(c.loss).toBe('binary-cross-entropy');
    expect(c.layers.map((l) => [l.type, (l as { units: number }).units, (l as { activation: string }).activation])).toEqual([
      ['dense', 4, 'relu'],
      ['dense', 2, 'relu'],
      ['dense', 1, 'sigmoid'],
    ]);
    const r = playgroundSpec({ problem: 'regression', inputSize: 2, hidden: [], activation: 'tanh' });
    expect(r.loss).toBe('mse');
    expect(r.layers).toEqual([{ type: 'dense', units: 1, activation: 'linear' }]);
  });

  it('maps L2 to weight decay and L1 to core\'s l1', () => {
    expect(epochOptions({ lr: 0.1, batchSize: 5, regularization: 'l2', regRate: 0.01 }).optimizer).toEqual({ name: 'sgd', lr: 0.1, weightDecay: 0.01, l1: 0 });
    expect(epochOptions({ lr: 0.1, batchSize: 5, regularization: 'l1', regRate: 0.003 }).optimizer).toEqual({ name: 'sgd', lr: 0.1, weightDecay: 0, l1: 0.003 });
    expect(epochOptions({ lr: 0.1, batchSize: 5, regularization: 'none', regRate: 0.01 }).optimizer).toEqual({ name: 'sgd', lr: 0.1, weightDecay: 0, l1: 0 });
  });

  it('L1 still learns XOR but drives weights to zero; without it none are', async () => {
    // Features x1·x2 (all XOR needs), x1 and x2; a 3-4-1 tanh network, same seed with and without L1.
    const xs = [-3, -2, 2, 3, -3, -2, 2, 3, -1, 1, -1, 1];
    const ys = [-2, -3, 3, 2, 2, 3, -3, -2, 1, 1, -1, -1];
    const names = ['x1x2', 'x1', 'x2'] as const;
    const labels = Float32Array.from(xs, (x, i) => (x * ys[i]! >= 0 ? 1 : 0));
    const features = featureMatrix(xs, ys, [...names]);
    const g = gridPoints(4, 6);
    const setup = {
      problem: 'classification' as const,
      inputSize: 3,
      featureNames: [...names],
      hidden: [4],
      activation: 'tanh' as const,
      seed: 5,
      train: { features, labels, n: 12 },
      test: { features, labels, n: 12 },
      grid: featureMatrix(g.x, g.y, [...names]),
      gridSize: 4,
    };
    const train = async (regularization: 'none' | 'l1'): Promise<PlaygroundModel> => {
      const m = new PlaygroundModel(setup);
      for (let e = 0; e < 300; e++) await m.trainEpoch({ lr: 0.03, batchSize: 4, regularization, regRate: 0.01 });
      return m;
    };
    const plain = await train('none');
    const sparse = await train('l1');
    const nearZero = (m: PlaygroundModel): number => m.weights().flatMap((w) => Array.from(w.kernel)).filter((v) => Math.abs(v) < 0.01).length;
    // Seeded: none of the 16 kernel weights is below 0.01 without L1; with it 6 are (λ = 0.01
    // switches off a whole hidden unit), at the price of a slightly higher loss.
    expect(nearZero(plain)).toBe(0);
    expect(nearZero(sparse)).toBeGreaterThanOrEqual(5);
    expect(sparse.snapshot(false).trainLoss).toBeLessThan(0.1);
    expect(sparse.snapshot(false).trainLoss).toBeGreaterThan(plain.snapshot(false).trainLoss);
  });

  it('trains XOR with x1·x2 as input and snapshots every layer over the grid', async () => {
    const xs = [-3, -2, 2, 3, -3, -2, 2, 3];
    const ys = [-2, -3, 3, 2, 2, 3, -3, -2];
    const labels = Float32Array.from(xs, (x, i) => (x * ys[i]! >= 0 ? 1 : 0));
    const features = featureMatrix(xs, ys, ['x1x2']);
    const g = gridPoints(4, 6);
    const m = new PlaygroundModel({
      problem: 'classification',
      inputSize: 1,
      featureNames: ['x1x2'],
      hidden: [2],
      activation: 'tanh',
      seed: 3,
      train: { features, labels, n: 8 },
      test: { features, labels, n: 8 },
      grid: featureMatrix(g.x, g.y, ['x1x2']),
      gridSize: 4,
    });
    const before = m.snapshot(false);
    for (let e = 0; e < 200; e++) await m.trainEpoch({ lr: 0.1, batchSize: 4, regularization: 'none', regRate: 0 });
    const after = m.snapshot(false);
    expect(after.epoch).toBe(200);
    expect(after.trainLoss).toBeLessThan(before.trainLoss / 4);
    expect(after.weights.map((w) => [w.inputSize, w.units])).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect(after.layerOutputs.map((a) => a.length)).toEqual([16 * 2, 16]);
    // Grid cell (0, 0) is x1 = -4.5, x2 = 4.5: x1·x2 < 0, so class 0 (p < 0.5); cell (0, 3) is class 1.
    expect(after.layerOutputs[1]![0]).toBeLessThan(0.5);
    expect(after.layerOutputs[1]![3]).toBeGreaterThan(0.5);
  });
});

describe('editing a weight', () => {
  it('sets exactly that kernel value and refuses a value float32 cannot hold (it rounds to ∞)', () => {
    const spec = { problem: 'regression' as const, inputSize: 2, featureNames: ['x1', 'x2'], hidden: [3], activation: 'tanh' as const, seed: 1 };
    const pts = { features: Float32Array.of(0, 0), labels: Float32Array.of(0), n: 1 };
    const m = new PlaygroundModel({ ...spec, train: pts, test: pts, grid: Float32Array.of(0, 0), gridSize: 1 });
    const before = m.weights();
    m.setWeight(1, 2, 0.75);
    const after = m.weights();
    expect(after[1]!.kernel[2]).toBe(0.75);
    expect(Array.from(after[0]!.kernel)).toEqual(Array.from(before[0]!.kernel));
    expect(after[1]!.kernel.filter((_, i) => i !== 2)).toEqual(before[1]!.kernel.filter((_, i) => i !== 2));
    expect(() => m.setWeight(1, 2, 1e40)).toThrow(/holds Infinity/);
    expect(() => m.setWeight(1, 3, 1)).toThrow(/no weight 4/);
  });
});
