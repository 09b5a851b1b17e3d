/**
 * Conformance cases for l1Gradient (g ← g + λ·sign(w)): random weights salted with exact
 * zeros of both signs (whose subgradient must be 0), every size, λ = 0 (g unchanged), and
 * the one aliasing the interface allows (g === w).
 */
import { assertClose } from './compare.js';
import { SIZES } from './cases-activations.js';
import { refL1Gradient } from './reference.js';
import type { SuiteContext } from './suite-context.js';

/** Weights in [−2, 2) with every fifth one an exact 0 or −0. */
function weightAt(i: number, random: number): number {
  if (i % 5 === 2) return 0;
  if (i % 5 === 4) return -0;
  return random;
}

export function registerL1GradientCases(ctx: SuiteContext): void {
  ctx.api.describe('l1Gradient', () => {
    for (const lambda of [0.01, 1e-4, 0.5, 0]) {
      ctx.test(`lambda ${lambda}`, ({ backend, arena, tol, rng }) => {
        for (const n of SIZES) {
          const w = arena.input(`w (n ${n})`, n, (i) => weightAt(i, rng.uniform(-2, 2)));
          const g = arena.uniformOutput(`g (n ${n})`, n, -1, 1);
          const ref = refL1Gradient(n, lambda, w, g);
          // One addition: its rounding scales with |g| + λ.
          const scale = Array.from({ length: n }, (_, i) => Math.abs(g[i]!) + lambda);
          backend.l1Gradient(n, lambda, w, g);
          assertClose(`l1Gradient lambda ${lambda}, n ${n}`, g, ref, tol.exact, (i) => scale[i]!);
        }
      });
    }
    ctx.test('zero weights get the subgradient 0 (g unchanged where w = ±0)', ({ backend, arena }) => {
      const w = arena.input('w', 6, (i) => [0, -0, 1, -1, 0, 0.5][i]!);
      const g = arena.output('g', 6, (i) => [0.25, -0.75, 0, 0, -0.5, 1][i]!);
      backend.l1Gradient(6, 0.125, w, g);
      assertClose('l1Gradient at w = ±0', g, [0.25, -0.75, 0.125, -0.125, -0.5, 1.125], { rtol: 0, atol: 0 });
    });
    ctx.test('in place (g === w): w ← w + λ·sign(w)', ({ backend, arena, tol, rng }) => {
      for (const n of SIZES) {
        const w = arena.output(`w = g (n ${n})`, n, (i) => weightAt(i, rng.uniform(-2, 2)));
        const ref = refL1Gradient(n, 0.25, w, w);
        const scale = Array.from({ length: n }, (_, i) => Math.abs(w[i]!) + 0.25);
        backend.l1Gradient(n, 0.25, w, w);
        assertClose(`l1Gradient in place, n ${n}`, w, ref, tol.exact, (i) => scale[i]!);
      }
    });
  });
}
