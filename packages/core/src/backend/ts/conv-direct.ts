/**
 * The loops of the direct convolution, conv2d and conv2dWeightGrad (arguments already checked by
 * the caller):
 *   y[r, o, oh, ow] = Σ_{c,i,j} w[o, c, i, j] · x[r, c, oh·strideH − padH + i·dilationH, ow·strideW − padW + j·dilationW]
 *   dw[o, c, i, j] ← beta·dw + alpha·Σ_{r,oh,ow} dy[r, o, oh, ow] · x[r, c, (same pixel)]
 * with x = 0 in the padding. For each tap (c, i, j) the output rows whose input row lies in the
 * image and the output columns whose input column does are found once, so the inner loops run
 * over exactly the pixels inside the image with no bounds tests.
 */
import type { FloatArray } from '../backend.js';
import type { Window } from '../args.js';
import { scaleOutput } from './scale-output.js';

/** The outputs o ∈ [0, count) whose tap at `offset` reads o·stride + offset inside [0, size): [lo, hi), lo ≤ hi. */
function insideRange(size: number, offset: number, stride: number, count: number): [number, number] {
  const lo = offset >= 0 ? 0 : Math.ceil(-offset / stride);
  const last = size - 1 - offset;
  const hi = last < 0 ? 0 : Math.min(count, Math.floor(last / stride) + 1);
  return [Math.min(lo, hi), hi];
}

/** y = conv2d(x, w): each output plane (r, o) zeroed, then w·x added tap by tap over the in-image ranges. */
export function conv2d(g: Window, filters: number, x: FloatArray, w: FloatArray, y: FloatArray): void {
  const { rows, channels, height, width, kernelH: kH, kernelW: kW, strideH: sH, strideW: sW, padH: pH, padW: pW, dilationH: dH, dilationW: dW, outH, outW } = g;
  const plane = height * width;
  const outPlane = outH * outW;
  const taps = channels * kH * kW;
  y.fill(0, 0, rows * filters * outPlane);
  for (let c = 0; c < channels; c++) {
    for (let i = 0; i < kH; i++) {
      const rowOff = i * dH - pH;
      const [ohLo, ohHi] = insideRange(height, rowOff, sH, outH);
      for (let j = 0; j < kW; j++) {
        const colOff = j * dW - pW;
        const [owLo, owHi] = insideRange(width, colOff, sW, outW);
        if (owLo >= owHi || ohLo >= ohHi) continue;
        const tap = (c * kH + i) * kW + j;
        for (let r = 0; r < rows; r++) {
          const image = (r * channels + c) * plane;
          for (let o = 0; o < filters; o++) {
            const wv = w[o * taps + tap]!;
            const out = (r * filters + o) * outPlane;
            for (let oh = ohLo; oh < ohHi; oh++) {
              const at = image + (oh * sH + rowOff) * width + colOff;
              const to = out + oh * outW;
              for (let ow = owLo; ow < owHi; ow++) y[to + ow] += wv * x[at + ow * sW]!;
            }
          }
        }
      }
    }
  }
}

/** dw ← beta·dw + alpha·(Σ dy·x per tap), each tap's sum taken over the in-image ranges. */
export function conv2dWeightGrad(g: Window, filters: number, x: FloatArray, dy: FloatArray, alpha: number, beta: number, dw: FloatArray): void {
  const { rows, channels, height, width, kernelH: kH, kernelW: kW, strideH: sH, strideW: sW, padH: pH, padW: pW, dilationH: dH, dilationW: dW, outH, outW } = g;
  const plane = height * width;
  const outPlane = outH * outW;
  const taps = channels * kH * kW;
  scaleOutput(filters * taps, beta, dw);
  for (let c = 0; c < channels; c++) {
    for (let i = 0; i < kH; i++) {
      const rowOff = i * dH - pH;
      const [ohLo, ohHi] = insideRange(height, rowOff, sH, outH);
      for (let j = 0; j < kW; j++) {
        const colOff = j * dW - pW;
        const [owLo, owHi] = insideRange(width, colOff, sW, outW);
        const tap = (c * kH + i) * kW + j;
        for (let o = 0; o < filters; o++) {
          let sum = 0;
          for (let r = 0; r < rows; r++) {
            const image = (r * channels + c) * plane;
            const out = (r * filters + o) * outPlane;
            for (let oh = ohLo; oh < ohHi; oh++) {
              const at = image + (oh * sH + rowOff) * width + colOff;
              const from = out + oh * outW;
              for (let ow = owLo; ow < owHi; ow++) sum += dy[from + ow]! * x[at + ow * sW]!;
            }
          }
          dw[o * taps + tap] += alpha * sum;
        }
      }
    }
  }
}
