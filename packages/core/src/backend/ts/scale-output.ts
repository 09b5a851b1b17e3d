import type { FloatArray } from '../backend.js';

/**
 * out ← beta·out over the first n elements, the first step of every op with a beta: beta = 0
 * overwrites with zeros, so that old contents (NaN included) are ignored, as in BLAS.
 */
export function scaleOutput(n: number, beta: number, out: FloatArray): void {
  if (beta === 0) out.fill(0, 0, n);
  else if (beta !== 1) for (let i = 0; i < n; i++) out[i] *= beta;
}
