import { describe, expect, it } from 'vitest';
import type { FloatArray } from '../backend/backend.js';
import { TsBackend } from '../backend/ts/index.js';
import { runBackendConformance } from './index.js';

/**
 * The suite must fail real bugs. Each mutant below is the TS backend with one planted
 * mistake of the kind a native kernel could make; the suite's cases are collected (not
 * registered with vitest), the ones for the mutated op are run, and at least one must fail.
 */
interface Collected {
  name: string;
  fn: () => unknown;
}

function collect(backend: TsBackend): Collected[] {
  const tests: Collected[] = [];
  const path: string[] = [];
  runBackendConformance(
    {
      describe: (name, fn) => {
        path.push(name);
        fn();
        path.pop();
      },
      it: (name, fn) => tests.push({ name: [...path, name].join(' > '), fn }),
    },
    backend,
    { float64: false },
  );
  return tests;
}

async function failures(backend: TsBackend, filter: RegExp): Promise<{ ran: number; failed: number }> {
  const chosen = collect(backend).filter((t) => filter.test(t.name));
  let failed = 0;
  for (const t of chosen) {
    try {
      await t.fn();
    } catch {
      failed++;
    }
  }
  return { ran: chosen.length, failed };
}

class GemmReadsCWhenBetaIsZero extends TsBackend {
  override gemm(tA: boolean, tB: boolean, m: number, n: number, k: number, alpha: number, a: FloatArray, b: FloatArray, beta: number, c: FloatArray): void {
    for (let i = 0; i < m * n; i++) c[i] = beta * c[i]!; // 0·NaN = NaN
    super.gemm(tA, tB, m, n, k, alpha, a, b, 1, c);
  }
}

class GemmWritesPastC extends TsBackend {
  override gemm(tA: boolean, tB: boolean, m: number, n: number, k: number, alpha: number, a: FloatArray, b: FloatArray, beta: number, c: FloatArray): void {
    super.gemm(tA, tB, m, n, k, alpha, a, b, beta, c);
    if (c.length > m * n) c[m * n] = 0;
  }
}

class GemmDropsLastKBlock extends TsBackend {
  override gemm(tA: boolean, tB: boolean, m: number, n: number, k: number, alpha: number, a: FloatArray, b: FloatArray, beta: number, c: FloatArray): void {
    super.gemm(tA, tB, m, n, Math.min(k, 512), alpha, a, b, beta, c);
  }
}

class AddIgnoresByteOffset extends TsBackend {
  override add(n: number, a: FloatArray, b: FloatArray, out: FloatArray): void {
    const whole = out instanceof Float32Array ? new Float32Array(out.buffer) : new Float64Array(out.buffer);
    super.add(n, a, b, whole.length === out.length ? out : whole);
  }
}

class SumSquaresInFloat32 extends TsBackend {
  override sumSquares(n: number, x: FloatArray): number {
    let s = 0;
    for (let i = 0; i < n; i++) s = Math.fround(s + x[i]! * x[i]!);
    return s;
  }
}

class SoftmaxWithoutMaxShift extends TsBackend {
  override softmax(rows: number, cols: number, x: FloatArray, y: FloatArray): void {
    for (let i = 0; i < rows * cols; i++) y[i] = Math.fround(Math.exp(x[i]!));
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let j = 0; j < cols; j++) s += y[r * cols + j]!;
      for (let j = 0; j < cols; j++) y[r * cols + j] = y[r * cols + j]! / s;
    }
  }
}

class SoftmaxBackwardBreaksInPlace extends TsBackend {
  override softmaxBackward(rows: number, cols: number, y: FloatArray, dy: FloatArray, dx: FloatArray): void {
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < cols; j++) {
        let dot = 0; // recomputed from dy, which in place has already been partly overwritten
        for (let q = 0; q < cols; q++) dot += dy[r * cols + q]! * y[r * cols + q]!;
        dx[r * cols + j] = y[r * cols + j]! * (dy[r * cols + j]! - dot);
      }
    }
  }
}

class AdamWithoutBiasCorrection extends TsBackend {
  override adamStep(n: number, w: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, lr: number, b1: number, b2: number, eps: number, wd: number, decoupled: boolean): void {
    super.adamStep(n, w, g, m, v, lr, b1, b2, eps, wd, decoupled, 1e6);
  }
}

