import { describe, expect, it } from 'vitest';
import type { Dataset } from '../model/types.js';
import { loadIris } from './iris.js';
import { argmaxRows, oneHot } from './one-hot.js';
import { splitDataset, stratifiedSplit } from './split.js';
import { subset } from './subset.js';

function counts(d: Dataset): number[] {
  const c = new Array<number>(d.outputSize).fill(0);
  for (const l of argmaxRows(d.y, d.outputSize)) c[l]! += 1;
  return c;
}

/** Rows as strings, to check that train ∪ test is exactly the original multiset of rows. */
function rowKeys(d: Dataset): string[] {
  const keys: string[] = [];
  for (let r = 0; r < d.n; r++) {
    keys.push(
      `${Array.from(d.x.subarray(r * d.inputSize, (r + 1) * d.inputSize)).join(',')}|${Array.from(d.y.subarray(r * d.outputSize, (r + 1) * d.outputSize)).join(',')}`,
    );
  }
  return keys.sort();
}

describe('oneHot / argmaxRows', () => {
  it('encodes and decodes labels', () => {
    const y = oneHot([2, 0, 1], 3);
    expect(Array.from(y)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
    expect(Array.from(argmaxRows(y, 3))).toEqual([2, 0, 1]);
    expect(Array.from(argmaxRows([0.1, 0.7, 0.2, 0.5, 0.5, 0], 3))).toEqual([1, 0]);
  });
  it('refuses labels out of range', () => {
    expect(() => oneHot([0, 3], 3)).toThrow(/label 3 at row 1/);
    expect(() => oneHot([0.5], 3)).toThrow(/label 0.5/);
    expect(() => argmaxRows([1, 2, 3], 2)).toThrow(/whole number of rows/);
  });
});

describe('subset', () => {
  it('copies the named rows in order', () => {
    const iris = loadIris();
    const s = subset(iris, [149, 0]);
    expect(s.n).toBe(2);
    expect(Array.from(s.x, (v) => Math.round(v * 10) / 10)).toEqual([5.9, 3, 5.1, 1.8, 5.1, 3.5, 1.4, 0.2]);
    expect(Array.from(s.y)).toEqual([0, 0, 1, 1, 0, 0]);
    expect(s.classNames).toEqual(iris.classNames);
    s.x[0] = -1;
    expect(iris.x[149 * 4]).toBeCloseTo(5.9, 6);
  });
  it('refuses bad indices', () => {
    expect(() => subset(loadIris(), [150])).toThrow(/index 150 at position 0/);
  });
});

describe('stratifiedSplit', () => {
  const iris = loadIris();

  it('keeps per-class proportions and loses no row', () => {
    const { train, test } = stratifiedSplit(iris, 0.3, 42);
    expect(test.n).toBe(45);
    expect(train.n).toBe(105);
    expect(counts(test)).toEqual([15, 15, 15]);
    expect(counts(train)).toEqual([35, 35, 35]);
    expect([...rowKeys(train), ...rowKeys(test)].sort()).toEqual(rowKeys(iris));
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = stratifiedSplit(iris, 0.3, 7);
    const b = stratifiedSplit(iris, 0.3, 7);
    const c = stratifiedSplit(iris, 0.3, 8);
    expect(Array.from(a.test.x)).toEqual(Array.from(b.test.x));
    expect(Array.from(a.test.x)).not.toEqual(Array.from(c.test.x));
  });

  it('holds out exactly round(n·f) rows when per-class quotas are fractional', () => {
    // 7 + 5 + 3 rows at 0.5: round(7.5) = 8 test rows; quotas 3.5, 2.5, 1.5 → floors 3+2+1 = 6; the two left over go to
    // classes 0 and 1 (equal remainders, lowest index first).
    const labels = [...Array(7).fill(0), ...Array(5).fill(1), ...Array(3).fill(2)] as number[];
    const d: Dataset = {
      x: Float32Array.from(labels.map((_, i) => i)),
      y: oneHot(labels, 3),
      n: labels.length,
      inputSize: 1,
      outputSize: 3,
      classNames: ['a', 'b', 'c'],
    };
    const { train, test } = stratifiedSplit(d, 0.5, 1);
    expect(test.n).toBe(8);
    expect(counts(test)).toEqual([4, 3, 1]);
    expect(counts(train)).toEqual([3, 2, 2]);
  });

  it('refuses fractions outside [0, 1)', () => {
    expect(() => stratifiedSplit(iris, 1, 1)).toThrow(/\[0, 1\)/);
    expect(() => stratifiedSplit(iris, -0.1, 1)).toThrow(/\[0, 1\)/);
  });
});

describe('splitDataset', () => {
  const iris = loadIris();
  it('takes the last rows without a seed', () => {
    const { train, test } = splitDataset(iris, 0.2);
    expect(test.n).toBe(30);
    expect(Array.from(test.x.subarray(0, 4))).toEqual(Array.from(iris.x.subarray(120 * 4, 121 * 4)));
    expect(Array.from(train.x)).toEqual(Array.from(iris.x.subarray(0, 120 * 4)));
  });
  it('draws a seeded random split with a seed', () => {
    const a = splitDataset(iris, 0.2, 3);
    expect(a.test.n).toBe(30);
    expect(Array.from(a.test.x)).toEqual(Array.from(splitDataset(iris, 0.2, 3).test.x));
    expect([...rowKeys(a.train), ...rowKeys(a.test)].sort()).toEqual(rowKeys(iris));
    expect(counts(a.test)).not.toEqual([0, 0, 30]);
  });
});
