/**
 * The loops of the embedding ops (arguments, ids included, already checked by the caller): rows
 * of `dim` values gathered from a table by id, and scattered back with accumulation.
 */
import type { FloatArray } from '../backend.js';
import { scaleOutput } from './scale-output.js';

/** out[i, :] = table[ids[i], :]. */
export function gatherRows(n: number, dim: number, table: FloatArray, ids: FloatArray, out: FloatArray): void {
  for (let i = 0; i < n; i++) {
    const from = ids[i] * dim;
    const to = i * dim;
    for (let j = 0; j < dim; j++) out[to + j] = table[from + j];
  }
}

/** table ← beta·table (the first tableRows·dim values), then table[ids[i], :] += alpha·src[i, :] in order of i. */
export function scatterAddRows(n: number, dim: number, tableRows: number, ids: FloatArray, src: FloatArray, alpha: number, beta: number, table: FloatArray): void {
  scaleOutput(tableRows * dim, beta, table);
  for (let i = 0; i < n; i++) {
    const to = ids[i] * dim;
    const from = i * dim;
    for (let j = 0; j < dim; j++) table[to + j] += alpha * src[from + j];
  }
}