class SgdIgnoresNesterov extends TsBackend {
  override sgdStep(n: number, w: FloatArray, g: FloatArray, v: FloatArray | null, lr: number, momentum: number, _nesterov: boolean, wd: number): void {
    super.sgdStep(n, w, g, v, lr, momentum, false, wd);
  }
}

class L1SignOfZeroIsOne extends TsBackend {
  override l1Gradient(n: number, lambda: number, w: FloatArray, g: FloatArray): void {
    for (let i = 0; i < n; i++) g[i] += w[i]! >= 0 ? lambda : -lambda;
  }
}

class L1WritesIntoWeights extends TsBackend {
  override l1Gradient(n: number, lambda: number, w: FloatArray, g: FloatArray): void {
    super.l1Gradient(n, lambda, w, g);
    if (n > 0) w[0] = g[0]!;
  }
}

class TanhOverflows extends TsBackend {
  override activation(kind: Parameters<TsBackend['activation']>[0], n: number, x: FloatArray, y: FloatArray, alpha: number): void {
    if (kind !== 'tanh') return super.activation(kind, n, x, y, alpha);
    // tanh x = (e^{2x} − 1)/(e^{2x} + 1) in float32: Inf/Inf = NaN for large x.
    for (let i = 0; i < n; i++) {
      const e = Math.fround(Math.exp(2 * x[i]!));
      y[i] = (e - 1) / (e + 1);
    }
  }
}

class AddClampsToTheArrays extends TsBackend {
  override add(n: number, a: FloatArray, b: FloatArray, out: FloatArray): void {
    // No argument checks: a short array or a NaN size is silently clamped instead of refused.
    const len = Math.min(n, a.length, b.length, out.length);
    for (let i = 0; i < len; i++) out[i] = a[i]! + b[i]!;
  }
}

class L1AcceptsNaNLambda extends TsBackend {
  override l1Gradient(n: number, lambda: number, w: FloatArray, g: FloatArray): void {
    if (!Number.isNaN(lambda)) return super.l1Gradient(n, lambda, w, g);
    for (let i = 0; i < n; i++) g[i] += w[i]! > 0 ? lambda : w[i]! < 0 ? -lambda : 0;
  }
}

class GemmRefusesWithAPlainError extends TsBackend {
  override gemm(tA: boolean, tB: boolean, m: number, n: number, k: number, alpha: number, a: FloatArray, b: FloatArray, beta: number, c: FloatArray): void {
    try {
      super.gemm(tA, tB, m, n, k, alpha, a, b, beta, c);
    } catch (error) {
      throw new Error((error as Error).message);
    }
  }
}

class SoftmaxMessageWithoutTheOp extends TsBackend {
  override softmax(rows: number, cols: number, x: FloatArray, y: FloatArray): void {
    try {
      super.softmax(rows, cols, x, y);
    } catch (error) {
      const E = error instanceof TypeError ? TypeError : RangeError;
      throw new E((error as Error).message.replace(/^softmax: /, ''));
    }
  }
}

/** A window op's output size along one axis. */
const outSize = (input: number, k: number, s: number, p: number, d = 1): number => Math.floor((input + 2 * p - d * (k - 1) - 1) / s) + 1;

class Im2colPaddingOffByOne extends TsBackend {
  override im2col(rows: number, channels: number, height: number, width: number, kH: number, kW: number, sH: number, sW: number, pH: number, pW: number, dH: number, dW: number, x: FloatArray, cols: FloatArray): void {
    super.im2col(rows, channels, height, width, kH, kW, sH, sW, pH, pW, dH, dW, x, cols);
    const [outH, outW] = [outSize(height, kH, sH, pH, dH), outSize(width, kW, sW, pW, dW)];
    let o = 0;
    for (let r = 0; r < rows; r++)
      for (let oh = 0; oh < outH; oh++)
        for (let ow = 0; ow < outW; ow++)
          for (let c = 0; c < channels; c++)
            for (let i = 0; i < kH; i++)
              for (let j = 0; j < kW; j++, o++) {
                const h = oh * sH - pH + i * dH;
                const w = ow * sW - pW + j * dW;
                // h = height is taken for a pixel: one row too many (the next row, plane or past the end).
                if (h >= 0 && h <= height && w >= 0 && w < width) cols[o] = x[((r * channels + c) * height + h) * width + w]!;
              }
  }
}

