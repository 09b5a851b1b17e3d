import { beforeEach, describe, expect, it, vi } from 'vitest';
import { subset } from '../data/subset.js';
import { Rng } from '../util/rng.js';
import { Model } from './model.js';
import type { Dataset, DType, FitOptions, ModelSpec } from './types.js';

// Every call of `subset` (the row copier) is recorded, so a test can see which rows fit copies.
vi.mock('../data/subset.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../data/subset.js')>();
  return { ...actual, subset: vi.fn(actual.subset) };
});
const subsetSpy = vi.mocked(subset);

const SPEC: ModelSpec = {
  inputSize: 4,
  layers: [
    { type: 'dense', units: 6, activation: 'relu' },
    { type: 'dropout', rate: 0.2 },
    { type: 'dense', units: 3, activation: 'softmax' },
  ],
  loss: 'cross-entropy',
};

function data(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const x = Float32Array.from({ length: n * 4 }, () => rng.normal());
  const y = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) y[i * 3 + ((x[i * 4]! > 0 ? 1 : 0) + (x[i * 4 + 1]! > 0.3 ? 1 : 0))] = 1;
  return { x, y, n, inputSize: 4, outputSize: 3, classNames: ['a', 'b', 'c'] };
}

/**
 * The split fit has always made, written out independently of fit-options.ts: a permutation from
 * Rng(seed ^ 0x5f3759df), its first n − ⌈n·fraction⌉ entries the training rows, the rest the
 * validation rows. A resumed run recomputes the split, so this must never change.
 */
function referenceSplit(d: Dataset, fraction: number, seed: number): { train: Dataset; validation: Dataset } {
  const perm = new Rng((seed ^ 0x5f3759df) >>> 0).permutation(d.n);
  const nTrain = d.n - Math.ceil(d.n * fraction);
  return { train: subset(d, perm.subarray(0, nTrain)), validation: subset(d, perm.subarray(nTrain)) };
}

const BASE: FitOptions = { epochs: 3, batchSize: 7, optimizer: { name: 'adam', lr: 0.02 } };

async function viaSplit(options: Partial<FitOptions>, dtype: DType, seed: number) {
  const model = Model.create(SPEC, { seed, dtype });
  const history = await model.fit(data(53, 2), { ...BASE, ...options, validationSplit: 0.25 });
  return { weights: model.getWeights(), history };
}

async function viaExplicitCopies(options: Partial<FitOptions>, dtype: DType, seed: number) {
  const { train, validation } = referenceSplit(data(53, 2), 0.25, seed);
  const model = Model.create(SPEC, { seed, dtype });
  const history = await model.fit(train, { ...BASE, ...options, validationData: validation });
  return { weights: model.getWeights(), history };
}

const strip = (h: Awaited<ReturnType<typeof viaSplit>>['history']) =>
  h.epochs.map(({ epoch, loss, accuracy, valLoss, valAccuracy, lr }) => ({ epoch, loss, accuracy, valLoss, valAccuracy, lr }));

describe('fit with validationSplit', () => {
  beforeEach(() => {
    subsetSpy.mockClear();
  });

  const cases: [string, Partial<FitOptions>, DType][] = [
    ['shuffled minibatches', {}, 'float32'],
    ['unshuffled minibatches', { shuffle: false }, 'float32'],
    ['one full batch', { batchSize: 0 }, 'float32'],
    ['shuffled minibatches, float64', {}, 'float64'],
    ['plain SGD (fused update)', { optimizer: { name: 'sgd', lr: 0.1 } }, 'float32'],
  ];
  for (const [name, options, dtype] of cases) {
    it(`trains bit for bit as on explicit copies of the same split (${name})`, async () => {
      const split = await viaSplit(options, dtype, 11);
      const reference = await viaExplicitCopies(options, dtype, 11);
      expect(split.weights).toEqual(reference.weights);
      expect(strip(split.history)).toEqual(strip(reference.history));
      expect(split.history.epochs[0]!.valLoss).toBeGreaterThan(0);
    });
  }

  it('copies only the validation rows, never the training rows', async () => {
    const d = data(53, 2);
    const nVal = Math.ceil(53 * 0.25);
    let batches = 0;
    const model = Model.create(SPEC, { seed: 11 });
    await model.fit(d, { ...BASE, validationSplit: 0.25, onBatchEnd: () => void batches++ });
    expect(subsetSpy.mock.calls.map(([, indices]) => indices.length)).toEqual([nVal]);
    expect(batches).toBe(3 * Math.ceil((53 - nVal) / 7));
    // Training reads the caller's rows in place and leaves them as they were.
    expect(d.x).toEqual(data(53, 2).x);
    expect(d.y).toEqual(data(53, 2).y);
  });
});
