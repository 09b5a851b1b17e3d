import { describe, expect, it } from 'vitest';
import { divergingRgb, fillHeatmap, NEGATIVE, NEUTRAL, POSITIVE } from './colors.js';

describe('diverging colours', () => {
  it('maps -1, 0, 1 to orange, grey, blue and clamps outside', () => {
    expect(divergingRgb(-1)).toEqual([...NEGATIVE]);
    expect(divergingRgb(0)).toEqual([...NEUTRAL]);
    expect(divergingRgb(1)).toEqual([...POSITIVE]);
    expect(divergingRgb(7)).toEqual([...POSITIVE]);
    expect(divergingRgb(Number.NaN)).toEqual([...NEUTRAL]);
  });

  it('fills pixels from strided values with shift, scale and discretisation', () => {
    const px = new Uint8ClampedArray(3 * 4);
    // Values of unit 1 of a 2-unit layer: 1, 0.5, 0 -> (v - 0.5)·2 = 1, 0, -1.
    fillHeatmap(px, [9, 1, 9, 0.5, 9, 0], 3, 1, 2, 2, -0.5);
    expect(Array.from(px.slice(0, 4))).toEqual([...POSITIVE, 255]);
    expect(Array.from(px.slice(8, 12))).toEqual([...NEGATIVE, 255]);
    const mid = Array.from(px.slice(4, 8));
    // The middle level is within one quantisation step of neutral.
    mid.slice(0, 3).forEach((c, i) => expect(Math.abs(c - NEUTRAL[i]!)).toBeLessThanOrEqual(2));
    fillHeatmap(px, [0.1, -0.1, 0], 3, 0, 1, 1, 0, true);
    expect(Array.from(px.slice(4, 8))).toEqual([...NEGATIVE, 255]);
    expect(Array.from(px.slice(8, 12))).toEqual([...POSITIVE, 255]);
    // Gain mutes after clamping and discretisation: 5 → 1 → 0.5 of the way to blue.
    fillHeatmap(px, [5, -0.2, 0], 3, 0, 1, 1, 0, true, 0.5);
    const half = divergingRgb(0.5);
    Array.from(px.slice(0, 3)).forEach((c, i) => expect(Math.abs(c - half[i]!)).toBeLessThanOrEqual(1));
    expect(() => fillHeatmap(new Uint8ClampedArray(4), [1, 2], 2)).toThrow(/needs 8 bytes/);
  });
});
