import { describe, expect, it } from 'vitest';
import { Rng } from './rng.js';

describe('Rng', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const c = new Rng(8);
    const sa = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(sa);
  });

  it('takes 32-bit integer seeds only, so two seeds never silently give the same stream', () => {
    for (const bad of [1.5, -1, 2 ** 32, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new Rng(bad), String(bad)).toThrow(/seed must be an integer in \[0, 4294967295\]/);
    }
    expect(new Rng(0xffffffff).next()).not.toBe(new Rng(0).next());
  });

  it('has the moments of U[0,1) and N(0,1)', () => {
    const r = new Rng(1);
    let s = 0;
    let s2 = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      s += u;
    }
    expect(s / n).toBeCloseTo(0.5, 2);
    s = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    expect(s / n).toBeCloseTo(0, 1);
    expect(s2 / n).toBeCloseTo(1, 1);
  });

  it('restores its state exactly', () => {
    const r = new Rng(3);
    r.normal();
    const state = r.getState();
    const first = [r.next(), r.normal(), r.int(10)];
    r.setState(state);
    expect([r.next(), r.normal(), r.int(10)]).toEqual(first);
  });

  it('refuses malformed and all-zero states', () => {
    const r = new Rng(3);
    expect(() => r.setState([0, 0, 0, 0, Number.NaN])).toThrow(/all zero/);
    expect(() => r.setState([1, 2, 3])).toThrow(/invalid RNG state/);
    expect(() => r.setState([1.5, 2, 3, 4, Number.NaN])).toThrow(/invalid RNG state/);
  });

  it('permutes', () => {
    const p = new Rng(5).permutation(100);
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
