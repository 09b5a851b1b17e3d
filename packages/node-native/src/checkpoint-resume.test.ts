// A checkpoint taken on the native backend resumes bit for bit like an uninterrupted run, for
// every optimizer (its moments, accumulators and step travel in the model file).
import { describe, expect, it } from 'vitest';
import { deserializeModel, loadIris, Model, serializeModel, type ModelSpec, type OptimizerConfig } from '@backprop/core';
import { loadNativeBackend } from './index.js';

const native = loadNativeBackend();
const SPEC: ModelSpec = {
  inputSize: 4,
  layers: [
    { type: 'dense', units: 6, activation: 'tanh' },
    { type: 'dense', units: 3, activation: 'softmax' },
  ],
  loss: 'cross-entropy',
};

describe('native checkpoints resume exactly', () => {
  it.each([
    { name: 'adam', lr: 0.01 },
    { name: 'rmsprop', lr: 0.01, momentum: 0.5, centered: true, weightDecay: 0.01 },
    { name: 'adagrad', lr: 0.05 },
    { name: 'adamax', lr: 0.01 },
    { name: 'nadam', lr: 0.01 },
  ] satisfies OptimizerConfig[])('$name', async (optimizer) => {
    const data = loadIris();
    const opts = { epochs: 5, batchSize: 16, optimizer };
    const full = Model.create(SPEC, { backend: native, seed: 3 });
    const hFull = await full.fit(data, opts);
    const first = Model.create(SPEC, { backend: native, seed: 3 });
    let checkpoint: Uint8Array = new Uint8Array(0);
    await first.fit(data, {
      ...opts,
      onEpochEnd: (log) => {
        if (log.epoch === 2) checkpoint = serializeModel(first, {}, { trainingState: true });
        return log.epoch < 2;
      },
    });
    const { model: resumed, trainingState } = deserializeModel(checkpoint, { backend: native });
    expect(trainingState?.optimizer?.state.name).toBe(optimizer.name);
    const hRest = await resumed.fit(data, { ...opts, initialEpoch: trainingState!.epoch });
    expect(hRest.epochs.map((e) => e.loss)).toEqual(hFull.epochs.slice(2).map((e) => e.loss));
    expect(resumed.getWeights()).toEqual(full.getWeights());
  });
});
