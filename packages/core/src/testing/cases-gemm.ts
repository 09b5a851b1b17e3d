/**
 * Conformance cases for gemm: C = alpha·op(A)·op(B) + beta·C (row-major), on awkward
 * shapes, every transpose combination, alpha/beta cases (beta = 0 over a C full of NaN),
 * and offset views.
 */
import { EPS, assertClose } from './compare.js';
import { refGemm } from './reference.js';
import type { CaseEnv, SuiteContext } from './suite-context.js';

/** (m, n, k) triples: 1, 3, 17, 63, 257 and mixes, shapes that cross typical cache blocks, tall and narrow ones, a long k. */
export const GEMM_SHAPES: readonly (readonly [number, number, number])[] = [
  [1, 1, 1],
  [1, 3, 17],
  [3, 1, 63],
  [17, 63, 1],
  [63, 17, 3],
  [3, 257, 17],
  [257, 3, 63],
  [1, 257, 257],
  [257, 1, 257],
  [17, 17, 257],
  [63, 63, 63],
  [65, 33, 130],
  [257, 257, 257],
  [64, 256, 784],
  [100, 130, 600],
  // Tall and narrow, as a convolution's rows·positions × channels product (a backend may compute
  // these through Cᵀ).
  [1000, 6, 25],
  [600, 16, 150],
  // A small C over a long k, as a convolution's weight gradient (a backend may split k).
  [12, 20, 9000],
];

const TRANSPOSES: readonly (readonly [boolean, boolean])[] = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
];

const flag = (t: boolean): string => (t ? 'T' : 'N');

/**
 * Runs one gemm on fresh arrays and compares with the float64 reference.
 * Rounding error of a length-k dot product grows like √k·eps·Σ|a·b| for random data, so the
 * tolerance is 8·eps·(√k + 1) times that magnitude (a wrong or missing term is ~Σ|a·b|/k,
 * far above it).
 */
export function checkGemm(
  env: CaseEnv,
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  beta: number,
): void {
  const { arena, backend, dtype } = env;
  const a = arena.uniform('A', m * k);
  const b = arena.uniform('B', k * n);
  const c = beta === 0 ? arena.output('C', m * n) : arena.uniformOutput('C', m * n);
  const ref = refGemm(transA, transB, m, n, k, alpha, a, b, beta, c);
  backend.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
  const rtol = 8 * EPS[dtype] * (Math.sqrt(k) + 1);
  assertClose(
    `gemm(${flag(transA)}${flag(transB)}, m=${m}, n=${n}, k=${k}, alpha=${alpha}, beta=${beta}) on ${dtype}`,
    c,
    ref.value,
    { rtol, atol: 0 },
    (i) => ref.magnitude[i]!,
  );
}

export function registerGemmCases(ctx: SuiteContext): void {
  ctx.api.describe('gemm', () => {
    for (const [tA, tB] of TRANSPOSES) {
      for (const [m, n, k] of GEMM_SHAPES) {
        ctx.test(`${flag(tA)}${flag(tB)} ${m}x${n}x${k} (alpha 1, beta 0 over NaN)`, (env) => checkGemm(env, tA, tB, m, n, k, 1, 0));
      }
    }
    for (const [tA, tB] of TRANSPOSES) {
      for (const alpha of [1, 0.5, -2, 0]) {
        for (const beta of [0, 1, 0.25]) {
          ctx.test(`${flag(tA)}${flag(tB)} alpha ${alpha}, beta ${beta}`, (env) => {
            checkGemm(env, tA, tB, 3, 17, 63, alpha, beta);
            checkGemm(env, tA, tB, 63, 17, 130, alpha, beta);
          });
        }
      }
    }
    ctx.test('C inside one shared buffer with A and B (disjoint views)', (env) => {
      const { backend, dtype, arena } = env;
      const [m, n, k] = [17, 9, 33];
      const buf = arena.alloc(m * k + k * n + m * n + 5);
      for (let i = 0; i < buf.length; i++) buf[i] = env.rng.uniform(-1, 1);
      const a = buf.subarray(1, 1 + m * k);
      const b = buf.subarray(2 + m * k, 2 + m * k + k * n);
      const c = buf.subarray(3 + m * k + k * n, 3 + m * k + k * n + m * n);
      const before = buf.slice();
      const ref = refGemm(false, false, m, n, k, -0.5, a, b, 0.25, c);
      backend.gemm(false, false, m, n, k, -0.5, a, b, 0.25, c);
      assertClose(`gemm into a view next to its inputs (${dtype})`, c, ref.value, { rtol: 8 * EPS[dtype] * (Math.sqrt(k) + 1), atol: 0 }, (i) => ref.magnitude[i]!);
      for (let i = 0; i < buf.length; i++) {
        const inC = i >= 3 + m * k + k * n && i < 3 + m * k + k * n + m * n;
        if (!inC && !Object.is(buf[i], before[i])) throw new Error(`gemm changed element ${i} of the shared buffer outside C`);
      }
    });
    ctx.test('k = 0 gives beta·C; m = 0 or n = 0 does nothing', (env) => {
      const { backend, arena } = env;
      // Arrays hold what the sizes say even where nothing is read (A and B for m = 3 / n = 3, k = 2).
      const a = arena.uniform('A', 6);
      const b = arena.uniform('B', 6);
      const c = arena.uniformOutput('C', 6);
      const expected = Array.from(c.subarray(0, 6), (v) => 0.5 * v);
      backend.gemm(false, false, 2, 3, 0, 1, a, b, 0.5, c);
      assertClose('gemm with k = 0, beta = 0.5', c, expected, { rtol: 0, atol: 0 });
      const z = arena.output('C (beta 0)', 6);
      backend.gemm(true, true, 2, 3, 0, 1, a, b, 0, z);
      assertClose('gemm with k = 0, beta = 0 over NaN', z, [0, 0, 0, 0, 0, 0], { rtol: 0, atol: 0 });
      const untouched = arena.uniform('C (m = 0 / n = 0)', 3);
      backend.gemm(false, false, 0, 3, 2, 1, a, b, 0, untouched);
      backend.gemm(false, false, 3, 0, 2, 1, a, b, 0, untouched);
    });
  });
}
