/**
 * Growable scratch arrays for the recurrent kernels: each holds a flat array that is
 * reallocated only when a larger size is asked for, so a training loop allocates nothing after
 * its first batch.
 */
import type { FloatArray } from '../backend/backend.js';
import { allocFloat } from '../model/buffers.js';
import type { DType } from '../model/types.js';

export class Scratch {
  private data: FloatArray;

  constructor(private readonly dtype: DType) {
    this.data = allocFloat(dtype, 0);
  }

  /** A view of exactly `n` elements (contents are whatever was last written, or zeros when new). */
  view(n: number): FloatArray {
    if (n > this.data.length) this.data = allocFloat(this.dtype, n);
    return n === this.data.length ? this.data : this.data.subarray(0, n);
  }
}
