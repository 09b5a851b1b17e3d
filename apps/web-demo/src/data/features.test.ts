import { describe, expect, it } from 'vitest';
import { featureMatrix, gridPoints, orderedFeatures } from './features.js';

describe('featureMatrix', () => {
  it('computes the chosen features in canonical order', () => {
    const m = featureMatrix([2, -1], [3, 0.5], ['sinx2', 'x1', 'x1x2', 'x2sq']);
    // Columns: x1, x2sq, x1x2, sinx2.
    const expected = [2, 9, 6, Math.sin(3), -1, 0.25, -0.5, Math.sin(0.5)];
    expect(m.length).toBe(8);
    expected.forEach((v, i) => expect(m[i]).toBeCloseTo(v, 6));
  });

  it('refuses no features, unknown names and mismatched lengths', () => {
    expect(() => featureMatrix([1], [1], [])).toThrow(/at least one input feature/);
    expect(() => orderedFeatures(['x3' as 'x1'])).toThrow(/unknown feature 'x3'/);
    expect(() => featureMatrix([1, 2], [1], ['x1'])).toThrow(/lengths differ/);
  });
});

describe('gridPoints', () => {
  it('covers the square with cell centres, top row first', () => {
    const g = gridPoints(4, 6);
    expect(Array.from(g.x.slice(0, 4))).toEqual([-4.5, -1.5, 1.5, 4.5]);
    expect(g.y[0]).toBe(4.5);
    expect(g.y[15]).toBe(-4.5);
  });
});
