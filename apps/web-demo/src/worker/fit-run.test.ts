import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deserializeModel, loadIris, Model, Rng, serializeModel, Standardizer, stratifiedSplit, subset } from '@backprop/core';
import { describe, expect, it } from 'vitest';
import { errorText } from './field-names.js';
import { FitRun } from './fit-run.js';
import { jobSource, mnistSource } from './job-data.js';
import type { FitJob, FitProgress } from './protocol.js';

/** Runs a job to its end, keeping every progress message (none throttled). */
async function runJob(job: FitJob, mnistBytes?: Uint8Array) {
  const reports: FitProgress[] = [];
  const outcome = await new FitRun(job).run((p) => {
    reports.push(p);
    return true;
  }, mnistBytes);
  return { ...outcome, reports, points: reports.flatMap((r) => r.points).concat(outcome.last.points) };
}

const mnistBytes = (): Uint8Array => new Uint8Array(readFileSync(createRequire(import.meta.url).resolve('@backprop/core/assets/mnist-10k.bin.gz')));

describe('an Iris job', () => {
  const job: FitJob = { config: { data: 'iris', layers: [8], activation: 'tanh', optimizer: { name: 'adam', lr: 0.02 }, epochs: 20, batchSize: 16, seed: 42, testSplit: 0.3 } };

  it('is the run written by hand: stratified split, standardised on the training rows, softmax classifier', async () => {
    const { trained, points, last, stopReason } = await runJob(job);
    const { train, test } = stratifiedSplit(loadIris(), 0.3, 42);
    const scaler = new Standardizer().fit(train);
    const model = Model.create(
      { inputSize: 4, layers: [{ type: 'dense', units: 8, activation: 'tanh' }, { type: 'dense', units: 3, activation: 'softmax' }], loss: 'cross-entropy' },
      { seed: 42 },
    );
    const testLosses: number[] = [];
    await model.fit(scaler.transformDataset(train), {
      epochs: 20,
      batchSize: 16,
      optimizer: { name: 'adam', lr: 0.02 },
      onEpochEnd: () => void testLosses.push(model.evaluate(scaler.transformDataset(test)).loss),
    });
    expect(stopReason).toBe('completed');
    expect(trained.model.getWeights()).toEqual(model.getWeights());
    expect(points.map((p) => p.epoch)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(points.map((p) => p.testLoss)).toEqual(testLosses);

    const expected = model.evaluate(scaler.transformDataset(test));
    expect(last).toMatchObject({ epoch: 20, epochs: 20, fraction: 1, testLoss: expected.loss, testAccuracy: expected.accuracy, confusion: expected.confusion });
    expect(last.confusion!.flat().reduce((a, b) => a + b, 0)).toBe(45);
    expect(last.testAccuracy).toBeGreaterThan(0.85);
  });

  it('saves the layout the CLI writes: the resolved config, classes, features, preprocessing and the result', async () => {
    const { trained } = await runJob(job);
    const { metadata } = deserializeModel(serializeModel(trained.model, trained.metadata));
    expect(metadata.dataset).toBe('iris');
    expect(metadata.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(metadata.featureNames).toHaveLength(4);
    expect(metadata.preprocess).toMatchObject({ type: 'standardize' });
    const training = metadata.training as { config: Record<string, unknown>; result: Record<string, unknown> };
    // Every default decided by core, as `backprop train` saves it.
    expect(training.config).toMatchObject({ data: 'iris', model: 'mlp', layers: [8], activation: 'tanh', loss: 'cross-entropy', epochs: 20, batchSize: 16, testSplit: 0.3, normalize: 'standardize', seed: 42 });
    expect(training.config['optimizer']).toMatchObject({ name: 'adam', lr: 0.02, beta1: 0.9, beta2: 0.999 });
    expect(training.result).toMatchObject({ data: 'iris', epochs: 20, trainRows: 105, testRows: 45, backend: 'ts', stopReason: 'completed' });
    expect(trained.preprocessor?.toJSON()).toEqual(metadata.preprocess);
  });

  it('refuses a config core cannot run before training, in the form\'s words', async () => {
    const bad: FitJob = { config: { ...job.config, optimizer: { name: 'sgd', lr: 0 } } };
    const error = await new FitRun(bad).run(() => true).catch((e: unknown) => e);
    expect(errorText(error)).toBe('learning rate must be a number > 0, got 0');
  });

  it('stops after the current batch when asked, keeping the model trained so far', async () => {
    const run = new FitRun({ config: { ...job.config, epochs: 1000 } });
    const outcome = await run.run((p, epochEnd) => {
      if (epochEnd && p.epoch === 3) run.stop();
      return true;
    });
    expect(outcome.stopReason).toBe('aborted');
    expect(outcome.last.epoch).toBe(3);
    expect((outcome.trained.metadata.training as { result: { epochs: number } }).result.epochs).toBe(3);
  });
});

describe('an MNIST job', () => {
  it('trains on the first `limit` digits of a seeded shuffle, unscaled, 20% held out', async () => {
    const bytes = mnistBytes();
    const all = (await mnistSource(bytes)).data;
    const source = await jobSource({ config: { data: 'mnist', seed: 3 }, limit: 500 }, bytes);
    const rows = Array.from(new Rng(3).permutation(all.n).subarray(0, 500));
    expect(source?.data.x).toEqual(subset(all, rows).x);
    expect(source).toMatchObject({ name: 'mnist', normalize: 'none', imageSide: 28 });
    // No limit (or one past the set): all 10,000 digits, as loaded.
    expect((await jobSource({ config: { data: 'mnist', seed: 3 }, limit: 10000 }, bytes))?.data).toBe(all);

    const { trained, last } = await runJob({ config: { data: 'mnist', layers: [16], optimizer: { name: 'adam', lr: 0.002 }, epochs: 1, batchSize: 32, seed: 3, testSplit: 0.2 }, limit: 500 }, bytes);
    expect(last.confusion!.flat().reduce((a, b) => a + b, 0)).toBe(100);
    expect(trained.preprocessor).toBeUndefined();
    expect(trained.metadata).toMatchObject({ dataset: 'mnist', imageSide: 28, classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] });
    expect(trained.metadata.training).toMatchObject({ config: { normalize: 'none', testSplit: 0.2 }, task: { limit: 500 }, result: { trainRows: 400, testRows: 100 } });
  });

  it('needs the asset bytes', async () => {
    await expect(jobSource({ config: { data: 'mnist', seed: 1 } })).rejects.toThrow('the MNIST job needs the digits asset bytes');
  });
});

describe('a sine job', () => {
  const sine = { period: 25, noise: 0, steps: 30 };
  const job: FitJob = { config: { data: 'sine', model: 'gru', units: 8, seqLen: 12, optimizer: { name: 'adam', lr: 0.01 }, epochs: 3, batchSize: 32, seed: 5 }, sine };

  it('trains the chosen cell on its own windows, scoring its own test windows and forecasting each epoch', async () => {
    const source = await jobSource(job);
    expect([source?.data.n, source?.test?.n, source?.data.inputSize, source?.seqLen]).toEqual([256, 128, 12, 12]);
    const { trained, points, last } = await runJob(job);
    expect(trained.model.layers.map((l) => l.type)).toEqual(['gru', 'dense']);
    expect(trained.model.layers[0]?.outputSize).toBe(8);
    expect(points).toHaveLength(3);
    expect(points.every((p) => Number.isFinite(p.testLoss) && p.testAccuracy === undefined)).toBe(true);
    expect(last.testLoss).toBe(trained.model.evaluate(source!.test!).loss);
    expect(last.forecast?.truth).toHaveLength(12 + 30);
    expect(last.forecast?.prediction).toHaveLength(30);
    expect(last.forecast?.mse).toBeGreaterThan(0);
    expect(trained.metadata.training).toMatchObject({ config: { data: 'sine', model: 'gru', units: 8, seqLen: 12, testSplit: 0, normalize: 'none' }, task: sine, result: { trainRows: 256, testRows: 128 } });
  });

  it('needs its task settings', async () => {
    await expect(jobSource({ config: { data: 'sine', model: 'rnn', seqLen: 10, seed: 1 } })).rejects.toThrow('the sine job needs its task settings');
  });
});
