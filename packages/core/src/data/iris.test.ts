import { describe, expect, it } from 'vitest';
import { irisLabels, loadIris } from './iris.js';
import { datasetLabels } from './labels.js';

describe('loadIris', () => {
  const iris = loadIris();

  it('has 150 rows of 4 features and 3 one-hot classes, 50 each', () => {
    expect(iris.n).toBe(150);
    expect(iris.x.length).toBe(600);
    expect(iris.y.length).toBe(450);
    expect(iris.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(iris.featureNames).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    const counts = [0, 0, 0];
    for (const l of irisLabels()) counts[l]! += 1;
    expect(counts).toEqual([50, 50, 50]);
    expect(Array.from(datasetLabels(iris))).toEqual(Array.from(irisLabels()));
  });

  it('holds the standard values, with the UCI errata in rows 35 and 38 corrected', () => {
    const row = (i: number) => Array.from(iris.x.subarray((i - 1) * 4, i * 4), (v) => Math.round(v * 10) / 10);
    expect(row(1)).toEqual([5.1, 3.5, 1.4, 0.2]);
    expect(row(35)).toEqual([4.9, 3.1, 1.5, 0.2]);
    expect(row(38)).toEqual([4.9, 3.6, 1.4, 0.1]);
    expect(row(150)).toEqual([5.9, 3.0, 5.1, 1.8]);
  });

  it("matches R's summary: column sums and per-species means", () => {
    // Reference: R's iris, colSums = 876.5 458.6 563.7 179.9; species means from aggregate(. ~ Species).
    const sums = [0, 0, 0, 0];
    const classSums = [0, 1, 2].map(() => [0, 0, 0, 0]);
    const labels = irisLabels();
    for (let i = 0; i < 150; i++) {
      for (let j = 0; j < 4; j++) {
        sums[j]! += iris.x[i * 4 + j]!;
        classSums[labels[i]!]![j]! += iris.x[i * 4 + j]!;
      }
    }
    [876.5, 458.6, 563.7, 179.9].forEach((s, j) => expect(sums[j]).toBeCloseTo(s, 3));
    const means = [
      [5.006, 3.428, 1.462, 0.246],
      [5.936, 2.77, 4.26, 1.326],
      [6.588, 2.974, 5.552, 2.026],
    ];
    means.forEach((m, c) => m.forEach((v, j) => expect(classSums[c]![j]! / 50).toBeCloseTo(v, 4)));
  });

  it('returns fresh arrays on every call', () => {
    const a = loadIris();
    a.x[0] = 99;
    expect(loadIris().x[0]).toBeCloseTo(5.1, 6);
  });
});
