/**
 * Dynamic batching, as Triton's dynamic batcher: rows from concurrent requests for one model are
 * gathered for at most `maxDelayMs` (or until `maxBatchRows` are waiting) and run as one forward
 * pass; each request gets its own rows of the output. One GEMM over 64 rows costs far less than
 * 64 GEMMs over one row, so under load this multiplies the requests served per second. With
 * `maxDelayMs` 0 every request runs alone, at once.
 */

/** Thrown by submit when more rows are waiting than the queue holds. */
export class QueueFullError extends Error {
  constructor(limit: number) {
    super(`the server is busy: more than ${limit} rows are waiting for this model; try again shortly`);
    this.name = 'QueueFullError';
  }
}

export interface BatcherOptions {
  /** How long the first waiting request may wait for others, in ms (0: no batching). */
  readonly maxDelayMs: number;
  /** A batch runs as soon as this many rows wait. */
  readonly maxBatchRows: number;
  /** More rows than this waiting: submit throws QueueFullError. */
  readonly maxQueuedRows: number;
  /** Told the row count of every forward pass run. */
  onBatch?(rows: number): void;
}

interface Waiting {
  readonly x: Float32Array;
  readonly rows: number;
  resolve(y: Float32Array): void;
  reject(error: unknown): void;
}

export class Batcher {
  private waiting: Waiting[] = [];
  private waitingRows = 0;
  private timer: NodeJS.Timeout | undefined;

  /**
   * @param forward the model's forward pass: `rows` rows of `inputSize` values in, `rows` rows of
   *   `outputSize` values out
   */
  constructor(
    private readonly forward: (x: Float32Array, rows: number) => Float32Array,
    private readonly inputSize: number,
    private readonly outputSize: number,
    private readonly options: BatcherOptions,
  ) {}

  /** Rows waiting now. */
  get queued(): number {
    return this.waitingRows;
  }

  /** The outputs of `rows` rows of x, computed in a batch with whatever else arrives meanwhile. */
  submit(x: Float32Array, rows: number): Promise<Float32Array> {
    if (this.options.maxDelayMs <= 0) {
      this.options.onBatch?.(rows);
      return Promise.resolve(this.forward(x, rows));
    }
    if (this.waitingRows + rows > this.options.maxQueuedRows) return Promise.reject(new QueueFullError(this.options.maxQueuedRows));
    return new Promise((resolve, reject) => {
      this.waiting.push({ x, rows, resolve, reject });
      this.waitingRows += rows;
      if (this.waitingRows >= this.options.maxBatchRows) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.maxDelayMs);
    });
  }

  /** Runs every waiting request now, in batches of at most maxBatchRows rows (a larger request alone). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.waiting.length > 0) {
      const batch: Waiting[] = [];
      let rows = 0;
      while (this.waiting.length > 0 && (batch.length === 0 || rows + this.waiting[0]!.rows <= this.options.maxBatchRows)) {
        const next = this.waiting.shift()!;
        batch.push(next);
        rows += next.rows;
      }
      this.waitingRows -= rows;
      this.run(batch, rows);
    }
  }

  private run(batch: readonly Waiting[], rows: number): void {
    const x = new Float32Array(rows * this.inputSize);
    let at = 0;
    for (const w of batch) {
      x.set(w.x, at * this.inputSize);
      at += w.rows;
    }
    let y: Float32Array;
    try {
      this.options.onBatch?.(rows);
      y = this.forward(x, rows);
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    at = 0;
    for (const w of batch) {
      // A copy, so that one response does not hold the whole batch's output alive.
      w.resolve(y.slice(at * this.outputSize, (at + w.rows) * this.outputSize));
      at += w.rows;
    }
  }
}
