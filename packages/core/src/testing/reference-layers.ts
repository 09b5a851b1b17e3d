/**
 * Float64 reference implementations of the layer ops of the Backend (convolution and pooling,
 * normalisation, embedding), written from the definitions in backend.ts as plain loops: each
 * output element is computed on its own, straight from the formula, with no shared index
 * arithmetic with any backend. Like reference.ts they read their inputs as numbers and return
 * fresh arrays.
 */
import type { Numeric } from './reference.js';

/** The geometry of a window op: NCHW images and a kernel, stride, padding and dilation per axis (dilation 1 for pooling). */
export interface WindowGeometry {
  /** Images in the batch. */
  rows: number;
  /** Channels of each image. */
  channels: number;
  /** Image height. */
  height: number;
  /** Image width. */
  width: number;
  /** Kernel (window) height. */
  kernelH: number;
  /** Kernel (window) width. */
  kernelW: number;
  /** Vertical stride. */
  strideH: number;
  /** Horizontal stride. */
  strideW: number;
  /** Zero padding above and below. */
  padH: number;
  /** Zero padding left and right. */
  padW: number;
  /** Vertical dilation (1 for pooling). */
  dilationH: number;
  /** Horizontal dilation (1 for pooling). */
  dilationW: number;
}

/**
 * A window op's output size per axis, out = ⌊(in + 2·pad − dilation·(kernel − 1) − 1) / stride⌋ + 1.
 * @param g the geometry
 * @returns outH and outW
 */
export function refWindowOutput(g: WindowGeometry): { outH: number; outW: number } {
  const out = (input: number, k: number, s: number, p: number, d: number): number => Math.floor((input + 2 * p - d * (k - 1) - 1) / s) + 1;
  return { outH: out(g.height, g.kernelH, g.strideH, g.padH, g.dilationH), outW: out(g.width, g.kernelW, g.strideW, g.padW, g.dilationW) };
}

/** x[r, c, h, w] of an NCHW batch, or `outside` where (h, w) lies in the padding. */
function pixel(g: WindowGeometry, x: Numeric, r: number, c: number, h: number, w: number, outside: number): number {
  if (h < 0 || h >= g.height || w < 0 || w >= g.width) return outside;
  return x[((r * g.channels + c) * g.height + h) * g.width + w]!;
}

/**
 * im2col in the "patches" layout: row r·outH·outW + oh·outW + ow, column (c·kernelH + i)·kernelW + j
 * holds x[r, c, oh·strideH − padH + i·dilationH, ow·strideW − padW + j·dilationW], 0 in the padding.
 * @param g the geometry
 * @param x the images, rows·channels·height·width
 * @returns cols, (rows·outH·outW) × (channels·kernelH·kernelW)
 */
export function refIm2col(g: WindowGeometry, x: Numeric): Float64Array {
  const { outH, outW } = refWindowOutput(g);
  const K = g.channels * g.kernelH * g.kernelW;
  const cols = new Float64Array(g.rows * outH * outW * K);
  for (let r = 0; r < g.rows; r++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        const row = (r * outH + oh) * outW + ow;
        for (let c = 0; c < g.channels; c++) {
          for (let i = 0; i < g.kernelH; i++) {
            for (let j = 0; j < g.kernelW; j++) {
              const h = oh * g.strideH - g.padH + i * g.dilationH;
              const w = ow * g.strideW - g.padW + j * g.dilationW;
              cols[row * K + (c * g.kernelH + i) * g.kernelW + j] = pixel(g, x, r, c, h, w, 0);
            }
          }
        }
      }
    }
  }
  return cols;
}

/** A reference result with the magnitude its rounding error is proportional to (Σ|terms|) and how many terms were summed. */
export interface RefSum {
  /** The exact (float64) result. */
  value: Float64Array;
  /** Σ|terms| of each element, a cancellation-proof scale for its rounding error. */
  magnitude: Float64Array;
  /** The most terms summed into any one element. */
  terms: number;
}

/** Adds `term` into element i of a RefSum being built, counting terms per element. */
function accumulate(sum: RefSum, counts: Uint32Array, i: number, term: number): void {
  sum.value[i]! += term;
  sum.magnitude[i]! += Math.abs(term);
  counts[i]!++;
  if (counts[i]! > sum.terms) sum.terms = counts[i]!;
}

