/**
 * Window-mode forecasting reads a model's output the right way: a sequence-to-one model whose
 * k predicted steps happen to number seqLen is not mistaken for a sequence-to-sequence model.
 */
import { describe, expect, it } from 'vitest';
import { Model } from '../model/model.js';
import { Rng } from '../util/rng.js';
import { forecast } from './forecast.js';
import './register.js';

const T = 5;
const rng = new Rng(3);
const seed = Float32Array.from({ length: T }, () => rng.uniform(-1, 1));

describe('forecast (window mode)', () => {
  it('takes the k = seqLen steps a sequence-to-one model predicts at once', () => {
    const model = Model.create({ inputSize: T, layers: [{ type: 'rnn', units: 4, features: 1 }, { type: 'dense', units: T }], loss: 'mse' }, { seed: 1 });
    expect(Array.from(forecast(model, seed, { steps: T }))).toEqual(Array.from(model.predict(seed, 1)));
  });

  it("takes the last step of a sequence-to-sequence model's output, then feeds it back", () => {
    const model = Model.create(
      {
        inputSize: T,
        layers: [
          { type: 'gru', units: 4, features: 1, returnSequences: true },
          { type: 'time-distributed-dense', units: 1, seqLen: T },
        ],
        loss: 'mse',
      },
      { seed: 1 },
    );
    const f = forecast(model, seed, { steps: 2 });
    const first = model.predict(seed, 1)[T - 1];
    expect(f[0]).toBe(first);
    const next = Float32Array.from([...seed.subarray(1), first]);
    expect(f[1]).toBe(model.predict(next, 1)[T - 1]);
  });
});
