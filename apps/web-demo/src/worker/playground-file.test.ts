import { Model, serializeModel } from '@backprop/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, stateToParams } from '../playground/state.js';
import { stateFromFile } from '../playground/state-from-file.js';
import { copyWeights, readPlaygroundFile } from './playground-file.js';
import { playgroundSpec } from './playground-model.js';

const spec = playgroundSpec({ problem: 'classification', inputSize: 3, hidden: [5, 2], activation: 'tanh' });

describe('playground files', () => {
  it('reads the saved page setup and the network, and the page takes its data and network from it', () => {
    const saved = { ...DEFAULT_STATE, dataset: 'xor' as const, noise: 10, seed: 7, features: ['x1' as const, 'x2' as const, 'x1x2' as const], hidden: [5, 2], activation: 'tanh' as const, lr: 0.3 };
    const bytes = serializeModel(Model.create(spec, { seed: 2 }), { dataset: 'playground', featureNames: ['x1', 'x2', 'x1x2'], training: { page: stateToParams(saved).toString() } });
    const { info } = readPlaygroundFile(bytes);
    expect(info).toMatchObject({ hidden: [5, 2], featureNames: ['x1', 'x2', 'x1x2'], layers: ['dense 3→5 tanh', 'dense 5→2 tanh', 'dense 2→1 sigmoid'] });
    const next = stateFromFile(info, { ...DEFAULT_STATE, lr: 0.01, showTest: true });
    // Data and network from the file; the page's learning rate and view options stay.
    expect(next).toMatchObject({ dataset: 'xor', noise: 10, seed: 7, features: ['x1', 'x2', 'x1x2'], hidden: [5, 2], activation: 'tanh', lr: 0.01, showTest: true });
  });

  it('copies the weights into a network of the same shape, and refuses another', () => {
    const from = Model.create(spec, { seed: 2 });
    const to = Model.create(spec, { seed: 3 });
    expect(to.getWeights()).not.toEqual(from.getWeights());
    copyWeights(from, to);
    expect(to.getWeights()).toEqual(from.getWeights());
    const other = Model.create(playgroundSpec({ problem: 'classification', inputSize: 3, hidden: [4], activation: 'tanh' }), { seed: 1 });
    expect(() => copyWeights(from, other)).toThrow("the file's network (3→5, 5→2, 2→1) does not fit the playground's (3→4, 4→1)");
  });

  it('refuses a model the playground cannot draw', () => {
    const iris = Model.create({ inputSize: 4, layers: [{ type: 'dense', units: 3, activation: 'softmax' }], loss: 'cross-entropy' }, { seed: 1 });
    expect(() => readPlaygroundFile(serializeModel(iris, {}))).toThrow("the playground's networks have one output; this model has 3");
  });
});
