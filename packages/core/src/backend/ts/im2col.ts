/**
 * The loops of im2col, col2im and transposeBatch (arguments already checked by the caller).
 *
 * im2col and col2im walk `cols` in its own order, one row per output position and, inside it,
 * one run of kernelW taps per (channel, kernel row). The taps of a run that fall inside the image
 * form one range j ∈ [jLo, jHi) that depends only on the output column, so it is computed once
 * per output position and the inner loop has no bounds tests.
 */
import type { FloatArray } from '../backend.js';
import type { Window } from '../args.js';
import { scaleOutput } from './scale-output.js';

/** The first tap t ≥ 0 with start + t·step ≥ 0 (start may be negative: the window begins in the padding). */
function firstInside(start: number, step: number): number {
  return start >= 0 ? 0 : Math.ceil(-start / step);
}

/** One past the last tap t < taps with start + t·step < limit (at least `from`, so the range may be empty). */
function endInside(start: number, step: number, taps: number, limit: number, from: number): number {
  if (start >= limit) return from;
  const end = Math.min(taps, Math.floor((limit - 1 - start) / step) + 1);
  return end > from ? end : from;
}

/** The patches of every output position, cols[(r·outH·outW + p)·K + (c·kH + i)·kW + j] (K = channels·kH·kW), 0 in the padding. */
export function im2col(g: Window, x: FloatArray, cols: FloatArray): void {
  const { rows, channels, height, width, kernelH: kH, kernelW: kW, strideH: sH, strideW: sW, padH: pH, padW: pW, dilationH: dH, dilationW: dW, outH, outW } = g;
  const plane = height * width;
  let o = 0;
  for (let r = 0; r < rows; r++) {
    const image = r * channels * plane;
    for (let oh = 0; oh < outH; oh++) {
      const h0 = oh * sH - pH;
      for (let ow = 0; ow < outW; ow++) {
        const w0 = ow * sW - pW;
        const jLo = firstInside(w0, dW);
        const jHi = endInside(w0, dW, kW, width, jLo);
        for (let c = 0; c < channels; c++) {
          const base = image + c * plane + w0;
          for (let i = 0; i < kH; i++, o += kW) {
            const h = h0 + i * dH;
            if (h < 0 || h >= height) {
              for (let j = 0; j < kW; j++) cols[o + j] = 0;
              continue;
            }
            const at = base + h * width;
            for (let j = 0; j < jLo; j++) cols[o + j] = 0;
            for (let j = jLo; j < jHi; j++) cols[o + j] = x[at + j * dW];
            for (let j = jHi; j < kW; j++) cols[o + j] = 0;
          }
        }
      }
    }
  }
}

/** dx ← beta·dx, then every entry of cols is added to the pixel im2col read it from (padding entries are dropped). */
export function col2im(g: Window, cols: FloatArray, beta: number, dx: FloatArray): void {
  const { rows, channels, height, width, kernelH: kH, kernelW: kW, strideH: sH, strideW: sW, padH: pH, padW: pW, dilationH: dH, dilationW: dW, outH, outW } = g;
  scaleOutput(g.image, beta, dx);
  const plane = height * width;
  const K = channels * kH * kW;
  let o = 0;
  for (let r = 0; r < rows; r++) {
    const image = r * channels * plane;
    for (let oh = 0; oh < outH; oh++) {
      const h0 = oh * sH - pH;
      // The kernel rows inside the image, as for the columns below.
      const iLo = firstInside(h0, dH);
      const iHi = endInside(h0, dH, kH, height, iLo);
      for (let ow = 0; ow < outW; ow++, o += K) {
        const w0 = ow * sW - pW;
        const jLo = firstInside(w0, dW);
        const jHi = endInside(w0, dW, kW, width, jLo);
        for (let c = 0; c < channels; c++) {
          const base = image + c * plane + h0 * width + w0;
          const run = o + c * kH * kW;
          for (let i = iLo; i < iHi; i++) {
            const at = base + i * dH * width;
            const from = run + i * kW;
            for (let j = jLo; j < jHi; j++) dx[at + j * dW] += cols[from + j];
          }
        }
      }
    }
  }
}

/** Blocks of this many values or more are copied with one typed-array set each. */
const BLOCK_COPY = 16;

/**
 * y[b, j, i, k] = x[b, i, j, k] for k < inner, `batch` consecutive r×c matrices of blocks of
 * `inner` values. Blocks of at least BLOCK_COPY values are copied whole, one typed-array set
 * each; smaller ones go through 32×32 tiles of blocks so that both sides stay in cache.
 */
export function transposeBatch(batch: number, r: number, c: number, inner: number, x: FloatArray, y: FloatArray): void {
  if (inner >= BLOCK_COPY) {
    transposeBlocks(batch, r, c, inner, x, y);
    return;
  }
  const T = 32;
  const size = r * c * inner;
  const rowX = c * inner; // a row i of x[b]
  const rowY = r * inner; // a row j of y[b]
  for (let b = 0; b < batch; b++) {
    const o = b * size;
    for (let i0 = 0; i0 < r; i0 += T) {
      const i1 = Math.min(r, i0 + T);
      for (let j0 = 0; j0 < c; j0 += T) {
        const j1 = Math.min(c, j0 + T);
        for (let i = i0; i < i1; i++) {
          const from = o + i * rowX;
          if (inner === 1) {
            for (let j = j0; j < j1; j++) y[o + j * r + i] = x[from + j]!;
          } else {
            for (let j = j0; j < j1; j++) {
              const to = o + j * rowY + i * inner;
              const at = from + j * inner;
              for (let k = 0; k < inner; k++) y[to + k] = x[at + k]!;
            }
          }
        }
      }
    }
  }
}

/** transposeBatch for large blocks: each block x[b, i, j, ·] is one contiguous copy. */
function transposeBlocks(batch: number, r: number, c: number, inner: number, x: FloatArray, y: FloatArray): void {
  const size = r * c * inner;
  for (let b = 0; b < batch; b++) {
    const o = b * size;
    for (let i = 0; i < r; i++) {
      const from = o + i * c * inner;
      for (let j = 0; j < c; j++) {
        const at = from + j * inner;
        y.set(x.subarray(at, at + inner), o + (j * r + i) * inner);
      }
    }
  }
}
