/**
 * Conformance cases for the direct convolution: conv2d and conv2dWeightGrad against float64
 * references written from their definitions (reference-layers.ts), on awkward geometries (LeNet's
 * first layer, strides 2 and 3, padding wider than the kernel, dilation, non-square images and
 * kernels, a kernel wider than 8, output rows of 17 values), 1 and 3 channels, 1 to 4 filters, 1
 * and 3 rows; the weight gradient with beta 0 over NaN and with beta ≠ 0, alpha ≠ 1; and the zero
 * sizes (rows 0 still applies beta to dw; channels 0 makes y zeros).
 */
import { assertClose, sumTolerance } from './compare.js';
import { geometry, geometryLabel } from './cases-conv.js';
import { refConv2d, refConv2dWeightGrad, refWindowOutput, type WindowGeometry } from './reference-layers.js';
import type { SuiteContext } from './suite-context.js';

/** A geometry and its filter count. */
interface DirectCase {
  g: WindowGeometry;
  filters: number;
}

const DIRECT_CASES: readonly DirectCase[] = [
  // LeNet-5's first convolution (1 channel, 5×5, "same" padding) on 3 images.
  { g: geometry(3, 1, 28, 28, 5, 5, 1, 1, 2, 2), filters: 4 },
  { g: geometry(1, 3, 7, 6, 3, 3, 2, 2, 1, 1), filters: 4 },
  { g: geometry(3, 1, 8, 9, 2, 3, 3, 2, 0, 2, 2, 1), filters: 1 },
  { g: geometry(1, 3, 6, 11, 3, 2, 1, 1, 2, 1, 1, 3), filters: 4 },
  { g: geometry(3, 3, 5, 17, 3, 3, 1, 1, 1, 1), filters: 1 },
  // Padding wider than the kernel: whole windows of padding.
  { g: geometry(1, 1, 2, 3, 2, 2, 1, 1, 3, 3), filters: 4 },
  { g: geometry(3, 1, 9, 7, 3, 3, 2, 1, 1, 0, 2, 2), filters: 4 },
  { g: geometry(1, 3, 4, 4, 1, 1, 1, 1, 0, 0), filters: 1 },
  { g: geometry(1, 1, 5, 20, 1, 9, 1, 1, 0, 4), filters: 2 },
  { g: geometry(3, 3, 6, 9, 3, 3, 1, 1, 0, 0), filters: 3 },
];

/** The thirteen leading arguments of conv2d / conv2dWeightGrad: the geometry with filters after width. */
export function directArgs(g: WindowGeometry, filters: number): number[] {
  return [g.rows, g.channels, g.height, g.width, filters, g.kernelH, g.kernelW, g.strideH, g.strideW, g.padH, g.padW, g.dilationH, g.dilationW];
}

export function registerConvDirectCases(ctx: SuiteContext): void {
  ctx.api.describe('conv2d / conv2dWeightGrad', () => {
    for (const { g, filters } of DIRECT_CASES) {
      const label = `${geometryLabel(g)}, filters ${filters}`;
      const { outH, outW } = refWindowOutput(g);
      const nx = g.rows * g.channels * g.height * g.width;
      const nw = filters * g.channels * g.kernelH * g.kernelW;
      const ny = g.rows * filters * outH * outW;
      ctx.test(`conv2d ${label}`, ({ backend, arena, dtype }) => {
        const x = arena.uniform('x', nx);
        const w = arena.uniform('weights', nw);
        const y = arena.output('y', ny);
        const ref = refConv2d(g, filters, x, w);
        (backend.conv2d as (...a: unknown[]) => void)(...directArgs(g, filters), x, w, y);
        assertClose(`conv2d ${label}`, y, ref.value, sumTolerance(dtype, ref.terms), (i) => ref.magnitude[i]!);
      });
      for (const [alpha, beta] of [
        [1, 0],
        [0.75, -0.5],
      ] as const) {
        ctx.test(`conv2dWeightGrad ${label}, alpha ${alpha}, beta ${beta}${beta === 0 ? ' over NaN' : ''}`, ({ backend, arena, dtype }) => {
          const x = arena.uniform('x', nx);
          const dy = arena.uniform('dy', ny);
          const dw = beta === 0 ? arena.output('dw', nw) : arena.uniformOutput('dw', nw);
          const ref = refConv2dWeightGrad(g, filters, x, dy, alpha, beta, dw);
          (backend.conv2dWeightGrad as (...a: unknown[]) => void)(...directArgs(g, filters), x, dy, alpha, beta, dw);
          assertClose(`conv2dWeightGrad ${label}, beta ${beta}`, dw, ref.value, sumTolerance(dtype, ref.terms), (i) => ref.magnitude[i]!);
        });
      }
    }
    ctx.test('rows 0 or filters 0: conv2d writes nothing, conv2dWeightGrad gives beta·dw', ({ backend, arena }) => {
      const x = arena.uniform('x (read nothing)', 8);
      const w = arena.uniform('weights (read nothing)', 8);
      const y = arena.uniform('y (written nowhere)', 4);
      // rows 0: 3×3 images, 2 filters of 2×2; filters 0: 2 images of 2×2.
      backend.conv2d(0, 1, 3, 3, 2, 2, 2, 1, 1, 0, 0, 1, 1, x, w, y);
      backend.conv2d(2, 1, 2, 2, 0, 2, 2, 1, 1, 0, 0, 1, 1, x, w, y);
      backend.conv2dWeightGrad(2, 1, 2, 2, 0, 2, 2, 1, 1, 0, 0, 1, 1, x, w, 1, 0, y);
      const dw = arena.output('dw', 8);
      backend.conv2dWeightGrad(0, 1, 3, 3, 2, 2, 2, 1, 1, 0, 0, 1, 1, x, w, 1, 0, dw);
      assertClose('conv2dWeightGrad(rows 0, beta 0) over NaN', dw, new Array(8).fill(0), { rtol: 0, atol: 0 });
      const dw2 = arena.output('dw2', 8, (i) => i + 1);
      backend.conv2dWeightGrad(0, 1, 3, 3, 2, 2, 2, 1, 1, 0, 0, 1, 1, x, w, 2, 0.5, dw2);
      assertClose('conv2dWeightGrad(rows 0, beta 0.5)', dw2, [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4], { rtol: 0, atol: 0 });
    });
    ctx.test('channels 0: conv2d writes zeros (an empty sum), conv2dWeightGrad writes nothing', ({ backend, arena }) => {
      // 2 images of 0 channels, 3×3, 3 filters of 2×2: y is 2·3·2·2.
      const x = arena.uniform('x (read nothing)', 4);
      const y = arena.output('y', 24);
      backend.conv2d(2, 0, 3, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1, x, x, y);
      assertClose('conv2d(channels 0) over NaN', y, new Array(24).fill(0), { rtol: 0, atol: 0 });
      const dy = arena.uniform('dy (read nothing)', 24);
      const untouched = arena.uniform('dw (written nowhere)', 4);
      backend.conv2dWeightGrad(2, 0, 3, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1, x, dy, 1, 0, untouched);
    });
  });
}
