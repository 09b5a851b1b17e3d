/**
 * Stateful inference: stepping a layer one time step at a time (state carried between calls)
 * gives exactly the hidden states of a whole-sequence forward pass, for every cell type.
 */
import { describe, expect, it } from 'vitest';
import { tsBackend } from '../backend/index.js';
import { Rng } from '../util/rng.js';
import { RecurrentLayer, type RecurrentKind } from './recurrent-layer.js';

describe('RecurrentLayer.step', () => {
  it.each(['rnn', 'lstm', 'gru'] as RecurrentKind[])('%s: step-by-step equals the sequence forward', (type) => {
    const T = 6;
    const F = 2;
    const H = 5;
    const rows = 3;
    const rng = new Rng(4);
    const layer = new RecurrentLayer(T * F, { type, units: H, features: F, returnSequences: true }, { backend: tsBackend, rng, dtype: 'float64', index: 0 });
    for (const p of layer.params()) for (let i = 0; i < p.value.length; i++) p.value[i] += rng.uniform(-0.3, 0.3);
    const x = new Float64Array(rows * T * F).map(() => rng.uniform(-1, 1));
    const whole = Float64Array.from(layer.forward(x, rows, false));
    layer.resetState(rows);
    const step = new Float64Array(rows * F);
    for (let t = 0; t < T; t++) {
      for (let r = 0; r < rows; r++) step.set(x.subarray(r * T * F + t * F, r * T * F + (t + 1) * F), r * F);
      const h = layer.step(step, rows);
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < H; j++) expect(h[r * H + j]).toBeCloseTo(whole[r * T * H + t * H + j], 12);
      }
    }
    // A reset starts again from zero: the first step matches the first step of the sequence.
    layer.resetState(rows);
    for (let r = 0; r < rows; r++) step.set(x.subarray(r * T * F, r * T * F + F), r * F);
    const h0 = layer.step(step, rows);
    expect(h0[0]).toBeCloseTo(whole[0], 12);
    expect(() => layer.step(new Float64Array(1), rows)).toThrow(/expected rows × features = 6/);
    expect(() => layer.step(step, 1.5)).toThrow(/step: rows must be a positive integer, got 1.5/);
    expect(() => layer.resetState(0)).toThrow(/resetState: rows must be a positive integer, got 0/);
  });
});
