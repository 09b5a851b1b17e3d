import { describe, expect, it } from 'vitest';
// Through the entry point, which registers the built-in backends and data sets.
import { ConfigError, loadIris, Model, Standardizer, stratifiedSplit, train, tsBackend } from '../index.js';

describe('train(config)', () => {
  it('trains Iris from an empty config and equals the same run written by hand', async () => {
    const config = { epochs: 40, optimizer: { name: 'sgd' as const, lr: 0.1 }, backend: 'ts' };
    const run = await train(config);
    expect(run.config.loss).toBe('cross-entropy');
    expect(run.data.train.n).toBe(120);
    expect(run.data.test?.n).toBe(30);
    expect(run.history.epochs).toHaveLength(40);
    expect(run.evaluation.test?.accuracy).toBeGreaterThan(0.85);
    expect(run.samplesPerSecond).toBe(run.history.epochs.at(-1)?.samplesPerSecond);

    // The same run, by hand: split, standardise on the training rows, build, fit.
    const { train: rows, test } = stratifiedSplit(loadIris(), 0.2, 42);
    const scaler = new Standardizer().fit(rows);
    const model = Model.create(
      { inputSize: 4, layers: [{ type: 'dense', units: 8, activation: 'relu' }, { type: 'dense', units: 3, activation: 'softmax' }], loss: 'cross-entropy' },
      { backend: tsBackend, seed: 42 },
    );
    await model.fit(scaler.transformDataset(rows), { epochs: 40, batchSize: 32, optimizer: { name: 'sgd', lr: 0.1 } });
    expect(run.model.getWeights()).toEqual(model.getWeights());
    expect(run.evaluation.test?.loss).toBe(model.evaluate(scaler.transformDataset(test)).loss);
    expect(run.data.preprocessor?.toJSON()).toEqual(scaler.toJSON());
  });

  it('xor at its defaults: one sigmoid output, binary cross-entropy, every pattern trained', async () => {
    const run = await train({ data: 'xor', layers: [8], epochs: 400, optimizer: { lr: 0.5 }, backend: 'ts' });
    expect(run.config.loss).toBe('binary-cross-entropy');
    expect(run.data.train.n).toBe(4);
    expect(run.evaluation.train.accuracy).toBe(1);
  });

  it('rows of your own, callbacks, checkpoints and the abort signal', async () => {
    const iris = loadIris();
    const controller = new AbortController();
    const checkpoints: number[] = [];
    const run = await train(
      { data: iris, epochs: 10, checkpointEvery: 2, backend: 'ts' },
      {
        signal: controller.signal,
        onCheckpoint: (model, epoch) => {
          checkpoints.push(epoch);
          expect(model.epoch).toBe(epoch);
        },
        onEpochEnd: (log) => {
          if (log.epoch === 5) controller.abort();
        },
      },
    );
    expect(run.history.stopReason).toBe('aborted');
    expect(checkpoints).toEqual([2, 4]);
    expect(run.source.name).toBe('rows');
  });

  it('a config that cannot work is refused before training, naming the key', async () => {
    await expect(train({ data: 'iris', model: 'rnn', layers: [4] })).rejects.toBeInstanceOf(ConfigError);
    await expect(train({ data: 'no-such-set' })).rejects.toThrow(/unknown data set 'no-such-set'/);
    await expect(train({ data: 'mnist', backend: 'ts' })).rejects.toThrow(/needs the asset/);
  });
});
