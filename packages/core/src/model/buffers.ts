/**
 * Reusable row-major buffers. A buffer grows to the largest batch it has seen and hands out
 * cached views for each row count, so a training loop that alternates between a full batch and
 * a last partial batch allocates nothing after its first epoch.
 */
import type { FloatArray } from '../backend/backend.js';
import type { DType } from './types.js';

/** A zeroed array of `n` elements of the given dtype. */
export function allocFloat(dtype: DType, n: number): FloatArray {
  return dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
}

/** Rows of `cols` values, grown on demand, with a cached view per row count. */
export class RowBuffer {
  private data: FloatArray;
  private capacity = 0;
  private readonly views = new Map<number, FloatArray>();

  constructor(
    private readonly dtype: DType,
    readonly cols: number,
  ) {
    this.data = allocFloat(dtype, 0);
  }

  /** A view of exactly rows × cols elements (contents are whatever was last written). */
  view(rows: number): FloatArray {
    const cached = this.views.get(rows);
    if (cached) return cached;
    if (rows > this.capacity) {
      this.data = allocFloat(this.dtype, rows * this.cols);
      this.capacity = rows;
      this.views.clear();
    }
    const v = rows === this.capacity ? this.data : this.data.subarray(0, rows * this.cols);
    // A few row counts at most are live in practice (batch, last batch, evaluation chunk).
    if (this.views.size >= 8) this.views.clear();
    this.views.set(rows, v);
    return v;
  }
}
