/**
 * Conformance cases for the normalisation ops on rows × channels × spatial data: channelMoments
 * (two-pass, double accumulation: checked to the final rounding, on channels whose mean is far
 * larger than their spread), channelAffine and normalizeBackward out of place and in place, and
 * channelSums.
 */
import type { DType } from './arena.js';
import { EPS, assertClose, type Tolerance } from './compare.js';
import { refChannelAffine, refChannelMoments, refChannelSums, refNormalizeBackward } from './reference-layers.js';
import type { SuiteContext } from './suite-context.js';

/** rows × channels × spatial: dense (spatial 1), convolutional, one channel, one row. */
const NORM_SHAPES: readonly (readonly [number, number, number])[] = [
  [1, 1, 1],
  [3, 5, 1],
  [64, 1, 3],
  [1, 3, 17],
  [3, 5, 49],
  [17, 6, 64],
  [2, 5, 257],
];

/**
 * A reduction the interface accumulates in double: exact but for the final rounding to the
 * element type (4·eps), plus double rounding of a sum of `terms` values.
 */
function doubleSumTolerance(dtype: DType, terms: number): Tolerance {
  return { rtol: 4 * EPS[dtype] + 8 * EPS.float64 * (Math.sqrt(terms) + 1), atol: 0 };
}

export function registerNormalizationCases(ctx: SuiteContext): void {
  ctx.api.describe('channelMoments / channelAffine / channelSums / normalizeBackward', () => {
    for (const [rows, channels, spatial] of NORM_SHAPES) {
      const shape = `${rows}x${channels}x${spatial}`;
      const n = rows * channels * spatial;
      const channelOf = (i: number): number => Math.floor(i / spatial) % channels;
      ctx.test(`channelMoments ${shape}`, ({ backend, arena, rng, dtype }) => {
        // Odd channels sit at 1000 ± 1: their variance is lost unless the sums are taken in double.
        const x = arena.input('x', n, (i) => (channelOf(i) % 2 === 1 ? 1000 : 0) + rng.uniform(-1, 1));
        const mean = arena.output('mean', channels);
        const variance = arena.output('variance', channels);
        const ref = refChannelMoments(rows, channels, spatial, x);
        backend.channelMoments(rows, channels, spatial, x, mean, variance);
        const tol = doubleSumTolerance(dtype, rows * spatial);
        assertClose(`channelMoments mean ${shape}`, mean, ref.mean, tol, (c) => ref.meanAbs[c]!);
        assertClose(`channelMoments variance ${shape}`, variance, ref.variance, tol);
      });
      for (const inPlace of [false, true]) {
        const mode = inPlace ? 'in place' : 'out of place';
        ctx.test(`channelAffine ${shape}, ${mode}`, ({ backend, arena, rng, tol }) => {
          const fill = (): number => rng.uniform(-3, 3);
          const x = inPlace ? arena.output('x = y', n, fill) : arena.input('x', n, fill);
          const scale = arena.uniform('scale', channels, -2, 2);
          const shift = arena.uniform('shift', channels, -2, 2);
          const ref = refChannelAffine(rows, channels, spatial, x, scale, shift);
          const magnitude = Array.from({ length: n }, (_, i) => Math.abs(x[i]! * scale[channelOf(i)]!) + Math.abs(shift[channelOf(i)]!));
          const y = inPlace ? x : arena.output('y', n);
          backend.channelAffine(rows, channels, spatial, x, scale, shift, y);
          assertClose(`channelAffine ${shape}, ${mode}`, y, ref, tol.exact, (i) => magnitude[i]!);
        });
        ctx.test(`normalizeBackward ${shape}, ${mode}`, ({ backend, arena, rng, dtype }) => {
          const xhat = arena.input('xhat', n, () => rng.normal());
          const gFill = (): number => rng.uniform(-1, 1);
          const g = inPlace ? arena.output('g = dx', n, gFill) : arena.input('g', n, gFill);
          const sums = refChannelSums(rows, channels, spatial, g, xhat);
          const scale = arena.uniform('scale', channels, 0.5, 3);
          const sumG = arena.input('sumG', channels, (c) => sums.sumA.value[c]!);
          const sumGXhat = arena.input('sumGXhat', channels, (c) => sums.sumAB.value[c]!);
          const ref = refNormalizeBackward(rows, channels, spatial, xhat, g, scale, sumG, sumGXhat);
          const dx = inPlace ? g : arena.output('dx', n);
          backend.normalizeBackward(rows, channels, spatial, xhat, g, scale, sumG, sumGXhat, dx);
          assertClose(`normalizeBackward ${shape}, ${mode}`, dx, ref.value, { rtol: 8 * EPS[dtype], atol: 0 }, (i) => ref.magnitude[i]!);
        });
      }
      ctx.test(`channelSums ${shape}`, ({ backend, arena, dtype }) => {
        const a = arena.uniform('a', n, -2, 2);
        const b = arena.uniform('b', n, -3, 3);
        const sumA = arena.output('sumA', channels);
        const sumAB = arena.output('sumAB', channels);
        const ref = refChannelSums(rows, channels, spatial, a, b);
        backend.channelSums(rows, channels, spatial, a, b, sumA, sumAB);
        const tol = doubleSumTolerance(dtype, rows * spatial);
        assertClose(`channelSums sumA ${shape}`, sumA, ref.sumA.value, tol, (c) => ref.sumA.magnitude[c]!);
        assertClose(`channelSums sumAB ${shape}`, sumAB, ref.sumAB.value, tol, (c) => ref.sumAB.magnitude[c]!);
      });
    }
  });
}
