import { loadIris } from '@backprop/core';
import { describe, expect, it } from 'vitest';
import { FitRun } from './fit-run.js';
import { prepareInput, type LoadedModel } from './model-file.js';
import type { FitJob } from './protocol.js';

const job = (epochs: number): FitJob => ({ config: { data: 'iris', layers: [8], activation: 'tanh', optimizer: { name: 'adam', lr: 0.02 }, epochs, batchSize: 16, seed: 42, testSplit: 0.3 } });
const iris = loadIris();
const outputs = (m: LoadedModel): number[] => Array.from(m.model.predict(prepareInput(m, iris.x, iris.n), iris.n));

describe('FitRun.snapshot', () => {
  it('is null before training and, mid-run, the model as trained so far: a copy the run does not change', async () => {
    const run = new FitRun(job(12));
    expect(run.snapshot()).toBeNull();
    let atFive: LoadedModel | null = null;
    let atFiveOutputs: number[] = [];
    const outcome = await run.run((p, epochEnd) => {
      if (epochEnd && p.epoch === 5) {
        atFive = run.snapshot();
        atFiveOutputs = outputs(atFive as unknown as LoadedModel);
      }
      return true;
    });
    const snap = atFive as LoadedModel | null;
    expect(snap).not.toBeNull();
    // The same run stopped after 5 epochs has exactly these weights (same seed, same batches).
    const five = await new FitRun(job(5)).run(() => true);
    expect(atFiveOutputs).toEqual(outputs(five.trained));
    // Seven more epochs later the copy still answers as at epoch 5, unlike the finished model.
    expect(outputs(snap as LoadedModel)).toEqual(atFiveOutputs);
    expect(outputs(outcome.trained)).not.toEqual(atFiveOutputs);
  });
});
