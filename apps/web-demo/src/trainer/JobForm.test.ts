import { resolveConfig } from '@backprop/core';
import { describe, expect, it } from 'vitest';
import { formConfig, parseLayers, type JobFormValues } from './JobForm.js';

describe('parseLayers', () => {
  it('reads comma or space separated sizes', () => {
    expect(parseLayers('128, 64')).toEqual([128, 64]);
    expect(parseLayers(' 8 ')).toEqual([8]);
    expect(parseLayers('')).toEqual([]);
  });
  it('names the bad entry', () => {
    expect(() => parseLayers('8, x')).toThrow(/'x' must be an integer/);
    expect(() => parseLayers('0')).toThrow(/'0'/);
  });
});

describe('formConfig', () => {
  const form: JobFormValues = { layers: '16, 8', activation: 'tanh', optimizer: 'momentum', lr: 0.05, epochs: 12, batchSize: 0, seed: 7 };

  it('writes the fields as TrainConfig keys, which core resolves as they are', () => {
    const config = formConfig(form);
    expect(config).toEqual({ layers: [16, 8], activation: 'tanh', optimizer: { name: 'momentum', lr: 0.05 }, epochs: 12, batchSize: 0, seed: 7 });
    const resolved = resolveConfig(
      { data: 'iris', ...config, testSplit: 0.3 },
      { name: 'iris', task: 'classification', n: 150, inputSize: 4, outputSize: 3, normalize: 'standardize' },
    );
    expect(resolved).toMatchObject({ model: 'mlp', layers: [16, 8], activation: 'tanh', epochs: 12, batchSize: 0, seed: 7, testSplit: 0.3, loss: 'cross-entropy', outputActivation: 'softmax' });
    // Core spells out the optimizer's defaults (momentum 0.9 for 'momentum').
    expect(resolved.optimizer).toMatchObject({ name: 'momentum', lr: 0.05, momentum: 0.9 });
  });

  it('refuses a bad hidden-layer entry before any config is made', () => {
    expect(() => formConfig({ ...form, layers: '8, 0' })).toThrow("hidden layer size '0' must be an integer from 1 to 1024");
  });
});

describe('formConfig of a CNN', () => {
  it('keeps layer tokens for core, which builds convolutions on 28×28 images from them', () => {
    const form: JobFormValues = { network: 'cnn', layers: 'conv:4:5:p2, pool:2, 16', activation: 'relu', optimizer: 'adam', lr: 0.002, epochs: 1, batchSize: 32, seed: 1 };
    const config = formConfig(form);
    expect(config).toMatchObject({ model: 'cnn', layers: ['conv:4:5:p2', 'pool:2', 16] });
    const resolved = resolveConfig(
      { data: 'mnist', ...config, testSplit: 0.2 },
      { name: 'mnist', task: 'classification', n: 1000, inputSize: 784, outputSize: 10, normalize: 'none', imageShape: [1, 28, 28] },
    );
    expect(resolved).toMatchObject({ model: 'cnn', layers: ['conv:4:5:p2', 'pool:2', 16] });
    // An MLP still refuses a token as a size.
    expect(() => formConfig({ ...form, network: 'mlp' })).toThrow("hidden layer size 'conv:4:5:p2' must be an integer");
  });
});