/** A RefSum of n elements starting at beta·old (0 where beta = 0, whatever old holds). */
function startSum(n: number, beta: number, old: Numeric | null): { sum: RefSum; counts: Uint32Array } {
  const sum: RefSum = { value: new Float64Array(n), magnitude: new Float64Array(n), terms: 0 };
  const counts = new Uint32Array(n);
  if (beta !== 0 && old) for (let i = 0; i < n; i++) accumulate(sum, counts, i, beta * old[i]!);
  return { sum, counts };
}

/**
 * col2im, the adjoint of im2col: beta·dx plus every entry of cols added to the pixel it came from.
 * @param g the geometry
 * @param cols the patches, im2col's layout
 * @param beta scale of the old dx (0 ignores it)
 * @param dx the old dx, rows·channels·height·width
 * @returns the new dx with its error scale
 */
export function refCol2im(g: WindowGeometry, cols: Numeric, beta: number, dx: Numeric): RefSum {
  const { outH, outW } = refWindowOutput(g);
  const K = g.channels * g.kernelH * g.kernelW;
  const { sum, counts } = startSum(g.rows * g.channels * g.height * g.width, beta, dx);
  for (let r = 0; r < g.rows; r++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        for (let c = 0; c < g.channels; c++) {
          for (let i = 0; i < g.kernelH; i++) {
            for (let j = 0; j < g.kernelW; j++) {
              const h = oh * g.strideH - g.padH + i * g.dilationH;
              const w = ow * g.strideW - g.padW + j * g.dilationW;
              if (h < 0 || h >= g.height || w < 0 || w >= g.width) continue;
              const term = cols[((r * outH + oh) * outW + ow) * K + (c * g.kernelH + i) * g.kernelW + j]!;
              accumulate(sum, counts, ((r * g.channels + c) * g.height + h) * g.width + w, term);
            }
          }
        }
      }
    }
  }
  return sum;
}

/**
 * conv2d, straight from its definition: y[r, o, oh, ow] = Σ_{c,i,j} w[o, c, i, j] · x[r, c, oh·strideH − padH + i·dilationH,
 * ow·strideW − padW + j·dilationW], 0 in the padding.
 * @param g the geometry
 * @param filters output channels
 * @param x the images, rows·channels·height·width
 * @param w the kernel, filters·channels·kernelH·kernelW
 * @returns y, rows·filters·outH·outW, with its error scale
 */
export function refConv2d(g: WindowGeometry, filters: number, x: Numeric, w: Numeric): RefSum {
  const { outH, outW } = refWindowOutput(g);
  const { sum, counts } = startSum(g.rows * filters * outH * outW, 0, null);
  for (let r = 0; r < g.rows; r++) {
    for (let o = 0; o < filters; o++) {
      for (let oh = 0; oh < outH; oh++) {
        for (let ow = 0; ow < outW; ow++) {
          const at = ((r * filters + o) * outH + oh) * outW + ow;
          for (let c = 0; c < g.channels; c++) {
            for (let i = 0; i < g.kernelH; i++) {
              for (let j = 0; j < g.kernelW; j++) {
                const h = oh * g.strideH - g.padH + i * g.dilationH;
                const v = ow * g.strideW - g.padW + j * g.dilationW;
                const term = w[((o * g.channels + c) * g.kernelH + i) * g.kernelW + j]! * pixel(g, x, r, c, h, v, 0);
                accumulate(sum, counts, at, term);
              }
            }
          }
        }
      }
    }
  }
  return sum;
}

/**
 * conv2d's kernel gradient: dw[o, c, i, j] = beta·dw + alpha·Σ_{r,oh,ow} dy[r, o, oh, ow] · x[r, c, oh·strideH − padH + i·dilationH,
 * ow·strideW − padW + j·dilationW] (0 in the padding).
 * @param g the geometry
 * @param filters output channels
 * @param x the images, rows·channels·height·width
 * @param dy the output gradient, rows·filters·outH·outW
 * @param alpha scale of the sum
 * @param beta scale of the old dw (0 ignores it)
 * @param dw the old dw, filters·channels·kernelH·kernelW
 * @returns the new dw with its error scale
 */
