/** Finite-difference helpers for the recurrent gradchecks (float64 central differences). */
import type { FloatArray } from '../../backend/backend.js';

/** Relative error |a − b| / max(|a|, |b|, floor), the usual gradcheck measure. */
export function relativeError(a: number, b: number, floor = 1e-6): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), floor);
}

/**
 * Max relative error between `analytic` and central differences of `objective` with respect
 * to every element of `values` (perturbed in place and restored).
 */
export function maxFdError(values: FloatArray, analytic: ArrayLike<number>, objective: () => number, eps = 1e-5): number {
  let worst = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    values[i] = v + eps;
    const up = objective();
    values[i] = v - eps;
    const down = objective();
    values[i] = v;
    const fd = (up - down) / (2 * eps);
    worst = Math.max(worst, relativeError(analytic[i], fd));
  }
  return worst;
}
