/**
 * Learning test: an Elman RNN (through Model.fit) forecasts a sine wave. Also checks the
 * multi-step forecast (window and stateful modes) against the true continuation.
 */
import { describe, expect, it } from 'vitest';
import { sineWaves } from '../data/sequences/sine.js';
import { Model } from '../model/model.js';
import { forecast } from './forecast.js';
import './register.js';

const T = 20;

describe('RNN sine forecasting', () => {
  it('reaches test MSE < 0.01 and forecasts 25 steps ahead by feeding predictions back', async () => {
    const train = sineWaves({ n: 256, seqLen: T, seed: 1 });
    const test = sineWaves({ n: 128, seqLen: T, seed: 2 });
    const model = Model.create(
      { inputSize: T, layers: [{ type: 'rnn', units: 16, features: 1 }, { type: 'dense', units: 1 }], loss: 'mse' },
      { seed: 1 },
    );
    const before = model.evaluate(test).loss;
    await model.fit(train, { epochs: 12, batchSize: 32, optimizer: { name: 'adam', lr: 0.01 } });
    const mse = model.evaluate(test).loss;
    expect(before).toBeGreaterThan(0.05);
    expect(mse).toBeLessThan(0.01);

    // Continue one test window 25 steps (one full period) and compare with the true sine.
    const steps = 25;
    const long = sineWaves({ n: 1, seqLen: T + steps, seed: 9 });
    const seed = long.x.subarray(0, T);
    for (const mode of ['window', 'stateful'] as const) {
      const f = forecast(model, Float32Array.from(seed), { steps, mode });
      expect(f.length).toBe(steps);
      let se = 0;
      for (let s = 0; s < steps; s++) se += (f[s] - long.x[T + s]) ** 2;
      expect(se / steps, mode).toBeLessThan(0.02);
    }
  });

  it('trains sequence-to-sequence with a time-distributed dense head', async () => {
    const train = sineWaves({ n: 256, seqLen: T, seed: 3, sequenceTargets: true });
    const test = sineWaves({ n: 64, seqLen: T, seed: 4, sequenceTargets: true });
    const model = Model.create(
      {
        inputSize: T,
        layers: [
          { type: 'gru', units: 12, features: 1, returnSequences: true, truncate: 10 },
          { type: 'time-distributed-dense', units: 1, seqLen: T },
        ],
        loss: 'mse',
      },
      { seed: 2 },
    );
    await model.fit(train, { epochs: 12, batchSize: 32, optimizer: { name: 'adam', lr: 0.01 }, clipNorm: 5 });
    // The model's MSE is the mean over every element, so over the T steps too: it is already the
    // per-step MSE (dividing it by T again would make the bound 20× looser). Averaged over all
    // steps, the first ones included, which one value alone cannot predict well (it does not fix
    // the phase).
    const perStep = model.evaluate(test).loss;
    expect(perStep).toBeLessThan(0.01);
  });
});
