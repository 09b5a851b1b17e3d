import { describe, expect, it } from 'vitest';
import { centreOfMass, inkBoundingBox, resampleBox, toMnistInput } from './preprocess.js';

/** A w × h image with the rectangle [x0, x1) × [y0, y1) set to 1. */
function rect(w: number, h: number, x0: number, y0: number, x1: number, y1: number): Float32Array {
  const img = new Float32Array(w * h);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) img[y * w + x] = 1;
  return img;
}

describe('MNIST-style preprocessing', () => {
  it('finds the ink bounding box, or none', () => {
    expect(inkBoundingBox(rect(10, 8, 2, 3, 5, 7), 10, 8)).toEqual({ x0: 2, y0: 3, x1: 5, y1: 7 });
    expect(inkBoundingBox(new Float32Array(12), 4, 3)).toBeNull();
    expect(() => inkBoundingBox(new Float32Array(5), 2, 2)).toThrow(/2×2 = 4 pixels, got 5/);
  });

  it('resamples by area averaging: mass is conserved and half-covered pixels turn grey', () => {
    // A 4×4 image whose left column is ink, shrunk to 2×2: the left output column covers half ink.
    const img = rect(4, 4, 0, 0, 1, 4);
    const out = resampleBox(img, 4, { x0: 0, y0: 0, x1: 4, y1: 4 }, 2, 2);
    expect(Array.from(out)).toEqual([0.5, 0, 0.5, 0]);
    // Mass: mean intensity × area is the same before and after.
    const big = rect(30, 30, 3, 5, 17, 29);
    const small = resampleBox(big, 30, { x0: 0, y0: 0, x1: 30, y1: 30 }, 7, 11);
    const mass = (a: Float32Array, area: number) => (a.reduce((s, v) => s + v, 0) / a.length) * area;
    expect(mass(small, 900)).toBeCloseTo(mass(big, 900), 4);
  });

  it('computes the centre of mass in pixel-centre coordinates', () => {
    expect(centreOfMass(rect(10, 10, 2, 4, 4, 6), 10, 10)).toEqual({ x: 3, y: 5 });
    expect(centreOfMass(new Float32Array(4), 2, 2)).toEqual({ x: 1, y: 1 });
  });

  it('scales the ink box to 20 px on its longer side and centres the mass in 28×28', () => {
    // A tall bar drawn off-centre on a 280×280 pad: 40 wide, 200 tall.
    const pad = rect(280, 280, 10, 50, 50, 250);
    const x = toMnistInput(pad, 280, 280) as Float32Array;
    expect(x).toHaveLength(784);
    const box = inkBoundingBox(x, 28, 28, 0.5);
    expect(box).not.toBeNull();
    expect(box!.y1 - box!.y0).toBe(20);
    expect(box!.x1 - box!.x0).toBe(4);
    const com = centreOfMass(x, 28, 28);
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.max(...x)).toBeLessThanOrEqual(1);
    expect(toMnistInput(new Float32Array(100), 10, 10)).toBeNull();
  });
});
