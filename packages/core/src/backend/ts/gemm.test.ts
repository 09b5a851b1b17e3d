import { describe, expect, it } from 'vitest';
import { gemm } from './gemm.js';
import { tsBackend } from './index.js';

// The arithmetic of gemm is covered by the conformance suite (ts-backend.test.ts); these are
// the TS backend's argument checks on gemm and its blocked path on shapes that cross
// every block boundary (KC = 256, MC = 96, NC = 512) at once.
describe('ts gemm', () => {
  it('refuses bad sizes and short arrays (through the backend) with a message naming the problem', () => {
    const x = new Float32Array(6);
    const call = (m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array) => () =>
      tsBackend.gemm(false, false, m, n, k, 1, a, b, 0, c);
    expect(call(-1, 2, 3, x, x, x)).toThrow(/^gemm: m must be a non-negative integer \(got -1\)$/);
    expect(call(2, 2.5, 3, x, x, x)).toThrow(/^gemm: n must be a non-negative integer \(got 2\.5\)$/);
    expect(call(2, 3, 4, x, new Float32Array(12), new Float32Array(6))).toThrow(/^gemm: a has 6 elements but needs 8 \(m·k\)$/);
    expect(call(2, 3, 3, new Float32Array(6), new Float32Array(8), new Float32Array(6))).toThrow(/^gemm: b has 8 elements but needs 9 \(k·n\)$/);
    expect(call(3, 3, 2, new Float32Array(6), new Float32Array(6), x)).toThrow(/^gemm: c has 6 elements but needs 9 \(m·n\)$/);
  });

  it('matches a float64 dot-product loop across KC, MC and NC block edges (all transposes)', () => {
    const [m, n, k] = [97, 515, 259];
    const a = Float64Array.from({ length: m * k }, (_, i) => Math.sin(i * 0.37));
    const b = Float64Array.from({ length: k * n }, (_, i) => Math.cos(i * 0.11));
    for (const tA of [false, true]) {
      for (const tB of [false, true]) {
        const c = new Float64Array(m * n).fill(Number.NaN);
        gemm(tA, tB, m, n, k, 1, a, b, 0, c);
        let worst = 0;
        for (let i = 0; i < m; i += 7) {
          for (let j = 0; j < n; j += 5) {
            let s = 0;
            for (let p = 0; p < k; p++) s += (tA ? a[p * m + i]! : a[i * k + p]!) * (tB ? b[j * k + p]! : b[p * n + j]!);
            worst = Math.max(worst, Math.abs(c[i * n + j]! - s));
          }
        }
        expect(worst).toBeLessThan(1e-11);
      }
    }
  });
});
