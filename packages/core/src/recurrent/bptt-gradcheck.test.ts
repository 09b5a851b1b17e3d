/**
 * Gradient checks through time, in float64 on the TS backend: the analytic gradients of the
 * rnn, lstm and gru layers (weights, biases and inputs) against central differences of an
 * independent reference implementation, for sequence-to-one and sequence-to-sequence outputs,
 * full BPTT and truncated windows (where the reference is the truncated objective).
 */
import { describe, expect, it } from 'vitest';
import { tsBackend } from '../backend/index.js';
import { Rng } from '../util/rng.js';
import { type Kind, referenceForward } from './__tests__/reference-cells.js';
import { maxFdError } from './__tests__/gradcheck-helpers.js';
import { RecurrentLayer } from './recurrent-layer.js';

const B = 3;
const T = 7;
const F = 2;
const H = 4;

function setup(kind: Kind, returnSequences: boolean, truncate: number, seed: number) {
  const rng = new Rng(seed);
  const layer = new RecurrentLayer(T * F, { type: kind, units: H, features: F, returnSequences, truncate }, {
    backend: tsBackend,
    rng,
    dtype: 'float64',
    index: 0,
  });
  // Non-zero biases everywhere so that every term of the cell equations is exercised.
  for (const p of layer.params()) if (p.name.toLowerCase().includes('bias')) for (let i = 0; i < p.value.length; i++) p.value[i] = rng.uniform(-0.5, 0.5);
  const x = new Float64Array(B * T * F).map(() => rng.uniform(-1, 1));
  const coef = new Float64Array(B * layer.outputSize).map(() => rng.uniform(-1, 1));
  return { layer, x, coef };
}

function refOutput(kind: Kind, layer: RecurrentLayer, x: Float64Array, truncate: number, frozen: ReturnType<typeof referenceForward> | null): number[] {
  const byName = Object.fromEntries(layer.params().map((p) => [p.name, p.value]));
  const states = referenceForward(
    kind,
    { kernel: byName.kernel, recurrentKernel: byName.recurrentKernel, bias: byName.bias, recurrentBias: byName.recurrentBias },
    x,
    B,
    T,
    F,
    H,
    truncate,
    frozen,
  );
  const out: number[] = [];
  for (let b = 0; b < B; b++) {
    if (layer.returnSequences) for (let t = 0; t < T; t++) out.push(...states.h[b][t]);
    else out.push(...states.h[b][T - 1]);
  }
  return out;
}

const cases: [Kind, boolean, number][] = [];
for (const kind of ['rnn', 'lstm', 'gru'] as Kind[]) {
  for (const seq of [false, true]) for (const k of [0, 3]) cases.push([kind, seq, k]);
}

describe('BPTT gradcheck (float64, TS backend)', () => {
  it.each(cases)('%s returnSequences=%s truncate=%i', (kind, returnSequences, truncate) => {
    const { layer, x, coef } = setup(kind, returnSequences, truncate, 11 + truncate + (returnSequences ? 1 : 0));
    const y = layer.forward(x, B, true);
    // Forward values agree with the independent reference.
    const frozen = referenceForward(kind, refParams(layer), x, B, T, F, H);
    const expected = refOutput(kind, layer, x, 0, null);
    expect(y.length).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) expect(Math.abs(y[i] - expected[i])).toBeLessThan(1e-12);
    // L = Σ coef ∘ y, so ∂L/∂y = coef.
    const dx = layer.backward(coef, B, true) as Float64Array;
    const objective = (): number => {
      const out = refOutput(kind, layer, x, truncate, frozen);
      let s = 0;
      for (let i = 0; i < out.length; i++) s += coef[i] * out[i];
      return s;
    };
    let worst = 0;
    for (const p of layer.params()) {
      const err = maxFdError(p.value, p.grad, objective);
      worst = Math.max(worst, err);
      expect(err, `${p.name}`).toBeLessThan(1e-5);
    }
    const errX = maxFdError(x, dx, objective);
    expect(errX, 'input').toBeLessThan(1e-5);
    // Truncation must actually change the gradient (else the check above proves nothing about it).
    if (truncate > 0) {
      const full = new RecurrentLayer(T * F, { ...layer.toSpec(), truncate: 0 }, { backend: tsBackend, rng: new Rng(1), dtype: 'float64', index: 0 });
      full.params().forEach((p, i) => p.value.set(layer.params()[i].value));
      full.forward(x, B, true);
      full.backward(coef, B, false);
      const u = layer.params()[1];
      const uf = full.params()[1];
      let diff = 0;
      for (let i = 0; i < u.grad.length; i++) diff = Math.max(diff, Math.abs(u.grad[i] - uf.grad[i]));
      expect(diff).toBeGreaterThan(1e-6);
      // And checked against the wrong reference (the full objective) the truncated gradient fails
      // by far more than the 1e-5 tolerance, so the check above tells the two objectives apart.
      const fullObjective = (): number => {
        const out = refOutput(kind, layer, x, 0, null);
        let s = 0;
        for (let i = 0; i < out.length; i++) s += coef[i] * out[i];
        return s;
      };
      expect(maxFdError(u.value, u.grad, fullObjective)).toBeGreaterThan(1e-3);
    }
  });
});

function refParams(layer: RecurrentLayer) {
  const byName = Object.fromEntries(layer.params().map((p) => [p.name, p.value]));
  return { kernel: byName.kernel, recurrentKernel: byName.recurrentKernel, bias: byName.bias, recurrentBias: byName.recurrentBias };
}
