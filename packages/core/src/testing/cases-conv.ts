/**
 * Conformance cases for the convolution ops: im2col (an exact copy, zeros in the padding),
 * col2im (beta = 0 over NaN and beta ≠ 0, and checked as the adjoint of im2col) and
 * transposeBatch (blocks of 1, 3 and 64 values), on awkward geometries: 1×1 images and kernels, strides 2 and 3, padding
 * (wider than the kernel too), dilation, non-square kernels and images, 1, 3 rows and 1, 5 channels.
 */
import { assertClose, assertScalarClose, sumTolerance } from './compare.js';
import { refCol2im, refIm2col, refTransposeBatch, refWindowOutput, type WindowGeometry } from './reference-layers.js';
import type { SuiteContext } from './suite-context.js';

/** A geometry from its twelve numbers, in the Backend's argument order. */
export function geometry(
  rows: number,
  channels: number,
  height: number,
  width: number,
  kernelH: number,
  kernelW: number,
  strideH: number,
  strideW: number,
  padH: number,
  padW: number,
  dilationH = 1,
  dilationW = 1,
): WindowGeometry {
  return { rows, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW };
}

/** A short name of a geometry for case titles. */
export function geometryLabel(g: WindowGeometry): string {
  const dilation = g.dilationH === 1 && g.dilationW === 1 ? '' : `, dilation ${g.dilationH}x${g.dilationW}`;
  return `${g.rows}x${g.channels}x${g.height}x${g.width}, kernel ${g.kernelH}x${g.kernelW}, stride ${g.strideH}x${g.strideW}, pad ${g.padH}x${g.padW}${dilation}`;
}

/** The twelve geometry arguments of im2col / col2im, in order. */
export function geometryArgs(g: WindowGeometry): [number, number, number, number, number, number, number, number, number, number, number, number] {
  return [g.rows, g.channels, g.height, g.width, g.kernelH, g.kernelW, g.strideH, g.strideW, g.padH, g.padW, g.dilationH, g.dilationW];
}

/** Element counts of a geometry's image batch and of its im2col matrix. */
export function geometrySizes(g: WindowGeometry): { image: number; cols: number; outH: number; outW: number } {
  const { outH, outW } = refWindowOutput(g);
  return { image: g.rows * g.channels * g.height * g.width, cols: g.rows * outH * outW * g.channels * g.kernelH * g.kernelW, outH, outW };
}

const CONV_GEOMETRIES: readonly WindowGeometry[] = [
  geometry(1, 1, 1, 1, 1, 1, 1, 1, 0, 0),
  geometry(3, 5, 7, 6, 3, 3, 2, 2, 1, 1),
  geometry(1, 1, 8, 9, 2, 3, 3, 2, 0, 2, 2, 1),
  geometry(3, 2, 5, 5, 5, 5, 1, 1, 2, 2),
  geometry(2, 3, 6, 11, 3, 2, 1, 3, 2, 1, 1, 3),
  geometry(1, 5, 4, 4, 1, 1, 2, 2, 0, 0),
  // Padding wider than the kernel: whole patches of padding.
  geometry(1, 1, 2, 3, 2, 2, 1, 1, 3, 3),
  // LeNet-5's second convolution.
  geometry(3, 6, 12, 12, 5, 5, 1, 1, 0, 0),
  geometry(2, 2, 9, 7, 3, 3, 2, 3, 1, 0, 2, 2),
];

/**
 * batch × r × c × inner shapes for transposeBatch; the large ones cross 32-element tiles. Blocks
 * of 1 and 3 values take the tiled loops, blocks of 64 the whole-block copies.
 */
const TRANSPOSE_SHAPES: readonly (readonly [number, number, number, number])[] = [
  [1, 1, 1, 1],
  [1, 3, 17, 1],
  [3, 17, 5, 1],
  [5, 1, 7, 1],
  [2, 63, 65, 1],
  [4, 40, 33, 1],
  [1, 1, 1, 3],
  [3, 7, 5, 3],
  [2, 33, 35, 3],
  [1, 5, 1, 64],
  [3, 6, 7, 64],
  [2, 1, 9, 64],
];

export function registerConvCases(ctx: SuiteContext): void {
  ctx.api.describe('im2col / col2im', () => {
    for (const g of CONV_GEOMETRIES) {
      const label = geometryLabel(g);
      const { image, cols: n } = geometrySizes(g);
      ctx.test(`im2col ${label}`, ({ backend, arena }) => {
        const x = arena.uniform('x', image);
        const cols = arena.output('cols', n);
        const ref = refIm2col(g, x);
        backend.im2col(...geometryArgs(g), x, cols);
        assertClose(`im2col ${label}`, cols, ref, { rtol: 0, atol: 0 });
      });
      for (const beta of [0, -0.5]) {
        ctx.test(`col2im ${label}, beta ${beta}${beta === 0 ? ' over NaN' : ''}`, ({ backend, arena, dtype }) => {
          const cols = arena.uniform('cols', n);
          const dx = beta === 0 ? arena.output('dx', image) : arena.uniformOutput('dx', image);
          const ref = refCol2im(g, cols, beta, dx);
          backend.col2im(...geometryArgs(g), cols, beta, dx);
          assertClose(`col2im ${label}, beta ${beta}`, dx, ref.value, sumTolerance(dtype, ref.terms), (i) => ref.magnitude[i]!);
        });
      }
      ctx.test(`col2im is the adjoint of im2col: <im2col(x), c> = <x, col2im(c)>, ${label}`, ({ backend, arena, dtype }) => {
        const x = arena.uniform('x', image);
        const c = arena.uniform('c', n);
        const cols = arena.output('im2col(x)', n);
        const dx = arena.output('col2im(c)', image);
        backend.im2col(...geometryArgs(g), x, cols);
        backend.col2im(...geometryArgs(g), c, 0, dx);
        let left = 0;
        let scale = 0;
        for (let i = 0; i < n; i++) {
          left += cols[i]! * c[i]!;
          scale += Math.abs(cols[i]! * c[i]!);
        }
        let right = 0;
        for (let i = 0; i < image; i++) right += x[i]! * dx[i]!;
        assertScalarClose(`<x, col2im(c)> against <im2col(x), c>, ${label}`, right, left, sumTolerance(dtype, g.kernelH * g.kernelW), scale);
      });
    }
    ctx.test('rows 0 or channels 0 write nothing', ({ backend, arena }) => {
      const x = arena.uniform('x (read nothing)', 4);
      const cols = arena.uniform('cols (written nowhere)', 4);
      backend.im2col(0, 2, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1, x, cols);
      backend.im2col(2, 0, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1, x, cols);
      backend.col2im(0, 2, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1, x, 0, cols);
      backend.col2im(2, 0, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1, x, 0, cols);
    });
  });

  ctx.api.describe('transposeBatch', () => {
    for (const [batch, r, c, inner] of TRANSPOSE_SHAPES) {
      const label = `${batch}x${r}x${c}, inner ${inner}`;
      ctx.test(label, ({ backend, arena }) => {
        const x = arena.uniform('x', batch * r * c * inner);
        const y = arena.output('y', batch * r * c * inner);
        backend.transposeBatch(batch, r, c, inner, x, y);
        assertClose(`transposeBatch ${label}`, y, refTransposeBatch(batch, r, c, inner, x), { rtol: 0, atol: 0 });
      });
    }
    ctx.test('inner 0 writes nothing', ({ backend, arena }) => {
      const x = arena.uniform('x (read nothing)', 4);
      const y = arena.uniform('y (written nowhere)', 4);
      backend.transposeBatch(2, 3, 4, 0, x, y);
    });
  });
}
