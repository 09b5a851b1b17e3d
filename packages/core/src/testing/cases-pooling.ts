/**
 * Conformance cases for max and average pooling and their backward: random data, data full of
 * ties (the first maximum's index must win), NaN and ±Infinity (a NaN is the maximum, the first
 * one's index wins; a window of −∞ points at its first real pixel), on geometries with strides
 * larger and smaller than the kernel, padding, non-square windows and global pooling.
 */
import type { FloatArray } from '../backend/backend.js';
import { assertClose, sumTolerance } from './compare.js';
import { geometry, geometryLabel, geometrySizes } from './cases-conv.js';
import { refAvgPool2d, refAvgPool2dBackward, refMaxPool2d, refMaxPool2dBackward, type WindowGeometry } from './reference-layers.js';
import type { CaseEnv, SuiteContext } from './suite-context.js';

const POOL_GEOMETRIES: readonly WindowGeometry[] = [
  geometry(1, 1, 1, 1, 1, 1, 1, 1, 0, 0),
  // LeNet-5's pooling.
  geometry(3, 6, 28, 28, 2, 2, 2, 2, 0, 0),
  geometry(2, 3, 7, 6, 3, 3, 2, 2, 1, 1),
  geometry(1, 5, 5, 8, 3, 2, 1, 3, 1, 1),
  geometry(3, 1, 9, 10, 4, 3, 3, 2, 2, 1),
  // Stride larger than the kernel along H: rows no window reads.
  geometry(1, 2, 6, 5, 2, 3, 3, 1, 1, 1),
  // Global pooling: one window of the whole image.
  geometry(2, 2, 5, 7, 5, 7, 1, 1, 0, 0),
];

/** The ten pooling arguments of a geometry, in order. */
function poolArgs(g: WindowGeometry): [number, number, number, number, number, number, number, number, number, number] {
  return [g.rows, g.channels, g.height, g.width, g.kernelH, g.kernelW, g.strideH, g.strideW, g.padH, g.padW];
}

/** Runs maxPool2d on x and compares y and argmax with the reference. */
function checkMaxPool({ backend, arena }: CaseEnv, g: WindowGeometry, x: FloatArray, what: string): void {
  const { outH, outW } = geometrySizes(g);
  const n = g.rows * g.channels * outH * outW;
  const y = arena.output('y', n);
  const argmax = arena.intOutput('argmax', n);
  const ref = refMaxPool2d(g, x);
  backend.maxPool2d(...poolArgs(g), x, y, argmax);
  assertClose(`maxPool2d y, ${what}`, y, ref.y, { rtol: 0, atol: 0 });
  assertClose(`maxPool2d argmax, ${what}`, argmax, ref.argmax, { rtol: 0, atol: 0 });
}

