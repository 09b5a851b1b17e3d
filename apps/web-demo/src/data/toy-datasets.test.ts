import { describe, expect, it } from 'vitest';
import { CLASSIFICATION_SETS, generateToySet, REGRESSION_SETS, splitIndices } from './toy-datasets.js';

describe('generateToySet', () => {
  it('is reproducible from its seed and differs between seeds', () => {
    const a = generateToySet('spiral', 0.2, 7);
    const b = generateToySet('spiral', 0.2, 7);
    const c = generateToySet('spiral', 0.2, 8);
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.label)).toEqual(Array.from(b.label));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
  });

  it('gives balanced 0/1 labels for the classification sets and points inside the square', () => {
    for (const name of CLASSIFICATION_SETS) {
      const s = generateToySet(name, 0, 3);
      expect(s.n).toBe(500);
      const ones = s.label.reduce((acc, v) => acc + v, 0);
      expect(s.label.every((v) => v === 0 || v === 1)).toBe(true);
      // Circle/spiral/gauss split exactly in half; XOR is balanced up to sampling.
      expect(Math.abs(ones - 250)).toBeLessThan(name === 'xor' ? 50 : 1);
      for (let i = 0; i < s.n; i++) {
        expect(Math.abs(s.x[i]!)).toBeLessThan(name === 'gauss' ? 9 : 6.5);
      }
    }
  });

  it('labels noiseless circle points by radius 2.5 and XOR points by the sign of x·y', () => {
    const circle = generateToySet('circle', 0, 11);
    for (let i = 0; i < circle.n; i++) {
      expect(circle.label[i]).toBe(Math.hypot(circle.x[i]!, circle.y[i]!) < 2.5 ? 1 : 0);
    }
    const xor = generateToySet('xor', 0, 11);
    for (let i = 0; i < xor.n; i++) expect(xor.label[i]).toBe(xor.x[i]! * xor.y[i]! >= 0 ? 1 : 0);
  });

  it('puts spiral arms opposite each other: a point of one arm, rotated by π, lies on the other', () => {
    const s = generateToySet('spiral', 0, 1, 100);
    // Index k on arm 1 and index 50 + k on arm 0 have the same radius and angles differing by π.
    for (const k of [5, 20, 40]) {
      expect(s.x[50 + k]).toBeCloseTo(-s.x[k]!, 4);
      expect(s.y[50 + k]).toBeCloseTo(-s.y[k]!, 4);
      expect(s.label[k]).toBe(1);
      expect(s.label[50 + k]).toBe(0);
    }
  });

  it('gives regression targets in [-1, 1]: the plane is (x + y) / 10 without noise', () => {
    for (const name of REGRESSION_SETS) {
      const s = generateToySet(name, 0.3, 5);
      expect(s.n).toBe(1200);
      expect(s.label.every((v) => v >= -1 && v <= 1)).toBe(true);
    }
    const plane = generateToySet('reg-plane', 0, 5, 50);
    for (let i = 0; i < plane.n; i++) expect(plane.label[i]).toBeCloseTo((plane.x[i]! + plane.y[i]!) / 10, 5);
    const bumps = generateToySet('reg-gauss', 0, 5, 2000);
    // The centre (-4, 2.5) bump is positive: points within 0.5 of it are labelled > 0.7.
    for (let i = 0; i < bumps.n; i++) {
      if (Math.hypot(bumps.x[i]! + 4, bumps.y[i]! - 2.5) < 0.5) expect(bumps.label[i]).toBeGreaterThan(0.7);
    }
  });

  it('refuses bad arguments with a message naming them', () => {
    expect(() => generateToySet('spiral', -1, 1)).toThrow(/noise/);
    expect(() => generateToySet('nope' as 'spiral', 0, 1)).toThrow(/unknown data set 'nope'/);
    expect(() => generateToySet('circle', 0, 1, 1)).toThrow(/n must be/);
  });
});

describe('splitIndices', () => {
  it('partitions 0..n-1 by the fraction, reproducibly', () => {
    const { train, test } = splitIndices(10, 0.7, 4);
    expect(train.length).toBe(7);
    expect(test.length).toBe(3);
    expect([...train, ...test].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(splitIndices(10, 0.7, 4).train)).toEqual(Array.from(train));
    expect(() => splitIndices(10, 1, 4)).toThrow(/train fraction/);
  });
});