export function refConv2dWeightGrad(g: WindowGeometry, filters: number, x: Numeric, dy: Numeric, alpha: number, beta: number, dw: Numeric): RefSum {
  const { outH, outW } = refWindowOutput(g);
  const { sum, counts } = startSum(filters * g.channels * g.kernelH * g.kernelW, beta, dw);
  for (let o = 0; o < filters; o++) {
    for (let c = 0; c < g.channels; c++) {
      for (let i = 0; i < g.kernelH; i++) {
        for (let j = 0; j < g.kernelW; j++) {
          const at = ((o * g.channels + c) * g.kernelH + i) * g.kernelW + j;
          for (let r = 0; r < g.rows; r++) {
            for (let oh = 0; oh < outH; oh++) {
              for (let ow = 0; ow < outW; ow++) {
                const h = oh * g.strideH - g.padH + i * g.dilationH;
                const v = ow * g.strideW - g.padW + j * g.dilationW;
                accumulate(sum, counts, at, alpha * dy[((r * filters + o) * outH + oh) * outW + ow]! * pixel(g, x, r, c, h, v, 0));
              }
            }
          }
        }
      }
    }
  }
  return sum;
}

/**
 * y[b, j, i, k] = x[b, i, j, k] for `batch` r×c matrices of blocks of `inner` values.
 * @param batch how many matrices
 * @param r rows of each x matrix
 * @param c columns of each x matrix
 * @param inner values in each block
 * @param x batch·r·c·inner values
 * @returns y, batch·c·r·inner values
 */
export function refTransposeBatch(batch: number, r: number, c: number, inner: number, x: Numeric): Float64Array {
  const y = new Float64Array(batch * r * c * inner);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < c; j++) {
        for (let k = 0; k < inner; k++) y[((b * c + j) * r + i) * inner + k] = x[((b * r + i) * c + j) * inner + k]!;
      }
    }
  }
  return y;
}

/**
 * Max pooling, padding −∞ (a padding position never wins, not even over a real −∞): y is the
 * first maximum in row-major window order, NaN if the window holds one (the first NaN), and
 * argmax its h·width + w.
 * @param g the geometry (dilation 1)
 * @param x the images
 * @returns y and argmax, rows·channels·outH·outW each
 */
export function refMaxPool2d(g: WindowGeometry, x: Numeric): { y: Float64Array; argmax: Int32Array } {
  const { outH, outW } = refWindowOutput(g);
  const n = g.rows * g.channels * outH * outW;
  const y = new Float64Array(n);
  const argmax = new Int32Array(n);
  for (let r = 0; r < g.rows; r++) {
    for (let c = 0; c < g.channels; c++) {
      for (let oh = 0; oh < outH; oh++) {
        for (let ow = 0; ow < outW; ow++) {
          let best: number | null = null;
          let at = -1;
          for (let i = 0; i < g.kernelH; i++) {
            for (let j = 0; j < g.kernelW; j++) {
              const h = oh * g.strideH - g.padH + i;
              const w = ow * g.strideW - g.padW + j;
              if (h < 0 || h >= g.height || w < 0 || w >= g.width) continue;
              const v = pixel(g, x, r, c, h, w, -Infinity);
              const better = best === null || (!Number.isNaN(best) && (Number.isNaN(v) || v > best));
              if (better) {
                best = v;
                at = h * g.width + w;
              }
            }
          }
          const o = ((r * g.channels + c) * outH + oh) * outW + ow;
          y[o] = best!;
          argmax[o] = at;
        }
      }
    }
  }
  return { y, argmax };
}

/**
 * Backward of max pooling: dx[r, c, argmax[r, c, o]] += dy[r, c, o], dx zero elsewhere.
 * @param rows images
 * @param channels channels per image
 * @param plane height·width
 * @param outSize output positions per channel
 * @param argmax rows·channels·outSize indices into each plane
 * @param dy rows·channels·outSize gradients
 * @returns dx with its error scale
 */
