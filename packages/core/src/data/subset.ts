import type { Dataset } from './dataset.js';

/**
 * A new data set holding the given rows, in the given order (rows are copied, so the result
 * owns its arrays). Class and feature names and the vocabulary size of token rows are carried over.
 * @param data the data set to take rows from
 * @param indices row indices into `data`, each an integer in [0, data.n)
 */
export function subset(data: Dataset, indices: ArrayLike<number>): Dataset {
  const { inputSize, outputSize } = data;
  const n = indices.length;
  const x = new Float32Array(n * inputSize);
  const y = new Float32Array(n * outputSize);
  for (let i = 0; i < n; i++) {
    const r = indices[i] as number;
    if (!Number.isInteger(r) || r < 0 || r >= data.n) {
      throw new RangeError(`subset: index ${r} at position ${i} is not a row of a data set with ${data.n} rows`);
    }
    x.set(data.x.subarray(r * inputSize, (r + 1) * inputSize), i * inputSize);
    y.set(data.y.subarray(r * outputSize, (r + 1) * outputSize), i * outputSize);
  }
  return withArrays(data, x, y, n);
}

/** Copy `data`'s metadata onto new arrays. */
export function withArrays(data: Dataset, x: Float32Array, y: Float32Array, n: number): Dataset {
  const out: { -readonly [K in keyof Dataset]: Dataset[K] } = {
    x,
    y,
    n,
    inputSize: data.inputSize,
    outputSize: data.outputSize,
  };
  if (data.classNames) out.classNames = data.classNames;
  if (data.featureNames) out.featureNames = data.featureNames;
  if (data.vocabSize !== undefined) out.vocabSize = data.vocabSize;
  return out;
}
