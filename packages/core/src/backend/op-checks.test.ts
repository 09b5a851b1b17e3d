import { describe, expect, it } from 'vitest';
import { createOpChecks } from './backend-kit.js';

const f32 = (n: number): Float32Array => new Float32Array(n);

describe('createOpChecks', () => {
  const checks = createOpChecks({ float64: false });

  it('gives gemm the element counts of op(A), op(B) and C, transposed or not', () => {
    const [m, n, k] = [3, 5, 4];
    expect(checks.gemm(true, true, m, n, k, 1, f32(k * m), f32(n * k), 0, f32(m * n))).toEqual({ a: 12, b: 20, c: 15 });
    expect(checks.gemm(false, false, m, n, k, 1, f32(m * k), f32(k * n), 0, f32(m * n))).toEqual({ a: 12, b: 20, c: 15 });
    // An empty C reads nothing.
    expect(checks.gemm(false, false, 0, n, k, 1, f32(0), f32(0), 0, f32(0))).toEqual({ a: 0, b: 0, c: 0 });
  });

  it('gives im2col the image and patch-matrix counts and its geometry', () => {
    // 2 images of 3 channels, 6×5, kernel 3×2, stride 2×1, pad 1×0, dilation 1×2.
    const outH = Math.floor((6 + 2 - 1 * 2 - 1) / 2) + 1; // 3
    const outW = Math.floor((5 + 0 - 2 * 1 - 1) / 1) + 1; // 3
    const image = 2 * 3 * 6 * 5;
    const patches = 2 * outH * outW * 3 * 3 * 2;
    const e = checks.im2col(2, 3, 6, 5, 3, 2, 2, 1, 1, 0, 1, 2, f32(image), f32(patches));
    expect({ x: e.x, cols: e.cols, outH: e.window.outH, outW: e.window.outW }).toEqual({ x: image, cols: patches, outH, outW });
  });

  it('gives maxPool2d the image and pooled counts, argmax included', () => {
    // 2×2 windows, stride 2 over 1 image of 2 channels, 4×6: 2×3 outputs per channel.
    const e = checks.maxPool2d(1, 2, 4, 6, 2, 2, 2, 2, 0, 0, f32(48), f32(12), new Int32Array(12));
    expect({ x: e.x, y: e.y, argmax: e.argmax }).toEqual({ x: 1 * 2 * 4 * 6, y: 1 * 2 * 2 * 3, argmax: 12 });
  });

  it('gives adamStep n for every state array', () => {
    const n = 7;
    expect(checks.adamStep(n, f32(9), f32(n), f32(n), f32(8), 0.1, 0.9, 0.999, 1e-8, 0, false, 1)).toEqual({ weights: n, grads: n, m: n, v: n });
  });

  it('gives gatherRows the table, ids and output counts', () => {
    const [n, dim, tableRows] = [4, 3, 5];
    const ids = Float32Array.of(0, 4, 2, 4);
    expect(checks.gatherRows(n, dim, tableRows, f32(tableRows * dim), ids, f32(n * dim))).toEqual({ table: 15, ids: 4, out: 12 });
  });

  it('float64: false refuses a Float64Array as the native binding does', () => {
    expect(() => checks.scale(2, 1, new Float64Array(2))).toThrow(new TypeError('scale: x must be a Float32Array (got a Float64Array)'));
    expect(() => checks.sgdStep(2, f32(2), f32(2), new Float64Array(2), 0.1, 0.9, false, 0)).toThrow(
      new TypeError('sgdStep: velocity must be a Float32Array or null (got a Float64Array)'),
    );
    expect(() => checks.scale(3, 1, f32(2))).toThrow(new RangeError('scale: x has 2 elements but needs 3 (n)'));
  });

  it('float64: true accepts a Float64Array', () => {
    const checks64 = createOpChecks({ float64: true });
    expect(checks64.scale(2, 1, new Float64Array(2))).toEqual({ x: 2 });
    expect(() => checks64.axpy(2, 1, new Float64Array(2), f32(2))).toThrow(TypeError);
  });
});