export function refMaxPool2dBackward(rows: number, channels: number, plane: number, outSize: number, argmax: ArrayLike<number>, dy: Numeric): RefSum {
  const { sum, counts } = startSum(rows * channels * plane, 0, null);
  for (let p = 0; p < rows * channels; p++) {
    for (let o = 0; o < outSize; o++) accumulate(sum, counts, p * plane + argmax[p * outSize + o]!, dy[p * outSize + o]!);
  }
  return sum;
}

/**
 * Average pooling, zero padding counted in the divisor: y = Σ window / (kernelH·kernelW).
 * @param g the geometry (dilation 1)
 * @param x the images
 * @returns y with its error scale, rows·channels·outH·outW
 */
export function refAvgPool2d(g: WindowGeometry, x: Numeric): RefSum {
  const { outH, outW } = refWindowOutput(g);
  const { sum, counts } = startSum(g.rows * g.channels * outH * outW, 0, null);
  const area = g.kernelH * g.kernelW;
  for (let r = 0; r < g.rows; r++) {
    for (let c = 0; c < g.channels; c++) {
      for (let oh = 0; oh < outH; oh++) {
        for (let ow = 0; ow < outW; ow++) {
          const o = ((r * g.channels + c) * outH + oh) * outW + ow;
          for (let i = 0; i < g.kernelH; i++) {
            for (let j = 0; j < g.kernelW; j++) {
              accumulate(sum, counts, o, pixel(g, x, r, c, oh * g.strideH - g.padH + i, ow * g.strideW - g.padW + j, 0) / area);
            }
          }
        }
      }
    }
  }
  return sum;
}

/**
 * Backward of average pooling: each dy / (kernelH·kernelW) added to every pixel of its window.
 * @param g the geometry (dilation 1)
 * @param dy rows·channels·outH·outW gradients
 * @returns dx with its error scale
 */
export function refAvgPool2dBackward(g: WindowGeometry, dy: Numeric): RefSum {
  const { outH, outW } = refWindowOutput(g);
  const { sum, counts } = startSum(g.rows * g.channels * g.height * g.width, 0, null);
  const area = g.kernelH * g.kernelW;
  for (let r = 0; r < g.rows; r++) {
    for (let c = 0; c < g.channels; c++) {
      for (let oh = 0; oh < outH; oh++) {
        for (let ow = 0; ow < outW; ow++) {
          const term = dy[((r * g.channels + c) * outH + oh) * outW + ow]! / area;
          for (let i = 0; i < g.kernelH; i++) {
            for (let j = 0; j < g.kernelW; j++) {
              const h = oh * g.strideH - g.padH + i;
              const w = ow * g.strideW - g.padW + j;
              if (h >= 0 && h < g.height && w >= 0 && w < g.width) accumulate(sum, counts, ((r * g.channels + c) * g.height + h) * g.width + w, term);
            }
          }
        }
      }
    }
  }
  return sum;
}

/** The values of channel c of rows × channels × spatial data, in order. */
function channelValues(rows: number, channels: number, spatial: number, x: Numeric, c: number): number[] {
  const values: number[] = [];
  for (let r = 0; r < rows; r++) for (let s = 0; s < spatial; s++) values.push(x[(r * channels + c) * spatial + s]!);
  return values;
}

/**
 * Per-channel mean and biased variance (divisor N = rows·spatial) of rows × channels × spatial data.
 * @param rows rows
 * @param channels channels
 * @param spatial values per channel and row
 * @param x the data
 * @returns mean and variance (channels each) and each channel's mean |x| (the mean's error scale)
 */
export function refChannelMoments(rows: number, channels: number, spatial: number, x: Numeric): { mean: Float64Array; variance: Float64Array; meanAbs: Float64Array } {
  const mean = new Float64Array(channels);
  const variance = new Float64Array(channels);
  const meanAbs = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    const v = channelValues(rows, channels, spatial, x, c);
    const mu = v.reduce((s, t) => s + t, 0) / v.length;
    mean[c] = mu;
    meanAbs[c] = v.reduce((s, t) => s + Math.abs(t), 0) / v.length;
    variance[c] = v.reduce((s, t) => s + (t - mu) * (t - mu), 0) / v.length;
  }
  return { mean, variance, meanAbs };
}

/**
 * y = x·scale[c] + shift[c] for every value of channel c.
 * @param rows rows
 * @param channels channels
 * @param spatial values per channel and row
 * @param x the data
 * @param scale channels factors
 * @param shift channels offsets
 * @returns y
 */
