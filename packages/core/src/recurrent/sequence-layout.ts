/**
 * Sequence layouts.
 *
 * The model hands every layer a batch-major matrix: one row per sequence, and within a row the
 * sequence is time-major, i.e. row b = [x_b(0)_0 … x_b(0)_{F−1}, x_b(1)_0 …, x_b(T−1)_{F−1}]
 * (seqLen × features values). The recurrent kernels want the rows of one time step to be
 * contiguous instead (time-major: block t holds the B rows x_0(t) … x_{B−1}(t)), so that a step is
 * one B × F matrix for the GEMMs. These two copies convert between the layouts; they move data
 * and do no arithmetic.
 */
import type { FloatArray } from '../backend/backend.js';

/** dst[(t·B + b)·F + f] = src[b·T·F + t·F + f]: batch-major (B × T·F) to time-major (T·B × F). */
export function toTimeMajor(src: FloatArray, rows: number, steps: number, width: number, dst: FloatArray): void {
  const rowLen = steps * width;
  for (let b = 0; b < rows; b++) {
    const srcRow = b * rowLen;
    for (let t = 0; t < steps; t++) {
      const s = srcRow + t * width;
      dst.set(src.subarray(s, s + width), (t * rows + b) * width);
    }
  }
}

/** The inverse of {@link toTimeMajor}: time-major (T·B × F) to batch-major (B × T·F). */
export function toBatchMajor(src: FloatArray, rows: number, steps: number, width: number, dst: FloatArray): void {
  const rowLen = steps * width;
  for (let t = 0; t < steps; t++) {
    for (let b = 0; b < rows; b++) {
      const s = (t * rows + b) * width;
      dst.set(src.subarray(s, s + width), b * rowLen + t * width);
    }
  }
}
