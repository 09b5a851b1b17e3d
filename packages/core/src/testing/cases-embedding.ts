/**
 * Conformance cases for the embedding ops: gatherRows (an exact copy) and scatterAddRows (beta = 0
 * over NaN and beta ≠ 0, repeated ids accumulating in order), and scatterAddRows checked as the
 * adjoint of gatherRows.
 */
import { assertClose, assertScalarClose, sumTolerance } from './compare.js';
import { refGatherRows, refScatterAddRows } from './reference-layers.js';
import type { SuiteContext } from './suite-context.js';

/** n × dim from a table of tableRows rows: one id, one column, every id the same, more ids than rows. */
const EMBEDDING_SHAPES: readonly (readonly [number, number, number])[] = [
  [1, 1, 1],
  [3, 1, 1],
  [6, 3, 4],
  [17, 5, 3],
  [63, 17, 100],
  [257, 8, 10],
];

export function registerEmbeddingCases(ctx: SuiteContext): void {
  ctx.api.describe('gatherRows / scatterAddRows', () => {
    for (const [n, dim, tableRows] of EMBEDDING_SHAPES) {
      const shape = `n ${n}, dim ${dim}, ${tableRows} table rows`;
      ctx.test(`gatherRows ${shape}`, ({ backend, arena, rng }) => {
        const table = arena.uniform('table', tableRows * dim);
        const ids = arena.input('ids', n, () => rng.int(tableRows));
        const out = arena.output('out', n * dim);
        backend.gatherRows(n, dim, tableRows, table, ids, out);
        assertClose(`gatherRows ${shape}`, out, refGatherRows(n, dim, table, ids), { rtol: 0, atol: 0 });
      });
      for (const [alpha, beta] of [
        [1, 0],
        [-0.5, 1],
        [2, 0.25],
      ] as const) {
        ctx.test(`scatterAddRows ${shape}, alpha ${alpha}, beta ${beta}${beta === 0 ? ' over NaN' : ''}`, ({ backend, arena, rng, dtype }) => {
          const ids = arena.input('ids', n, () => rng.int(tableRows));
          const src = arena.uniform('src', n * dim);
          const table = beta === 0 ? arena.output('table', tableRows * dim) : arena.uniformOutput('table', tableRows * dim);
          const ref = refScatterAddRows(n, dim, tableRows, ids, src, alpha, beta, table);
          backend.scatterAddRows(n, dim, tableRows, ids, src, alpha, beta, table);
          assertClose(`scatterAddRows ${shape}, alpha ${alpha}, beta ${beta}`, table, ref.value, sumTolerance(dtype, ref.terms), (i) => ref.magnitude[i]!);
        });
      }
      ctx.test(`scatterAddRows is the adjoint of gatherRows: <gather(T), S> = <T, scatter(S)>, ${shape}`, ({ backend, arena, rng, dtype }) => {
        const ids = arena.input('ids', n, () => rng.int(tableRows));
        const t = arena.uniform('T', tableRows * dim);
        const s = arena.uniform('S', n * dim);
        const gathered = arena.output('gather(T)', n * dim);
        const scattered = arena.output('scatter(S)', tableRows * dim);
        backend.gatherRows(n, dim, tableRows, t, ids, gathered);
        backend.scatterAddRows(n, dim, tableRows, ids, s, 1, 0, scattered);
        let left = 0;
        let scale = 0;
        for (let i = 0; i < n * dim; i++) {
          left += gathered[i]! * s[i]!;
          scale += Math.abs(gathered[i]! * s[i]!);
        }
        let right = 0;
        for (let i = 0; i < tableRows * dim; i++) right += t[i]! * scattered[i]!;
        assertScalarClose(`<T, scatter(S)> against <gather(T), S>, ${shape}`, right, left, sumTolerance(dtype, n), scale);
      });
    }
    ctx.test('scatterAddRows adds repeated ids in order', ({ backend, arena }) => {
      const ids = arena.input('ids', 4, (i) => [2, 0, 2, 2][i]!);
      const src = arena.input('src', 8, (i) => [1, 2, 10, 20, 100, 200, 1000, 2000][i]!);
      const table = arena.output('table', 6, (i) => i + 1);
      backend.scatterAddRows(4, 2, 3, ids, src, 0.5, 2, table);
      assertClose('scatterAddRows, ids 2, 0, 2, 2', table, [2 + 5, 4 + 10, 6, 8, 10 + 0.5 + 50 + 500, 12 + 1 + 100 + 1000], { rtol: 0, atol: 0 });
    });
  });
}
