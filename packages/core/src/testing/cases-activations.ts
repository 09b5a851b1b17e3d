/**
 * Conformance cases for bias ops (addRowVector, sumRows), element-wise activations and
 * their backward, and row-wise softmax and its backward; out of place and in place.
 */
import { ELEMENTWISE_ACTIVATIONS, derivativeFromOutput } from '../backend/backend.js';
import { snapshot } from './arena.js';
import { EPS, assertClose } from './compare.js';
import {
  refActivation,
  refActivationBackward,
  refActivationBackwardFromInput,
  refAddRowVector,
  refSoftmax,
  refSoftmaxBackward,
  refSumRows,
} from './reference.js';
import type { SuiteContext } from './suite-context.js';

/** Element counts for element-wise ops. */
export const SIZES: readonly number[] = [1, 3, 17, 63, 257, 1031];

/** rows × cols for row-wise ops. */
export const MATRIX_SHAPES: readonly (readonly [number, number])[] = [
  [1, 1],
  [1, 3],
  [3, 17],
  [17, 63],
  [63, 10],
  [5, 257],
  [257, 3],
];

/** Inputs that break naive formulas (overflowing exp, tanh of large |x|, exact zeros). */
const SPECIALS: readonly number[] = [0, -0, 1e-3, -1e-3, 30, -30, 100, -100, 1e-30, -1e-30];

/** Activation inputs: the specials first (when there is room), then uniform in [−6, 6). */
function activationInput(i: number, n: number, u: () => number): number {
  return n >= 17 && i < SPECIALS.length ? SPECIALS[i]! : u();
}

