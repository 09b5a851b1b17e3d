/** The W4 benchmark runs, trains (the loss falls), and reports a positive rate. No timing assertions. */
import { describe, expect, it } from 'vitest';
import { tsBackend } from '../backend/index.js';
import { Model } from '../model/model.js';
import { benchW4, w4Spec } from './bench-w4.js';

describe('W4 benchmark', () => {
  it('has the design shape: 32 → Elman tanh 128, 64 steps, MSE on every step', () => {
    const model = Model.create(w4Spec());
    expect(model.inputSize).toBe(64 * 32);
    expect(model.outputSize).toBe(64 * 128);
    expect(model.parameterCount()).toBe(32 * 128 + 128 * 128 + 128);
  });

  it('runs a few batches and reports sequences per second', async () => {
    const r = await benchW4(tsBackend, { iterations: 2, warmup: 1 });
    expect(r.sequences).toBe(64);
    expect(r.sequencesPerSecond).toBeGreaterThan(0);
    expect(Number.isFinite(r.loss)).toBe(true);
  });
});