export function registerPoolingCases(ctx: SuiteContext): void {
  ctx.api.describe('maxPool2d / maxPool2dBackward', () => {
    for (const g of POOL_GEOMETRIES) {
      const label = geometryLabel(g);
      const { image, outH, outW } = geometrySizes(g);
      const pooled = g.rows * g.channels * outH * outW;
      ctx.test(`maxPool2d ${label}`, (env) => checkMaxPool(env, g, env.arena.uniform('x', image), label));
      ctx.test(`maxPool2d ${label}, ties (the first maximum wins)`, (env) => {
        checkMaxPool(env, g, env.arena.input('x', image, () => env.rng.int(3)), `${label}, ties`);
      });
      ctx.test(`maxPool2d ${label}, NaN and ±Infinity`, (env) => {
        const specials = [Number.NaN, Number.NaN, Infinity, -Infinity, -Infinity, -Infinity];
        const x = env.arena.input('x', image, () => (env.rng.next() < 0.3 ? specials[env.rng.int(specials.length)]! : env.rng.uniform(-1, 1)));
        checkMaxPool(env, g, x, `${label}, NaN and ±Infinity`);
      });
      ctx.test(`maxPool2dBackward ${label}`, ({ backend, arena, rng, dtype }) => {
        // argmax from the forward pass of tie-rich data: overlapping windows share maxima.
        const forward = refMaxPool2d(g, Array.from({ length: image }, () => rng.int(3)));
        const argmax = arena.intInput('argmax', pooled, (i) => forward.argmax[i]!);
        const dy = arena.uniform('dy', pooled);
        const dx = arena.output('dx', image);
        const ref = refMaxPool2dBackward(g.rows, g.channels, g.height * g.width, outH * outW, argmax, dy);
        backend.maxPool2dBackward(g.rows, g.channels, g.height, g.width, outH * outW, argmax, dy, dx);
        assertClose(`maxPool2dBackward ${label}`, dx, ref.value, sumTolerance(dtype, ref.terms), (i) => ref.magnitude[i]!);
      });
    }
    ctx.test('maxPool2d: the first NaN of a window wins, a window of −∞ points at its first real pixel', ({ backend, arena }) => {
      // One 3×4 image, 2×2 windows, stride 2, pad 1: windows {0}, {1, 2}, {3}, {4, 8}, {5, 6, 9, 10}, {7, 11}.
      const x = arena.input('x', 12, (i) => [-Infinity, 1, 1, -Infinity, -Infinity, 2, NaN, 0, -Infinity, NaN, 5, -Infinity][i]!);
      const y = arena.output('y', 6);
      const argmax = arena.intOutput('argmax', 6);
      backend.maxPool2d(1, 1, 3, 4, 2, 2, 2, 2, 1, 1, x, y, argmax);
      assertClose('maxPool2d y', y, [-Infinity, 1, -Infinity, -Infinity, NaN, 0], { rtol: 0, atol: 0 });
      assertClose('maxPool2d argmax', argmax, [0, 1, 3, 4, 6, 7], { rtol: 0, atol: 0 });
    });
    ctx.test('maxPool2dBackward with any argmax: repeated indices accumulate', ({ backend, arena, rng, dtype }) => {
      const [rows, channels, height, width, outSize] = [3, 5, 4, 3, 7];
      const n = rows * channels * outSize;
      const argmax = arena.intInput('argmax', n, () => rng.int(height * width));
      const dy = arena.uniform('dy', n);
      const dx = arena.output('dx', rows * channels * height * width);
      const ref = refMaxPool2dBackward(rows, channels, height * width, outSize, argmax, dy);
      backend.maxPool2dBackward(rows, channels, height, width, outSize, argmax, dy, dx);
      assertClose('maxPool2dBackward, random argmax', dx, ref.value, sumTolerance(dtype, ref.terms), (i) => ref.magnitude[i]!);
    });
  });

  ctx.api.describe('avgPool2d / avgPool2dBackward', () => {
    for (const g of POOL_GEOMETRIES) {
      const label = geometryLabel(g);
      const { image, outH, outW } = geometrySizes(g);
      const pooled = g.rows * g.channels * outH * outW;
      ctx.test(`avgPool2d ${label}`, ({ backend, arena, dtype }) => {
        const x = arena.uniform('x', image);
        const y = arena.output('y', pooled);
        const ref = refAvgPool2d(g, x);
        backend.avgPool2d(...poolArgs(g), x, y);
        assertClose(`avgPool2d ${label}`, y, ref.value, sumTolerance(dtype, ref.terms), (i) => ref.magnitude[i]!);
      });
      ctx.test(`avgPool2dBackward ${label}`, ({ backend, arena, dtype }) => {
        const dy = arena.uniform('dy', pooled);
        const dx = arena.output('dx', image);
        const ref = refAvgPool2dBackward(g, dy);
        backend.avgPool2dBackward(...poolArgs(g), dy, dx);
        assertClose(`avgPool2dBackward ${label}`, dx, ref.value, sumTolerance(dtype, ref.terms), (i) => ref.magnitude[i]!);
      });
    }
  });

  ctx.test('pooling with rows 0 or channels 0 writes nothing', ({ backend, arena }) => {
    const x = arena.uniform('x (read nothing)', 4);
    const out = arena.uniform('output (written nowhere)', 4);
    const argmax = arena.intInput('argmax (written nowhere)', 4, () => 7);
    for (const [rows, channels] of [
      [0, 2],
      [2, 0],
    ] as const) {
      backend.maxPool2d(rows, channels, 3, 3, 2, 2, 1, 1, 0, 0, x, out, argmax);
      backend.maxPool2dBackward(rows, channels, 3, 3, 4, argmax, x, out);
      backend.avgPool2d(rows, channels, 3, 3, 2, 2, 1, 1, 0, 0, x, out);
      backend.avgPool2dBackward(rows, channels, 3, 3, 2, 2, 1, 1, 0, 0, x, out);
    }
  });
}
