import { describe, expect, it } from 'vitest';
import { Model } from '../model/model.js';
import '../recurrent/register.js';
import { modelSpecOf } from './model-spec.js';
import { resolveConfig, type DataFacts } from './resolve-config.js';

const mnist: DataFacts = { name: 'mnist', task: 'classification', n: 10000, inputSize: 784, outputSize: 10, normalize: 'none', imageShape: [1, 28, 28] };

describe('modelSpecOf: feed-forward layers', () => {
  it('an MLP on image data is the spec it always was: no input shape, dense layers and dropout after each', () => {
    const spec = modelSpecOf(resolveConfig({ layers: [32], dropout: 0.2 }, mnist), 784, 10, { imageShape: [1, 28, 28] });
    expect(spec).toEqual({
      inputSize: 784,
      layers: [
        { type: 'dense', units: 32, activation: 'relu' },
        { type: 'dropout', rate: 0.2 },
        { type: 'dense', units: 10, activation: 'softmax' },
      ],
      loss: 'cross-entropy',
    });
  });

  it('W5 LeNet-5 from its tokens: the image shape as input shape, the hidden activation on conv and dense layers', () => {
    const config = resolveConfig({ layers: 'conv:6:5:p2,pool:2,conv:16:5,pool:2,120,84', activation: 'relu' }, mnist);
    expect(modelSpecOf(config, 784, 10, { imageShape: [1, 28, 28] })).toEqual({
      inputSize: 784,
      inputShape: [1, 28, 28],
      layers: [
        { type: 'conv2d', filters: 6, kernelSize: 5, padding: 2, activation: 'relu' },
        { type: 'maxpool2d', kernelSize: 2 },
        { type: 'conv2d', filters: 16, kernelSize: 5, activation: 'relu' },
        { type: 'maxpool2d', kernelSize: 2 },
        { type: 'dense', units: 120, activation: 'relu' },
        { type: 'dense', units: 84, activation: 'relu' },
        { type: 'dense', units: 10, activation: 'softmax' },
      ],
      loss: 'cross-entropy',
    });
  });

  it("a layer object's own activation wins; the dropout key follows dense layers only; every token kind", () => {
    const config = resolveConfig(
      { layers: [{ type: 'conv2d', filters: 4, kernelSize: 3, activation: 'tanh' }, 'conv:4:3:same', 'bn', 'avgpool:2', 'gap', 'flatten', 'ln', 'dropout:0.5', 16], dropout: 0.1, activation: 'elu' },
      mnist,
    );
    expect(modelSpecOf(config, 784, 10, { imageShape: [1, 28, 28] }).layers).toEqual([
      { type: 'conv2d', filters: 4, kernelSize: 3, activation: 'tanh' },
      { type: 'conv2d', filters: 4, kernelSize: 3, padding: 'same', activation: 'elu' },
      { type: 'batchnorm' },
      { type: 'avgpool2d', kernelSize: 2 },
      { type: 'globalavgpool2d' },
      { type: 'flatten' },
      { type: 'layernorm' },
      { type: 'dropout', rate: 0.5 },
      { type: 'dense', units: 16, activation: 'elu' },
      { type: 'dropout', rate: 0.1 },
      { type: 'dense', units: 10, activation: 'softmax' },
    ]);
  });

  it('the cnn preset reads images', () => {
    const spec = modelSpecOf(resolveConfig({ model: 'cnn' }, mnist), 784, 10, { imageShape: [1, 28, 28] });
    expect(spec.inputShape).toEqual([1, 28, 28]);
    expect(spec.layers[0]).toMatchObject({ type: 'conv2d', activation: 'relu' });
    expect(spec.layers.at(-1)).toEqual({ type: 'dense', units: 10, activation: 'softmax' });
  });
});

describe('modelSpecOf: recurrent models on token ids', () => {
  const textIds: DataFacts = { name: 'text', task: 'classification', n: 4225, inputSize: 32, outputSize: 64, normalize: 'none', seqLen: 32, classes: 64, vocabSize: 64 };

  it('puts the embedding first; the recurrent layer reads its vectors, one per step', () => {
    const config = resolveConfig({ model: 'lstm', embedding: 16, units: 24 }, textIds);
    const spec = modelSpecOf(config, 32, 64, textIds);
    expect(spec).toEqual({
      inputSize: 32,
      layers: [
        { type: 'embedding', vocabSize: 64, dim: 16 },
        { type: 'lstm', units: 24, seqLen: 32, features: 16 },
        { type: 'dense', units: 64, activation: 'softmax' },
      ],
      loss: 'cross-entropy',
    });
    // It builds: the embedding's [32, 16] output is the LSTM's 32 steps of 16 features.
    const model = Model.create(spec, { seed: 1 });
    expect(model.layers.map((l) => l.outputSize)).toEqual([512, 24, 64]);
    // The table (64 × 16), the LSTM's four gates (one bias each) and the dense output.
    expect(model.parameterCount()).toBe(64 * 16 + 4 * (16 * 24 + 24 * 24 + 24) + 25 * 64);
  });

  it('one-hot rows, as before, have no embedding; an embedding without token ids cannot be built', () => {
    const oneHot = resolveConfig({ model: 'gru' }, { ...textIds, inputSize: 2048, vocabSize: undefined });
    expect(modelSpecOf(oneHot, 2048, 64).layers[0]).toEqual({ type: 'gru', units: 32, seqLen: 32, features: 64 });
    const config = resolveConfig({ model: 'gru', embedding: 8 }, textIds);
    expect(() => modelSpecOf(config, 32, 64)).toThrow('an embedding of 8 needs rows of token ids (their vocabSize)');
  });
});
