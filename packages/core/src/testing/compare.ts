/**
 * Tolerance checks for the conformance suite. An element passes when
 *   |got − ref| ≤ rtol·scale + atol
 * where `scale` is the magnitude the rounding error of that element is proportional to
 * (|ref| by default; for sums, Σ|terms|, which cannot be fooled by cancellation).
 * Non-finite results never pass unless the reference is the very same non-finite value.
 */
import type { DType } from './arena.js';

/** Unit roundoff ×2 (machine epsilon) of each type. */
export const EPS: Record<DType, number> = { float32: 2 ** -23, float64: 2 ** -52 };

/** An element passes when |got − ref| ≤ rtol·scale + atol. */
export interface Tolerance {
  rtol: number;
  atol: number;
}

/**
 * Tolerances per kind of computation:
 * - `exact`: a few correctly rounded operations (add, mul, axpy...);
 * - `transcendental`: exp/log/tanh, which vectorised backends may approximate to a few ulp;
 * - `optimizer`: update rules whose hyper-parameters a float32 backend may round to float32.
 * @param dtype the element type the backend computes in
 */
export function tolerances(dtype: DType): { exact: Tolerance; transcendental: Tolerance; optimizer: Tolerance } {
  const eps = EPS[dtype];
  return dtype === 'float32'
    ? {
        exact: { rtol: 4 * eps, atol: 0 },
        transcendental: { rtol: 1e-5, atol: 1e-6 },
        optimizer: { rtol: 2e-5, atol: 1e-7 },
      }
    : {
        exact: { rtol: 4 * eps, atol: 0 },
        transcendental: { rtol: 1e-12, atol: 1e-14 },
        optimizer: { rtol: 1e-12, atol: 1e-15 },
      };
}

/**
 * The tolerance of a sum of up to `terms` values, relative to Σ|terms|: rounding error grows like
 * √terms·eps for random data, so 8·eps·(√terms + 1) (a wrong or missing term is ~Σ|terms|/terms,
 * far above it for the sizes the suite uses).
 * @param dtype the element type the backend computes in
 * @param terms the most terms summed into one element
 */
export function sumTolerance(dtype: DType, terms: number): Tolerance {
  return { rtol: 8 * EPS[dtype] * (Math.sqrt(terms) + 1), atol: 0 };
}

/**
 * Throws an Error naming the first few elements of `got` that differ from `ref` beyond
 * tolerance. `scale(i)` defaults to |ref[i]|.
 * @param what names the checked output in the message
 * @param got what the backend wrote
 * @param ref the float64 reference
 * @param tol relative and absolute tolerance
 * @param scale the magnitude element i's rounding error is proportional to (default |ref[i]|)
 * @throws an Error listing the elements out of tolerance
 */
export function assertClose(
  what: string,
  got: ArrayLike<number>,
  ref: ArrayLike<number>,
  tol: Tolerance,
  scale?: (i: number) => number,
): void {
  const bad: string[] = [];
  let count = 0;
  let worst = 0;
  for (let i = 0; i < ref.length; i++) {
    const g = got[i]!;
    const r = ref[i]!;
    const s = scale ? scale(i) : Math.abs(r);
    const limit = tol.rtol * s + tol.atol;
    const err = Math.abs(g - r);
    const ok = Number.isFinite(r) ? Number.isFinite(g) && err <= limit : Object.is(g, r);
    if (!ok) {
      count++;
      if (Number.isFinite(err) && limit > 0) worst = Math.max(worst, err / limit);
      else worst = Infinity;
      if (bad.length < 5) bad.push(`[${i}] got ${g}, reference ${r} (|diff| ${err.toExponential(2)} > tolerance ${limit.toExponential(2)})`);
    }
  }
  if (count > 0) {
    throw new Error(
      `${what}: ${count} of ${ref.length} elements out of tolerance (worst ${worst.toFixed(1)}× the tolerance):\n  ${bad.join('\n  ')}`,
    );
  }
}

/**
 * Scalar version of assertClose (for loss values and reductions).
 * @param what names the checked value in the message
 * @param got what the backend returned
 * @param ref the float64 reference
 * @param tol relative and absolute tolerance
 * @param scale the magnitude the rounding error is proportional to (default |ref|)
 * @throws an Error when |got − ref| exceeds the tolerance
 */
export function assertScalarClose(what: string, got: number, ref: number, tol: Tolerance, scale = Math.abs(ref)): void {
  if (typeof got !== 'number') throw new Error(`${what}: expected a number, got ${typeof got}`);
  assertClose(what, [got], [ref], tol, () => scale);
}
