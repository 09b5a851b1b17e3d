/**
 * Conformance cases for the element-wise ops (add, sub, mul, mulAdd, axpy, scale,
 * sumSquares), including every aliasing the interface allows.
 */
import type { Backend, FloatArray } from '../backend/backend.js';
import { EPS, assertClose, assertScalarClose } from './compare.js';
import { refBinary, refSumSquares } from './reference.js';
import { SIZES } from './cases-activations.js';
import type { SuiteContext } from './suite-context.js';

type BinaryOp = 'add' | 'sub' | 'mul';

const BINARY: Record<BinaryOp, { f: (x: number, y: number) => number; scale: (x: number, y: number) => number }> = {
  add: { f: (x, y) => x + y, scale: (x, y) => Math.abs(x) + Math.abs(y) },
  sub: { f: (x, y) => x - y, scale: (x, y) => Math.abs(x) + Math.abs(y) },
  mul: { f: (x, y) => x * y, scale: (x, y) => Math.abs(x * y) },
};

/** Which arrays of out = op(a, b) are one and the same. */
type Aliasing = 'none' | 'out = a' | 'out = b' | 'a = b' | 'out = a = b';

function callBinary(backend: Backend, op: BinaryOp, n: number, a: FloatArray, b: FloatArray, out: FloatArray): void {
  if (op === 'add') backend.add(n, a, b, out);
  else if (op === 'sub') backend.sub(n, a, b, out);
  else backend.mul(n, a, b, out);
}

export function registerElementwiseCases(ctx: SuiteContext): void {
  ctx.api.describe('add / sub / mul', () => {
    for (const op of ['add', 'sub', 'mul'] as const) {
      for (const aliasing of ['none', 'out = a', 'out = b', 'a = b', 'out = a = b'] as const) {
        ctx.test(`${op}, ${aliasing}`, ({ backend, arena, tol }) => {
          for (const n of SIZES) {
            const outIsA = aliasing === 'out = a' || aliasing === 'out = a = b';
            const a = outIsA ? arena.uniformOutput(`a (n ${n})`, n, -4, 4) : arena.uniform(`a (n ${n})`, n, -4, 4);
            const b =
              aliasing === 'a = b' || aliasing === 'out = a = b'
                ? a
                : aliasing === 'out = b'
                  ? arena.uniformOutput(`b (n ${n})`, n, -4, 4)
                  : arena.uniform(`b (n ${n})`, n, -4, 4);
            const out = outIsA ? a : aliasing === 'out = b' ? b : arena.output(`out (n ${n})`, n);
            const ref = refBinary(n, a, b, BINARY[op].f);
            const scale = refBinary(n, a, b, BINARY[op].scale);
            callBinary(backend, op, n, a, b, out);
            assertClose(`${op}, n ${n}, ${aliasing}`, out, ref, tol.exact, (i) => scale[i]!);
          }
        });
      }
    }
  });

  ctx.api.describe('mulAdd / axpy / scale / sumSquares', () => {
    ctx.test('mulAdd (c += a∘b)', ({ backend, arena, tol }) => {
      for (const n of SIZES) {
        const a = arena.uniform(`a (n ${n})`, n, -2, 2);
        const b = arena.uniform(`b (n ${n})`, n, -2, 2);
        const c = arena.uniformOutput(`c (n ${n})`, n, -2, 2);
        const ref = refBinary(n, a, b, (x, y) => x * y);
        const scale = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          scale[i] = Math.abs(ref[i]!) + Math.abs(c[i]!);
          ref[i]! += c[i]!;
        }
        backend.mulAdd(n, a, b, c);
        assertClose(`mulAdd, n ${n}`, c, ref, tol.exact, (i) => scale[i]!);
      }
    });
    for (const alpha of [1, -0.5, 0, 2.5]) {
      ctx.test(`axpy alpha ${alpha}`, ({ backend, arena, tol }) => {
        for (const n of SIZES) {
          const x = arena.uniform(`x (n ${n})`, n, -3, 3);
          const y = arena.uniformOutput(`y (n ${n})`, n, -3, 3);
          const ref = refBinary(n, x, y, (xi, yi) => yi + alpha * xi);
          const scale = refBinary(n, x, y, (xi, yi) => Math.abs(yi) + Math.abs(alpha * xi));
          backend.axpy(n, alpha, x, y);
          assertClose(`axpy alpha ${alpha}, n ${n}`, y, ref, tol.exact, (i) => scale[i]!);
        }
      });
    }
    for (const alpha of [0.5, -3, 0]) {
      ctx.test(`scale alpha ${alpha}`, ({ backend, arena, tol }) => {
        for (const n of SIZES) {
          const x = arena.uniformOutput(`x (n ${n})`, n, -3, 3);
          const ref = Array.from(x.subarray(0, n), (v) => alpha * v);
          backend.scale(n, alpha, x);
          assertClose(`scale alpha ${alpha}, n ${n}`, x, ref, tol.exact);
        }
      });
    }
    ctx.test('sumSquares', ({ backend, arena, tol }) => {
      for (const n of SIZES) {
        const x = arena.uniform(`x (n ${n})`, n, -3, 3);
        assertScalarClose(`sumSquares, n ${n}`, backend.sumSquares(n, x), refSumSquares(n, x), tol.exact);
      }
    });
    ctx.test('sumSquares accumulates in double precision (n = 2^17)', ({ backend, arena, dtype }) => {
      // Summing 131072 squares in float32 loses about 1e-5 relative; the interface promises a
      // double accumulation, whose error here stays near the rounding of the squares themselves.
      const n = 1 << 17;
      const x = arena.uniform('x', n, 0.5, 1);
      assertScalarClose(`sumSquares, n ${n}`, backend.sumSquares(n, x), refSumSquares(n, x), { rtol: 2 * EPS[dtype], atol: 0 });
    });
  });
}