class Conv2dPaddingOffByOne extends TsBackend {
  override conv2d(rows: number, channels: number, height: number, width: number, filters: number, kH: number, kW: number, sH: number, sW: number, pH: number, pW: number, dH: number, dW: number, x: FloatArray, w: FloatArray, y: FloatArray): void {
    super.conv2d(rows, channels, height, width, filters, kH, kW, sH, sW, pH, pW, dH, dW, x, w, y);
    const [outH, outW] = [outSize(height, kH, sH, pH, dH), outSize(width, kW, sW, pW, dW)];
    let o = 0;
    for (let r = 0; r < rows; r++)
      for (let f = 0; f < filters; f++)
        for (let oh = 0; oh < outH; oh++)
          for (let ow = 0; ow < outW; ow++, o++) {
            let sum = 0;
            for (let c = 0; c < channels; c++)
              for (let i = 0; i < kH; i++)
                for (let j = 0; j < kW; j++) {
                  const h = oh * sH - pH + i * dH;
                  const v = ow * sW - pW + j * dW;
                  // h = height is taken for a pixel: one row too many (the next row, plane or past the end).
                  if (h >= 0 && h <= height && v >= 0 && v < width) sum += w[((f * channels + c) * kH + i) * kW + j]! * (x[((r * channels + c) * height + h) * width + v] ?? 0);
                }
            y[o] = sum;
          }
  }
}

class Conv2dWeightGradIgnoresBeta extends TsBackend {
  override conv2dWeightGrad(rows: number, channels: number, height: number, width: number, filters: number, kH: number, kW: number, sH: number, sW: number, pH: number, pW: number, dH: number, dW: number, x: FloatArray, dy: FloatArray, alpha: number, _beta: number, dw: FloatArray): void {
    super.conv2dWeightGrad(rows, channels, height, width, filters, kH, kW, sH, sW, pH, pW, dH, dW, x, dy, alpha, 0, dw);
  }
}

class Col2imIgnoresBeta extends TsBackend {
  override col2im(rows: number, channels: number, height: number, width: number, kH: number, kW: number, sH: number, sW: number, pH: number, pW: number, dH: number, dW: number, cols: FloatArray, _beta: number, dx: FloatArray): void {
    super.col2im(rows, channels, height, width, kH, kW, sH, sW, pH, pW, dH, dW, cols, 0, dx);
  }
}

class MaxPoolArgmaxOfLastMax extends TsBackend {
  override maxPool2d(rows: number, channels: number, height: number, width: number, kH: number, kW: number, sH: number, sW: number, pH: number, pW: number, x: FloatArray, y: FloatArray, argmax: Int32Array): void {
    super.maxPool2d(rows, channels, height, width, kH, kW, sH, sW, pH, pW, x, y, argmax);
    const [outH, outW] = [outSize(height, kH, sH, pH), outSize(width, kW, sW, pW)];
    let o = 0;
    for (let p = 0; p < rows * channels; p++)
      for (let oh = 0; oh < outH; oh++)
        for (let ow = 0; ow < outW; ow++, o++)
          for (let h = Math.max(0, oh * sH - pH); h < Math.min(height, oh * sH - pH + kH); h++)
            for (let w = Math.max(0, ow * sW - pW); w < Math.min(width, ow * sW - pW + kW); w++) {
              if (x[p * height * width + h * width + w] === y[o]) argmax[o] = h * width + w; // the last of equal maxima
            }
  }
}

class MaxPoolSkipsNaN extends TsBackend {
  override maxPool2d(rows: number, channels: number, height: number, width: number, kH: number, kW: number, sH: number, sW: number, pH: number, pW: number, x: FloatArray, y: FloatArray, argmax: Int32Array): void {
    // NaN read as −∞ (a comparison-only max): a window's NaN is lost.
    const clean = x.map((v) => (Number.isNaN(v) ? -Infinity : v));
    super.maxPool2d(rows, channels, height, width, kH, kW, sH, sW, pH, pW, clean, y, argmax);
  }
}

class VarianceWithBesselCorrection extends TsBackend {
  override channelMoments(rows: number, channels: number, spatial: number, x: FloatArray, mean: FloatArray, variance: FloatArray): void {
    super.channelMoments(rows, channels, spatial, x, mean, variance);
    const n = rows * spatial;
    for (let c = 0; c < channels; c++) variance[c] = (variance[c]! * n) / (n - 1);
  }
}

