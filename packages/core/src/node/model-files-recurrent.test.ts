/**
 * Kept apart from the other model-file tests on purpose: this file imports nothing that registers
 * the recurrent layer types except the Node entry's own model-files module, so it shows that
 * `@backprop/core/node` alone can save and load an RNN model.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Model } from '../model/model.js';
import { loadModel, saveModel } from './model-files.js';

const dir = await mkdtemp(join(tmpdir(), 'backprop-model-files-rnn-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('saveModel / loadModel without the main entry', () => {
  it('round-trips a recurrent model', async () => {
    const spec = { inputSize: 6, layers: [{ type: 'gru', units: 3, features: 2 }, { type: 'dense', units: 1 }], loss: 'mse' } as const;
    const model = Model.create(spec, { seed: 3 });
    const path = join(dir, 'gru.bpm');
    await saveModel(path, model);
    const { model: loaded } = await loadModel(path);
    expect(loaded.getWeights()).toEqual(model.getWeights());
    const x = Float32Array.from({ length: 6 }, (_, i) => Math.sin(i));
    expect(loaded.predict(x, 1)).toEqual(model.predict(x, 1));
  });
});
