import { describe, expect, it } from 'vitest';
import { linkPoint, nearestLink } from './link-geometry.js';

const a = { x1: 0, y1: 0, x2: 100, y2: 100 };
const b = { x1: 0, y1: 100, x2: 100, y2: 0 };

describe('link geometry', () => {
  it('runs from one end to the other through the middle', () => {
    expect(linkPoint(a, 0)).toEqual({ x: 0, y: 0 });
    expect(linkPoint(a, 1)).toEqual({ x: 100, y: 100 });
    expect(linkPoint(a, 0.5)).toEqual({ x: 50, y: 50 });
  });
  it('finds the link under the pointer, even where two cross, and none far from both', () => {
    const p = linkPoint(b, 0.25);
    expect(nearestLink([a, b], p.x, p.y + 1, 6)).toBe(1);
    const q = linkPoint(a, 0.2);
    expect(nearestLink([a, b], q.x, q.y, 6)).toBe(0);
    expect(nearestLink([a, b], 90, 50, 6)).toBe(-1);
  });
});
