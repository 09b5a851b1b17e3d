/** The new activations and losses against values PyTorch computed (see __tests__/pytorch-values.ts). */
import { describe, expect, it } from 'vitest';
import { derivativeFromOutput, type ElementwiseActivation } from '../backend/backend.js';
import { tsBackend } from '../backend/ts/index.js';
import { PYTORCH } from './__tests__/pytorch-values.js';
import { getLoss } from './losses/index.js';
import type { LossName, LossOptions } from './types.js';

const close = (got: ArrayLike<number>, want: readonly number[], rtol = 1e-12): void => {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(rtol * (1 + Math.abs(want[i]!)));
};

describe('activations match PyTorch (float64)', () => {
  const cases: [string, ElementwiseActivation, number][] = [
    ['elu', 'elu', 1],
    ['elu-0.5', 'elu', 0.5],
    ['selu', 'selu', 0],
    ['gelu', 'gelu', 0],
    ['gelu-tanh', 'gelu-tanh', 0],
    ['softplus', 'softplus', 0],
    ['silu', 'silu', 0],
    ['mish', 'mish', 0],
  ];
  for (const [key, kind, alpha] of cases) {
    it(`${key}: values, and gradients from x (and from y where the kind allows)`, () => {
      const want = PYTORCH[key as keyof typeof PYTORCH] as { y: readonly number[]; g: readonly number[] };
      const x = Float64Array.from(PYTORCH.x);
      const n = x.length;
      const y = new Float64Array(n);
      tsBackend.activation(kind, n, x, y, alpha);
      close(y, want.y);
      const dx = new Float64Array(n);
      tsBackend.activationBackwardFromInput(kind, n, x, new Float64Array(n).fill(1), dx, alpha);
      close(dx, want.g);
      if (derivativeFromOutput(kind)) {
        // From y the far negative tail loses digits (y + α cancels): compare absolutely there.
        tsBackend.activationBackward(kind, n, y, new Float64Array(n).fill(1), dx, alpha);
        close(dx, want.g, 1e-9);
      }
    });
  }
});

describe('losses match PyTorch (float64)', () => {
  const p = Float64Array.from(PYTORCH.p);
  const oneHot = Float64Array.from([0, 0, 1, 1, 0, 0]); // classes 2 and 0
  const cases: [string, LossName, LossOptions | undefined, Float64Array][] = [
    ['mae', 'mae', undefined, Float64Array.from(PYTORCH.t)],
    ['huber', 'huber', undefined, Float64Array.from(PYTORCH.t)],
    ['huber-0.3', 'huber', { huberDelta: 0.3 }, Float64Array.from(PYTORCH.t)],
    ['hinge', 'hinge', undefined, oneHot],
    ['kl', 'kl-divergence', undefined, Float64Array.from(PYTORCH.tp)],
    ['ls', 'cross-entropy', { labelSmoothing: 0.1 }, oneHot],
  ];
  for (const [key, name, options, target] of cases) {
    it(`${key}: value and gradient`, () => {
      const want = PYTORCH[key as keyof typeof PYTORCH] as { v: number; g: readonly number[] };
      const loss = getLoss(name, options);
      const grad = new Float64Array(6);
      const value = loss.compute(tsBackend, 2, 3, p, target, grad);
      expect(Math.abs(value - want.v)).toBeLessThan(1e-12);
      // compute writes ∂objective/∂output, objective = value × objectiveScale.
      const s = loss.objectiveScale(2, 3);
      close(grad.map((g) => g / s), want.g);
    });
  }
});
