/**
 * The Fixed-point tab's relaxation trace, checked in float64 against the equations: the last
 * forward state is a fixed point x = f(W·x + W_in·I + b), the outputs there are core's predict,
 * and the last adjoint state solves δ = D∘(Wᵀ·δ) + g_u.
 */
import { describe, expect, it } from 'vitest';
import { FitRun } from './fit-run.js';
import { fixedPointTrace } from './fixed-point-trace.js';
import type { FitJob } from './protocol.js';

const sigmoid = (u: number): number => 1 / (1 + Math.exp(-u));

describe('the fixed-point relaxation trace', () => {
  it('relaxes a cue of the pattern-completion set to x = f(Wx + W_in I + b), and the adjoint to its fixed point', async () => {
    const job: FitJob = { config: { data: 'pattern-completion', model: 'fixed-point', units: 8, optimizer: { name: 'momentum', lr: 0.03 }, epochs: 60, batchSize: 16, seed: 2 } };
    const { trained } = await new FitRun(job).run(() => true);
    const model = trained.model;
    const [wIn, w, b] = model.layers[0]!.params().map((p) => p.value);
    const cue = [1, 0, 0.5, 1, 0.5, 0, 1, 1];
    const target = [1, 0, 1, 1, 0, 0, 1, 1];
    const t = fixedPointTrace(model, cue, target);
    const nf = t.hidden + t.outputs;
    expect(nf).toBe(16);
    expect(t.forward[0]).toEqual(new Array(nf).fill(0));
    expect(t.forward.length).toBeGreaterThan(3);
    const x = t.forward.at(-1)!;
    for (let i = 0; i < nf; i++) {
      let u = b![i]!;
      for (let j = 0; j < nf; j++) u += w![i * nf + j]! * x[j]!;
      for (let j = 0; j < 8; j++) u += wIn![i * 8 + j]! * cue[j]!;
      expect(Math.abs(sigmoid(u) - x[i]!)).toBeLessThan(1e-5);
    }
    x.slice(t.hidden).forEach((v, o) => expect(v).toBeCloseTo(t.prediction[o]!, 5));
    const delta = t.adjoint.at(-1)!;
    for (let i = 0; i < nf; i++) {
      const d = x[i]! * (1 - x[i]!);
      let wd = 0;
      for (let j = 0; j < nf; j++) wd += w![j * nf + i]! * delta[j]!;
      const gu = i >= t.hidden ? d * (x[i]! - target[i - t.hidden]!) : 0;
      expect(delta[i]!).toBeCloseTo(d * wd + gu, 6);
    }
  });
});
