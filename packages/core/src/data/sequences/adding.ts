/**
 * The adding problem (Hochreiter & Schmidhuber 1997; the form of Le, Jaitly & Hinton 2015).
 * Each step has two features: a value v(t) ~ U(0, 1) and a marker m(t) ∈ {0, 1}. Exactly two
 * steps are marked, one in the first half and one in the second half of the sequence; the
 * target is the sum of the two marked values. Always answering 1 scores MSE = Var(sum) = 1/6 ≈
 * 0.167, the baseline a model must beat, which it can only do by remembering a value across up
 * to seqLen − 1 steps.
 */
import type { Dataset } from '../dataset.js';
import { Rng } from '../../util/rng.js';

/** Options of `addingProblem`. */
export interface AddingOptions {
  /** Rows, default 1000. */
  readonly n?: number;
  /** Steps per sequence (≥ 2), default 50. */
  readonly seqLen?: number;
  readonly seed?: number;
}

/** MSE of the constant answer 1.0 on the adding problem (the variance of the sum of two U(0,1)). */
export const ADDING_BASELINE_MSE = 1 / 6;

/**
 * The adding problem: sequences of (value, marker) pairs whose target is the sum of the two marked
 * values; a model must remember a value over many steps to beat MSE 1/6.
 * @param options rows, steps per sequence and seed
 * @returns n rows of seqLen × 2 inputs (time-major) and one target each
 * @throws when n is not a positive integer or seqLen is not an integer ≥ 2
 */
export function addingProblem(options: AddingOptions = {}): Dataset {
  const n = options.n ?? 1000;
  const T = options.seqLen ?? 50;
  if (!Number.isInteger(n) || n < 1) throw new Error(`adding: n must be a positive integer, got ${String(n)}`);
  if (!Number.isInteger(T) || T < 2) throw new Error(`adding: seqLen must be an integer ≥ 2, got ${String(T)}`);
  const rng = new Rng(options.seed ?? 1);
  const x = new Float32Array(n * T * 2);
  const y = new Float32Array(n);
  const half = Math.floor(T / 2);
  for (let i = 0; i < n; i++) {
    const row = i * T * 2;
    for (let t = 0; t < T; t++) x[row + 2 * t] = rng.next();
    const a = rng.int(half);
    const b = half + rng.int(T - half);
    x[row + 2 * a + 1] = 1;
    x[row + 2 * b + 1] = 1;
    y[i] = x[row + 2 * a] + x[row + 2 * b];
  }
  return { x, y, n, inputSize: T * 2, outputSize: 1, featureNames: ['value', 'marker'] };
}
