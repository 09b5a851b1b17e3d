/**
 * The loops of the normalisation ops (arguments already checked by the caller). Data is
 * rows × channels × spatial: channel c of row r is the contiguous run of `spatial` values at
 * (r·channels + c)·spatial. Sums are accumulated in JS numbers, i.e. in double precision.
 */
import type { FloatArray } from '../backend.js';

/** Per-channel mean and biased variance over rows·spatial values, in two passes. */
export function channelMoments(rows: number, channels: number, spatial: number, x: FloatArray, mean: FloatArray, variance: FloatArray): void {
  const count = rows * spatial;
  const stride = channels * spatial;
  for (let c = 0; c < channels; c++) {
    let sum = 0;
    for (let r = 0; r < rows; r++) {
      const o = r * stride + c * spatial;
      for (let s = 0; s < spatial; s++) sum += x[o + s];
    }
    const mu = sum / count;
    let squares = 0;
    for (let r = 0; r < rows; r++) {
      const o = r * stride + c * spatial;
      for (let s = 0; s < spatial; s++) {
        const d = x[o + s] - mu;
        squares += d * d;
      }
    }
    mean[c] = mu;
    variance[c] = squares / count;
  }
}

/** y = x·scale[c] + shift[c]; y may be x. */
export function channelAffine(rows: number, channels: number, spatial: number, x: FloatArray, scale: FloatArray, shift: FloatArray, y: FloatArray): void {
  let o = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < channels; c++) {
      const a = scale[c];
      const b = shift[c];
      const end = o + spatial;
      for (; o < end; o++) y[o] = x[o] * a + b;
    }
  }
}

/** sumA[c] = Σ a and sumAB[c] = Σ a·b over channel c's rows·spatial values. */
export function channelSums(rows: number, channels: number, spatial: number, a: FloatArray, b: FloatArray, sumA: FloatArray, sumAB: FloatArray): void {
  const stride = channels * spatial;
  for (let c = 0; c < channels; c++) {
    let sa = 0;
    let sab = 0;
    for (let r = 0; r < rows; r++) {
      const o = r * stride + c * spatial;
      for (let s = 0; s < spatial; s++) {
        const av = a[o + s];
        sa += av;
        sab += av * b[o + s];
      }
    }
    sumA[c] = sa;
    sumAB[c] = sab;
  }
}

/** dx = scale[c]·(g − (sumG[c] + x̂·sumGXhat[c]) / N), N = rows·spatial; dx may be g. */
export function normalizeBackward(
  rows: number,
  channels: number,
  spatial: number,
  xhat: FloatArray,
  g: FloatArray,
  scale: FloatArray,
  sumG: FloatArray,
  sumGXhat: FloatArray,
  dx: FloatArray,
): void {
  const count = rows * spatial;
  let o = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < channels; c++) {
      const k = scale[c];
      const m = sumG[c] / count;
      const q = sumGXhat[c] / count;
      const end = o + spatial;
      for (; o < end; o++) dx[o] = k * (g[o] - m - xhat[o] * q);
    }
  }
}