class ScatterOverwrites extends TsBackend {
  override scatterAddRows(n: number, dim: number, tableRows: number, ids: FloatArray, src: FloatArray, alpha: number, beta: number, table: FloatArray): void {
    super.scatterAddRows(n, dim, tableRows, ids, src, alpha, beta, table);
    for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) table[ids[i]! * dim + j] = alpha * src[i * dim + j]!;
  }
}

class GatherWithoutIdCheck extends TsBackend {
  override gatherRows(n: number, dim: number, tableRows: number, table: FloatArray, ids: FloatArray, out: FloatArray): void {
    super.gatherRows(0, dim, tableRows, table, ids, out); // every check but the ids'
    for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) out[i * dim + j] = table[Math.trunc(ids[i]!) * dim + j]!;
  }
}

const MUTANTS: [string, TsBackend, RegExp][] = [
  ['gemm reads C when beta = 0', new GemmReadsCWhenBetaIsZero(), /> gemm > (NN|TT) 63x63x63/],
  ['gemm writes one element past C', new GemmWritesPastC(), /> gemm > NT 17x17x257/],
  ['gemm drops the k tail beyond 512', new GemmDropsLastKBlock(), /> gemm > TN (64x256x784|100x130x600)/],
  ['add ignores the view offset', new AddIgnoresByteOffset(), /> add \/ sub \/ mul > add/],
  ['sumSquares accumulates in float32', new SumSquaresInFloat32(), /sumSquares/],
  ['softmax without the max shift', new SoftmaxWithoutMaxShift(), /> softmax [0-9]/],
  ['softmaxBackward breaks in place', new SoftmaxBackwardBreaksInPlace(), /softmaxBackward/],
  ['adam without bias correction', new AdamWithoutBiasCorrection(), /adamStep/],
  ['sgd ignores Nesterov', new SgdIgnoresNesterov(), /sgdStep/],
  ['l1Gradient takes sign(0) as +1', new L1SignOfZeroIsOne(), /l1Gradient/],
  ['l1Gradient writes into the weights', new L1WritesIntoWeights(), /l1Gradient > lambda/],
  ['tanh overflows for large inputs', new TanhOverflows(), /tanh forward/],
  ['add clamps to short arrays instead of refusing them', new AddClampsToTheArrays(), /refusals > add refuses/],
  ['l1Gradient accepts λ = NaN', new L1AcceptsNaNLambda(), /refusals > l1Gradient refuses/],
  ['gemm refuses with a plain Error', new GemmRefusesWithAPlainError(), /refusals > gemm refuses/],
  ['softmax refuses without naming the op', new SoftmaxMessageWithoutTheOp(), /refusals > softmax refuses/],
  ['im2col reads one row past the image for padding', new Im2colPaddingOffByOne(), /> im2col \/ col2im > im2col /],
  ['col2im ignores beta', new Col2imIgnoresBeta(), /> col2im .*beta -0\.5/],
  ['conv2d reads one row off for padding', new Conv2dPaddingOffByOne(), /> conv2d \/ conv2dWeightGrad > conv2d [0-9]/],
  ['conv2dWeightGrad ignores beta', new Conv2dWeightGradIgnoresBeta(), /> conv2dWeightGrad .*beta -0\.5/],
  ['maxPool2d points argmax at the last of equal maxima', new MaxPoolArgmaxOfLastMax(), /> maxPool2d .*ties/],
  ['maxPool2d skips NaN', new MaxPoolSkipsNaN(), /> maxPool2d .*NaN/],
  ['channelMoments divides the variance by N − 1', new VarianceWithBesselCorrection(), /> channelMoments /],
  ['scatterAddRows overwrites rows instead of adding', new ScatterOverwrites(), /> scatterAddRows /],
  ['gatherRows does not check the ids', new GatherWithoutIdCheck(), /refusals > gatherRows and scatterAddRows refuse an id/],
];

describe('the conformance suite fails planted bugs', () => {
  for (const [what, backend, filter] of MUTANTS) {
    it(what, async () => {
      const { ran, failed } = await failures(backend, filter);
      expect(ran).toBeGreaterThan(0);
      expect(failed).toBeGreaterThan(0);
    });
  }

  it('and passes the unmodified TS backend on the very same cases', async () => {
    const clean = new TsBackend();
    for (const [, , filter] of MUTANTS) expect(await failures(clean, filter)).toMatchObject({ failed: 0 });
  });
});
