// A misspelt layer option must not be silently replaced by its default (the LayerSpec type
// cannot catch it: its open member admits any key).
import { describe, expect, it } from 'vitest';
import '../../recurrent/index.js';
import { Model } from '../model.js';
import type { LayerSpec, ModelSpec } from '../types.js';

const create = (inputSize: number, layers: LayerSpec[], loss: ModelSpec['loss'] = 'mse'): Model =>
  Model.create({ inputSize, layers, loss }, { seed: 1 });

describe('layer specs refuse unknown options', () => {
  it.each([
    ['dense', 2, [{ type: 'dense', units: 3, activaton: 'tanh' }], /layer 1 \(dense\): unknown option 'activaton' \(expected units, activation, alpha, init, useBias\)/],
    ['dropout', 3, [{ type: 'dropout', rate: 0.5, seed: 3 }], /layer 1 \(dropout\): unknown option 'seed' \(expected rate\)/],
    ['lstm', 6, [{ type: 'lstm', units: 4, features: 2, return_sequences: true }], /layer 1 \(lstm\): unknown option 'return_sequences'/],
    ['rnn', 6, [{ type: 'rnn', units: 4, features: 2 }, { type: 'dense', units: 1, name: 'head' }], /layer 2 \(dense\): unknown option 'name'/],
    [
      'time-distributed-dense',
      6,
      [{ type: 'gru', units: 4, features: 2, returnSequences: true }, { type: 'time-distributed-dense', units: 1, seqLen: 3, activaton: 'tanh' }],
      /layer 2 \(time-distributed-dense\): unknown option 'activaton'/,
    ],
    ['fixed-point', 2, [{ type: 'fixed-point', units: 2, outputSize: 1, hidden: 3 }], /layer 1 \(fixed-point\): unknown option 'hidden'/],
  ] as const)('%s', (_name, inputSize, layers, message) => {
    expect(() => create(inputSize, [...layers])).toThrow(message);
  });

  it('refuses null options (JSON can say null; it used to become the default) and a non-boolean useBias', () => {
    expect(() => create(2, [{ type: 'dense', units: 3, activation: null }])).toThrow(/layer 1 \(dense\): option 'activation' is null \(leave it out for the default\)/);
    expect(() => create(6, [{ type: 'lstm', units: 4, features: 2, init: null }])).toThrow(/layer 1 \(lstm\): option 'init' is null/);
    expect(() => create(2, [{ type: 'dense', units: 3, useBias: 0 }])).toThrow(/layer 1 \(dense\): useBias must be true or false, got 0/);
  });

  it('accepts every option each layer writes into model.spec (saved files rebuild)', () => {
    const models = [
      create(4, [
        { type: 'dense', units: 5, activation: 'leaky-relu', alpha: 0.2, init: 'he-uniform', useBias: false },
        { type: 'dropout', rate: 0.25 },
        { type: 'dense', units: 2, activation: 'softmax' },
      ], 'cross-entropy'),
      create(6, [
        { type: 'rnn', units: 3, features: 2, returnSequences: true, truncate: 2, activation: 'relu', init: 'uniform', recurrentInit: 'orthogonal' },
        { type: 'lstm', units: 2, seqLen: 3, returnSequences: true },
        { type: 'time-distributed-dense', units: 1, seqLen: 3, activation: 'leaky-relu', alpha: 0.1, init: 'zeros', useBias: true },
      ]),
      create(3, [{ type: 'fixed-point', units: 0, outputSize: 2, activation: 'tanh', tolerance: 1e-5, maxIterations: 50, initScale: 0.5 }]),
    ];
    for (const model of models) {
      const again = Model.create(model.spec, { seed: 1 });
      expect(again.spec).toEqual(model.spec);
      expect(again.parameterCount()).toBe(model.parameterCount());
    }
    // The options written are the full sets, so the check above covers every known key.
    expect(Object.keys(models[0]!.spec.layers[0]!).sort()).toEqual(['activation', 'alpha', 'init', 'type', 'units', 'useBias']);
    expect(Object.keys(models[1]!.spec.layers[0]!).sort()).toEqual(
      ['activation', 'features', 'init', 'recurrentInit', 'returnSequences', 'seqLen', 'truncate', 'type', 'units'],
    );
    expect(Object.keys(models[2]!.spec.layers[0]!).sort()).toEqual(['activation', 'initScale', 'maxIterations', 'outputSize', 'tolerance', 'type', 'units']);
  });
});
