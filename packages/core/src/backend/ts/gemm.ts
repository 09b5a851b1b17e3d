import type { FloatArray } from '../backend.js';

/**
 * C = alpha·op(A)·op(B) + beta·C, row-major (see Backend.gemm).
 * Straightforward i-k-j loop order; a blocked, unrolled version replaces it.
 */
export function gemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: FloatArray,
  b: FloatArray,
  beta: number,
  c: FloatArray,
): void {
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    if (beta === 0) c.fill(0, ci, ci + n);
    else if (beta !== 1) for (let j = 0; j < n; j++) c[ci + j] *= beta;
    for (let p = 0; p < k; p++) {
      const aip = alpha * (transA ? a[p * m + i] : a[i * k + p]);
      if (aip === 0) continue;
      if (transB) for (let j = 0; j < n; j++) c[ci + j] += aip * b[j * k + p];
      else {
        const bp = p * n;
        for (let j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
      }
    }
  }
}
