/**
 * The shape every data set in backprop takes: flat row-major inputs and targets. It lives in
 * data/ because data knows no model; model/types.ts re-exports it for the model's own files.
 */

/**
 * A supervised data set held as flat rows: `n` rows of `inputSize` inputs in `x` and
 * `outputSize` targets in `y`. Classification targets are one-hot rows.
 */
export interface Dataset {
  /** n × inputSize, row-major. */
  readonly x: Float32Array;
  /** n × outputSize, row-major (one-hot for classification). */
  readonly y: Float32Array;
  /** Number of rows. */
  readonly n: number;
  /** Values per input row. */
  readonly inputSize: number;
  /** Values per target row. */
  readonly outputSize: number;
  /** Class names in label order, for classification sets. */
  readonly classNames?: readonly string[];
  /** Names of the input columns, where known. */
  readonly featureNames?: readonly string[];
  /**
   * Rows of token ids: every input value is an integer id in [0, vocabSize), for an embedding
   * layer to look up (a text set loaded with `tokens`). Ids are names, not measurements: such
   * rows are never normalised.
   */
  readonly vocabSize?: number;
}