export function registerActivationCases(ctx: SuiteContext): void {
  ctx.api.describe('addRowVector / sumRows', () => {
    for (const [rows, cols] of MATRIX_SHAPES) {
      ctx.test(`addRowVector ${rows}x${cols}`, ({ backend, arena, tol }) => {
        const x = arena.uniformOutput('x', rows * cols);
        const v = arena.uniform('v', cols);
        const ref = refAddRowVector(rows, cols, x, v);
        const scale = (i: number): number => Math.abs(ref[i]!) + Math.abs(v[i % cols]!);
        backend.addRowVector(rows, cols, x, v);
        assertClose(`addRowVector ${rows}x${cols}`, x, ref, tol.exact, scale);
      });
      for (const beta of [0, 1, 0.5]) {
        ctx.test(`sumRows ${rows}x${cols}, beta ${beta}`, ({ backend, arena, dtype }) => {
          const x = arena.uniform('x', rows * cols);
          const out = beta === 0 ? arena.output('out', cols) : arena.uniformOutput('out', cols);
          const ref = refSumRows(rows, cols, x, beta, out);
          const mag = new Float64Array(cols);
          for (let j = 0; j < cols; j++) {
            mag[j] = beta === 0 ? 0 : Math.abs(beta * out[j]!);
            for (let i = 0; i < rows; i++) mag[j] += Math.abs(x[i * cols + j]!);
          }
          backend.sumRows(rows, cols, x, beta, out);
          const rtol = 8 * EPS[dtype] * (Math.sqrt(rows) + 1);
          assertClose(`sumRows ${rows}x${cols}, beta ${beta}`, out, ref, { rtol, atol: 0 }, (j) => mag[j]!);
        });
      }
    }
  });

  ctx.api.describe('activation / activationBackward', () => {
    for (const kind of ELEMENTWISE_ACTIVATIONS) {
      const alphas = kind === 'leaky-relu' ? [0.01, 0.2] : kind === 'elu' ? [1, 0.5] : [0.01];
      for (const alpha of alphas) {
        const label = kind === 'leaky-relu' || kind === 'elu' ? `${kind} (alpha ${alpha})` : kind;
        for (const inPlace of [false, true]) {
          const mode = inPlace ? 'in place' : 'out of place';
          ctx.test(`${label} forward, ${mode}`, ({ backend, arena, rng, tol }) => {
            for (const n of SIZES) {
              const fill = (i: number): number => activationInput(i, n, () => rng.uniform(-6, 6));
              const x = inPlace ? arena.output(`x (n ${n})`, n, fill) : arena.input(`x (n ${n})`, n, fill);
              const ref = refActivation(kind, n, x, alpha);
              const y = inPlace ? x : arena.output(`y (n ${n})`, n);
              backend.activation(kind, n, x, y, alpha);
              assertClose(`activation ${label}, n ${n}, ${mode}`, y, ref, tol.transcendental);
            }
          });
          ctx.test(`${label} backward from input, ${mode}`, ({ backend, arena, rng, tol }) => {
            for (const n of SIZES) {
              const x = arena.input(`x (n ${n})`, n, (i) => activationInput(i, n, () => rng.uniform(-6, 6)));
              const dyFill = (): number => rng.uniform(-2, 2);
              const dy = inPlace ? arena.output(`dy (n ${n})`, n, dyFill) : arena.input(`dy (n ${n})`, n, dyFill);
              const ref = refActivationBackwardFromInput(kind, n, x, dy, alpha);
              const dx = inPlace ? dy : arena.output(`dx (n ${n})`, n);
              const dyAbs = snapshot(dy, n).map(Math.abs);
              backend.activationBackwardFromInput(kind, n, x, dy, dx, alpha);
              // |f'| ≤ 1.8 for every kind here (selu's λα₀ the largest), so |dy| bounds the error's scale.
              assertClose(`activationBackwardFromInput ${label}, n ${n}, ${mode}`, dx, ref, tol.transcendental, (i) => 4 * dyAbs[i]!);
            }
          });
          if (!derivativeFromOutput(kind)) continue;
          ctx.test(`${label} backward, ${mode}`, ({ backend, arena, rng, tol }) => {
            for (const n of SIZES) {
              // y must be a genuine output of f (derivatives are taken from y), rounded to the type.
              const xs = Array.from({ length: n }, (_, i) => activationInput(i, n, () => rng.uniform(-6, 6)));
              const yRef = refActivation(kind, n, xs, alpha);
              const y = arena.input(`y (n ${n})`, n, (i) => yRef[i]!);
              const dyFill = (): number => rng.uniform(-2, 2);
              const dy = inPlace ? arena.output(`dy (n ${n})`, n, dyFill) : arena.input(`dy (n ${n})`, n, dyFill);
              const ref = refActivationBackward(kind, n, y, dy, alpha);
              const dx = inPlace ? dy : arena.output(`dx (n ${n})`, n);
              const dyAbs = snapshot(dy, n).map(Math.abs);
              backend.activationBackward(kind, n, y, dy, dx, alpha);
              // |dx| ≤ 1.8·|dy| for every kind here, so |dy| bounds the scale of the rounding error.
              assertClose(`activationBackward ${label}, n ${n}, ${mode}`, dx, ref, tol.exact, (i) => 4 * dyAbs[i]!);
            }
          });
        }
      }
    }
  });

  ctx.api.describe('softmax / softmaxBackward', () => {
    for (const [rows, cols] of MATRIX_SHAPES) {
      for (const inPlace of [false, true]) {
        const mode = inPlace ? 'in place' : 'out of place';
        ctx.test(`softmax ${rows}x${cols}, ${mode}`, ({ backend, arena, rng, tol }) => {
          // Row 0 has logits up to ±120 (e^89 already overflows float32 without the max shift); the last row is constant.
          const fill = (i: number): number => {
            const r = Math.floor(i / cols);
            if (rows > 1 && r === rows - 1) return 2.5;
            return r === 0 ? rng.uniform(-120, 120) : rng.uniform(-5, 5);
          };
          const n = rows * cols;
          const x = inPlace ? arena.output('x', n, fill) : arena.input('x', n, fill);
          const ref = refSoftmax(rows, cols, x);
          const y = inPlace ? x : arena.output('y', n);
          backend.softmax(rows, cols, x, y);
          assertClose(`softmax ${rows}x${cols}, ${mode}`, y, ref, tol.transcendental);
        });
        ctx.test(`softmaxBackward ${rows}x${cols}, ${mode}`, ({ backend, arena, rng, dtype }) => {
          const n = rows * cols;
          const yRef = refSoftmax(rows, cols, Array.from({ length: n }, () => rng.uniform(-3, 3)));
          const y = arena.input('y', n, (i) => yRef[i]!);
          const dyFill = (): number => rng.uniform(-1, 1);
          const dy = inPlace ? arena.output('dy', n, dyFill) : arena.input('dy', n, dyFill);
          const ref = refSoftmaxBackward(rows, cols, y, dy);
          // Error scale: y·(|dy| + Σ_j |dy_j·y_j|), the sizes of the two terms being subtracted.
          const mag = new Float64Array(n);
          for (let r = 0; r < rows; r++) {
            let dotAbs = 0;
            for (let j = 0; j < cols; j++) dotAbs += Math.abs(dy[r * cols + j]! * y[r * cols + j]!);
            for (let j = 0; j < cols; j++) mag[r * cols + j] = Math.abs(y[r * cols + j]!) * (Math.abs(dy[r * cols + j]!) + dotAbs);
          }
          const dx = inPlace ? dy : arena.output('dx', n);
          backend.softmaxBackward(rows, cols, y, dy, dx);
          const rtol = 8 * EPS[dtype] * (Math.sqrt(cols) + 1);
          assertClose(`softmaxBackward ${rows}x${cols}, ${mode}`, dx, ref, { rtol, atol: 0 }, (i) => mag[i]!);
        });
      }
    }
  });
}
