/**
 * A recurrent run whose weights blow up (Elman RNN, plain SGD at learning rate 5, no gradient
 * clipping): it must end with core's divergence error, worded with the form's fields, and the
 * progress shown with it must name the same epoch.
 */
import { DivergenceError } from '@backprop/core';
import { describe, expect, it } from 'vitest';
import { errorText } from './field-names.js';
import { FitRun } from './fit-run.js';
import type { FitJob } from './protocol.js';

const job = (model: 'rnn' | 'lstm', clipNorm: number): FitJob => ({
  config: { data: 'sine', model, units: 16, seqLen: 20, optimizer: { name: 'sgd', lr: 5 }, epochs: 15, batchSize: 32, seed: 1, clipNorm },
  sine: { period: 25, noise: 0, steps: 50 },
});

async function failure(j: FitJob): Promise<{ error: unknown; run: FitRun }> {
  const run = new FitRun(j);
  const error = await run.run(() => true).then(
    () => null,
    (e: unknown) => e,
  );
  return { error, run };
}

describe('a recurrent run that diverges', () => {
  it('Elman RNN, SGD, lr 5, no clipping: core divergence error, not NaN in the forecast input', async () => {
    const { error, run } = await failure(job('rnn', 0));
    expect(error).toBeInstanceOf(DivergenceError);
    const text = errorText(error);
    expect(text).toMatch(/^training diverged: the loss became NaN at epoch 1, batch 8 of 8\./);
    expect(text).not.toMatch(/clean or impute/);
    // The advice speaks of the form's fields.
    expect(text).toContain('learning rate; it was 5');
    expect(text).toContain('gradient clipping (clip norm 1)');
    expect(run.failedProgress(error).epoch).toBe((error as DivergenceError).epoch);
  });

  it("LSTM: core's own divergence error, its epoch the progress's", async () => {
    const { error, run } = await failure(job('lstm', 0));
    expect(error).toBeInstanceOf(DivergenceError);
    expect((error as DivergenceError).epoch).toBe(2);
    expect(run.failedProgress(error)).toMatchObject({ epoch: 2, epochs: 15 });
  });

  it('the same run with clip norm 1 (the default for recurrent cells) trains to the end', async () => {
    const run = new FitRun(job('rnn', 1));
    const outcome = await run.run(() => true);
    expect(outcome.stopReason).toBe('completed');
    expect(outcome.last.epoch).toBe(15);
  });
});
