import { describe, expect, it } from 'vitest';
import { Model } from '../model/model.js';
import { ConfigError } from '../util/config-error.js';
import { checkTrainingMemory, DEFAULT_TRAIN_MEMORY_BYTES, estimateTrainingMemory } from './memory-estimate.js';
import { resolveConfig } from './resolve-config.js';
// The package entry: it registers the generated sequence sets ('sine') that train loads by name.
import { train } from '../index.js';

const irisFacts = { name: 'iris', task: 'classification', n: 150, inputSize: 4, outputSize: 3, normalize: 'standardize' } as const;

async function refusal(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('estimateTrainingMemory', () => {
  it('counts weights, gradients and optimizer moments per parameter, and a batch of activations', () => {
    const config = resolveConfig({ data: 'iris', layers: [8], batchSize: 16, optimizer: { name: 'adam' } }, irisFacts);
    const m = estimateTrainingMemory(config, 4, 3, 120);
    // 4-8-3: (4 + 1)·8 + (8 + 1)·3 = 67 parameters; adam keeps 2 moments: 4 values each.
    expect(m.parameters).toBe(67);
    expect(m.parameterBytes).toBe(67 * 4 * 4);
    // (4 + 8 + 3) activations per row, 3 values each, 16 rows.
    expect(m.activationBytes).toBe(15 * 3 * 4 * 16);
    expect(m.batchRows).toBe(16);
  });

  it('counts a recurrent layer over its steps', () => {
    const config = resolveConfig({ data: 'x', model: 'lstm', units: 10, seqLen: 5, batchSize: 2 }, { ...irisFacts, inputSize: 5, outputSize: 1, task: 'regression' });
    const m = estimateTrainingMemory(config, 5, 1, 100);
    expect(m.parameters).toBe(4 * (1 * 10 + 10 * 10 + 20) + 11);
  });

  it('counts an embedding: its table in the parameters, its vectors in the activations', () => {
    const facts = { ...irisFacts, name: 'text', inputSize: 32, outputSize: 64, seqLen: 32, vocabSize: 64, normalize: 'none' } as const;
    const config = resolveConfig({ model: 'lstm', units: 24, embedding: 16, batchSize: 8 }, facts);
    const m = estimateTrainingMemory(config, 32, 64, 100, facts);
    // The 64 × 16 table, then an LSTM reading 16 features per step.
    expect(m.parameters).toBe(64 * 16 + 4 * (16 * 24 + 24 * 24 + 48) + 25 * 64);
    // Per row: 32 ids, their 32 × 16 vectors, 32 steps of 4 gates of 24 units, 64 outputs.
    expect(m.activationBytes).toBe(4 * 3 * (32 + 32 * 16 + 32 * 4 * 24 + 64) * 8);
  });
});

describe('train refuses a config that does not fit its memory limit, before allocating', () => {
  it('names layers for a model too large (the default limit is 4 GiB)', async () => {
    expect(DEFAULT_TRAIN_MEMORY_BYTES).toBe(4 * 2 ** 30);
    const e = await refusal(train({ data: 'iris', layers: [10_000_000, 1000], epochs: 1 }));
    expect(e.keys).toEqual(['layers']);
    // (4 + 1)·10^7 + (10^7 + 1)·1000 + 1001·3 parameters, 12 bytes each with sgd's one moment.
    expect(e.message).toBe(
      'layers 10000000,1000 make a model of 10050004003 parameters, whose weights, gradients and optimizer moments need 112.3 GiB, over the 4 GiB memory limit: use fewer or smaller layers',
    );
  });

  it('names units for a recurrent model too large for memoryLimitBytes', async () => {
    const e = await refusal(train({ data: 'sine', model: 'rnn', units: 100_000, epochs: 1 }, { memoryLimitBytes: 2 ** 30 }));
    expect(e.keys).toEqual(['units']);
    expect(e.message).toMatch(/^units 100000 makes a model of \d+ parameters, .* over the 1 GiB memory limit: use fewer units$/);
  });

  it('names units and embedding when a recurrent model with an embedding is too large', () => {
    const facts = { ...irisFacts, name: 'text', inputSize: 32, outputSize: 64, seqLen: 32, vocabSize: 64, normalize: 'none' } as const;
    const config = resolveConfig({ model: 'lstm', units: 24, embedding: 1 << 20 }, facts);
    const e = (() => {
      try {
        checkTrainingMemory(config, 32, 64, 100, 2 ** 30, facts);
      } catch (error) {
        return error as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(e.keys).toEqual(['units', 'embedding']);
    expect(e.message).toMatch(/^units 24 and embedding 1048576 make a model of \d+ parameters, .* over the 1 GiB memory limit: use fewer units or a smaller embedding$/);
  });

  it('names batchSize when the batch tips it over', async () => {
    const e = await refusal(train({ data: 'iris', layers: [8], batchSize: 0, epochs: 1 }, { memoryLimitBytes: 10_000 }));
    expect(e.keys).toEqual(['batchSize']);
    expect(e.message).toBe("batchSize 0 (120 rows) needs 21.1 KiB of activations, and with the model's 804 bytes that is over the 9.8 KiB memory limit: use a smaller batchSize");
  });

  it('Model.create refuses more than DEFAULT_MAX_PARAMETERS before allocating', () => {
    expect(() => Model.create({ inputSize: 4, layers: [{ type: 'dense', units: 2 ** 29 }], loss: 'mse' })).toThrow(
      'Model.create: layer 1 needs 2684354560 parameter values, more than the 1073741824 left of maxParameters (1073741824)',
    );
  });

  it('trains what fits', async () => {
    const result = await train({ data: 'iris', layers: [8], batchSize: 16, epochs: 1, backend: 'ts' }, { memoryLimitBytes: 10_000 });
    expect(result.history.epochs.length).toBe(1);
  });
});

describe('estimateTrainingMemory: convolutional layers', () => {
  const mnistFacts = { name: 'mnist', task: 'classification', n: 10000, inputSize: 784, outputSize: 10, normalize: 'none', imageShape: [1, 28, 28] } as const;

  it('counts LeNet-5 (W5) parameters from the image shape, and the im2col patches', () => {
    const config = resolveConfig({ layers: 'conv:6:5:p2,pool:2,conv:16:5,pool:2,120,84', batchSize: 1 }, mnistFacts);
    const m = estimateTrainingMemory(config, 784, 10, 8000, { imageShape: [1, 28, 28] });
    // conv 6·1·25 + 6, conv 16·6·25 + 16, dense 400·120 + 120, 120·84 + 84, 84·10 + 10: PyTorch's LeNet-5 count.
    expect(m.parameters).toBe(156 + 2416 + 48120 + 10164 + 850);
    // Values per row: 784 in, 6·28·28, 6·14·14, 16·10·10, 16·5·5, 120, 84, 10; patches 28·28·25 and 10·10·150 (counted once).
    const values = 784 + 4704 + 1176 + 1600 + 400 + 120 + 84 + 10;
    expect(m.activationBytes).toBeCloseTo(4 * (3 * values + 28 * 28 * 25 + 10 * 10 * 150), 6);
  });

  it('names the layers, objects as JSON, when the model is too large', async () => {
    const config = resolveConfig({ layers: [{ type: 'conv2d', filters: 1 << 20, kernelSize: 5 }, 'pool:2'] }, mnistFacts);
    expect(() => estimateTrainingMemory(config, 784, 10, 8000, { imageShape: [1, 28, 28] })).not.toThrow();
    const { checkTrainingMemory } = await import('./memory-estimate.js');
    expect(() => checkTrainingMemory(config, 784, 10, 8000, 2 ** 20, { imageShape: [1, 28, 28] })).toThrow(/^layers \{"type":"conv2d","filters":1048576,"kernelSize":5\},pool:2 make a model of \d+ parameters/);
  });
});