export function refChannelAffine(rows: number, channels: number, spatial: number, x: Numeric, scale: Numeric, shift: Numeric): Float64Array {
  const y = new Float64Array(rows * channels * spatial);
  for (let i = 0; i < y.length; i++) {
    const c = Math.floor(i / spatial) % channels;
    y[i] = x[i]! * scale[c]! + shift[c]!;
  }
  return y;
}

/**
 * Per-channel sums Σ a and Σ a·b over rows·spatial values.
 * @param rows rows
 * @param channels channels
 * @param spatial values per channel and row
 * @param a the first data
 * @param b the second data
 * @returns sumA and sumAB with their error scales Σ|a| and Σ|a·b|
 */
export function refChannelSums(rows: number, channels: number, spatial: number, a: Numeric, b: Numeric): { sumA: RefSum; sumAB: RefSum } {
  const n = rows * spatial;
  const make = (): RefSum => ({ value: new Float64Array(channels), magnitude: new Float64Array(channels), terms: n });
  const sumA = make();
  const sumAB = make();
  for (let c = 0; c < channels; c++) {
    const av = channelValues(rows, channels, spatial, a, c);
    const bv = channelValues(rows, channels, spatial, b, c);
    for (let i = 0; i < n; i++) {
      sumA.value[c]! += av[i]!;
      sumA.magnitude[c]! += Math.abs(av[i]!);
      sumAB.value[c]! += av[i]! * bv[i]!;
      sumAB.magnitude[c]! += Math.abs(av[i]! * bv[i]!);
    }
  }
  return { sumA, sumAB };
}

/**
 * The input gradient of a normalisation, dx = scale[c]·(g − (sumG[c] + x̂·sumGXhat[c]) / N), N = rows·spatial.
 * @param rows rows
 * @param channels channels
 * @param spatial values per channel and row
 * @param xhat the normalised values
 * @param g ∂L/∂x̂
 * @param scale per-channel factor
 * @param sumG per-channel Σ g
 * @param sumGXhat per-channel Σ g·x̂
 * @returns dx and its error scale |scale|·(|g| + (|sumG| + |x̂·sumGXhat|) / N)
 */
export function refNormalizeBackward(
  rows: number,
  channels: number,
  spatial: number,
  xhat: Numeric,
  g: Numeric,
  scale: Numeric,
  sumG: Numeric,
  sumGXhat: Numeric,
): { value: Float64Array; magnitude: Float64Array } {
  const n = rows * channels * spatial;
  const count = rows * spatial;
  const value = new Float64Array(n);
  const magnitude = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(i / spatial) % channels;
    value[i] = scale[c]! * (g[i]! - (sumG[c]! + xhat[i]! * sumGXhat[c]!) / count);
    magnitude[i] = Math.abs(scale[c]!) * (Math.abs(g[i]!) + (Math.abs(sumG[c]!) + Math.abs(xhat[i]! * sumGXhat[c]!)) / count);
  }
  return { value, magnitude };
}

/**
 * Row gather: out[i, :] = table[ids[i], :].
 * @param n ids
 * @param dim values per row
 * @param table the table
 * @param ids n row indices
 * @returns out, n·dim
 */
export function refGatherRows(n: number, dim: number, table: Numeric, ids: Numeric): Float64Array {
  const out = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) out[i * dim + j] = table[ids[i]! * dim + j]!;
  return out;
}

/**
 * Row scatter-add: beta·table, then table[ids[i], :] += alpha·src[i, :] for every i.
 * @param n ids
 * @param dim values per row
 * @param tableRows rows of the table
 * @param ids n row indices
 * @param src n·dim rows to add
 * @param alpha scale of src
 * @param beta scale of the old table (0 ignores it)
 * @param table the old table
 * @returns the new table with its error scale
 */
export function refScatterAddRows(n: number, dim: number, tableRows: number, ids: Numeric, src: Numeric, alpha: number, beta: number, table: Numeric): RefSum {
  const { sum, counts } = startSum(tableRows * dim, beta, table);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) accumulate(sum, counts, ids[i]! * dim + j, alpha * src[i * dim + j]!);
  return sum;
}
