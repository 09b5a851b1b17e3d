/**
 * What the Recurrent tab draws besides the losses: the hidden-state heatmap must be the
 * recurrent layer's hidden states (checked against a copy of the layer that outputs every
 * step's state, with the trained weights, in a plain forward pass), and the text samples must
 * be core's generateText, reproducible from their seed.
 */
import { deserializeModel, generateText, Model, sineWaves, type RecurrentSpec } from '@backprop/core';
import { describe, expect, it } from 'vitest';
import { FitRun } from './fit-run.js';
import { saveModelFile } from './model-file.js';
import type { FitJob, FitProgress } from './protocol.js';
import { promptWindow } from './text-task.js';

async function run(job: FitJob) {
  const reports: FitProgress[] = [];
  const outcome = await new FitRun(job).run((p, end) => (end && reports.push(p), true));
  return { outcome, reports };
}

/** Every step's hidden state of the model's first (recurrent) layer, from a sequence-output copy of it. */
function sequenceStates(model: Model, window: Float32Array): Float32Array {
  const spec = model.layers[0]!.toSpec() as RecurrentSpec;
  const copy = Model.create({ inputSize: model.inputSize, layers: [{ ...spec, returnSequences: true }], loss: 'mse' });
  copy.setWeights(model.layers[0]!.params().map((p) => p.value));
  return copy.predict(window, 1);
}

describe('the hidden-state heatmap', () => {
  for (const cell of ['rnn', 'lstm', 'gru'] as const) {
    it(`${cell}: the values are the layer's hidden states over the forecast's seed window`, async () => {
      const sine = { period: 25, noise: 0, steps: 10 };
      const { outcome } = await run({ config: { data: 'sine', model: cell, units: 6, seqLen: 12, optimizer: { name: 'adam', lr: 0.01 }, epochs: 2, batchSize: 32, seed: 3 }, sine });
      const h = outcome.last.hidden!;
      expect(h).toMatchObject({ steps: 12, units: 6 });
      const window = sineWaves({ n: 1, seqLen: 12 + sine.steps, period: 25, seed: 5 }).x.slice(0, 12);
      const expected = sequenceStates(outcome.trained.model, window);
      expect(h.values.length).toBe(expected.length);
      h.values.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
      expect(h.values.some((v) => Math.abs(v) > 0.01)).toBe(true);
    });
  }
});

describe('text generation while training', () => {
  const job: FitJob = {
    config: { data: 'text', model: 'lstm', units: 16, seqLen: 8, optimizer: { name: 'adam', lr: 0.01 }, epochs: 2, batchSize: 32, seed: 7 },
    text: { rows: 300, prompt: 'The ', length: 40, temperature: 0.7, sampleSeed: 11 },
  };

  it("each epoch's sample is core's generateText of the model with the sample's seed, and the same run writes the same text", async () => {
    const a = await run(job);
    const b = await run(job);
    expect(a.reports.map((r) => r.sample?.text)).toEqual(b.reports.map((r) => r.sample?.text));
    const last = a.outcome.last.sample!;
    expect(last.text).toHaveLength(40);
    const { model, metadata } = a.outcome.trained;
    const vocabulary = metadata.classNames!;
    expect(last.text).toBe(generateText(model, { prompt: 'The ', length: 40, temperature: 0.7, seed: 11, vocabulary, seqLen: 8 }));
    // Saved as .bpm and read back (as `backprop generate` opens it): the same text from the same seed.
    const reread = deserializeModel(saveModelFile(a.outcome.trained, 'bpm'));
    expect(generateText(reread.model, { prompt: 'The ', length: 40, temperature: 0.7, seed: 11, vocabulary: reread.metadata.classNames!, seqLen: 8 })).toBe(last.text);
    // The heatmap's rows are the prompt's window, padded on the left with empty steps.
    const h = a.outcome.last.hidden!;
    expect(h.labels).toEqual(['', '', '', '', 'T', 'h', 'e', ' ']);
    const expected = sequenceStates(model, promptWindow('The ', vocabulary, 8));
    h.values.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
  });

  it('another sampling seed writes other text', async () => {
    const other = await run({ ...job, text: { ...job.text!, sampleSeed: 12 } });
    const a = await run(job);
    expect(other.outcome.last.sample!.text).not.toBe(a.outcome.last.sample!.text);
  });
});
