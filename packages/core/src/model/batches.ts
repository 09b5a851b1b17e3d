/**
 * The minibatch pipeline: one preallocated batch buffer pair, a per-epoch permutation drawn from
 * the model's seeded PRNG, rows gathered into the buffers (bookkeeping copies, no arithmetic),
 * or plain views of the data when nothing needs gathering (all rows, unshuffled, float32).
 * Training on some rows of a data set (validationSplit) takes their indices instead of a copy.
 */
import type { FloatArray } from '../backend/backend.js';
import type { Rng } from '../util/rng.js';
import { RowBuffer } from './buffers.js';
import type { Dataset, DType } from './types.js';

export class BatchSource {
  readonly batches: number;
  /** Training rows. */
  readonly n: number;
  /** The current batch, set by `load`. */
  x: FloatArray;
  y: FloatArray;
  rows = 0;
  private readonly perm: Uint32Array | null;
  private readonly gather: boolean;
  private readonly xBuf: RowBuffer;
  private readonly yBuf: RowBuffer;
  private readonly views: { x: FloatArray; y: FloatArray }[] = [];

  /**
   * @param index the rows of `data` to train on, in order (row i of the training set is data row
   *   index[i]), or null for all of them
   */
  constructor(
    private readonly data: Dataset,
    private readonly index: Uint32Array | null,
    readonly batchSize: number,
    shuffle: boolean,
    dtype: DType,
    private readonly rng: Rng,
  ) {
    const n = index ? index.length : data.n;
    this.n = n;
    this.batches = Math.ceil(n / batchSize);
    // Shuffling a single full batch changes nothing but the summation order: skip it.
    this.perm = shuffle && this.batches > 1 ? new Uint32Array(n) : null;
    this.gather = this.perm !== null || dtype !== 'float32' || index !== null;
    this.xBuf = new RowBuffer(dtype, data.inputSize);
    this.yBuf = new RowBuffer(dtype, data.outputSize);
    if (!this.gather) {
      for (let b = 0; b < this.batches; b++) {
        const start = b * batchSize;
        const end = Math.min(n, start + batchSize);
        this.views.push({
          x: data.x.subarray(start * data.inputSize, end * data.inputSize),
          y: data.y.subarray(start * data.outputSize, end * data.outputSize),
        });
      }
    }
    this.x = this.xBuf.view(0);
    this.y = this.yBuf.view(0);
  }

  /** Draw this epoch's order (a fresh permutation of 0..n−1, independent of earlier epochs). */
  startEpoch(): void {
    const perm = this.perm;
    if (!perm) return;
    for (let i = 0; i < perm.length; i++) perm[i] = i;
    this.rng.shuffle(perm);
  }

  /** Make batch `b` (0-based) of this epoch current. */
  load(b: number): void {
    const { inputSize, outputSize } = this.data;
    const n = this.n;
    const start = b * this.batchSize;
    const rows = Math.min(n, start + this.batchSize) - start;
    this.rows = rows;
    if (!this.gather) {
      const v = this.views[b] as { x: FloatArray; y: FloatArray };
      this.x = v.x;
      this.y = v.y;
      return;
    }
    const x = this.xBuf.view(rows);
    const y = this.yBuf.view(rows);
    const perm = this.perm;
    const index = this.index;
    for (let r = 0; r < rows; r++) {
      const k = perm ? (perm[start + r] as number) : start + r;
      const i = index ? (index[k] as number) : k;
      copyRow(this.data.x, i, x, r, inputSize);
      copyRow(this.data.y, i, y, r, outputSize);
    }
    this.x = x;
    this.y = y;
  }
}

function copyRow(src: Float32Array, from: number, dst: FloatArray, to: number, cols: number): void {
  if (cols >= 32) dst.set(src.subarray(from * cols, from * cols + cols), to * cols);
  else for (let j = 0; j < cols; j++) dst[to * cols + j] = src[from * cols + j] as number;
}
