/**
 * The loops of max and average pooling and their backward (arguments already checked by the
 * caller). Each window is clipped to the image once per output position: padding is −∞ for max
 * pooling (never the maximum, since every window holds a pixel) and 0 for average pooling, so
 * the loops visit only real pixels.
 */
import type { FloatArray } from '../backend.js';
import type { Window } from '../args.js';

/**
 * What pool does with each window: 'max', y = the window's maximum and argmax = h·width + w of its
 * first maximum (a NaN is the maximum); 'average', y = Σ window / (kH·kW) summed in double;
 * 'average-backward', dx (zeroed first) += dy / (kH·kW) at every pixel of the window.
 */
export type Pool = 'max' | 'average' | 'average-backward';

/**
 * One walk over every window of every (row, channel) plane: `src` is read and `dst` written at
 * output o ('max', 'average') or the other way round ('average-backward', whose `src` is dy and `dst` dx).
 */
export function pool(kind: Pool, g: Window, src: FloatArray, dst: FloatArray, argmax: Int32Array | null): void {
  const { height, width, kernelH: kH, kernelW: kW, strideH: sH, strideW: sW, padH: pH, padW: pW, outH, outW } = g;
  const plane = height * width;
  const area = kH * kW;
  if (kind === 'average-backward') dst.fill(0, 0, g.image);
  let o = 0;
  for (let p = 0; p < g.rows * g.channels; p++) {
    const base = p * plane;
    for (let oh = 0; oh < outH; oh++) {
      const h0 = oh * sH - pH;
      const hLo = h0 > 0 ? h0 : 0;
      const hHi = Math.min(height, h0 + kH);
      for (let ow = 0; ow < outW; ow++, o++) {
        const w0 = ow * sW - pW;
        const wLo = w0 > 0 ? w0 : 0;
        const wHi = Math.min(width, w0 + kW);
        if (kind === 'max') {
          let best = -Infinity;
          let at = hLo * width + wLo;
          for (let h = hLo; h < hHi; h++) {
            const row = h * width;
            for (let w = wLo; w < wHi; w++) {
              const v = src[base + row + w];
              // Strictly greater keeps the first of equal maxima; the first NaN replaces any number.
              if (v > best || (v !== v && best === best)) {
                best = v;
                at = row + w;
              }
            }
          }
          dst[o] = best;
          (argmax as Int32Array)[o] = at;
        } else if (kind === 'average') {
          let sum = 0;
          for (let h = hLo; h < hHi; h++) {
            const row = base + h * width;
            for (let w = wLo; w < wHi; w++) sum += src[row + w];
          }
          dst[o] = sum / area;
        } else {
          const v = src[o] / area;
          for (let h = hLo; h < hHi; h++) {
            const row = base + h * width;
            for (let w = wLo; w < wHi; w++) dst[row + w] += v;
          }
        }
      }
    }
  }
}

/** dx = 0, then dx[r, c, argmax[r, c, o]] += dy[r, c, o] for each of the outSize positions of every (r, c). */
export function maxPool2dBackward(planes: number, plane: number, outSize: number, argmax: Int32Array, dy: FloatArray, dx: FloatArray): void {
  dx.fill(0, 0, planes * plane);
  let o = 0;
  for (let p = 0; p < planes; p++) {
    const base = p * plane;
    for (let q = 0; q < outSize; q++, o++) dx[base + argmax[o]] += dy[o];
  }
}
