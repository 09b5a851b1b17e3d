import { describe, expect, it } from 'vitest';
import { modelSpecOf } from './model-spec.js';
import { resolveConfig, type DataFacts } from './resolve-config.js';

const mnist: DataFacts = { name: 'mnist', task: 'classification', n: 10000, inputSize: 784, outputSize: 10, normalize: 'none', imageShape: [1, 28, 28] };

describe('modelSpecOf: feed-forward layers', () => {
  it('an MLP on image data is the spec it always was: no input shape, dense layers and dropout after each', () => {
    const spec = modelSpecOf(resolveConfig({ layers: [32], dropout: 0.2 }, mnist), 784, 10, [1, 28, 28]);
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
    expect(modelSpecOf(config, 784, 10, [1, 28, 28])).toEqual({
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
    expect(modelSpecOf(config, 784, 10, [1, 28, 28]).layers).toEqual([
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
    const spec = modelSpecOf(resolveConfig({ model: 'cnn' }, mnist), 784, 10, [1, 28, 28]);
    expect(spec.inputShape).toEqual([1, 28, 28]);
    expect(spec.layers[0]).toMatchObject({ type: 'conv2d', activation: 'relu' });
    expect(spec.layers.at(-1)).toEqual({ type: 'dense', units: 10, activation: 'softmax' });
  });
});
