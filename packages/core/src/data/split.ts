import type { Dataset } from './dataset.js';
import { Rng } from '../util/rng.js';
import { argmaxRows } from './one-hot.js';
import { subset } from './subset.js';

/** Train and test parts of a data set. */
export interface TrainTestSplit {
  readonly train: Dataset;
  readonly test: Dataset;
}

function checkFraction(testSplit: number): void {
  if (!(testSplit >= 0 && testSplit < 1)) {
    throw new RangeError(`testSplit must be in [0, 1), got ${testSplit}`);
  }
}

function ascending(a: number, b: number): number {
  return a - b;
}

function splitByTestRows(data: Dataset, testRows: number[]): TrainTestSplit {
  const isTest = new Uint8Array(data.n);
  for (const r of testRows) isTest[r] = 1;
  const train: number[] = [];
  for (let r = 0; r < data.n; r++) if (!isTest[r]) train.push(r);
  return { train: subset(data, train), test: subset(data, testRows.sort(ascending)) };
}

/**
 * Split rows into train and test, `round(n · testSplit)` rows to test.
 * With a seed the test rows are drawn at random (seeded, so the same seed gives the same split);
 * without one the last rows are the test rows. Both parts keep the original row order.
 * @param data the rows to split
 * @param testSplit share of the rows for the test part, in [0, 1)
 * @param seed draw the test rows at random with this seed; without it, the last rows
 * @throws RangeError when testSplit is not in [0, 1)
 */
export function splitDataset(data: Dataset, testSplit: number, seed?: number): TrainTestSplit {
  checkFraction(testSplit);
  const testCount = Math.round(data.n * testSplit);
  if (seed === undefined) {
    const testRows: number[] = [];
    for (let r = data.n - testCount; r < data.n; r++) testRows.push(r);
    return splitByTestRows(data, testRows);
  }
  const perm = new Rng(seed).permutation(data.n);
  return splitByTestRows(data, Array.from(perm.subarray(0, testCount)));
}

/**
 * Seeded stratified split: each class gives the same share of its rows to the test part, so class
 * proportions match in train and test. The test part has exactly `round(n · testSplit)` rows: each class
 * first gets `floor(count · testSplit)`, and the rows left over go to the classes with the largest
 * remainders (ties to the lower class index), so 10,000 rows at 0.2 hold out exactly 2,000.
 * Rows within a class are drawn by one seeded Rng, class by class, so a seed fixes the split.
 * Both parts keep the original row order. A data set without class names (regression) falls back to
 * {@link splitDataset} with the seed.
 * @param data the rows to split (a classification set, or any set for the fallback)
 * @param testSplit share of the rows for the test part, in [0, 1)
 * @param seed fixes which rows are drawn
 * @throws RangeError when testSplit is not in [0, 1)
 */
export function stratifiedSplit(data: Dataset, testSplit: number, seed: number): TrainTestSplit {
  checkFraction(testSplit);
  if (!data.classNames) return splitDataset(data, testSplit, seed);
  const labels = argmaxRows(data.y, data.outputSize);
  const byClass: number[][] = Array.from({ length: data.outputSize }, () => []);
  for (let r = 0; r < data.n; r++) byClass[labels[r] as number]!.push(r);

  const quotas = byClass.map((rows) => rows.length * testSplit);
  const take = quotas.map(Math.floor);
  let left = Math.round(data.n * testSplit) - take.reduce((a, b) => a + b, 0);
  const order = quotas.map((q, c) => c).sort((a, b) => quotas[b]! - take[b]! - (quotas[a]! - take[a]!) || a - b);
  for (const c of order) {
    if (left <= 0) break;
    if (take[c]! < byClass[c]!.length) {
      take[c]! += 1;
      left -= 1;
    }
  }

  const rng = new Rng(seed);
  const testRows: number[] = [];
  byClass.forEach((rows, c) => {
    rng.shuffle(rows);
    for (let i = 0; i < take[c]!; i++) testRows.push(rows[i]!);
  });
  return splitByTestRows(data, testRows);
}
