/**
 * Conformance cases for the interface's general promises rather than one op's arithmetic:
 * zero sizes are no-ops (as in BLAS), and a backend that does not accept Float64Array
 * (info.float64 false) rejects it with a TypeError instead of reading its bytes as floats.
 */
import type { Backend, FloatArray } from '../backend/backend.js';
import { assertClose } from './compare.js';
import { assertThrows, type SuiteContext } from './suite-context.js';

/** One call of every op on arrays made by `make` (each of length `len`) with size `n`. */
function everyOp(backend: Backend, make: () => FloatArray, n: number): Record<string, () => unknown> {
  return {
    gemm: () => backend.gemm(false, false, n, n, n, 1, make(), make(), 1, make()),
    addRowVector: () => backend.addRowVector(n, n, make(), make()),
    sumRows: () => backend.sumRows(n, n, make(), 1, make()),
    activation: () => backend.activation('sigmoid', n, make(), make(), 0),
    activationBackward: () => backend.activationBackward('tanh', n, make(), make(), make(), 0),
    softmax: () => backend.softmax(n, n, make(), make()),
    softmaxBackward: () => backend.softmaxBackward(n, n, make(), make(), make()),
    softmaxCrossEntropy: () => backend.softmaxCrossEntropy(n, n, make(), make(), 1, make()),
    mse: () => backend.mse(n, make(), make(), 1, make()),
    sigmoidBinaryCrossEntropy: () => backend.sigmoidBinaryCrossEntropy(n, make(), make(), 1, make()),
    add: () => backend.add(n, make(), make(), make()),
    sub: () => backend.sub(n, make(), make(), make()),
    mul: () => backend.mul(n, make(), make(), make()),
    mulAdd: () => backend.mulAdd(n, make(), make(), make()),
    axpy: () => backend.axpy(n, 2, make(), make()),
    scale: () => backend.scale(n, 2, make()),
    sumSquares: () => backend.sumSquares(n, make()),
    l1Gradient: () => backend.l1Gradient(n, 0.1, make(), make()),
    sgdStep: () => backend.sgdStep(n, make(), make(), make(), 0.1, 0.9, false, 0),
    adamStep: () => backend.adamStep(n, make(), make(), make(), make(), 0.1, 0.9, 0.999, 1e-8, 0, false, 1),
    // The window ops need a kernel that fits the image: their zero sizes are cases of their own.
    transposeBatch: () => backend.transposeBatch(n, n, n, n, make(), make()),
    channelMoments: () => backend.channelMoments(n, n, n, make(), make(), make()),
    channelAffine: () => backend.channelAffine(n, n, n, make(), make(), make(), make()),
    channelSums: () => backend.channelSums(n, n, n, make(), make(), make(), make()),
    normalizeBackward: () => backend.normalizeBackward(n, n, n, make(), make(), make(), make(), make(), make()),
    gatherRows: () => backend.gatherRows(n, n, n, make(), make(), make()),
    scatterAddRows: () => backend.scatterAddRows(n, n, n, make(), make(), 1, 1, make()),
  };
}

export function registerContractCases(ctx: SuiteContext): void {
  ctx.api.describe('interface contract', () => {
    ctx.test('every op with size 0 writes nothing and losses return 0', ({ backend, arena }) => {
      // Inputs only: the arena fails the case if any of them is written.
      const make = (): FloatArray => arena.uniform('array passed with size 0', 4);
      for (const [op, call] of Object.entries(everyOp(backend, make, 0))) {
        const result = call();
        if (op === 'softmaxCrossEntropy' || op === 'mse' || op === 'sigmoidBinaryCrossEntropy' || op === 'sumSquares') {
          assertClose(`${op} with size 0 returns`, [result as number], [0], { rtol: 0, atol: 0 });
        }
      }
    });
    ctx.test('sumRows with 0 rows gives beta·out', ({ backend, arena }) => {
      const x = arena.uniform('x', 3);
      const out = arena.output('out', 3);
      backend.sumRows(0, 3, x, 0, out);
      assertClose('sumRows(rows 0, beta 0) over NaN', out, [0, 0, 0], { rtol: 0, atol: 0 });
      const out2 = arena.output('out2', 2, (i) => i + 1);
      backend.sumRows(0, 2, x, 0.5, out2);
      assertClose('sumRows(rows 0, beta 0.5)', out2, [0.5, 1], { rtol: 0, atol: 0 });
    });
    if (ctx.dtype === 'float32') {
      ctx.plain('Float64Array is rejected with a TypeError unless info.float64 (else it computes in double)', (backend) => {
        if (backend.info.float64) {
          const a = Float64Array.from([1 + 2 ** -40, 2, 3, 4]);
          const b = Float64Array.from([5, 6, 7, 8]);
          const c = new Float64Array(4);
          backend.gemm(false, false, 2, 2, 2, 1, a, b, 0, c);
          // 5·2^-40 survives only in double precision.
          assertClose('float64 gemm', c, [19 + 5 * 2 ** -40, 22 + 6 * 2 ** -40, 43, 50], { rtol: 0, atol: 0 });
          return;
        }
        for (const [op, call] of Object.entries(everyOp(backend, () => new Float64Array(4).fill(0.5), 2))) {
          assertThrows(`${op} with Float64Array arguments`, call, undefined, TypeError);
        }
      });
    }
  });
}
