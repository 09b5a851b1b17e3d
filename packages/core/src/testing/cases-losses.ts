/**
 * Conformance cases for the fused losses: softmax + cross-entropy, MSE, and sigmoid +
 * binary cross-entropy, each checked for its returned value and its gradient, with the
 * gradient written to a separate array or over its input (aliasing allowed by the interface).
 */
import { assertClose, assertScalarClose } from './compare.js';
import { refHuber, refL1Loss, refMse, refMultiMargin, refSigmoidBinaryCrossEntropy, refSoftmaxCrossEntropy } from './reference.js';
import { MATRIX_SHAPES, SIZES } from './cases-activations.js';
import type { SuiteContext } from './suite-context.js';

export function registerLossCases(ctx: SuiteContext): void {
  ctx.api.describe('softmaxCrossEntropy', () => {
    for (const [rows, cols] of MATRIX_SHAPES) {
      for (const soft of [false, true]) {
        for (const aliased of [false, true]) {
          const label = `${rows}x${cols}, ${soft ? 'probability' : 'one-hot'} targets, grad ${aliased ? 'over logits' : 'separate'}`;
          ctx.test(label, ({ backend, arena, rng, tol }) => {
            const n = rows * cols;
            // Row 0 has large logits (±120, beyond float32 exp range): the log-sum-exp must be max-shifted.
            const zFill = (i: number): number => (i < cols ? rng.uniform(-120, 120) : rng.uniform(-4, 4));
            const logits = aliased ? arena.output('logits', n, zFill) : arena.input('logits', n, zFill);
            const t = new Float64Array(n);
            for (let r = 0; r < rows; r++) {
              if (soft) {
                let s = 0;
                for (let j = 0; j < cols; j++) s += t[r * cols + j] = rng.next() + 0.01;
                for (let j = 0; j < cols; j++) t[r * cols + j]! /= s;
              } else t[r * cols + rng.int(cols)] = 1;
            }
            const targets = arena.input('targets', n, (i) => t[i]!);
            const gradScale = 1 / rows;
            const ref = refSoftmaxCrossEntropy(rows, cols, logits, targets, gradScale);
            const grad = aliased ? logits : arena.output('grad', n);
            const loss = backend.softmaxCrossEntropy(rows, cols, logits, targets, gradScale, grad);
            assertScalarClose(`softmaxCrossEntropy loss (${label})`, loss, ref.loss, tol.transcendental, ref.lossMagnitude);
            // grad = s·(p − t): error scale |s|·(p + |t|), p ≤ 1.
            assertClose(`softmaxCrossEntropy grad (${label})`, grad, ref.grad, tol.transcendental, (i) => gradScale * (1 + Math.abs(targets[i]!)));
          });
        }
      }
    }
  });

  ctx.api.describe('mse', () => {
    for (const aliased of [false, true]) {
      for (const gradScale of [1, 0.5, -0.25]) {
        const label = `gradScale ${gradScale}, grad ${aliased ? 'over pred' : 'separate'}`;
        ctx.test(label, ({ backend, arena, tol }) => {
          for (const n of SIZES) {
            const pred = aliased ? arena.uniformOutput(`pred (n ${n})`, n, -3, 3) : arena.uniform(`pred (n ${n})`, n, -3, 3);
            const target = arena.uniform(`target (n ${n})`, n, -3, 3);
            const ref = refMse(n, pred, target, gradScale);
            const scale = Array.from({ length: n }, (_, i) => 2 * Math.abs(gradScale) * (Math.abs(pred[i]!) + Math.abs(target[i]!)));
            const grad = aliased ? pred : arena.output(`grad (n ${n})`, n);
            const loss = backend.mse(n, pred, target, gradScale, grad);
            assertScalarClose(`mse loss, n ${n} (${label})`, loss, ref.loss, tol.exact, ref.lossMagnitude);
            assertClose(`mse grad, n ${n} (${label})`, grad, ref.grad, tol.exact, (i) => scale[i]!);
          }
        });
      }
    }
  });

  ctx.api.describe('sigmoidBinaryCrossEntropy', () => {
    for (const aliased of [false, true]) {
      for (const soft of [false, true]) {
        const label = `${soft ? 'fractional' : '0/1'} targets, grad ${aliased ? 'over logits' : 'separate'}`;
        ctx.test(label, ({ backend, arena, rng, tol }) => {
          const specials = [0, 100, -100, 30, -30, 1e-3];
          for (const n of SIZES) {
            const zFill = (i: number): number => (n >= 17 && i < specials.length ? specials[i]! : rng.uniform(-8, 8));
            const logits = aliased ? arena.output(`logits (n ${n})`, n, zFill) : arena.input(`logits (n ${n})`, n, zFill);
            const targets = arena.input(`targets (n ${n})`, n, () => (soft ? rng.next() : rng.int(2)));
            const gradScale = 1 / n;
            const ref = refSigmoidBinaryCrossEntropy(n, logits, targets, gradScale);
            const grad = aliased ? logits : arena.output(`grad (n ${n})`, n);
            const loss = backend.sigmoidBinaryCrossEntropy(n, logits, targets, gradScale, grad);
            assertScalarClose(`sigmoidBinaryCrossEntropy loss, n ${n} (${label})`, loss, ref.loss, tol.transcendental, ref.lossMagnitude);
            assertClose(`sigmoidBinaryCrossEntropy grad, n ${n} (${label})`, grad, ref.grad, tol.transcendental, (i) => gradScale * (1 + Math.abs(targets[i]!)));
          }
        });
      }
    }
  });

  ctx.api.describe('l1Loss / huber', () => {
    for (const aliased of [false, true]) {
      for (const gradScale of [1, -0.25]) {
        for (const delta of [null, 1, 0.3]) {
          const what = delta === null ? 'l1Loss' : `huber (delta ${delta})`;
          const label = `${what}, gradScale ${gradScale}, grad ${aliased ? 'over pred' : 'separate'}`;
          ctx.test(label, ({ backend, arena, rng, tol }) => {
            for (const n of SIZES) {
              const pred = aliased ? arena.uniformOutput(`pred (n ${n})`, n, -3, 3) : arena.uniform(`pred (n ${n})`, n, -3, 3);
              // An exact tie (d = 0) and, for huber, a point on |d| = δ.
              const tFill = (i: number): number =>
                n >= 17 && i === 0 ? pred[0]! : n >= 17 && i === 1 && delta !== null ? pred[1]! - delta : rng.uniform(-3, 3);
              const target = arena.input(`target (n ${n})`, n, tFill);
              const ref = delta === null ? refL1Loss(n, pred, target, gradScale) : refHuber(n, pred, target, delta, gradScale);
              const grad = aliased ? pred : arena.output(`grad (n ${n})`, n);
              const loss = delta === null ? backend.l1Loss(n, pred, target, gradScale, grad) : backend.huber(n, pred, target, delta, gradScale, grad);
              assertScalarClose(`${what} loss, n ${n}`, loss, ref.loss, tol.exact, ref.lossMagnitude + n);
              assertClose(`${what} grad, n ${n}`, grad, ref.grad, tol.exact, () => 4 * Math.abs(gradScale));
            }
          });
        }
      }
    }
  });

  ctx.api.describe('multiMargin', () => {
    for (const [rows, cols] of MATRIX_SHAPES) {
      for (const aliased of [false, true]) {
        const label = `${rows}x${cols}, grad ${aliased ? 'over logits' : 'separate'}`;
        ctx.test(label, ({ backend, arena, rng, tol }) => {
          const n = rows * cols;
          const logits = aliased ? arena.output('logits', n, () => rng.uniform(-2, 2)) : arena.input('logits', n, () => rng.uniform(-2, 2));
          const t = new Float64Array(n);
          for (let r = 0; r < rows; r++) t[r * cols + rng.int(cols)] = 1;
          const targets = arena.input('targets', n, (i) => t[i]!);
          const gradScale = 1 / rows;
          const ref = refMultiMargin(rows, cols, logits, targets, 1, gradScale);
          const grad = aliased ? logits : arena.output('grad', n);
          const loss = backend.multiMargin(rows, cols, logits, targets, 1, gradScale, grad);
          assertScalarClose(`multiMargin loss (${label})`, loss, ref.loss, tol.exact, ref.lossMagnitude);
          // The class entry sums up to cols − 1 terms of gradScale/cols (the reference adds them one by one).
          assertClose(`multiMargin grad (${label})`, grad, ref.grad, tol.exact, (i) => gradScale + cols * Math.abs(ref.grad[i]!));
        });
      }
    }
  });
}
