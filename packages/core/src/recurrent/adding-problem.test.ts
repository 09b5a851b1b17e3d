/** Learning test: an LSTM (through Model.fit) solves the adding problem at length 50. */
import { describe, expect, it } from 'vitest';
import { ADDING_BASELINE_MSE, addingProblem } from '../data/sequences/adding.js';
import { Model } from '../model/model.js';
import './register.js';

describe('LSTM adding problem', () => {
  it('beats the always-1.0 baseline (MSE 0.167) by far at length 50', async () => {
    const T = 50;
    const train = addingProblem({ n: 3200, seqLen: T, seed: 1 });
    const test = addingProblem({ n: 400, seqLen: T, seed: 2 });
    // The baseline really is ≈ 1/6 on this test set.
    let base = 0;
    for (let i = 0; i < test.n; i++) base += (test.y[i] - 1) ** 2;
    expect(base / test.n).toBeGreaterThan(0.13);
    expect(base / test.n).toBeLessThan(0.2);
    const model = Model.create(
      { inputSize: 2 * T, layers: [{ type: 'lstm', units: 8, features: 2 }, { type: 'dense', units: 1 }], loss: 'mse' },
      { seed: 1 },
    );
    await model.fit(train, {
      epochs: 6,
      batchSize: 32,
      optimizer: { name: 'adam', lr: 0.03 },
      clipNorm: 1,
      onEpochEnd: () => model.evaluate(test).loss > 0.01,
    });
    const mse = model.evaluate(test).loss;
    expect(mse).toBeLessThan(0.05);
    expect(mse).toBeLessThan(ADDING_BASELINE_MSE / 4);
  });
});
