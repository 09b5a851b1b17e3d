import { describe, expect, it } from 'vitest';
import { fitPreprocessor, loadIris, stratifiedSplit } from '../data/index.js';
import { Model } from './model.js';
import type { ActivationName, Dataset, LossName } from './types.js';

/** W3: Iris 70/30 stratified (seed 42), standardised on the training rows only. */
function irisSplit(): { train: Dataset; test: Dataset } {
  const { train, test } = stratifiedSplit(loadIris(), 0.3, 42);
  const pre = fitPreprocessor('standardize', train);
  return { train: pre.transformDataset(train), test: pre.transformDataset(test) };
}

async function trainIris(output: ActivationName, loss: LossName, lr = 0.1) {
  const { train, test } = irisSplit();
  const model = Model.create(
    {
      inputSize: 4,
      layers: [
        { type: 'dense', units: 8, activation: 'sigmoid' },
        { type: 'dense', units: 3, activation: output },
      ],
      loss,
    },
    { seed: 42 },
  );
  const history = await model.fit(train, { epochs: 1000, batchSize: 0, optimizer: { name: 'sgd', lr } });
  return { model, history, test: model.evaluate(test), train: model.evaluate(train) };
}

describe('Iris end to end (4-8-3, full batch, SGD lr 0.1, 1000 epochs)', () => {
  it('softmax + cross-entropy reaches test accuracy ≥ 0.93', async () => {
    const { history, test, train } = await trainIris('softmax', 'cross-entropy');
    expect(history.epochs).toHaveLength(1000);
    expect(history.stopReason).toBe('completed');
    expect(test.accuracy).toBeGreaterThanOrEqual(0.93);
    expect(train.accuracy).toBeGreaterThanOrEqual(0.93);
    // The loss falls: the last epoch's loss is far below the first's.
    expect(history.epochs[999]!.loss).toBeLessThan(history.epochs[0]!.loss / 5);
    // 45 test rows, 15 per class: the confusion matrix accounts for every row.
    expect(test.confusion!.map((r) => r.reduce((a, b) => a + b, 0))).toEqual([15, 15, 15]);
    expect(test.precision).toHaveLength(3);
  });

  it("the seed tutorial's sigmoid output + MSE reaches test accuracy ≥ 0.90 at its lr 0.1", async () => {
    const { test, history } = await trainIris('sigmoid', 'mse', 0.1);
    expect(test.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(history.epochs[999]!.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('two runs with the same seed give identical numbers; another seed differs', async () => {
    const a = await trainIris('softmax', 'cross-entropy');
    const b = await trainIris('softmax', 'cross-entropy');
    expect(b.history.epochs.map((e) => e.loss)).toEqual(a.history.epochs.map((e) => e.loss));
    expect(b.model.getWeights()).toEqual(a.model.getWeights());
    expect(b.test).toEqual(a.test);
    const other = Model.create(a.model.spec, { seed: 43 });
    expect(other.getWeights()).not.toEqual(Model.create(a.model.spec, { seed: 42 }).getWeights());
  });
});
