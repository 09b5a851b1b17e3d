/**
 * Classification metrics as pure functions over flat row-major arrays. Labels are the argmax of
 * a row (targets one-hot or probabilities; predictions logits or probabilities: the argmax is
 * the same).
 */
import type { FloatArray } from '../backend/backend.js';
import { argmaxAt } from '../data/one-hot.js';

/** Row argmax (defined in data/one-hot.ts, re-exported here for the model's own files). */
export { argmaxAt };

/** Number of rows whose predicted argmax equals the target's argmax. */
export function countCorrect(output: FloatArray, target: FloatArray, rows: number, cols: number): number {
  let correct = 0;
  for (let i = 0; i < rows; i++) if (argmaxAt(output, i * cols, cols) === argmaxAt(target, i * cols, cols)) correct++;
  return correct;
}

/**
 * Whether every row of `y` holds exactly one 1 and zeros elsewhere. With `index`, the rows
 * checked are y's rows index[0..rows).
 */
export function isOneHot(y: ArrayLike<number>, rows: number, cols: number, index?: ArrayLike<number>): boolean {
  for (let i = 0; i < rows; i++) {
    const row = index ? (index[i] as number) : i;
    let ones = 0;
    for (let j = 0; j < cols; j++) {
      const v = y[row * cols + j] as number;
      if (v === 1) ones++;
      else if (v !== 0) return false;
    }
    if (ones !== 1) return false;
  }
  return true;
}

/** An all-zero `classes` × `classes` matrix. */
export function emptyConfusion(classes: number): number[][] {
  return Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
}

/** Add the rows of one batch to confusion[actual][predicted]. */
export function accumulateConfusion(
  confusion: number[][],
  output: ArrayLike<number>,
  target: ArrayLike<number>,
  rows: number,
  cols: number,
): void {
  for (let i = 0; i < rows; i++) {
    const row = confusion[argmaxAt(target, i * cols, cols)] as number[];
    row[argmaxAt(output, i * cols, cols)]++;
  }
}

/** confusion[actual][predicted] from integer labels. */
export function confusionMatrix(actual: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number[][] {
  if (actual.length !== predicted.length) {
    throw new RangeError(`confusionMatrix: ${actual.length} actual labels but ${predicted.length} predicted`);
  }
  const confusion = emptyConfusion(classes);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as number;
    const p = predicted[i] as number;
    if (!(Number.isInteger(a) && a >= 0 && a < classes && Number.isInteger(p) && p >= 0 && p < classes)) {
      throw new RangeError(`confusionMatrix: labels at ${i} (actual ${a}, predicted ${p}) are not integers in [0, ${classes})`);
    }
    (confusion[a] as number[])[p]++;
  }
  return confusion;
}

/** Fraction of the confusion matrix's mass on the diagonal (0 for an empty matrix). */
export function accuracyFromConfusion(confusion: readonly (readonly number[])[]): number {
  let total = 0;
  let diagonal = 0;
  confusion.forEach((row, i) =>
    row.forEach((v, j) => {
      total += v;
      if (i === j) diagonal += v;
    }),
  );
  return total === 0 ? 0 : diagonal / total;
}

/**
 * Per-class precision TP/(TP+FP), recall TP/(TP+FN) and F1 = 2PR/(P+R). A class with no
 * predicted (or no actual) rows gets precision (or recall) 0, and F1 0 when P + R = 0.
 */
export function precisionRecallF1(confusion: readonly (readonly number[])[]): {
  precision: number[];
  recall: number[];
  f1: number[];
} {
  const k = confusion.length;
  const precision: number[] = [];
  const recall: number[] = [];
  const f1: number[] = [];
  for (let c = 0; c < k; c++) {
    const tp = (confusion[c] as readonly number[])[c] as number;
    let predicted = 0;
    let actual = 0;
    for (let o = 0; o < k; o++) {
      predicted += (confusion[o] as readonly number[])[c] as number;
      actual += (confusion[c] as readonly number[])[o] as number;
    }
    const p = predicted === 0 ? 0 : tp / predicted;
    const r = actual === 0 ? 0 : tp / actual;
    precision.push(p);
    recall.push(r);
    f1.push(p + r === 0 ? 0 : (2 * p * r) / (p + r));
  }
  return { precision, recall, f1 };
}

/**
 * Whether every value is exactly 0 or 1 (binary targets of a one-output classifier). With
 * `index`, the values checked are y[index[0..n)].
 */
export function isBinary(y: ArrayLike<number>, n: number, index?: ArrayLike<number>): boolean {
  for (let i = 0; i < n; i++) {
    const v = y[index ? (index[i] as number) : i] as number;
    if (v !== 0 && v !== 1) return false;
  }
  return true;
}

/** Rows (one output each) where (output > threshold) agrees with (target ≥ 0.5). */
export function countCorrectBinary(output: FloatArray, target: FloatArray, rows: number, threshold: number): number {
  let correct = 0;
  for (let i = 0; i < rows; i++) if ((output[i] as number) > threshold === (target[i] as number) >= 0.5) correct++;
  return correct;
}

/** Add one-output rows to a 2×2 confusion[actual][predicted], predicting 1 when output > threshold. */
export function accumulateBinaryConfusion(
  confusion: number[][],
  output: ArrayLike<number>,
  target: ArrayLike<number>,
  rows: number,
  threshold: number,
): void {
  for (let i = 0; i < rows; i++) {
    const row = confusion[(target[i] as number) >= 0.5 ? 1 : 0] as number[];
    row[(output[i] as number) > threshold ? 1 : 0]++;
  }
}
