/**
 * The recurrent layers inside Model: the model's own float64 gradcheck (fused output heads,
 * stacked recurrent layers, every parameter and the input), gradient clipping by norm in fit,
 * serialisation of the spec, and clear errors for bad specs.
 */
import { describe, expect, it } from 'vitest';
import { tsBackend } from '../backend/index.js';
import { gradcheck } from '../model/gradcheck.js';
import { Model } from '../model/model.js';
import { deserializeModel, serializeModel } from '../model/serialize.js';
import type { ModelSpec } from '../model/types.js';
import { Rng } from '../util/rng.js';
import './register.js';

const T = 5;
const F = 3;
const rows = 3;

function data(outputs: number, oneHot: boolean, seed: number) {
  const rng = new Rng(seed);
  const x = new Float64Array(rows * T * F).map(() => rng.uniform(-1, 1));
  const y = new Float64Array(rows * outputs);
  for (let r = 0; r < rows; r++) {
    if (oneHot) y[r * outputs + rng.int(outputs)] = 1;
    else for (let j = 0; j < outputs; j++) y[r * outputs + j] = rng.uniform(-1, 1);
  }
  return { x, y, n: rows };
}

const specs: [string, ModelSpec, boolean][] = [
  ['rnn → dense softmax, cross-entropy', { inputSize: T * F, layers: [{ type: 'rnn', units: 4, features: F }, { type: 'dense', units: 3, activation: 'softmax' }], loss: 'cross-entropy' }, true],
  ['lstm → dense, mse', { inputSize: T * F, layers: [{ type: 'lstm', units: 4, features: F }, { type: 'dense', units: 2 }], loss: 'mse' }, false],
  ['gru → dense sigmoid, binary cross-entropy', { inputSize: T * F, layers: [{ type: 'gru', units: 4, features: F }, { type: 'dense', units: 2, activation: 'sigmoid' }], loss: 'binary-cross-entropy' }, false],
  [
    'gru seq2seq → lstm seq2one → dense (stacked)',
    { inputSize: T * F, layers: [{ type: 'gru', units: 3, features: F, returnSequences: true }, { type: 'lstm', units: 4, seqLen: T }, { type: 'dense', units: 2 }], loss: 'mse' },
    false,
  ],
  [
    'rnn seq2seq → time-distributed dense, mse',
    { inputSize: T * F, layers: [{ type: 'rnn', units: 4, features: F, returnSequences: true }, { type: 'time-distributed-dense', units: 2, seqLen: T, activation: 'tanh' }], loss: 'mse' },
    false,
  ],
];

describe('recurrent layers in Model', () => {
  it.each(specs)('gradcheck: %s', (_name, spec, oneHot) => {
    const out = Model.create(spec).outputSize;
    const probe = data(out, oneHot, 5);
    // Binary cross-entropy wants targets in [0, 1].
    if (spec.loss === 'binary-cross-entropy') probe.y.forEach((v, i) => (probe.y[i] = (v + 1) / 2));
    const result = gradcheck(spec, probe, { seed: 3 });
    expect(result.parameters.length).toBeGreaterThan(3);
    expect(result.maxRelativeError).toBeLessThan(1e-5);
  });

  it('clips the global gradient norm (FitOptions.clipNorm) across recurrent params', async () => {
    const spec: ModelSpec = { inputSize: T * F, layers: [{ type: 'lstm', units: 4, features: F }, { type: 'dense', units: 1 }], loss: 'mse' };
    const rng = new Rng(2);
    const n = 8;
    const set = { x: new Float32Array(n * T * F).map(() => rng.uniform(-1, 1)), y: new Float32Array(n).fill(10), n, inputSize: T * F, outputSize: 1 };
    const model = Model.create(spec, { seed: 4 });
    const before = model.getWeights().map((w) => Float32Array.from(w));
    const clip = 1e-3;
    const lr = 0.5;
    await model.fit(set, { epochs: 1, batchSize: 0, shuffle: false, optimizer: { name: 'sgd', lr }, clipNorm: clip });
    let sq = 0;
    model.getWeights().forEach((w, i) => w.forEach((v, j) => (sq += (v - before[i][j]) ** 2)));
    // Plain SGD moves the weights by lr·g, and ‖g‖ ≤ clip: the step is exactly lr·clip (the raw norm is far larger).
    expect(Math.sqrt(sq)).toBeCloseTo(lr * clip, 6);
  });

  it('round-trips its spec with resolved defaults', () => {
    const model = Model.create({ inputSize: 12, layers: [{ type: 'lstm', units: 5, seqLen: 4, truncate: 2 }, { type: 'dense', units: 1 }], loss: 'mse' });
    expect(model.spec.layers[0]).toEqual({
      type: 'lstm',
      units: 5,
      features: 3,
      seqLen: 4,
      returnSequences: false,
      truncate: 2,
      init: 'xavier-uniform',
      recurrentInit: 'orthogonal',
    });
    const again = Model.create(model.spec);
    expect(again.outputSize).toBe(1);
    expect(again.parameterCount()).toBe(model.parameterCount());
    // LSTM: 4 gates × (F·H + H·H + H) + dense (H + 1).
    expect(model.parameterCount()).toBe(4 * (3 * 5 + 5 * 5 + 5) + 6);
  });

  it('saves and loads through the model format with identical predictions', () => {
    const spec: ModelSpec = {
      inputSize: T * F,
      layers: [{ type: 'gru', units: 4, features: F, returnSequences: true, truncate: 2 }, { type: 'lstm', units: 3, seqLen: T }, { type: 'dense', units: 2 }],
      loss: 'mse',
    };
    const model = Model.create(spec, { seed: 8 });
    const x = new Float32Array(2 * T * F).map((_, i) => Math.sin(i));
    const back = deserializeModel(serializeModel(model)).model;
    expect(back.spec).toEqual(model.spec);
    expect(Array.from(back.predict(x, 2))).toEqual(Array.from(model.predict(x, 2)));
  });

  it('refuses bad specs with errors that name the problem', () => {
    const mk = (layer: Record<string, unknown>) => () => Model.create({ inputSize: 10, layers: [{ type: 'rnn', units: 4, ...layer }], loss: 'mse' });
    expect(mk({ features: 3 })).toThrow(/input width 10 is not seqLen × features/);
    expect(mk({})).toThrow(/give 'features'/);
    expect(mk({ features: 2, truncate: -1 })).toThrow(/truncate/);
    expect(mk({ features: 2, units: 0 })).toThrow(/units must be a positive integer/);
    expect(() => Model.create({ inputSize: 10, layers: [{ type: 'lstm', units: 2, features: 2, activation: 'relu' }], loss: 'mse' })).toThrow(/only the Elman/);
    expect(tsBackend.info.float64).toBe(true);
  });
});
